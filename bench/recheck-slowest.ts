/**
 * @module Are the slowest cold queries slow, or was it the moment? Runs every query of a size's set cold, then the
 * 8 that took the most CPU once more. Run after `npm run bench -- --size 19k` (it reads that run's files):
 * `npx tsx bench/recheck-slowest.ts /tmp/edge-search-bench/run-19k`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { QuerySet } from "./ours/build";
import { coldQuery } from "./ours/cold";
import { kvDirSource } from "./ours/kv-dir";

const dir = process.argv[2] ?? "/tmp/edge-search-bench/run-19k";
const store = kvDirSource(join(dir, "kv"));
const { measured } = JSON.parse(readFileSync(join(dir, "queries.json"), "utf8")) as QuerySet;
const budget = 32 * 1024 * 1024;
const runs: { q: string; cpu: number }[] = [];
for (const q of measured) runs.push({ q, cpu: (await coldQuery(store, q, budget)).engineCpuMs });
runs.sort((a, b) => b.cpu - a.cpu);
const at = (share: number) => runs[Math.floor(runs.length * share)]?.cpu.toFixed(1);
console.log(`${runs.length} cold queries: CPU p50 ${at(0.5)} ms, p99 ${at(0.01)} ms. The slowest 8, run again:`);
for (const { q, cpu } of runs.slice(0, 8)) {
  const again = (await coldQuery(store, q, budget)).engineCpuMs;
  console.log(`  ${q.padEnd(32)} ${cpu.toFixed(1)} ms, then ${again.toFixed(1)} ms`);
}
