/**
 * @module One unsharded FlexSearch index per field, made by the bundle's own FlexSearch definition (same tokenizer):
 * queried plainly, and through our ranking (`matchQuery` over the whole index), which is our engine minus KV and shards.
 */
import type { Index } from "flexsearch";
import { type FieldLengths, FlexIndexes } from "../../src/build/flex-export";
import { analyze } from "../../src/format/analyzer";
import { type Field, fields } from "../../src/format/flex-config";
import { type Engine, matchQuery } from "../../src/search/engine";
import { parseQuery } from "../../src/search/parse-query";
import { wholeIndexPostings } from "../../src/search/postings";
import type { Peer } from "./peer";

interface Loaded {
  indexes: FlexIndexes;
  documents: number;
  lengths: FieldLengths;
}

/** Our ranking over the whole index; whole words that all occur, so completions and corrections are never asked for. */
const rankedEngine = (loaded: Loaded): Engine => ({
  postings: wholeIndexPostings(loaded.indexes, loaded.documents),
  completions: async () => [],
  dictionary: async () => [],
  dates: async () => [],
});

export const flexsearchPeer: Peer<Loaded> = {
  name: "flexsearch",
  description:
    "FlexSearch 0.8, one unsharded index per field (title, title+body, entities) with the bundle's analyzer, BM25 slots and options",
  async build(documents) {
    const indexed = documents.map((d) => ({ title: d.title, body: d.body, entities: [] }));
    const indexes = new FlexIndexes(FlexIndexes.measure(indexed));
    indexed.forEach((d, i) => {
      indexes.add(i, d);
    });
    return { indexes, documents: documents.length, lengths: indexes.lengths };
  },
  /** FlexSearch's own export: a head with the corpus figures, then one `field key data` chunk per exported part. */
  async serialize({ indexes, documents, lengths }) {
    const chunks = [JSON.stringify({ documents, lengths })];
    for (const field of fields) {
      (indexes.byField[field] as Index).export((key: string, data: string) => {
        chunks.push(`${field} ${key} ${data}`);
      });
    }
    return chunks;
  },
  async load([head = "{}", ...chunks]) {
    const { documents, lengths } = JSON.parse(head) as { documents: number; lengths: FieldLengths };
    const indexes = new FlexIndexes(lengths);
    for (const chunk of chunks) {
      const [field, key] = chunk.split(" ", 2) as [Field, string];
      indexes.byField[field].import(key, chunk.slice(field.length + key.length + 2));
    }
    return { indexes, documents, lengths };
  },
  queries: {
    /** FlexSearch's own search on title and body together (the query analyzed as the index was): all terms, top 10. */
    search: ({ indexes }, q) => (indexes.byField.text.search(analyze(q).join(" "), { limit: 10 }) as unknown[]).length,
    /** Our ranking (every partial match scored, then sorted) over the same index. */
    ranked: async (loaded, q) => (await matchQuery(rankedEngine(loaded), parseQuery(`${q} `))).candidates.slice(0, 10).length,
  },
};
