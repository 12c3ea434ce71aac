/**
 * @module Compaction (`npm run compact`): the live documents of an updated archive, read back from its segments in
 * archive order, to build one base of them again.
 */

import type { Manifest } from "../format/bundle";
import { BundleReader, readManifest } from "../format/reader";
import type { SourceDocument, StoredDocument } from "../format/schema";
import { LruCache } from "../kv/lru-cache";
import { newReadStats } from "../kv/source";
import { fileKvSource } from "./bundle-files";

/** Deltas past which `npm run deploy -- --update` compacts: more than this many. */
export const MAX_DELTAS = 8;
/** Or when the deltas hold more than this share of the archive's documents. */
export const MAX_DELTA_SHARE = 0.1;

/**
 * Why an archive is due for compaction, or undefined: more than `MAX_DELTAS` deltas, or deltas holding more than
 * `MAX_DELTA_SHARE` of its documents (each delta adds a key a query term, and its own statistics to the ranking).
 * @example
 * compactionDue(manifest); // "9 deltas, more than 8"
 */
export function compactionDue(manifest: Manifest): string | undefined {
  const deltas = manifest.deltas ?? [];
  if (deltas.length > MAX_DELTAS) return `${deltas.length} deltas, more than ${MAX_DELTAS}`;
  const inDeltas = deltas.reduce((n, d) => n + d.counts.documents, 0);
  const all = manifest.archive?.documents ?? manifest.counts.documents;
  if (all > 0 && inDeltas > MAX_DELTA_SHARE * all)
    return `deltas hold ${inDeltas.toLocaleString("en-US")} of ${all.toLocaleString("en-US")} documents, more than ${100 * MAX_DELTA_SHARE}%`;
  return undefined;
}

/** Documents `liveDocuments` reads at a time. */
const LIVE_BATCH = 10_000;

/**
 * Every live document of the archive in `dir` (a bundle folder, with the updates made since), in archive order (by
 * date), as it was given: what a build of the final documents reads. `asRecord` writes one as a JSONL line that
 * reads back the same (its record fields beside its own).
 * @example
 * const docs = await liveDocuments("dist/bundle"); // withdrawn ones left out, corrected ones as corrected
 */
export async function liveDocuments(dir: string): Promise<SourceDocument[]> {
  const source = await fileKvSource(dir);
  const reader = new BundleReader(source, new LruCache(1 << 30), await readManifest(source), newReadStats());
  const versions = [reader.version, ...(reader.manifest.deltas ?? []).map((d) => d.version)];
  const ids = new Set<string>();
  for (const [key, value] of source.values) {
    const [, version, kind] = key.split("/");
    if (kind === "id" && version && versions.includes(version)) for (const id of Object.keys(JSON.parse(value) as object)) ids.add(id);
  }
  const numbers = [...(await reader.documentNumbers([...ids])).values()].sort((a, b) => a - b);
  const out: SourceDocument[] = [];
  // In batches read whole (their metadata, then their document buckets): not all at once, at a million articles.
  for (let from = 0; from < numbers.length; from += LIVE_BATCH) {
    const batch = numbers.slice(from, from + LIVE_BATCH);
    const docs = await reader.documentsAt(batch);
    for (const n of batch) {
      const doc = docs.get(n);
      if (doc) out.push(sourceOf(doc));
    }
  }
  return out;
}

/**
 * A stored document as it was given to the build: its own fields and its record fields, not what the build added.
 * @example
 * sourceOf(await reader.document("reuters-17")); // { id, title, body, date, lang, meta }
 */
export function sourceOf(doc: StoredDocument): SourceDocument {
  return {
    id: doc.id,
    title: doc.title,
    body: doc.body,
    ...(doc.date ? { date: doc.date } : {}),
    ...(doc.url ? { url: doc.url } : {}),
    ...(doc.lang ? { lang: doc.lang } : {}),
    meta: doc.meta ?? {},
  };
}

/**
 * A document as a JSONL record `npm run build` reads back as the same document: its record fields (`meta`) beside
 * its own.
 * @example
 * asRecord({ id: "a", title: "T", body: "B", meta: { section: "news" } }); // { section: "news", id: "a", title: "T", body: "B" }
 */
export function asRecord(doc: SourceDocument): Record<string, unknown> {
  const { meta, ...own } = doc;
  return { ...meta, ...own };
}
