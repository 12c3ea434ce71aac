/**
 * @module A large archive built on several machines: each extracts the entities of one slice of the documents into
 * an extraction cache (`npm run build -- --segment i/n`), and one machine builds the archive with every slice's cache
 * (`--combine`), extracting nothing again. The bundle is the one a single build makes.
 */
import { documentKey, ExtractionCache } from "./entities/cache";
import { extractParallel } from "./entities/parallel";
import { readInputs } from "./ingest/read-inputs";

/**
 * `i/n` (1 ≤ i ≤ n): which slice, of how many; undefined when it does not read so.
 * @example
 * parseSlice("2/4"); // { index: 2, count: 4 }
 */
export function parseSlice(text: string): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && count >= 1 && index <= count && count <= 4096 ? { index, count } : undefined;
}

/**
 * Extracts the entities of slice `index` of `count` of the documents of `inputs` (the documents in input order, cut
 * in `count` runs of nearly equal length) into the extraction cache in `cacheDir`. Returns how many documents the slice
 * holds and how many were extracted (the others were in the cache already).
 * @example
 * await extractSlice(["archive/"], 2, 4, "cache-2"); // { documents: 25000, extracted: 25000, of: 100000 }
 */
export async function extractSlice(
  inputs: string[],
  index: number,
  count: number,
  cacheDir: string,
  options: { skipInvalid?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ documents: number; extracted: number; of: number }> {
  const { documents } = await readInputs(inputs, { skipInvalid: options.skipInvalid });
  const live = documents.filter((doc) => doc.meta.deleted !== true);
  const from = Math.floor((live.length * (index - 1)) / count);
  const to = Math.floor((live.length * index) / count);
  const slice = live.slice(from, to);
  const cache = await ExtractionCache.open(cacheDir);
  const keys = slice.map((doc) => documentKey(doc));
  const missing = slice.filter((doc, i) => cache.get(doc, keys[i]) === undefined);
  const fresh = await extractParallel(missing, { ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  let next = 0;
  const names = slice.map((doc, i) => cache.get(doc, keys[i]) ?? fresh[next++]);
  await cache.save(keys, names as NonNullable<(typeof names)[number]>[]);
  return { documents: slice.length, extracted: missing.length, of: live.length };
}
