/** @module Times entity extraction on a JSONL corpus, one thread or the build's parallel step, for the benchmark note. */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import type { EntityDocument } from "../../src/build/entities/merge";
import { buildEntitiesParallel, defaultThreads, extractParallel } from "../../src/build/entities/parallel";

export interface EntitySpeed {
  documents: number;
  seconds: number;
  /** CPU time of the whole process (every thread) over the run. */
  cpuSeconds: number;
  /** Threads that extracted (the main thread included). */
  threads: number;
  /** The 1-minute load average when the run started and when it ended. */
  load: [number, number];
}

/**
 * Reads `{id, title?, body}` or `{id, text}` lines, the first `limit` of them (all when 0).
 * @example
 * const docs = readCorpus("../shared/corpora/reuters21578.jsonl", 3000);
 */
export function readCorpus(path: string, limit = 0): EntityDocument[] {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim());
  return (limit > 0 ? lines.slice(0, limit) : lines).map((line, i) => {
    const record = JSON.parse(line) as { id?: unknown; title?: unknown; body?: unknown; text?: unknown };
    const body = typeof record.body === "string" ? record.body : typeof record.text === "string" ? record.text : "";
    return { id: String(record.id ?? i), title: typeof record.title === "string" ? record.title : "", body };
  });
}

/**
 * Times the extraction of `docs` on `threads` threads (by default as many as `npm run build` would take now, see
 * `defaultThreads`), and with `merge` the merging too, as the build's entity step.
 * @example
 * const { documents, seconds } = await timeEntities(readCorpus("../shared/corpora/reuters21578.jsonl", 3000), { threads: 1 });
 */
export async function timeEntities(
  docs: readonly EntityDocument[],
  options: { threads?: number; merge?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<EntitySpeed> {
  const load = loadavg()[0] ?? 0;
  const threads = options.threads ?? defaultThreads(docs.length);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const run = { threads, threshold: 0, ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  if (options.merge) await buildEntitiesParallel(docs, [], run);
  else await extractParallel(docs, run);
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  return { documents: docs.length, seconds, cpuSeconds: (user + system) / 1e6, threads, load: [load, loadavg()[0] ?? 0] };
}
