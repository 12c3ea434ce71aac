/** @module Our engine's query measurements over a KV directory, in the order a new isolate lives them: first query, warm queries and heap, cold queries. */
import { readFileSync } from "node:fs";
import type { QuerySet } from "./build";
import { type ColdReport, coldQuery, measureCold } from "./cold";
import { kvDirSource } from "./kv-dir";
import { measureWarm, type WarmReport } from "./warm";

export interface OursArgs {
  kvDir: string;
  queriesFile: string;
  /** The isolate's cache budget (`CACHE_BUDGET_MB`), in bytes. */
  cacheBudget: number;
}

export interface OursReport {
  /** The very first query of the process: the JIT is cold too, as in a brand-new isolate. */
  firstQuery: { cpuMs: number; wallMs: number; bytes: number };
  warm: WarmReport;
  cold: ColdReport;
}

const ms = (n: number) => Math.round(n * 100) / 100;

/**
 * @example
 * const { cold, warm } = await oursPhase({ kvDir, queriesFile, cacheBudget: 32 * 1024 * 1024 });
 */
export async function oursPhase(args: OursArgs): Promise<OursReport> {
  const queries = JSON.parse(readFileSync(args.queriesFile, "utf8")) as QuerySet;
  const store = kvDirSource(args.kvDir);
  // A query that is not in the measured set, so the warm pass still starts from an empty cache.
  const first = await coldQuery(store, queries.http[0] ?? queries.measured[0] ?? "news", args.cacheBudget);
  const warm = await measureWarm(store, queries.measured, args.cacheBudget);
  const cold = await measureCold(store, queries.measured, args.cacheBudget);
  return { firstQuery: { cpuMs: ms(first.cpuMs), wallMs: ms(first.wallMs), bytes: first.bytes }, warm, cold };
}
