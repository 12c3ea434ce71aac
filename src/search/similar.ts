/** @module Related articles of a document (`/documents/:id/similar`): the list the build made, with each one's metadata. */
import { DEFAULT_LANGUAGE } from "../format/analyzer";
import { SNIPPET_SOURCE_CHARS } from "../format/bundle";
import type { BundleReader } from "../format/reader";
import type { DocMeta } from "../format/schema";
import type { SearchHit } from "./hit";
import { makeSnippet } from "./snippet";

/**
 * A document as a hit: its metadata, a score and a snippet (HTML).
 * @example
 * hitOf(meta, 1.42, "… the <mark>embassy</mark> …");
 */
export function hitOf(meta: DocMeta, score: number, snippet: string): SearchHit {
  return {
    id: meta.id,
    title: meta.title,
    url: meta.url ?? null,
    date: meta.date ?? null,
    lang: meta.lang ?? DEFAULT_LANGUAGE,
    score: Math.round(score * 1e4) / 1e4,
    snippet,
    entities: meta.entities.slice(0, 8),
    duplicates: meta.duplicates?.count ?? 0,
    duplicate_ids: meta.duplicates?.ids ?? [],
  };
}

/**
 * The related articles of document `id`, most similar first (the score is their cosine), up to `limit`; undefined when
 * no document has that id. Two round trips: the id shard and its related lists in one, then the articles' metadata.
 * @example
 * await similarTo(reader, "reuters-5439", 5); // [{ id: "reuters-5440", title: "...", score: 0.41, ... }]
 */
export async function similarTo(reader: BundleReader, id: string, limit: number): Promise<SearchHit[] | undefined> {
  const found = await reader.similarOf(id);
  if (!found) return undefined;
  const list = found.slice(0, limit);
  const metas = await reader.metas(list.map(([n]) => n));
  return list.flatMap(([n, score]) => {
    const meta = metas.get(n);
    if (!meta) return [];
    const snippet = makeSnippet(meta.text, { stems: new Set(), prefixes: [] }, 32, undefined, meta.text.length >= SNIPPET_SOURCE_CHARS);
    return [hitOf(meta, score, snippet)];
  });
}
