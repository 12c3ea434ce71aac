/** @module Facets: the entities of the best matches, per type, by how many of those documents hold them. */
import { DEFAULT_LANGUAGE } from "../format/analyzer";
import type { SparsePostings, TailRef } from "../format/bundle";
import { fieldTerm } from "../format/bundle";
import { type DocMeta, type EntityRef, entityTypes } from "../format/schema";
import type { PostingSource } from "./postings";
import type { Facets } from "./types";

/** Documents whose entities are counted for the facets: the best this many matches (all of them when fewer). */
export const FACET_SAMPLE = 20;
/** Entities listed per type in the facets. */
export const FACET_VALUES = 10;

/**
 * The entities of some documents, per type, by how many of the documents hold them; and their languages, most first.
 * @example
 * countFacets(metas).place; // [{ id: "kabul", name: "Kabul", type: "place", count: 7 }, ...]
 * countFacets(metas).lang; // [{ lang: "en", count: 18 }, { lang: "de", count: 2 }]
 */
export function countFacets(metas: DocMeta[]): Facets {
  const counts = new Map<string, EntityRef & { count: number }>();
  for (const meta of metas) {
    for (const ref of new Map(meta.entities.map((e) => [e.id, e])).values()) {
      const seen = counts.get(ref.id);
      if (seen) seen.count++;
      else counts.set(ref.id, { id: ref.id, name: ref.name, type: ref.type, count: 1 });
    }
  }
  const languages = new Map<string, number>();
  // A document without a language is English: its bundle was built before languages.
  for (const meta of metas) {
    const lang = meta.lang ?? DEFAULT_LANGUAGE;
    languages.set(lang, (languages.get(lang) ?? 0) + 1);
  }
  const out: Facets = { ...emptyFacets(), lang: [...languages].map(([lang, count]) => ({ lang, count })).sort(byCount) };
  const sorted = [...counts.values()].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  for (const type of entityTypes) out[type] = sorted.filter((e) => e.type === type).slice(0, FACET_VALUES);
  return out;
}

const byCount = (a: { lang: string; count: number }, b: { lang: string; count: number }) => b.count - a.count || (a.lang < b.lang ? -1 : 1);

/** The facets of no documents. */
export function emptyFacets(): Facets {
  return { person: [], organization: [], place: [], lang: [], dates: [] };
}

/**
 * The values of each of the bundle's facets among some documents, by how many of them hold each (then by value), at
 * most `FACET_VALUES` a facet; spellings that fold to one term (`fieldTerm`) count as one, named as first seen.
 * @example
 * countFieldFacets(metas, ["category"]); // { category: [{ value: "Politics", count: 12 }, ...] }
 */
export function countFieldFacets(metas: DocMeta[], facets: readonly string[]): Record<string, { value: string; count: number }[]> {
  const out: Record<string, { value: string; count: number }[]> = {};
  for (const name of facets) {
    const counts = new Map<string, { value: string; count: number }>();
    for (const meta of metas) {
      for (const value of new Set(meta.fields?.[name] ?? [])) {
        const term = fieldTerm(name, value);
        const seen = counts.get(term);
        if (seen) seen.count++;
        else counts.set(term, { value, count: 1 });
      }
    }
    out[name] = [...counts.values()].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)).slice(0, FACET_VALUES);
  }
  return out;
}

/** Tail chunks `exactFacets` reads at most (one round trip): past it, counts are the heads' and not exhaustive. */
export const EXACT_FACET_CHUNKS = 16;

/**
 * The entity facets of a search (counted among the best matches) counted again over all `matches`: each listed
 * entity's postings are read (one round trip for their term shards, one more for the tail chunks that can hold
 * matches, at most `EXACT_FACET_CHUNKS`), and a count is how many matches they hold; re-sorted by those counts.
 * `whole` is false when some tail chunks were left unread (those counts are then at least what they say).
 * @example
 * await exactFacets(engine.postings, facets, new Set(match.docs)); // { facets: { place: [{ id: "kabul", count: 112 }, ...] }, whole: true }
 */
export async function exactFacets(
  source: PostingSource,
  facets: Facets,
  matches: ReadonlySet<number>,
): Promise<{ facets: Facets; whole: boolean }> {
  const ids = entityTypes.flatMap((type) => facets[type].map((e) => e.id));
  if (ids.length === 0 || matches.size === 0) return { facets, whole: true };
  const postings = await source.postings(ids);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const doc of matches) {
    if (doc < lo) lo = doc;
    if (doc > hi) hi = doc;
  }
  const refs: TailRef[] = ids.flatMap((id) =>
    (postings.get(id)?.tails.entity ?? []).filter(([, first, last]) => last >= lo && first <= hi),
  );
  const whole = refs.length <= EXACT_FACET_CHUNKS;
  const chunks = whole && refs.length > 0 ? await source.tails(refs) : new Map<number, SparsePostings>();
  const countOf = (id: string): number => {
    const p = postings.get(id);
    if (!p) return 0;
    let n = 0;
    for (const docs of p.entity) for (const doc of docs ?? []) if (matches.has(doc)) n++;
    for (const [chunk] of p.tails.entity) for (const [, docs] of chunks.get(chunk) ?? []) for (const doc of docs) if (matches.has(doc)) n++;
    return n;
  };
  const out: Facets = { ...facets };
  for (const type of entityTypes) {
    out[type] = facets[type].map((e) => ({ ...e, count: countOf(e.id) })).sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  }
  return { facets: out, whole };
}
