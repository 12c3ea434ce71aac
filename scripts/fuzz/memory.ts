/** @module One isolate's memory under many distinct queries: the engine through one byte-bounded cache, heap measured, answers checked against a cold cache's. */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { memorySource } from "../../src/build/memory-source";
import type { Bundle } from "../../src/build/write";
import { BundleReader } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { search } from "../../src/search/engine";

export interface MemoryOptions {
  /** The isolate's cache budget (the Worker's `CACHE_BUDGET_MB`, default 32). */
  budgetBytes?: number;
  /** Compare every n-th answer with a cold cache's (default 20). */
  sampleEvery?: number;
  onProgress?: (done: number, heapMb: number) => void;
  /** Queries run through the cache before the heap is first measured (to fill the cache, so growth is the queries' own). */
  warmup?: string[];
}

export interface MemoryReport {
  queries: number;
  budgetMb: number;
  /** Heap after a collection: before the first query, halfway, after the last. */
  heapBeforeMb: number;
  heapHalfwayMb: number;
  heapAfterMb: number;
  /** The largest heap seen (sampled, not collected). */
  heapPeakMb: number;
  /** What the cache believes it holds, and how many values. */
  cacheMb: number;
  cacheEntries: number;
  /** Values loaded from the store (misses): more than the cache holds means it evicted. */
  loads: number;
  compared: number;
  mismatches: string[];
  seconds: number;
}

/** A full garbage collection, if the runtime lets us ask for one. */
function collector(): () => void {
  try {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    return () => {
      gc();
      gc();
    };
  } catch {
    return () => {};
  }
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * Runs `queries` through one cache, as one isolate would, and checks a sample against a fresh isolate's answers.
 * @example
 * const report = await isolateMemory(bundle, realisticQueries(bundle, 10_000, { distinct: true }));
 */
export async function isolateMemory(bundle: Bundle, queries: string[], options: MemoryOptions = {}): Promise<MemoryReport> {
  const budgetBytes = options.budgetBytes ?? 32 * 1024 * 1024;
  const sampleEvery = options.sampleEvery ?? 20;
  const gc = collector();
  const source = memorySource(bundle);
  const cache = new LruCache<unknown>(budgetBytes);
  const stats = newReadStats();
  const answer = async (q: string, c: LruCache<unknown>) => {
    const reader = new BundleReader(source, c, bundle.manifest, c === cache ? stats : newReadStats());
    try {
      return JSON.stringify(await search(bundleEngine(reader), reader, { q, limit: 10, offset: 0 }));
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  };
  for (const q of options.warmup ?? []) await answer(q, cache);
  const started = performance.now();
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let heapHalfway = heapBefore;
  let compared = 0;
  const mismatches: string[] = [];
  for (const [i, q] of queries.entries()) {
    const warm = await answer(q, cache);
    if (i % sampleEvery === 0) {
      compared++;
      const cold = await answer(q, new LruCache(budgetBytes));
      if (warm !== cold && mismatches.length < 20) mismatches.push(`${JSON.stringify(q)}: ${warm.slice(0, 200)} ≠ ${cold.slice(0, 200)}`);
    }
    if (i % 100 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    if (i === Math.floor(queries.length / 2)) {
      gc();
      heapHalfway = process.memoryUsage().heapUsed;
    }
    if (i % 1000 === 999) options.onProgress?.(i + 1, mb(process.memoryUsage().heapUsed));
  }
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    queries: queries.length,
    budgetMb: mb(budgetBytes),
    heapBeforeMb: mb(heapBefore),
    heapHalfwayMb: mb(heapHalfway),
    heapAfterMb: mb(heapAfter),
    heapPeakMb: mb(Math.max(heapPeak, heapAfter)),
    cacheMb: mb(cache.bytes),
    cacheEntries: cache.size,
    loads: stats.keys,
    compared,
    mismatches,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
