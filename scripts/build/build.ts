/** @module `npm run build`: documents → entities → a sharded KV bundle on disk; `--update` adds a delta segment to one. */
import { readFileSync } from "node:fs";
import { ASSETS_DIR } from "../../src/build/bundle-files";
import { EntityModelError } from "../../src/build/entities/tagger/model";
import { buildFingerprint, recordBuild, unchangedBuild } from "../../src/build/fingerprint";
import { IngestError } from "../../src/build/ingest/read-inputs";
import type { Profile } from "../../src/build/layout";
import { extractSlice, parseSlice } from "../../src/build/scale-out";
import { UpdateError, updateArchive } from "../../src/build/update";
import { BundleBuildError } from "../../src/build/write";
import { AppError } from "../../src/errors";
import {
  buildToDisk,
  entityOptions,
  entityPipelineOptions,
  idsToDelete,
  maxMovedOption,
  targetOf,
  updateOptions,
} from "../shared/build-options";
import { fail, formatBytes, parseCli, progress, say } from "../shared/cli";
import { ensureHeap } from "../shared/heap";

const usage = `Usage: npm run build -- [--input PATH...] [--out DIR] [--shards N] [--profile default|free]
                        [--target kv|assets] [--skip-invalid] [--no-entities] [--registry FILE]
                        [--facet FIELD...] [--cache-dir DIR | --no-cache] [--force]
         (the same documents, options and code as the bundle in DIR was built from: nothing to do, unless --force)
       npm run build -- --segment I/N --input PATH... --cache-dir DIR
         extracts the entities of slice I of N of the documents into the extraction cache DIR (one machine a slice);
         then npm run build -- --input PATH... --combine DIR [--combine DIR...] builds the archive with those caches
       npm run build -- --update [--out DIR] [--base VERSION] [--input PATH...] [--delete FILE...] [--skip-invalid]
                        [--max-moved N]
         adds the documents of PATH (new ones, and corrections of documents the archive in DIR holds) as a
         delta segment, withdraws the ids listed in FILE (one a line) and the records {"id", "deleted": true},
         and writes the new live manifest; a late document (older than the archive's newest) moves the archive's
         documents dated after it after it, at most N of them (default 1,000, or 1% of the archive)`;

const { values: args } = parseCli(
  {
    options: {
      input: { type: "string", multiple: true },
      out: { type: "string", default: "dist/bundle" },
      shards: { type: "string" },
      profile: { type: "string", default: "default" },
      target: { type: "string", default: "kv" },
      "skip-invalid": { type: "boolean", default: false },
      ...updateOptions,
      segment: { type: "string" },
      combine: { type: "string", multiple: true },
      ...entityOptions,
      force: { type: "boolean", default: false },
    },
  },
  usage,
);
if (args.update) await update();
if (args.segment !== undefined) await segment(args.segment);
if (args.combine?.length && args["no-cache"]) fail("--combine reads the segments' caches into the build's: not with --no-cache.");
const inputs = args.input?.length ? args.input : ["seeds"];
const profile = args.profile as Profile;
if (profile !== "default" && profile !== "free") fail(`--profile must be "default" or "free", not "${args.profile}".\n${usage}`);
const target = targetOf(args.target, usage);
const shards = args.shards === undefined ? undefined : Number(args.shards);
if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1 && shards <= 65536)) {
  fail(`--shards must be an integer from 1 to 65536, not "${args.shards}".`);
}

const started = performance.now();
// The same documents, options and code as the bundle there was built from: it would be the same bundle.
const fingerprint =
  args.force || args["no-cache"] || args.combine?.length
    ? undefined
    : await buildFingerprint(inputs, {
        profile,
        shards,
        target,
        skipInvalid: args["skip-invalid"],
        entities: !args["no-entities"],
        facets: args.facet ?? [],
        registry: args.registry ? readFileSync(args.registry, "utf8") : null,
      }).catch(() => undefined);
