/** @module Term postings for the ranker, answered by FlexSearch: from the shards a query loaded, or from one whole index. */
import type { Index } from "flexsearch";
import { type Field, createFieldIndex, fields } from "../bundle/flex-config";
import type { FlexIndexes } from "../bundle/flex-export";
import type { Slots } from "../bundle/format";
import type { BundleReader } from "../bundle/reader";

/** A term's postings in every field: FlexSearch's position slots of document numbers. */
export type TermPostings = Record<Field, Slots>;

/** Looks up the postings of many terms at once. */
export interface PostingSource {
  readonly documents: number;
  postings(terms: string[]): Promise<Map<string, TermPostings>>;
}

const slotsOf = (index: Index, term: string): Slots =>
  ((index.search(term, { resolve: false }) as unknown as { result: Slots }).result ?? []).map((ids) => ids ?? null);

function lookup(byField: Record<Field, Index>, terms: string[]): Map<string, TermPostings> {
  const out = new Map<string, TermPostings>();
  for (const term of terms) out.set(term, { title: slotsOf(byField.title, term), text: slotsOf(byField.text, term) });
  return out;
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
      const byField = { title: createFieldIndex(), text: createFieldIndex() };
      for (const field of fields) {
        const entries: [string, Slots][] = [];
        for (const term of terms) {
          const slots = shards.get(term)?.[field]?.get(term);
          if (slots) entries.push([term, slots]);
        }
        if (entries.length > 0) byField[field].import("map", entries as unknown as string); // FlexSearch takes parsed entries too
      }
      return lookup(byField, terms);
    },
  };
}

/** Postings from one unsharded FlexSearch index per field: the reference the shards must agree with. */
export function wholeIndexPostings(indexes: FlexIndexes, documents: number): PostingSource {
  return { documents, postings: async (terms) => lookup(indexes.byField, terms) };
}
