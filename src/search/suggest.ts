/** @module Completions for a typeahead: whole queries from the term dictionary, entity names, and matching titles. */
import { AppError } from "../errors";
import { foldWords, isStopWord, stemsOf } from "../format/analyzer";
import { MIN_PREFIX, PREFIX_GROUP } from "../format/bundle";
import type { BundleReader } from "../format/reader";
import type { EntityType } from "../format/schema";
import { type Engine, MAX_EXPANSIONS, type SearchHit, search } from "./engine";
import { docsOf } from "./rank";

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

/** Words and spaces only: no operator, quote or minus. */
const PLAIN = /^[\p{L}\p{N}\p{M}\s]+$/u;

/**
 * The completions of a word that follow `before` in some document, by how many documents hold them all (then by
 * their own frequency), with that count; read from the heads of their posting lists (the term shards the search for
 * the first of them reads anyway), so a count over a list longer than its head is a lower bound.
 */
async function together(engine: Engine, before: string[], completions: [string, number][]): Promise<[string, number][]> {
  // A word in each of the bundle's languages: a German document indexes "Müller" as "mull", an English one as "muller".
  const languages = engine.languages ?? [];
  const stemsFor = (word: string) => stemsOf(word, languages);
  const words = [...before, ...completions.map(([term]) => term)];
  const postings = await engine.postings.postings([...new Set(words.flatMap(stemsFor))]);
  const docsFor = (word: string) => {
    const docs = new Set<number>();
    for (const s of stemsFor(word)) for (const doc of docsOf(postings.get(s)?.text ?? [])) docs.add(doc);
    return docs;
  };
  let common: Set<number> | undefined;
  for (const word of before) {
    const docs = docsFor(word);
    common = common ? new Set([...common].filter((d) => docs.has(d))) : docs;
  }
  const counted = completions.map(([term, df]): [string, number, number] => {
    let n = 0;
    for (const doc of docsFor(term)) if (common?.has(doc)) n++;
    return [term, n, df];
  });
  return counted
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || b[2] - a[2])
    .map(([term, n]) => [term, n]);
}

/**
 * Suggests completions for what a user is typing.
 * @example
 * await suggest(engine, reader, "kab", 5); // { terms: [{ text: "kabul", documents: 2 }], ... }
 */
export async function suggest(
  engine: Engine,
  reader: BundleReader,
  q: string,
  limit: number,
  options: { titles?: boolean } = {},
): Promise<Suggestions> {
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
  let completions: [string, number][] = (g?.terms ?? []).filter(([term]: [string, number]) => term.startsWith(last));
  // After other plain words ("tony bl"), each completion is counted with them: the documents holding the words
  // typed before and the completion ("tony blair" before "tony black", with its own count), in the heads of their
  // lists. Not after operators, quotes, a minus or OR, whose words a completion need not go with.
  const before = words.slice(0, -1).filter((w) => !isStopWord(w));
  const plain = PLAIN.test(q) && !/(?:^|\s)OR(?:\s|$)/.test(q);
  if (plain && before.length > 0 && completions.length > 0) {
    completions = await together(engine, before, completions.slice(0, MAX_EXPANSIONS));
  }
  const terms = completions.slice(0, limit).map(([term, documents]: [string, number]) => ({ text: `${head}${joint}${term}`, documents }));
  // The titles follow the first completion ("gor": titles about Gordon, its most frequent completion, not about a
  // rarer word that ranks higher by its idf), as a whole word; without one, the query as it stands.
  const titled = terms[0] ? `${terms[0].text} ` : q;
  // A date range typed into an archive without dates gets no titles, not an error, while the rest completes.
  // Only the hits' titles are shown: no facets, so only their metadata is read (facets=none). None asked for, no search.
  const found =
    options.titles === false
      ? { hits: [] as SearchHit[] }
      : await search(engine, reader, { q: titled, limit, offset: 0, facets: "none" }).catch((error: unknown) => {
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
