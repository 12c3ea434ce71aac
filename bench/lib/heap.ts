/** @module Heap and CPU readings: the heap after a full collection (node --expose-gc), CPU time from process.cpuUsage. */

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
