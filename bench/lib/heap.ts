/** @module Heap and CPU readings: the heap after a full collection (node --expose-gc), CPU time from process.cpuUsage. */
import { readFileSync } from "node:fs";

/** Whether readings are after a real collection: without --expose-gc they include garbage. */
export const canCollect = (): boolean => typeof globalThis.gc === "function";

/** Bytes of live heap, after two full collections when `gc` is exposed. */
export function liveHeap(): number {
  globalThis.gc?.();
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}

/** Milliseconds of CPU (user + system) since `start`. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/**
 * Milliseconds the main thread alone has run (Linux's schedstat), or undefined elsewhere. Unlike
 * `process.cpuUsage`, it leaves out V8's background threads (concurrent marking and sweeping, compilers),
 * which other work's garbage puts on whichever query runs.
 */
export function threadCpuMs(): number | undefined {
  try {
    return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}
