/** @module Term postings for the ranker, answered by FlexSearch: from the shards a query loaded, or from one whole index. */
import type { Index } from "flexsearch";
import { countIds, type Slots, type SparsePostings, type TailRef } from "../format/bundle";
import { type Field, fields } from "../format/flex-config";
import { type BundleReader, findTerm } from "../format/reader";

/**
 * A term's postings in every field: FlexSearch's slots of document numbers, slot 0 the highest BM25 weight.
 * A long list holds its head (its best postings) until its tail chunks are loaded.
 */
export interface TermPostings extends Record<Field, Slots> {
  /** Documents holding the term, per field, tails included. */
  count: Record<Field, number>;
  /** Tail chunks not loaded yet, per field (empty when the slots hold every posting). */
  tails: Record<Field, TailRef[]>;
}

/** Looks up the postings of many terms at once. */
export interface PostingSource {
  readonly documents: number;
  postings(terms: string[]): Promise<Map<string, TermPostings>>;
  /** Tail chunks by their references (checked against them), by number, in one round trip. */
  tails(refs: TailRef[]): Promise<Map<number, SparsePostings>>;
}

export { countIds };

const slotsOf = (index: Index, term: string): Slots =>
  Array.from((index.search(term, { resolve: false }) as unknown as { result: Slots }).result ?? [], (ids) => ids ?? null);

const noTails = (): Record<Field, TailRef[]> => ({ title: [], text: [], entity: [] });

function lookup(byField: Record<Field, Index>, terms: string[]) {
  const out = new Map<string, TermPostings>();
  for (const term of terms) {
    const p = { count: {}, tails: noTails() } as TermPostings;
    for (const field of fields) {
      p[field] = slotsOf(byField[field], term);
      p.count[field] = countIds(p[field]);
    }
    out.set(term, p);
  }
  return out;
}

/** Stored postings back in FlexSearch's shape, with the empty slots. */
export function fromSparse(sparse: SparsePostings): Slots {
  const slots: Slots = [];
  for (const [slot, ids] of sparse) slots[slot] = ids;
  return Array.from(slots, (ids) => ids ?? null);
}

/**
 * Adds tail chunks to a term's slots in one field. New arrays throughout: the slots may hold the isolate cache's.
 * @example
 * mergeTail(postings, "text", [[2, [40, 41]]]);
 */
export function mergeTail(p: TermPostings, field: Field, chunk: SparsePostings): void {
  const slots = [...p[field]];
  for (const [slot, ids] of chunk) {
    while (slots.length <= slot) slots.push(null);
    slots[slot] = [...(slots[slot] ?? []), ...ids];
  }
  p[field] = slots;
}

/**
 * Postings from a bundle: each of the query's terms read from its shard, the stored slots exactly as the whole
 * FlexSearch index would answer them (heads only, for long lists; `test/sharding.test.ts` holds the two to it).
 * The Worker reads slots directly and never builds an index, so FlexSearch stays out of its bundle.
 * @example
 * const source = shardedPostings(reader);
 * (await source.postings(["kabul"])).get("kabul")?.text; // [[0], null, [1]]
 */
export function shardedPostings(reader: BundleReader): PostingSource {
  return {
    documents: reader.manifest.counts.documents,
    async postings(terms) {
      const shards = await reader.termShards(terms);
      const out = new Map<string, TermPostings>();
      for (const term of terms) {
        const p = { count: {}, tails: noTails() } as TermPostings;
        for (const field of fields) {
          const entry = findTerm(shards.get(term)?.[field] ?? [], term);
          p[field] = entry ? fromSparse(entry[1]) : [];
          p.count[field] = entry?.length === 4 ? entry[2] : countIds(p[field]);
          p.tails[field] = entry?.length === 4 ? entry[3] : [];
        }
        out.set(term, p);
      }
      return out;
    },
    tails: (refs) => reader.tails(refs),
  };
}

/** Postings from one unsharded FlexSearch index per field (the build's `FlexIndexes`): the reference the shards must agree with. */
export function wholeIndexPostings(indexes: { byField: Record<Field, Index> }, documents: number): PostingSource {
  return { documents, postings: async (terms) => lookup(indexes.byField, terms), tails: async () => new Map() };
}