const unchanged = fingerprint ? await unchangedBuild(args.out, fingerprint) : undefined;
if (unchanged) {
  say(
    `✔ Bundle ${unchanged} in ${args.out} was built from these documents, with these options and this code: nothing to do (${((performance.now() - started) / 1000).toFixed(1)} s; --force builds it again)`,
  );
  process.exit(0);
}
await ensureHeap(inputs, say);
say(`Reading documents from ${inputs.length > 3 ? `${inputs.slice(0, 3).join(", ")} and ${inputs.length - 3} more` : inputs.join(", ")}`);
try {
  const { bundle, read, entitySeconds, written } = await buildToDisk(inputs, args.out, target, {
    skipInvalid: args["skip-invalid"],
    ...entityPipelineOptions(args),
    profile,
    shards,
    ...(args.combine?.length ? { combine: args.combine } : {}),
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
  if (fingerprint) await recordBuild(written.dir, fingerprint, m.version, written.files);
} catch (error) {
  if (error instanceof IngestError) fail(`${error.message}\nFix these, or pass --skip-invalid to index the rest and report them.`);
  if (error instanceof BundleBuildError || error instanceof EntityModelError) fail(`${error.message} [${error.code}]`);
  throw error;
}

/** `--update`: a delta segment and a new live manifest for the archive in `--out`. */
async function update(): Promise<never> {
  const started = performance.now();
  const withdraw = idsToDelete(args.delete);
  if (!args.input?.length && withdraw.length === 0) fail(`--update needs documents (--input) or ids to delete (--delete).\n${usage}`);
  try {
    const { plan, delta, live, keys, read } = await updateArchive(args.out, args.input ?? [], {
      withdraw,
      ...(args.base ? { base: args.base } : {}),
      ...(args["merge-deltas"] ? { mergeDeltas: true } : {}),
      ...maxMovedOption(args["max-moved"]),
      skipInvalid: args["skip-invalid"],
      ...(args["no-entities"] ? { entities: false } : {}),
      ...(args["no-cache"] ? {} : { cache: args["cache-dir"] }),
      say,
    });
    for (const skip of read.skipped) say(`  skipped ${skip.file}${skip.line ? `:${skip.line}` : ""}: ${skip.reason} [${skip.code}]`);
    for (const id of plan.unknown) say(`  skipped withdrawal of ${JSON.stringify(id)}: no document has this id [update_unknown_id]`);
    const n = (x: number) => x.toLocaleString("en-US");
    if (keys === 0) {
      say(`Nothing to update: ${n(plan.unchanged)} documents as the archive has them already.`);
      process.exit(0);
    }
    say(
      `✔ Update → ${args.out}: ${n(plan.added - (plan.moved ?? 0))} added, ${n(plan.corrected)} corrected, ${n(plan.withdrawn)} withdrawn, ` +
        `${n(plan.unchanged)} unchanged${plan.moved ? `, ${n(plan.moved)} of the archive's moved after a late one (dated after it)` : ""}; ${delta ? `delta ${delta.manifest.version} (${n(delta.manifest.counts.entities)} entity records), ` : ""}` +
        `${n(keys)} keys to write; the archive: ${n(live.archive?.documents ?? live.counts.documents)} documents in ${n(1 + (live.deltas?.length ?? 0))} segments, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    process.exit(0);
  } catch (error) {
    if (error instanceof UpdateError) fail(`${error.message} [${error.code}]`);
    if (error instanceof IngestError) fail(`${error.message}\nFix these, or pass --skip-invalid to index the rest and report them.`);
    if (error instanceof AppError) fail(`${args.out}: ${error.message} [${error.code}]`);
    if (error instanceof BundleBuildError || error instanceof EntityModelError) fail(`${error.message} [${error.code}]`);
    throw error;
  }
}

/** `--segment i/n`: one slice's entities extracted into the extraction cache, for a build elsewhere to `--combine`. */
async function segment(text: string): Promise<never> {
  const slice = parseSlice(text);
  if (!slice) fail(`--segment must be I/N with 1 ≤ I ≤ N, not "${text}".\n${usage}`);
  if (args["no-cache"]) fail("--segment fills an extraction cache: not with --no-cache.");
  const started = performance.now();
  const inputs = args.input?.length ? args.input : ["seeds"];
  try {
    const done = await extractSlice(inputs, slice.index, slice.count, args["cache-dir"], {
      skipInvalid: args["skip-invalid"],
      onProgress: (n, total) => progress("entities", n, total),
    });
    const n = (x: number) => x.toLocaleString("en-US");
    say(
      `✔ Segment ${slice.index}/${slice.count}: ${n(done.documents)} of ${n(done.of)} documents, ${n(done.extracted)} extracted into ${args["cache-dir"]}, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s. Build the archive with every segment's cache: npm run build -- --input … --combine DIR…`,
    );
    process.exit(0);
  } catch (error) {
    if (error instanceof IngestError) fail(`${error.message}\nFix these, or pass --skip-invalid to index the rest and report them.`);
    if (error instanceof EntityModelError) fail(`${error.message} [${error.code}]`);
    throw error;
  }
}
