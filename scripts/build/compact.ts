/** @module `npm run compact`: an updated archive's live documents built again as one base, its deltas merged in. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ASSETS_DIR } from "../../src/build/bundle-files";
import { EntityModelError } from "../../src/build/entities/tagger/model";
import { BundleBuildError } from "../../src/build/write";
import { AppError } from "../../src/errors";
import { compactToDisk, entityOptions, entityPipelineOptions } from "../shared/build-options";
import { fail, parseCli, say } from "../shared/cli";

const usage = `Usage: npm run compact -- [--out DIR] [--registry FILE] [--cache-dir DIR | --no-cache]
  builds the live documents of the archive in DIR (default dist/bundle) again as one bundle, in DIR`;
const { values: args } = parseCli({ options: { out: { type: "string", default: "dist/bundle" }, ...entityOptions } }, usage);
const started = performance.now();
try {
  const { bundle } = await compactToDisk(args.out, { ...entityPipelineOptions(args), say });
  const assets = existsSync(join(args.out, ASSETS_DIR));
  say(
    `✔ Compacted → ${args.out}: version ${bundle.manifest.version}, ${bundle.manifest.counts.documents.toLocaleString("en-US")} documents, ` +
      `${bundle.manifest.counts.keys.toLocaleString("en-US")} keys, ${((performance.now() - started) / 1000).toFixed(1)} s. Deploy it with: npm run deploy -- --skip-build${args.out === "dist/bundle" ? "" : ` --out ${args.out}`}${assets ? " --target assets" : ` (locally: npm run load:local -- --bundle ${args.out})`}`,
  );
} catch (error) {
  if (error instanceof AppError) fail(`${args.out}: ${error.message} [${error.code}]`);
  if (error instanceof BundleBuildError || error instanceof EntityModelError) fail(`${error.message} [${error.code}]`);
  if ((error as NodeJS.ErrnoException).code === "ENOENT") fail(`${args.out}: no archive to compact (${(error as Error).message}).`);
  throw error;
}
