/** @module Term postings for the ranker: the slots stored in the shards a query loaded, or FlexSearch's own from one whole index (the reference). */
import type { Index } from "flexsearch";
import { countIds, type Slots, type SparsePostings, type TailRef } from "../format/bundle";
import { type Field, fields } from "../format/flex-config";
import { type BundleReader, findTerm } from "../format/reader";
import type { Bitmap } from "../format/values/bits";

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
  /** One past the highest document number. */
  readonly documents: number;
  /** Numbers of withdrawn documents (an updated archive's): no query returns or counts them. */
  readonly withdrawn?: readonly number[];
  postings(terms: string[]): Promise<Map<string, TermPostings>>;
  /** Tail chunks by their references (checked against them), by number, in one round trip. */
  tails(refs: TailRef[]): Promise<Map<number, SparsePostings>>;
  /** Entity-field lists of this many tail chunks or more have a membership bitmap (`bits`); none when undefined. */
  readonly bitsFrom?: number;
  /** Those lists' bitmaps, by term, in one round trip (base segment numbers: a delta's documents are in the slots). */
  bits?(terms: string[]): Promise<Map<string, Bitmap>>;
}

export { countIds };

const slotsOf = (index: Index, term: string): Slots =>
  Array.from((index.search(term, { resolve: false }) as unknown as { result: Slots }).result ?? [], (ids) => ids ?? null);

/** Each term's postings in every field, from what `read` gives for a term and a field. */
function collect(terms: string[], read: (term: string, field: Field) => { slots: Slots; count?: number; tails?: TailRef[] }) {
  const out = new Map<string, TermPostings>();
  for (const term of terms) {
    const p = { count: {}, tails: {} } as TermPostings;
    for (const field of fields) {
      const { slots, count, tails } = read(term, field);
      p[field] = slots;
      p.count[field] = count ?? countIds(slots);
      p.tails[field] = tails ?? [];
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
    documents: reader.documents,
    ...(reader.dead.length > 0 ? { withdrawn: reader.dead } : {}),
    async postings(terms) {
      const shards = await reader.termShards(terms);
      return collect(terms, (term, field) => {
        const entry = findTerm(shards.get(term)?.[field] ?? [], term);
        return entry?.length === 4
          ? { slots: fromSparse(entry[1]), count: entry[2], tails: entry[3] }
          : { slots: entry ? fromSparse(entry[1]) : [] };
      });
    },
    tails: (refs) => reader.tails(refs),
    ...(reader.manifest.layout.bitsFrom
      ? { bitsFrom: reader.manifest.layout.bitsFrom, bits: (terms: string[]) => reader.bits(terms) }
      : {}),
  };
}

/** Postings from one unsharded FlexSearch index per field (the build's `FlexIndexes`): the reference the shards must agree with. */
export function wholeIndexPostings(indexes: { byField: Record<Field, Index> }, documents: number): PostingSource {
  return {
    documents,
    postings: async (terms) => collect(terms, (term, field) => ({ slots: slotsOf(indexes.byField[field], term) })),
    tails: async () => new Map(),
  };
}
