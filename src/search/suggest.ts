/** @module Completions for a typeahead: whole queries from the term dictionary, entity names, and matching titles. */
import { AppError } from "../errors";
import { foldWords } from "../format/analyzer";
import { MIN_PREFIX, PREFIX_GROUP } from "../format/bundle";
import type { BundleReader } from "../format/reader";
import type { EntityType } from "../format/schema";
import { type Engine, type SearchHit, search } from "./engine";

export interface Suggestions {
  query: string;
  /** The query with its last word completed, most frequent first. */
  terms: { text: string; documents: number }[];
  /** Entities whose name matches what was typed, most mentioned first. */
  entities: { id: string; name: string; type: EntityType; mentions: number }[];
  /** Titles of the best matching documents: of the query with its last word completed as the first term suggests. */
  titles: { id: string; title: string }[];
}

/**
 * What was typed before the last word, as typed (operators and quotes kept): everything before q's trailing run of
 * letters. Completions repeat it.
 * @example
 * typedHead("Security coun"); // "Security"
 */
export function typedHead(q: string): string {
  const at = q.search(/[\p{L}\p{N}\p{M}]+$/u);
  return at > 0 ? q.slice(0, at).trimEnd() : "";
}

/**
 * Suggests completions for what a user is typing.
 * @example
 * await suggest(engine, reader, "kab", 5); // { terms: [{ text: "kabul", documents: 2 }], ... }
 */
export async function suggest(engine: Engine, reader: BundleReader, q: string, limit: number): Promise<Suggestions> {
  const words = foldWords(q);
  const last = words.at(-1);
  const empty: Suggestions = { query: q, terms: [], entities: [], titles: [] };
  if (!last) return empty;
  const head = typedHead(q);
  // A completion follows what precedes the last word as typed: "title:kab" is completed to "title:kabul", not "title: kabul".
  const joint = head && /\s/.test(q.charAt(head.length)) ? " " : "";
  const typing = /[\p{L}\p{N}]$/u.test(q);
  const group = last.length >= PREFIX_GROUP ? last.slice(0, PREFIX_GROUP) : last;
  // The search reads the same prefix group first: reading it here first costs no round trip.
  const groups = typing && last.length >= MIN_PREFIX ? await reader.prefixGroups([group]) : new Map();
  const g = groups.get(group);
  const terms = (g?.terms ?? [])
    .filter(([term]: [string, number]) => term.startsWith(last))
    .slice(0, limit)
    .map(([term, documents]: [string, number]) => ({ text: `${head}${joint}${term}`, documents }));
  // The titles follow the first completion ("gor": titles about Gordon, its most frequent completion, not about a
  // rarer word that ranks higher by its idf), as a whole word; without one, the query as it stands.
  const titled = terms[0] ? `${terms[0].text} ` : q;
  // A date range typed into an archive without dates gets no titles, not an error, while the rest completes.
  const found = await search(engine, reader, { q: titled, limit, offset: 0 }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "dates_unavailable") return { hits: [] as SearchHit[] };
    throw error;
  });
  const others = words.slice(0, -1);
  const entities = (g?.entities ?? [])
    .filter(([name]: [string, string, string, number]) => {
      const nameWords = foldWords(name);
      return nameWords.some((w) => w.startsWith(last)) && others.every((o) => nameWords.some((w) => w.startsWith(o)));
    })
    .slice(0, limit)
    .map(([name, id, type, mentions]: [string, string, EntityType, number]) => ({ id, name, type, mentions }));
  return { query: q, terms, entities, titles: found.hits.map((h) => ({ id: h.id, title: h.title })) };
}
