/** @module Where the Reuters-21578 corpus is, and reading it through the build's own ingest. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readInputs } from "../../src/build/ingest/read-inputs";
import type { SourceDocument } from "../../src/format/schema";

/** The repository's root. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** `../shared/corpora/reuters21578.jsonl` beside the repository, unless `BENCH_REUTERS` names another file. */
export function reutersPath(): string {
  return process.env.BENCH_REUTERS ?? resolve(ROOT, "../shared/corpora/reuters21578.jsonl");
}

export const reutersAvailable = (path = reutersPath()): boolean => existsSync(path);

/** Documents exactly as `npm run build` reads them, in input order. */
export async function readDocuments(inputs: string[]): Promise<SourceDocument[]> {
  return (await readInputs(inputs)).documents;
}
