/** @module Warm queries: one isolate answering query after query through its shared, byte-bounded cache; and the heap it keeps. */
import type { Manifest } from "../../src/format/bundle";
import { BundleReader, readManifest } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { matchQuery, search } from "../../src/search/engine";
import { parseQuery } from "../../src/search/parse-query";
import { canCollect, cpuMsSince, liveHeap } from "../lib/heap";
import { type Summary, summarize } from "../lib/stats";

export interface WarmReport {
  cacheBudgetBytes: number;
  /** The first pass over the queries: the isolate is warm, its cache fills as it goes. */
  firstPassMs: Summary;
  /** The second pass: latency of a warm isolate (full search: rank, metadata, snippets). */
  wallMs: Summary;
  cpuMs: Summary;
  /** Finding and ranking only (no metadata, no snippets): what the unsharded peers do. */
  matchMs: Summary;
  /** Full search with a cache large enough for every value the queries touch: compute alone, no misses. */
  unboundedMs: Summary;
  /** Values answered by the cache in the second pass, out of all values asked for. */
  cacheHitRatio: number;
  cacheBytes: number;
  cacheEntries: number;
  /** Live heap after loading the engine and the manifest, before any query. */
  heapBeforeBytes: number;
  /** Live heap after the first pass: 1,000 distinct queries with the cache budget on. */
  heapAfterBytes: number;
  /** Whether the heap was read after a full collection (node --expose-gc). */
  gc: boolean;
}

/** Latency of the queries through a cache that never evicts (filled by one unmeasured pass). */
async function hotPass(store: KvSource, manifest: Manifest, queries: string[]): Promise<number[]> {
  const cache = new LruCache<unknown>(Number.MAX_SAFE_INTEGER);
  const times: number[] = [];
  for (const pass of [0, 1]) {
    for (const q of queries) {
      const reader = new BundleReader(store, cache, manifest, newReadStats());
      const started = performance.now();
      await search(bundleEngine(reader), reader, { q: `${q} `, limit: 10, offset: 0 });
      if (pass === 1) times.push(performance.now() - started);
    }
  }
  return times;
}

/**
 * @example
 * const report = await measureWarm(kvDirSource(dir), queries, 32 * 1024 * 1024);
 */
export async function measureWarm(store: KvSource, queries: string[], cacheBudget: number): Promise<WarmReport> {
  const cache = new LruCache<unknown>(cacheBudget);
  const manifest = await readManifest(store);
  const heapBeforeBytes = liveHeap();
  const run = async (q: string, stats = newReadStats()) => {
    const reader = new BundleReader(store, cache, manifest, stats);
    const started = performance.now();
    await search(bundleEngine(reader), reader, { q: `${q} `, limit: 10, offset: 0 });
    return performance.now() - started;
  };
  const firstPass: number[] = [];
  for (const q of queries) firstPass.push(await run(q));
  const heapAfterBytes = liveHeap();
  const wall: number[] = [];
  const cpu: number[] = [];
  const stats = newReadStats();
  for (const q of queries) {
    const before = process.cpuUsage();
    wall.push(await run(q, stats));
    cpu.push(cpuMsSince(before));
  }
  const match: number[] = [];
  for (const q of queries) {
    const reader = new BundleReader(store, cache, manifest, newReadStats());
    const parsed = parseQuery(`${q} `);
    const started = performance.now();
    await matchQuery(bundleEngine(reader), parsed);
    match.push(performance.now() - started);
  }
  const unbounded = await hotPass(store, manifest, queries);
  return {
    cacheBudgetBytes: cacheBudget,
    firstPassMs: summarize(firstPass),
    wallMs: summarize(wall),
    cpuMs: summarize(cpu),
    matchMs: summarize(match),
    unboundedMs: summarize(unbounded),
    cacheHitRatio: Math.round((stats.cacheHits / Math.max(1, stats.cacheHits + stats.keys)) * 1000) / 1000,
    cacheBytes: cache.bytes,
    cacheEntries: cache.size,
    heapBeforeBytes,
    heapAfterBytes,
    gc: canCollect(),
  };
}
