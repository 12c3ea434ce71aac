/**
 * @module The HTTP run: the bare Worker, then ours with distinct queries (the edge cache cannot answer them), then ours
 * with a few queries the edge cache already holds; all in workerd on 127.0.0.1, loaded by autocannon.
 */
import { readFileSync } from "node:fs";
import { seeded, zipf } from "../../scripts/shared/prng";
import { parseServerTiming } from "../../src/worker/http/server-timing";
import type { QuerySet } from "../ours/build";
import { type LoadResult, load } from "./load";
import { bareScript, oursScript } from "./scripts";
import { serve } from "./serve";

export interface HttpArgs {
  kvDir: string;
  queriesFile: string;
  seconds: number;
  connections: number;
  /** Seed of the Zipf query log. */
  seed?: number;
  say?: (message: string) => void;
}

export interface HttpReport {
  bare: LoadResult;
  /** Every request a query not asked before (until the pool runs out). */
  distinct: LoadResult;
  /**
   * The same, with the edge cache and the isolate's answer cache off: the Worker's own cost, without storing every
   * answer.
   */
  distinctNoEdge: LoadResult;
  /**
   * A query log: queries drawn from the pool by Zipf's law (exponent 1), on a Worker fresh at the start (empty
   * caches); popular queries repeat, the long tail does not. Absent in results from before it was measured.
   */
  zipf?: LoadResult;
  /** A small set of queries, each answered once before the run: the isolate's answer cache (or the edge cache) answers. */
  edgeWarm: LoadResult;
  /**
   * Where a distinct query's time goes: the means of `Server-Timing` over distinct queries sent one at a time to the
   * Worker without answer caches after its run (cache as the run left it), and the wall time the client saw. Absent in
   * results from before it was measured.
   */
  breakdown?: Breakdown;
  /** One answer, checked before the runs: status and `Server-Timing`. */
  sample: { status: number; total: number; serverTiming: string };
  /** Ours ÷ bare, in requests per second. */
  ratio: { distinct: number; distinctNoEdge: number; zipf?: number; edgeWarm: number };
}

export interface Breakdown {
  queries: number;
  /** Means, in milliseconds: waiting for KV, the search itself, the Worker's whole answer, and the client's round trip. */
  kvMs: number;
  searchMs: number;
  workerMs: number;
  clientMs: number;
  /** Mean values read from KV per query (cache misses), and answered by the isolate's cache. */
  kvKeys: number;
  cachedValues: number;
}

/** Distinct queries timed one at a time for the breakdown. */
const BREAKDOWN_QUERIES = 300;

/** Sends `queries` one at a time and averages their `Server-Timing`. */
async function breakdownOf(url: URL, queries: string[]): Promise<Breakdown> {
  const sums = { kvMs: 0, searchMs: 0, workerMs: 0, clientMs: 0, kvKeys: 0, cachedValues: 0 };
  for (const q of queries) {
    const started = performance.now();
    const res = await fetch(new URL(searchPath(q), url));
    await res.arrayBuffer();
    sums.clientMs += performance.now() - started;
    const timing = parseServerTiming(res.headers.get("server-timing"));
    sums.kvMs += timing?.kvMs ?? 0;
    sums.searchMs += timing?.searchMs ?? 0;
    sums.workerMs += timing?.totalMs ?? 0;
    sums.kvKeys += timing?.keys ?? 0;
    sums.cachedValues += timing?.cachedValues ?? 0;
  }
  const n = Math.max(1, queries.length);
  const mean = (v: number) => Math.round((v / n) * 100) / 100;
  return {
    queries: queries.length,
    kvMs: mean(sums.kvMs),
    searchMs: mean(sums.searchMs),
    workerMs: mean(sums.workerMs),
    clientMs: mean(sums.clientMs),
    kvKeys: mean(sums.kvKeys),
    cachedValues: mean(sums.cachedValues),
  };
}

