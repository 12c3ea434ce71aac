/** @module Our build, timed: documents to a bundle through the CLI's own pipeline, written as a KV directory; the query set drawn on the way. */
import { writeFileSync } from "node:fs";
import { buildFromInputs } from "../../src/build/pipeline";
import { drawQueries } from "../corpus/queries";
import { readDocuments } from "../corpus/reuters";
import { type BundleStats, bundleStats } from "./bundle-stats";
import { writeKvDir } from "./kv-dir";

export interface BuildArgs {
  inputs: string[];
  kvDir: string;
  /** Where the drawn queries go: `{ measured, http }`. */
  queriesFile: string;
  queries: number;
  httpQueries: number;
  seed: number;
  /** Also time a build with entity extraction (the default `npm run build`). */
  extract: boolean;
  say?: (message: string) => void;
}

export interface QuerySet {
  /** The queries every engine answers, all distinct. */
  measured: string[];
  /** More distinct queries, for the HTTP load (so that the edge cache cannot answer them). */
  http: string[];
}

export interface BuildReport {
  documents: number;
  /** `buildFromInputs` without entities: read, index, shard and serialize. */
  seconds: number;
  docsPerSecond: number;
  stages: { read: number; index: number; shard: number };
  /** Writing the KV directory (not part of the build). */
  writeSeconds: number;
  bundle: BundleStats;
  extraction?: { seconds: number; entitySeconds: number; entities: number; docsPerSecond: number };
}

const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * @example
 * const report = await buildPhase({ inputs: ["corpus.jsonl"], kvDir, queriesFile, queries: 1000, httpQueries: 20000, seed: 1, extract: false });
 */
export async function buildPhase(args: BuildArgs): Promise<BuildReport> {
  const say = args.say ?? (() => {});
  await writeQueries(args);
  const report = await buildOnce(args, say);
  if (!args.extract) return report;
  say("Timing a build with entity extraction (the default `npm run build`)");
  const started = performance.now();
  const { bundle, entitySeconds } = await buildFromInputs(args.inputs, { builtAt: "bench" });
  const total = (performance.now() - started) / 1000;
  return {
    ...report,
    extraction: {
      seconds: seconds(total * 1000),
      entitySeconds: seconds(entitySeconds * 1000),
      entities: bundle.manifest.counts.entities,
      docsPerSecond: Math.round(bundle.manifest.counts.documents / total),
    },
  };
}

/** Draws the query set first (one more read of the corpus), so the peers have it even if our build fails. */
async function writeQueries(args: BuildArgs): Promise<void> {
  const documents = await readDocuments(args.inputs);
  const measured = drawQueries(documents, args.queries, args.seed);
  const http = drawQueries(documents, args.httpQueries, args.seed + 1);
  writeFileSync(args.queriesFile, JSON.stringify({ measured, http } satisfies QuerySet));
}

async function buildOnce(args: BuildArgs, say: (m: string) => void): Promise<BuildReport> {
  say(`Building the bundle without entities from ${args.inputs.length} file(s)`);
  const started = performance.now();
  let readDone = started;
  let indexDone = started;
  const { bundle } = await buildFromInputs(args.inputs, {
    entities: false,
    builtAt: "bench",
    say: (m) => {
      if (m.startsWith("Indexing")) readDone = performance.now();
    },
    onProgress: (stage, done, total) => {
      if (stage === "index" && total !== undefined && done >= total) indexDone = performance.now();
      if (stage === "index" && done % 100_000 === 0 && done < (total ?? 0)) say(`  indexed ${done.toLocaleString("en-US")}`);
    },
  });
  const ended = performance.now();
  const documents = bundle.manifest.counts.documents;
  say(`Writing ${bundle.values.size.toLocaleString("en-US")} keys to ${args.kvDir}`);
  const written = performance.now();
  writeKvDir(bundle, args.kvDir);
  const writeSeconds = seconds(performance.now() - written);
  return {
    documents,
    seconds: seconds(ended - started),
    docsPerSecond: Math.round(documents / ((ended - started) / 1000)),
    stages: { read: seconds(readDone - started), index: seconds(indexDone - readDone), shard: seconds(ended - indexDone) },
    writeSeconds,
    bundle: bundleStats(bundle),
  };
}
