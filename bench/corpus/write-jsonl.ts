/** @module Writes records as JSONL files of a bounded size: the ingest reads a file as one string, which V8 caps at ~512 MB. */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

/** Records per file: ~10 MB of news text, far under V8's string limit. */
export const RECORDS_PER_FILE = 10_000;

/**
 * Streams records into `dir/part-0000.jsonl`, `part-0001.jsonl`, … and returns the file paths.
 * @example
 * const files = await writeJsonl(syntheticCorpus(model, 100_000, 1), "/tmp/corpus-100k");
 */
export async function writeJsonl(records: Iterable<unknown>, dir: string, onProgress?: (n: number) => void): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let out: ReturnType<typeof createWriteStream> | undefined;
  let n = 0;
  const close = async () => {
    if (!out) return;
    out.end();
    await once(out, "finish");
    out = undefined;
  };
  for (const record of records) {
    if (n % RECORDS_PER_FILE === 0) {
      await close();
      const file = join(dir, `part-${String(files.length).padStart(4, "0")}.jsonl`);
      files.push(file);
      out = createWriteStream(file);
    }
    if (!out?.write(`${JSON.stringify(record)}\n`)) await once(out as NodeJS.WritableStream, "drain");
    n++;
    if (n % 10_000 === 0) onProgress?.(n);
  }
  await close();
  return files;
}
