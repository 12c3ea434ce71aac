/** @module Term postings for the ranker, answered by FlexSearch: from the shards a query loaded, or from one whole index. */
import type { Index } from "flexsearch";
import { createFieldIndex, type Field, fields } from "../bundle/flex-config";
import type { FlexIndexes } from "../bundle/flex-export";
import type { Slots, SparsePostings } from "../bundle/format";
import type { BundleReader } from "../bundle/reader";

/** A term's postings in every field: FlexSearch's slots of document numbers, slot 0 the highest BM25 weight. */
export type TermPostings = Record<Field, Slots>;

/** Looks up the postings of many terms at once. */
export interface PostingSource {
  readonly documents: number;
  postings(terms: string[]): Promise<Map<string, TermPostings>>;
}

const slotsOf = (index: Index, term: string): Slots =>
  Array.from((index.search(term, { resolve: false }) as unknown as { result: Slots }).result ?? [], (ids) => ids ?? null);

function lookup(byField: Record<Field, Index>, terms: string[]): Map<string, TermPostings> {
  const out = new Map<string, TermPostings>();
  for (const term of terms) {
    out.set(term, { title: slotsOf(byField.title, term), text: slotsOf(byField.text, term), entity: slotsOf(byField.entity, term) });
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
 * Postings from a bundle: the query's terms are imported from their shards into a fresh
 * FlexSearch index per field, which then answers exactly as the whole index would.
 * @example
 * const source = shardedPostings(reader);
 * (await source.postings(["kabul"])).get("kabul")?.text; // [[0], null, [1]]
 */
export function shardedPostings(reader: BundleReader): PostingSource {
  return {
    documents: reader.manifest.counts.documents,
    async postings(terms) {
      const shards = await reader.termShards(terms);
      const byField = { title: createFieldIndex(), text: createFieldIndex(), entity: createFieldIndex() };
      for (const field of fields) {
        const entries: [string, Slots][] = [];
        for (const term of terms) {
          const sparse = shards.get(term)?.[field]?.get(term);
          if (sparse) entries.push([term, fromSparse(sparse)]);
        }
        // FlexSearch's import takes parsed entries as well as JSON text.
        if (entries.length > 0) byField[field].import("map", entries as unknown as string);
      }
      return lookup(byField, terms);
    },
  };
}

/** Postings from one unsharded FlexSearch index per field: the reference the shards must agree with. */
export function wholeIndexPostings(indexes: FlexIndexes, documents: number): PostingSource {
  return { documents, postings: async (terms) => lookup(indexes.byField, terms) };
}
