/** @module Cold queries: each one as a fresh isolate answers it, with a new manifest read, an empty cache and a new reader. */
import { BundleReader, readManifest } from "../../src/format/reader";
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
  /** Times each query was answered cold (each time from a fresh state); the CPU figures are over every answer. */
  rounds?: number;
  /**
   * Each query's least CPU over its rounds: the query's own work, without the pauses (a collection, a background
   * thread) that land on one answer or another. Absent in results from before it was measured.
   */
  ownCpuMs?: Summary;
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
  /** The answers that took the most CPU, with their query's least CPU over the rounds. */
  slowest: { q: string; cpuMs: number; ownCpuMs?: number; bytes: number; total: number }[];
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

/** Cold answers of each query: CPU varies from one answer to the next, bytes and reads do not. */
export const COLD_ROUNDS = 2;

/**
 * Runs every query cold, `COLD_ROUNDS` times (all queries, then all again). The JIT is warm by then (the first
 * query of a process is measured apart, by the caller). The heap is collected once before: a fresh isolate
 * does not inherit an earlier phase's garbage.
 * @example
 * const report = await measureCold(kvDirSource(dir), queries, 32 * 1024 * 1024);
 */
export async function measureCold(store: KvSource, queries: string[], cacheBudget: number): Promise<ColdReport> {
  globalThis.gc?.();
  const rounds: ColdSample[][] = [];
  for (let round = 0; round < COLD_ROUNDS; round++) {
    const answers: ColdSample[] = [];
    for (const q of queries) answers.push(await coldQuery(store, q, cacheBudget));
    rounds.push(answers);
  }
  const samples = rounds[0] ?? [];
  const every = rounds.flat();
  const own = samples.map((s, i) => Math.min(...rounds.map((r) => r[i]?.cpuMs ?? s.cpuMs)));
  const of = (f: (s: ColdSample) => number, digits = 3) => summarize(samples.map(f), digits);
  const ofEvery = (f: (s: ColdSample) => number) => summarize(every.map(f), 3);
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
    rounds: rounds.length,
    cpuMs: ofEvery((s) => s.cpuMs),
    ownCpuMs: summarize(own, 3),
    engineCpuMs: ofEvery((s) => s.engineCpuMs),
    ...(every.every((s) => Number.isFinite(s.threadCpuMs)) ? { threadCpuMs: ofEvery((s) => s.threadCpuMs) } : {}),
    wallMs: ofEvery((s) => s.wallMs),
    manifestMs: of((s) => s.manifestMs),
    bytesByKind,
    heaviest: top((s) => s.bytes).map((s) => ({
      q: s.q,
      bytes: s.bytes,
      cpuMs: ms(s.cpuMs),
      largestKey: s.largest.key.split("/").slice(2).join("/"),
      largestBytes: s.largest.bytes,
    })),
    slowest: [...every]
      .sort((a, b) => b.cpuMs - a.cpuMs)
      .slice(0, 5)
      .map((s) => ({
        q: s.q,
        cpuMs: ms(s.cpuMs),
        ownCpuMs: ms(own[samples.findIndex((t) => t.q === s.q)] ?? s.cpuMs),
        bytes: s.bytes,
        total: s.total,
      })),
  };
}
