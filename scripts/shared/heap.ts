/**
 * @module The heap a build needs. Node's default limit (about 4 GB on a 64-bit machine) holds the build of some
 * 150,000 articles with entities; past it the build would die with "JavaScript heap out of memory". A build of more
 * input runs again in a child process with a larger limit, up to most of the machine's memory.
 */
import { spawnSync } from "node:child_process";
import { stat } from "node:fs/promises";
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import { listFiles } from "../../src/build/ingest/list-files";
import { formatBytes } from "./cli";

/**
 * Heap a build may hold per byte of input, with room for the collector: 100 MB of news (100,000 synthetic articles)
 * holds 2.3 GB at the build's peak with entities, and 200 MB ran out of the default 4.3 GB.
 */
export const HEAP_PER_INPUT_BYTE = 40;
/** The share of the machine's memory a build may take at most. */
export const MEMORY_SHARE = 0.8;
/** Set in the child a build runs again in: it never runs again itself. */
const RAISED = "EDGE_SEARCH_HEAP_RAISED";

/** What to do about the heap: keep it, or run again with `megabytes`; `short` when even that may not hold the build. */
export type HeapPlan = { raise: false } | { raise: true; megabytes: number; short: boolean };

/**
 * The heap a build of `inputBytes` needs against the limit it has and the machine's memory.
 * @example
 * heapPlan(20e6, 4.3e9, 24e9); // { raise: false }: Reuters fits the default
 * heapPlan(200e6, 4.3e9, 24e9); // { raise: true, megabytes: 7629, short: false }
 */
export function heapPlan(inputBytes: number, limitBytes: number, memoryBytes: number): HeapPlan {
  const need = inputBytes * HEAP_PER_INPUT_BYTE;
  if (need <= limitBytes) return { raise: false };
  const most = memoryBytes * MEMORY_SHARE;
  if (most <= limitBytes) return { raise: false };
  return { raise: true, megabytes: Math.floor(Math.min(need, most) / 2 ** 20), short: need > most };
}

/** Bytes of the files the inputs name (folders walked as the build walks them). */
async function inputBytes(inputs: string[]): Promise<number> {
  let total = 0;
  for (const entry of await listFiles(inputs)) {
    if (entry.ok)
      total += await stat(entry.path).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

/**
 * Makes sure this build has the heap its inputs need: when Node's limit is too low, runs the same script again with
 * a larger one (`--max-old-space-size`), waits for it and exits with its status. Returns in the process that builds.
 * @example
 * await ensureHeap(inputs, say); // before buildFromInputs
 */
export async function ensureHeap(inputs: string[], say: (message: string) => void): Promise<void> {
  if (process.env[RAISED]) return;
  const bytes = await inputBytes(inputs);
  const limit = getHeapStatistics().heap_size_limit;
  const plan = heapPlan(bytes, limit, totalmem());
  if (!plan.raise) return;
  const gb = (n: number) => `${(n / 2 ** 30).toFixed(1)} GB`;
  say(
    `${formatBytes(bytes)} of input: giving the build a heap of ${gb(plan.megabytes * 2 ** 20)} (Node's limit is ${gb(limit)})` +
      (plan.short
        ? `; it may need ${gb(bytes * HEAP_PER_INPUT_BYTE)}, more than ${MEMORY_SHARE * 100}% of this machine's ${gb(totalmem())}`
        : ""),
  );
  const execArgv = process.execArgv.filter((flag) => !flag.startsWith("--max-old-space-size"));
  const child = spawnSync(process.execPath, [...execArgv, `--max-old-space-size=${plan.megabytes}`, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, [RAISED]: "1" },
  });
  process.exit(child.status ?? 1);
}
