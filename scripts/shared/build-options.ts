/** @module The build's options as `npm run build` and `npm run deploy` both take them, what they mean to the pipeline, and the build both run. */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ASSETS_DIR, type Target, type WrittenBundle, writeBundle } from "../../src/build/bundle-files";
import { asRecord, liveDocuments } from "../../src/build/compact";
import { DEFAULT_CACHE_DIR } from "../../src/build/entities/cache";
import { ASSETS_FREE_FILES } from "../../src/build/layout";
import { buildFromInputs, type PipelineOptions, type PipelineResult } from "../../src/build/pipeline";
import { Manifest } from "../../src/format/manifest-schema";
import { fail } from "./cli";

/** `parseArgs` options of the entity and facet steps, the same in both commands. */
export const entityOptions = {
  "no-entities": { type: "boolean", default: false },
  registry: { type: "string" },
  facet: { type: "string", multiple: true },
  "cache-dir": { type: "string", default: DEFAULT_CACHE_DIR },
  "no-cache": { type: "boolean", default: false },
} as const;

/**
 * The pipeline's options from those parsed values.
 * @example
 * await buildFromInputs(inputs, { ...entityPipelineOptions(args), say });
 */
export function entityPipelineOptions(args: {
  "no-entities"?: boolean;
  registry?: string;
  facet?: string[];
  "cache-dir"?: string;
  "no-cache"?: boolean;
}): Pick<PipelineOptions, "entities" | "registry" | "facets" | "cache"> {
  return {
    entities: !args["no-entities"],
    registry: args.registry,
    facets: args.facet,
    ...(args["no-cache"] ? {} : { cache: args["cache-dir"] }),
  };
}

/** The options of an update (`--update`), as `npm run build` and `npm run deploy` take them. */
export const updateOptions = {
  update: { type: "boolean", default: false },
  base: { type: "string" },
  delete: { type: "string", multiple: true },
  "merge-deltas": { type: "boolean", default: false },
  "max-moved": { type: "string" },
} as const;

/**
 * `--max-moved N`: the most of the archive's documents an update may move after late ones (see `maxMoved`); a
 * value that is no whole number fails the command.
 * @example
 * maxMovedOption("5000"); // { maxMoved: 5000 }
 */
export function maxMovedOption(text: string | undefined): { maxMoved?: number } {
  if (text === undefined) return {};
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) return fail(`--max-moved must be a whole number of 0 or more, not "${text}".`);
  return { maxMoved: n };
}

/**
 * The ids listed in `--delete` files, one a line (blank lines skipped); a file that cannot be read fails the command.
 * @example
 * idsToDelete(["withdrawn.txt"]); // ["reuters-17", "reuters-18"]
 */
export function idsToDelete(files: readonly string[] = []): string[] {
  return files.flatMap((file) => {
    try {
      return readFileSync(file, "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean);
    } catch (error) {
      return fail(`--delete ${file}: ${(error as Error).message}`);
    }
  });
}

/**
 * Builds the live documents of the updated archive in `out` again as one base, in `out` (`npm run compact`, and
 * `npm run deploy -- --update` past the compaction threshold): its facets unless `options` names others.
 * @example
 * const { bundle, documents, deltas } = await compactToDisk("dist/bundle", { say });
 */
export async function compactToDisk(
  out: string,
  options: Omit<PipelineOptions, "spool" | "keyBudget">,
): Promise<PipelineResult & { written: WrittenBundle; documents: number; deltas: number }> {
  const live = Manifest.parse(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")));
  const docs = await liveDocuments(out);
  options.say?.(
    `Compacting ${docs.length.toLocaleString("en-US")} live documents of ${out} (a base and ${live.deltas?.length ?? 0} deltas)`,
  );
  const spool = `${out}.compact-${process.pid}.jsonl`;
  try {
    writeFileSync(spool, `${docs.map((d) => JSON.stringify(asRecord(d))).join("\n")}\n`);
    const facets = options.facets?.length ? options.facets : live.engine.facets;
    // An archive built for Static Assets stays one: its assets folder is written again, not removed.
    const target: Target = existsSync(join(out, ASSETS_DIR)) ? "assets" : "kv";
    const built = await buildToDisk([spool], out, target, { ...options, ...(facets ? { facets } : {}) });
    return { ...built, documents: docs.length, deltas: live.deltas?.length ?? 0 };
  } finally {
    rmSync(spool, { force: true });
  }
}

/** `--target`, checked: where the bundle goes (`kv` or `assets`). */
export function targetOf(value: string | undefined, usage = ""): Target {
  if (value !== "kv" && value !== "assets") fail(`--target must be "kv" or "assets", not "${value}".${usage ? `\n${usage}` : ""}`);
  return value as Target;
}

/**
 * Builds the bundle of `inputs` and writes its files into `out` for `target`. The values go to a spool file beside
 * `out` as they are made, not the heap, until the files are written (the spool is removed whatever happens); on the
 * free profile a bundle for the Static Assets may have as many keys as a Worker version takes files on the Free plan.
 * @example
 * const { bundle, read, written } = await buildToDisk(["seeds"], "dist/bundle", "kv", { say });
 */
export async function buildToDisk(
  inputs: string[],
  out: string,
  target: Target,
  options: Omit<PipelineOptions, "spool" | "keyBudget">,
): Promise<PipelineResult & { written: WrittenBundle }> {
  const spool = `${out}.spool-${process.pid}`;
  try {
    const built = await buildFromInputs(inputs, { ...options, spool, ...(target === "assets" ? { keyBudget: ASSETS_FREE_FILES } : {}) });
    return { ...built, written: await writeBundle(built.bundle, out, { target }) };
  } finally {
    rmSync(spool, { force: true });
  }
}
