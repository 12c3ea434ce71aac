import { existsSync, rmSync } from "node:fs";
import { cp, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { ASSETS_DIR, assetsProblems, bulkFileProblem, bulkFiles, LIVE_FILE } from "../../src/build/bundle-files";
import { compactionDue } from "../../src/build/compact";
import { ASSETS_FREE_FILES, ASSETS_PAID_FILES, BULK_MAX_BYTES, BULK_MAX_PAIRS, FREE_PLAN_KEYS, type Profile } from "../../src/build/layout";
import { updateArchive } from "../../src/build/update";
import { LIVE_MANIFEST_KEY } from "../../src/format/bundle";
import { Manifest } from "../../src/format/manifest-schema";
import { liveVersionOf } from "../../src/format/reader";
import { buildWidget } from "../build/build-widget";
import {
  buildToDisk,
  compactToDisk,
  entityOptions,
  entityPipelineOptions,
  idsToDelete,
  maxMovedOption,
  targetOf,
  updateOptions,
} from "../shared/build-options";
import { fail, formatBytes, parseCli, say } from "../shared/cli";
import { ensureHeap } from "../shared/heap";
import { servedSegments, uploadPlan } from "./upload-plan";
import { bulkPut, getValue, listKeys, type Target, wrangler } from "./wrangler";

/** Largest Worker Cloudflare takes, compressed (Workers limits: "Worker size"). */
const WORKER_FREE_GZIP = 3 * 1024 * 1024;
const WORKER_PAID_GZIP = 10 * 1024 * 1024;
/** Largest value of a Worker's environment variable (Workers limits: "Environment variable size"). */
const MAX_VAR_BYTES = 5 * 1024;
const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;

const { values: args } = parseCli({
  options: {
    "dry-run": { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
    local: { type: "boolean", default: false },
    env: { type: "string" },
    input: { type: "string", multiple: true },
    out: { type: "string", default: "dist/bundle" },
    profile: { type: "string", default: "default" },
    shards: { type: "string" },
    target: { type: "string", default: "kv" },
    "skip-invalid": { type: "boolean", default: false },
    ...updateOptions,
    "no-compact": { type: "boolean", default: false },
    // The build's own options, as `npm run build` takes them.
    ...entityOptions,
  },
});
const target: Target = { local: args.local, ...(args.env ? { env: args.env } : {}) };
// The build's own checks of its options, as `npm run build` makes them.
if (args.profile !== "default" && args.profile !== "free") fail(`--profile must be "default" or "free", not "${args.profile}".`);
const shards = args.shards === undefined ? undefined : Number(args.shards);
if (shards !== undefined && !(Number.isInteger(shards) && shards >= 1 && shards <= 65536))
  fail(`--shards must be an integer from 1 to 65536, not "${args.shards}".`);
const bundleTarget = targetOf(args.target);
const assets = bundleTarget === "assets";
if (args.update && assets) fail("--update adds a delta to the archive in --out and uploads it to KV: not with --target assets.");
if (assets && args.local) {
  fail(
    "--local loads wrangler's local KV; a bundle deployed as assets needs none. Serve it locally with: npx wrangler dev --config wrangler.assets.json",
  );
}
/**
 * The archive folder the deploy works in: `--out`, or for a dry run of an update a copy of it (a dry run changes
 * nothing: the update and a compaction are made on the copy, removed at exit).
 */
let out = args.out;
if (args.update && args["dry-run"] && existsSync(join(args.out, "manifest.json"))) {
  out = await mkdtemp(join(tmpdir(), "edge-search-dry-run-"));
  await cp(args.out, out, { recursive: true });
  const copy = out;
  process.on("exit", () => rmSync(copy, { recursive: true, force: true }));
}
// Without --input a deploy builds the demo articles (seeds/): never over a bundle already in --out, which may be an
// archive of the operator's own documents, updated since.
if (!args.input?.length && !args["skip-build"] && !args.update && existsSync(join(args.out, "manifest.json"))) {
  const held = Manifest.parse(JSON.parse(await readFile(join(args.out, "manifest.json"), "utf8")));
  fail(
    `${args.out} holds a bundle already (version ${liveVersionOf(held)}, ${(held.archive?.documents ?? held.counts.documents).toLocaleString("en-US")} documents${held.deltas?.length ? `, ${held.deltas.length} update${held.deltas.length > 1 ? "s" : ""}` : ""}); ` +
      "without --input this deploy would build the demo articles over it. Deploy it as it is: npm run deploy -- --skip-build" +
      `${args.out === "dist/bundle" ? "" : ` --out ${args.out}`}; or build and deploy documents: --input PATH (--input seeds for the demo).`,
  );
}
/** The config `wrangler deploy` is given with `--target assets`: wrangler.toml's, with the bundle's folder as the Worker's assets. */
const ASSETS_CONFIG = "wrangler.assets.json";
const steps = assets ? 3 : 5;
/** The environment named to `wrangler deploy`; `--env=""` is the top level (production), said so to wrangler. */
const envFlag = `--env=${args.env ?? ""}`;
const where = args.local ? "local KV" : `Cloudflare${args.env ? ` (env ${args.env})` : ""}`;
const resume = `npm run deploy -- --skip-build${args.update ? " --update" : ""}${args.out === "dist/bundle" ? "" : ` --out ${args.out}`}${args.env ? ` --env ${args.env}` : ""}${args.local ? " --local" : ""}${assets ? " --target assets" : ""}`;

/** Runs one step; on failure says which step failed, that the previous version still serves, and how to resume. */
async function step<T>(n: number, name: string, run: () => T | Promise<T>): Promise<T> {
  say(`[${n}/${steps}] ${name}`);
  try {
    return await run();
  } catch (error) {
    // A first step that fails built or added nothing to upload: the same command runs again once the cause is fixed.
    const again = n === 1 ? "Fix the cause, then run the same command again." : `Fix the cause, then resume with: ${resume}`;
    fail(
      `Step ${n} (${name}) failed: ${(error as Error).message}\n` +
        (assets
          ? `Nothing was deployed: the previous Worker version still serves. ${again}`
          : // The live manifest is switched last, in one key: a step that fails leaves it where it was.
            `The live manifest was not touched: the previous version still serves. ${again}`),
    );
  }
}

if (!args["skip-build"] && !args.update) await ensureHeap(args.input?.length ? args.input : ["seeds"], say);
/** With `--update`: the delta the update wrote (its version), the only keys to upload besides the live manifest. */
let delta: string | undefined;
/** With `--update`: the update made the archive due for compaction, and it was built again as one base. */
let compacted = false;
// Resuming an update (`--update --skip-build`): its delta is the archive's newest.
if (args.update && args["skip-build"]) {
  const here = Manifest.parse(JSON.parse(await readFile(join(out, "manifest.json"), "utf8")));
  delta = here.deltas?.at(-1)?.version;
  // An archive of one base (compacted): the whole of it.
  compacted = delta === undefined;
}
await step(
  1,
  args["skip-build"] ? `Checking the bundle in ${out}` : args.update ? `Adding the update to ${out}` : "Building the bundle",
  async () => {
    await buildWidget({ write: true });
    if (args["skip-build"]) return;
    if (args.update) {
      // An update applies to what serves: the namespace's live version must be the archive's in --out.
      const here = Manifest.parse(JSON.parse(await readFile(join(out, "manifest.json"), "utf8")));
      if (!args["dry-run"]) {
        const text = getValue(LIVE_MANIFEST_KEY, target);
        if (!text) throw new Error(`nothing is live in ${where}: deploy the archive first (npm run deploy -- --skip-build)`);
        const there = liveVersionOf(Manifest.parse(JSON.parse(text)));
        if (there !== liveVersionOf(here))
          throw new Error(`${where} serves ${there}, the archive in ${out} is ${liveVersionOf(here)} [update_base_not_live]`);
      }
      const result = await updateArchive(out, args.input ?? [], {
        withdraw: idsToDelete(args.delete),
        ...(args.base ? { base: args.base } : {}),
        ...(args["merge-deltas"] ? { mergeDeltas: true } : {}),
        ...maxMovedOption(args["max-moved"]),
        skipInvalid: args["skip-invalid"],
        ...(args["no-cache"] ? {} : { cache: args["cache-dir"] }),
        say,
      });
      const { plan } = result;
      // As `npm run build -- --update` says them: ids --skip-invalid went past.
      for (const id of plan.unknown) say(`  skipped withdrawal of ${JSON.stringify(id)}: no document has this id [update_unknown_id]`);
      say(
        `  ${plan.added - (plan.moved ?? 0)} added, ${plan.corrected} corrected, ${plan.withdrawn} withdrawn, ${plan.unchanged} unchanged${plan.moved ? `, ${plan.moved} of the archive's moved after a late one (dated after it)` : ""}`,
      );
      if (result.keys === 0) {
        say("✔ Nothing to deploy: the archive holds these documents already.");
        process.exit(0);
      }
      delta = result.delta?.manifest.version;
      const due = args["no-compact"] ? undefined : compactionDue(result.live);
      if (due) {
        // Compacted, the archive is one base again: it is uploaded whole, as a build is.
        say(`  compacting (${due}): the live documents built again as one base`);
        // The archive's own facets, as before: not the ones this deploy names.
        const { bundle } = await compactToDisk(out, { ...entityPipelineOptions(args), facets: undefined, say });
        say(`  compacted: version ${bundle.manifest.version}, ${bundle.manifest.counts.documents.toLocaleString("en-US")} documents`);
        delta = undefined;
        compacted = true;
      }
      return;
    }
    const { bundle, read } = await buildToDisk(args.input?.length ? args.input : ["seeds"], out, bundleTarget, {
      profile: args.profile as Profile,
      ...(shards === undefined ? {} : { shards }),
      skipInvalid: args["skip-invalid"],
      ...entityPipelineOptions(args),
      say,
    });
    say(`  ${read.documents.length.toLocaleString("en-US")} documents, version ${bundle.manifest.version}`);
  },
);

const manifestText = await readFile(join(out, "manifest.json"), "utf8");
const manifest = Manifest.parse(JSON.parse(manifestText));
// An update uploads its delta's files alone: the archive's keys are in the namespace already.
const updated = (await bulkFiles(out)).filter(
  (f) => !args.update || compacted || f.endsWith(LIVE_FILE) || (delta !== undefined && f.includes(`delta-${delta}-`)),
);
// Deploying an archive as it is (`--skip-build`) whose base the namespace serves (updated with `npm run build --
// --update` since): its base and the deltas already live are not written again, only the deltas since.
let served = new Set<string>();
if (!assets && args["skip-build"] && !args.update && !args["dry-run"]) {
  const text = getValue(LIVE_MANIFEST_KEY, target);
  // An unreadable live value is no reason to skip anything: the whole archive is uploaded, as for a first deploy.
  let live: ReturnType<typeof Manifest.safeParse> | undefined;
  try {
    live = text === undefined ? undefined : Manifest.safeParse(JSON.parse(text));
  } catch {
    live = undefined;
  }
  served = servedSegments(live?.success ? live.data : undefined, manifest);
}
const { files, segments } = uploadPlan(updated, manifest.version, served);
/** wrangler.toml as wrangler reads it, with the bundle's `assets/` folder as the Worker's Static Assets, bound as `BUNDLE`. */
async function writeAssetsConfig(): Promise<void> {
  const folder = join(out, ASSETS_DIR);
  const found = await stat(join(folder, "manifest")).catch(() => undefined);
  if (!found) throw new Error(`${folder} holds no bundle: build it with --target assets (drop --skip-build)`);
  const { experimental_readRawConfig } = await import("wrangler");
  const { rawConfig } = experimental_readRawConfig({ config: "wrangler.toml" });
  // Every request reaches the Worker: the bundle's files are read through the binding, never served as they are. No
  // KV namespace: the Worker reads none when it has the assets, and none need exist.
  const withoutKv = <T extends object>(c: T) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== "kv_namespaces"));
  const envs = Object.fromEntries(Object.entries(rawConfig.env ?? {}).map(([name, c]) => [name, withoutKv(c as object)]));
  const config = {
    ...withoutKv(rawConfig),
    ...(rawConfig.env ? { env: envs } : {}),
    assets: { directory: resolve(folder), binding: "BUNDLE", run_worker_first: true },
  };
  await writeFile(ASSETS_CONFIG, `${JSON.stringify(config, null, 2)}\n`);
}
const configFlag = assets ? ["--config", ASSETS_CONFIG] : [];
/** Every key the upload writes but the live manifest's: what step 3 checks is in the namespace after it. */
const expected: string[] = [];
const plan = await step(2, "Planning", async () => {
  let pairs = 0;
  if (assets) await writeAssetsConfig();
  /** Bulk files changed since the build wrote them (a value edited, cut or added): refused after the missing keys. */
  const changed: string[] = [];
  for (const file of assets ? [] : files) {
    const text = await readFile(file);
    const problem = await bulkFileProblem(file, text);
    if (problem) changed.push(problem);
    const items = JSON.parse(text.toString("utf8")) as { key: string; value: string; base64?: boolean }[];
    const n = items.length;
    const bytes = text.length;
    if (n > BULK_MAX_PAIRS || bytes >= BULK_MAX_BYTES) throw new Error(`${file} holds ${n} pairs, ${bytes} bytes: over wrangler's limits`);
    pairs += n;
    for (const { key } of items) if (key !== LIVE_MANIFEST_KEY) expected.push(key);
  }
  // A bundle missing keys (a file cut short, a pair deleted) is refused before anything is uploaded.
  for (const version of assets ? [] : segments) {
    const own = expected.filter((key) => key.startsWith(`bundle/${version}/`)).length;
    const base = version === manifest.version;
    const whole = base ? manifest.counts.keys : manifest.deltas?.find((d) => d.version === version)?.counts.keys;
    // A base's count has the live manifest too; a delta's is its own keys.
    if (whole !== undefined && own < (base ? whole - 1 : whole))
      throw new Error(`the bulk files hold ${own} keys of version ${version}, its manifest counts ${whole}: build it again`);
  }
  if (assets) changed.push(...(await assetsProblems(out)));
  if (changed.length > 0) throw new Error(`${changed.join("; ")}: build it again`);
  const outdir = join("dist", "worker");
  wrangler(["deploy", "--dry-run", "--outdir", outdir, envFlag, ...configFlag]);
  const worker = await readFile(join(outdir, "index.js"));
  return { pairs, worker: worker.length, workerGzip: gzipSync(worker).length };
});
const count = (n: number) => n.toLocaleString("en-US");
if (assets) {
  const keys = manifest.counts.keys;
  say(
    `  version ${manifest.version}: ${count(keys)} files as the Worker's Static Assets, ${formatBytes(manifest.counts.bytes)}, no KV writes and no KV reads; ` +
      `a Worker version takes ${count(ASSETS_FREE_FILES)} files on the Free plan, ${count(ASSETS_PAID_FILES)} on the Paid plan` +
      `${keys > ASSETS_FREE_FILES ? " — over the Free plan's: use a paid plan, build with --profile free, or deploy to KV" : ""}`,
  );
} else {
  const deltasSince =
    segments.length > 0 ? `${segments.map((v) => `delta ${v}`).join(", ")} of ${manifest.version}` : "the live manifest alone";
  const uploading = delta ? `delta ${delta} of ${manifest.version}` : served.size > 0 ? deltasSince : `version ${manifest.version}`;
  if (served.size > 0)
    say(
      `  ${where} serves this archive's base${served.size > 1 ? ` and ${served.size - 1} of its deltas` : ""} already: ` +
        `${segments.length === 0 ? "nothing but the live manifest to upload" : `only ${segments.length === 1 ? "the delta" : `the ${segments.length} deltas`} since`}`,
    );
  say(
    `  ${uploading}: ${count(plan.pairs)} keys (= KV writes) in ${files.length} bulk files${delta || served.size > 0 ? "" : `, ${formatBytes(manifest.counts.bytes)}`}; ` +
      `the Free plan allows ${count(FREE_PLAN_KEYS)} writes a day${plan.pairs > FREE_PLAN_KEYS ? " — over it: build with --profile free, or use a paid plan" : ""}`,
  );
}
say(
  `  Worker: ${formatBytes(plan.worker)}, ${formatBytes(plan.workerGzip)} gzipped: ${percent(plan.workerGzip, WORKER_FREE_GZIP)} of the Free plan's ` +
    `${formatBytes(WORKER_FREE_GZIP)} and ${percent(plan.workerGzip, WORKER_PAID_GZIP)} of the Paid plan's ${formatBytes(WORKER_PAID_GZIP)} ` +
    "(Cloudflare's Workers limits, compressed size)",
);
say(`  target: ${assets ? `Cloudflare${args.env ? ` (env ${args.env})` : ""}, the bundle as the Worker's Static Assets` : where}`);
if (args["dry-run"]) {
  // A dry run reads nothing of the namespace: the plan above counts every segment of the archive.
  if (!assets && args["skip-build"] && !args.update && manifest.deltas?.length)
    say("  (a dry run does not read the namespace: deployed, the segments it serves already are not uploaded again)");
  say(
    `✔ Dry run: nothing was uploaded. ${
      assets
        ? `The assets in ${join(out, ASSETS_DIR)}, wrangler's config in ${ASSETS_CONFIG}`
        : out === args.out
          ? `Bulk files in ${join(out, "kv")}`
          : `The update was made on a copy of ${args.out}, removed now; ${args.out} is as it was`
    }, the Worker in dist/worker.`,
  );
  process.exit(0);
}

/** The Worker carries the manifest of the version it goes live with (a var holds at most 5 KB). */
function manifestVar(): string[] {
  const deployed = JSON.stringify(JSON.parse(manifestText));
  if (Buffer.byteLength(deployed) <= MAX_VAR_BYTES) return ["--var", `BUNDLE_MANIFEST:${deployed}`];
  say(`  the manifest is over ${MAX_VAR_BYTES} bytes: fresh isolates will read it first`);
  return [];
}
if (assets) {
  // The assets go live with the Worker version, atomically: there is no live manifest to switch.
  await step(3, "Deploying the Worker with its bundle as Static Assets", () =>
    wrangler(["deploy", envFlag, ...configFlag, ...manifestVar()]),
  );
  say(`✔ Version ${manifest.version} is live on Cloudflare. Roll back with: npx wrangler rollback`);
  process.exit(0);
}

await step(3, `Uploading ${plan.pairs.toLocaleString("en-US")} keys to ${where}`, () => {
  for (const file of files.filter((f) => !f.endsWith(LIVE_FILE))) {
    bulkPut(file, target);
    say(`  ${file}`);
  }
  // A half-uploaded version is never served: check it is whole before switching (every key of its files is in the
  // namespace, and its manifest reads back).
  for (const uploaded of segments) {
    if (!getValue(`bundle/${uploaded}/manifest`, target)) throw new Error(`the manifest of ${uploaded} is not readable after the upload`);
    const stored = new Set(listKeys(`bundle/${uploaded}/`, target));
    const missing = expected.filter((key) => key.startsWith(`bundle/${uploaded}/`) && !stored.has(key));
    if (missing.length > 0)
      throw new Error(`${missing.length} of the version's keys are not in ${where} after the upload (${missing.slice(0, 3).join(", ")}…)`);
  }
});
if (!args.local) {
  // The Worker first, then the live manifest: the new Worker reads the version still live (a bundle of before reads as
  // well), while an old Worker might not read the new one (packed tail chunks, cut name groups). It carries the
  // manifest of the version it goes live with: a fresh isolate reads its first values without waiting for the live
  // manifest, checks it in the same round trip, and answers from the live one while they differ.
  const vars = manifestVar();
  await step(4, "Deploying the Worker", () => wrangler(["deploy", envFlag, ...vars]));
}
await step(args.local ? 4 : 5, `Pointing the live manifest at ${liveVersionOf(manifest)}`, () =>
  bulkPut(join(out, "kv", LIVE_FILE), target),
);
say(
  `✔ Version ${liveVersionOf(manifest)}${manifest.deltas?.length ? ` (base ${manifest.version} and ${manifest.deltas.length} delta${manifest.deltas.length > 1 ? "s" : ""})` : ""} is live on ${where}. Roll back with: npm run rollback -- <version>`,
);