/** Queries put in the edge cache before the warm run. */
const EDGE_WARM_QUERIES = 200;

const searchPath = (q: string) => `/search?q=${encodeURIComponent(`${q} `)}&limit=10`;

/**
 * @example
 * const report = await httpPhase({ kvDir, queriesFile, seconds: 10, connections: 32 });
 */
export async function httpPhase(args: HttpArgs): Promise<HttpReport> {
  const say = args.say ?? (() => {});
  const { http, measured } = JSON.parse(readFileSync(args.queriesFile, "utf8")) as QuerySet;
  const pool = http.length > 0 ? http : measured;
  const [bareJs, oursJs] = await Promise.all([bareScript(), oursScript()]);
  const bare = await serve(bareJs);
  const ours = await serve(oursJs, { kvDir: args.kvDir });
  const noEdge = await serve(oursJs, { kvDir: args.kvDir, edgeCache: false, answerCache: false });
  const fresh = await serve(oursJs, { kvDir: args.kvDir });
  try {
    const res = await fetch(new URL(searchPath(pool[0] ?? "news"), ours.url));
    const body = (await res.json()) as { total?: number };
    const sample = { status: res.status, total: body.total ?? 0, serverTiming: res.headers.get("server-timing") ?? "" };
    if (res.status !== 200) throw new Error(`The Worker answered ${res.status} to a search: ${JSON.stringify(body).slice(0, 300)}`);
    const run = { seconds: args.seconds, connections: args.connections };
    say(`HTTP: bare Worker, ${args.seconds} s, ${args.connections} connections`);
    const bareResult = await load("bare", bare.url, () => "/", run);
    say(`HTTP: our Worker, distinct queries, ${args.seconds} s`);
    let next = 1;
    const distinct = await load("distinct", ours.url, () => searchPath(pool[next++ % pool.length] as string), run);
    say(`HTTP: our Worker, distinct queries, edge cache and answer cache off, ${args.seconds} s`);
    await (await fetch(new URL(searchPath(pool[0] ?? "news"), noEdge.url))).arrayBuffer();
    const distinctNoEdge = await load("distinct-no-edge", noEdge.url, () => searchPath(pool[next++ % pool.length] as string), run);
    const unseen = Array.from({ length: Math.min(BREAKDOWN_QUERIES, pool.length) }, () => pool[next++ % pool.length] as string);
    const breakdown = await breakdownOf(noEdge.url, unseen);
    say(`HTTP: our Worker from empty caches, a Zipf query log over ${pool.length.toLocaleString("en-US")} queries, ${args.seconds} s`);
    const random = seeded(args.seed ?? 7);
    const zipfRun = await load("zipf", fresh.url, () => searchPath(pool[zipf(random, pool.length)] as string), run);
    const warmSet = measured.slice(0, EDGE_WARM_QUERIES);
    for (const q of warmSet) await (await fetch(new URL(searchPath(q), ours.url))).arrayBuffer();
    say(`HTTP: our Worker, ${warmSet.length} queries already in the edge cache, ${args.seconds} s`);
    let i = 0;
    const edgeWarm = await load("edge-warm", ours.url, () => searchPath(warmSet[i++ % warmSet.length] as string), run);
    const ratio = (r: LoadResult) => Math.round((r.requestsPerSecond / Math.max(1, bareResult.requestsPerSecond)) * 1000) / 1000;
    return {
      bare: bareResult,
      distinct,
      distinctNoEdge,
      zipf: zipfRun,
      edgeWarm,
      breakdown,
      sample,
      ratio: { distinct: ratio(distinct), distinctNoEdge: ratio(distinctNoEdge), zipf: ratio(zipfRun), edgeWarm: ratio(edgeWarm) },
    };
  } finally {
    await Promise.all([bare.dispose(), ours.dispose(), noEdge.dispose(), fresh.dispose()]);
  }
}
