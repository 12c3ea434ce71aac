/** @module The command line of `npm run bench`, read into the options of a run. */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type SizeLabel, sizes } from "../corpus/prepare";
import { peerNames } from "../peers/registry";

export const usage = `Usage: npm run bench -- [--size ${sizes.join("|")}[,…]] [--quick] [--queries N] [--peers a,b | --no-peers]
                      [--no-http] [--http-seconds N] [--connections N] [--extract | --no-extract]
                      [--phases build,ours,peers,http] [--cache-dir DIR] [--out DIR] [--doc FILE] [--seed N]
                      [--heap-mb N] [--timeout-min N]

  --size      corpus sizes to run, in order (default 19k): 5k is a seeded sample of Reuters-21578, 19k is all of it,
              100k and 1m are synthetic articles made from its sentences (generated once into --cache-dir)
  --quick     the 5k corpus, 5 s HTTP runs: a few minutes in all
  --peers     ${peerNames.join(", ")} (default: all)
  --no-http   skip the HTTP run (by default it runs for 5k and 19k only)
  --extract   also time the default build with entity extraction (default for 5k and 19k)
  --phases    run only these phases; the others are taken from the size's earlier results (same --cache-dir)`;

export const phaseNames = ["build", "ours", "peers", "http"] as const;
export type PhaseName = (typeof phaseNames)[number];

export interface RunOptions {
  sizes: SizeLabel[];
  queries: number;
  peers: string[];
  /** undefined: the default (HTTP for the Reuters-sized corpora only). */
  http: boolean | undefined;
  httpSeconds: number;
  connections: number;
  extract: boolean | undefined;
  cacheDir: string;
  outDir: string;
  doc: string;
  seed: number;
  heapMb: number | undefined;
  timeoutMs: number;
  phases: PhaseName[];
  command: string;
}

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not "${value}".`);
  return n;
};

/**
 * @example
 * parseOptions(["--size", "100k,1m", "--no-http"]).sizes; // ["100k", "1m"]
 */
export function parseOptions(argv: string[]): RunOptions {
  const { values: a } = parseArgs({
    args: argv,
    options: {
      size: { type: "string", multiple: true },
      quick: { type: "boolean", default: false },
      queries: { type: "string" },
      peers: { type: "string" },
      "no-peers": { type: "boolean", default: false },
      http: { type: "boolean" },
      "no-http": { type: "boolean", default: false },
      "http-seconds": { type: "string" },
      connections: { type: "string" },
      extract: { type: "boolean" },
      "no-extract": { type: "boolean", default: false },
      "cache-dir": { type: "string" },
      out: { type: "string", default: "bench/results" },
      doc: { type: "string", default: "docs/benchmarks.md" },
      seed: { type: "string" },
      "heap-mb": { type: "string" },
      "timeout-min": { type: "string" },
      phases: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (a.help) throw new Error(usage);
  const wanted = a.quick ? ["5k"] : (a.size ?? ["19k"]).flatMap((s) => s.split(",")).map((s) => s.trim().toLowerCase());
  for (const s of wanted)
    if (!(sizes as readonly string[]).includes(s)) throw new Error(`--size must be one of ${sizes.join(", ")}, not "${s}".\n${usage}`);
  const peers = a["no-peers"] ? [] : (a.peers?.split(",").map((p) => p.trim()) ?? peerNames);
  for (const p of peers)
    if (!peerNames.includes(p)) throw new Error(`--peers: unknown peer "${p}"; the peers are ${peerNames.join(", ")}.`);
  const phases = a.phases?.split(",").map((p) => p.trim()) ?? [...phaseNames];
  for (const p of phases)
    if (!(phaseNames as readonly string[]).includes(p))
      throw new Error(`--phases: unknown phase "${p}"; the phases are ${phaseNames.join(", ")}.`);
  return {
    sizes: wanted as SizeLabel[],
    phases: phases as PhaseName[],
    queries: positive("queries", a.queries, 1000),
    peers,
    http: a["no-http"] ? false : a.http,
    httpSeconds: positive("http-seconds", a["http-seconds"], a.quick ? 5 : 10),
    connections: positive("connections", a.connections, 32),
    extract: a["no-extract"] ? false : a.extract,
    cacheDir: a["cache-dir"] ?? join(tmpdir(), "edge-search-bench"),
    outDir: a.out,
    doc: a.doc,
    seed: positive("seed", a.seed, 20261122),
    heapMb: a["heap-mb"] === undefined ? undefined : positive("heap-mb", a["heap-mb"], 4096),
    timeoutMs: positive("timeout-min", a["timeout-min"], 45) * 60_000,
    command: `npm run bench${argv.length ? ` -- ${argv.join(" ")}` : ""}`,
  };
}
