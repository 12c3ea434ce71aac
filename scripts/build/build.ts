/** @module `npm run build`: documents → entities → a sharded KV bundle on disk. */
import { ASSETS_DIR } from "../../src/build/bundle-files";
import { EntityModelError } from "../../src/build/entities/tagger/model";
import { IngestError } from "../../src/build/ingest/read-inputs";
import type { Profile } from "../../src/build/layout";
import { BundleBuildError } from "../../src/build/write";
import { buildToDisk, entityOptions, entityPipelineOptions, targetOf } from "../shared/build-options";
import { fail, formatBytes, parseCli, progress, say } from "../shared/cli";
import { ensureHeap } from "../shared/heap";

const usage = `Usage: npm run build -- [--input PATH...] [--out DIR] [--shards N] [--profile default|free]
                        [--target kv|assets] [--skip-invalid] [--no-entities] [--registry FILE]
                        [--facet FIELD...] [--cache-dir DIR | --no-cache]`;

const { values: args } = parseCli(
  {
    options: {
      input: { type: "string", multiple: true },
      out: { type: "string", default: "dist/bundle" },
      shards: { type: "string" },
      profile: { type: "string", default: "default" },
      target: { type: "string", default: "kv" },
      "skip-invalid": { type: "boolean", default: false },
      ...entityOptions,
      help: { type: "boolean", default: false },
    },
  },
  usage,
);
if (args.help) {
  say(usage);
  process.exit(0);
}
const inputs = args.input?.length ? args.input : ["seeds"];
const profile = args.profile as Profile;
if (profile !== "default" && profile !== "free") fail(`--profile must be "default" or "free", not "${args.profile}".\n${usage}`);
const target = targetOf(args.target, usage);
const shards = args.shards === undefined ? undefined : Number(args.shards);
if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1 && shards <= 65536)) {
  fail(`--shards must be an integer from 1 to 65536, not "${args.shards}".`);
}

await ensureHeap(inputs, say);
const started = performance.now();
say(`Reading documents from ${inputs.length > 3 ? `${inputs.slice(0, 3).join(", ")} and ${inputs.length - 3} more` : inputs.join(", ")}`);
try {
  const { bundle, read, entitySeconds, written } = await buildToDisk(inputs, args.out, target, {
    skipInvalid: args["skip-invalid"],
    ...entityPipelineOptions(args),
    profile,
    shards,
    say,
    onProgress: progress,
  });
  for (const skip of read.skipped) {
    say(`  skipped ${skip.file}${skip.line ? `:${skip.line}` : ""}${skip.id ? ` (id ${skip.id})` : ""}: ${skip.reason} [${skip.code}]`);
  }
  const m = bundle.manifest;
  const n = (x: number) => x.toLocaleString("en-US");
  say(
    `✔ Bundle ${m.version} → ${written.dir}: ${n(m.counts.documents)} documents from ${n(read.files)} files, ` +
      `${n(read.skipped.length)} skipped, ${n(m.counts.terms)} terms, ${n(m.layout.term)} shards, ${n(m.counts.entities)} entities ` +
      `(${entitySeconds.toFixed(1)} s, text indexed meanwhile), ${n(m.counts.keys)} keys, ${formatBytes(m.counts.bytes)} ` +
      `(largest value ${formatBytes(written.largestValue)}), ${written.files.length + 1} bulk files, ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (target === "assets") say(`  and ${n(m.counts.keys)} files in ${written.dir}/${ASSETS_DIR}, for the Worker's Static Assets`);
} catch (error) {
  if (error instanceof IngestError) fail(`${error.message}\nFix these, or pass --skip-invalid to index the rest and report them.`);
  if (error instanceof BundleBuildError || error instanceof EntityModelError) fail(`${error.message} [${error.code}]`);
  throw error;
}
