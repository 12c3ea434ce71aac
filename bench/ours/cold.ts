/** @module Cold queries: each one as a fresh isolate answers it, with a new manifest read, an empty cache and a new reader. */
import { BundleReader, readManifest } from "../../src/bundle/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { search } from "../../src/search/engine";
import { cpuMsSince, threadCpuMs } from "../lib/heap";
import { type Summary, summarize } from "../lib/stats";
import { countingSource, newReadLog } from "./counting-source";

export interface ColdSample {
  q: string;
  roundTrips: number;
  /** Round trips for the live manifest and the index (term shards, prefix groups): what finding the hits costs. */
  indexRoundTrips: number;
  /** Round trips for the hits' metadata (titles, snippets). */
  metaRoundTrips: number;
  keys: number;
  bytes: number;
  bytesByKind: Record<string, number>;
  largest: { key: string; bytes: number };
  /** CPU of the whole query, reading the store included. */
  cpuMs: number;
  /** CPU of the query without the store's own reading. */
  engineCpuMs: number;
  /** CPU of the main thread alone (the isolate's thread), reading the store included; NaN where it cannot be read. */
  threadCpuMs: number;
  wallMs: number;
  /** Reading and checking the live manifest alone. */
  manifestMs: number;
  total: number;
}

export interface ColdReport {
  queries: number;
  roundTrips: Summary;
  indexRoundTrips: Summary;
  metaRoundTrips: Summary;
  keys: Summary;
  bytes: Summary;
  cpuMs: Summary;
  engineCpuMs: Summary;
  /** Absent where the main thread's CPU cannot be read (not Linux), and in results from before it was measured. */
  threadCpuMs?: Summary;
  wallMs: Summary;
  manifestMs: Summary;
  /** Mean bytes a cold query reads, by kind of key, and each kind's share of all bytes read. */
  bytesByKind: Record<string, { mean: number; share: number }>;
  /** The queries that read the most bytes, with the largest value each read. */
  heaviest: { q: string; bytes: number; cpuMs: number; largestKey: string; largestBytes: number }[];
  /** The queries that took the most CPU. */
  slowest: { q: string; cpuMs: number; bytes: number; total: number }[];
}

/** Answers `q` as a fresh isolate would, counting everything it reads. */
export async function coldQuery(store: KvSource, q: string, cacheBudget: number): Promise<ColdSample> {
  const log = newReadLog();
  const source = countingSource(store, log);
  const thread = threadCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const manifest = await readManifest(source);
  const manifestMs = performance.now() - started;
  const reader = new BundleReader(source, new LruCache(cacheBudget), manifest, newReadStats());
  // A whole query, as `npm run query` sends it: the trailing space keeps the last word from matching as a prefix.
  const result = await search(bundleEngine(reader), reader, { q: `${q} `, limit: 10, offset: 0 });
  const wallMs = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  const threadEnd = threadCpuMs();
  const count = (purpose: string) => log.trips.filter((t) => t.purpose === purpose).length;
  return {
    q,
    roundTrips: log.trips.length,
    indexRoundTrips: count("manifest") + count("index"),
    metaRoundTrips: count("meta"),
    keys: log.trips.reduce((n, t) => n + t.keys, 0),
    bytes: log.trips.reduce((n, t) => n + t.bytes, 0),
    bytesByKind: log.bytesByKind,
    largest: log.largest,
    cpuMs,
    engineCpuMs: Math.max(0, cpuMs - log.storeCpuMs),
    threadCpuMs: thread === undefined || threadEnd === undefined ? Number.NaN : threadEnd - thread,
    wallMs,
    manifestMs,
    total: result.total,
  };
}

/**
 * Runs every query cold. The JIT is warm by then (the first query of a process is measured apart, by the caller).
 * @example
 * const report = await measureCold(kvDirSource(dir), queries, 32 * 1024 * 1024);
 */
export async function measureCold(store: KvSource, queries: string[], cacheBudget: number): Promise<ColdReport> {
  const samples: ColdSample[] = [];
  for (const q of queries) samples.push(await coldQuery(store, q, cacheBudget));
  const of = (f: (s: ColdSample) => number, digits = 3) => summarize(samples.map(f), digits);
  const totalBytes = samples.reduce((n, s) => n + s.bytes, 0) || 1;
  const kinds = new Set(samples.flatMap((s) => Object.keys(s.bytesByKind)));
  const bytesByKind: ColdReport["bytesByKind"] = {};
  for (const kind of kinds) {
    const sum = samples.reduce((n, s) => n + (s.bytesByKind[kind] ?? 0), 0);
    bytesByKind[kind] = { mean: Math.round(sum / samples.length), share: Math.round((sum / totalBytes) * 1000) / 1000 };
  }
  const top = (f: (s: ColdSample) => number) => [...samples].sort((a, b) => f(b) - f(a)).slice(0, 5);
  const ms = (n: number) => Math.round(n * 100) / 100;
  return {
    queries: samples.length,
    roundTrips: of((s) => s.roundTrips, 0),
    indexRoundTrips: of((s) => s.indexRoundTrips, 0),
    metaRoundTrips: of((s) => s.metaRoundTrips, 0),
    keys: of((s) => s.keys, 0),
    bytes: of((s) => s.bytes, 0),
    cpuMs: of((s) => s.cpuMs),
    engineCpuMs: of((s) => s.engineCpuMs),
    ...(samples.every((s) => Number.isFinite(s.threadCpuMs)) ? { threadCpuMs: of((s) => s.threadCpuMs) } : {}),
    wallMs: of((s) => s.wallMs),
    manifestMs: of((s) => s.manifestMs),
    bytesByKind,
    heaviest: top((s) => s.bytes).map((s) => ({
      q: s.q,
      bytes: s.bytes,
      cpuMs: ms(s.cpuMs),
      largestKey: s.largest.key.split("/").slice(2).join("/"),
      largestBytes: s.largest.bytes,
    })),
    slowest: top((s) => s.cpuMs).map((s) => ({ q: s.q, cpuMs: ms(s.cpuMs), bytes: s.bytes, total: s.total })),
  };
}
