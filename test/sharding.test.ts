import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlexIndexes, exportMaps } from "../src/bundle/flex-export";
import { MIN_PREFIX, PREFIX_GROUP, bundleKey } from "../src/bundle/format";
import { shardOf } from "../src/bundle/hash";
import type { SourceDocument } from "../src/bundle/schema";
import { buildBundle } from "../src/bundle/write";
import { bundleEngine } from "../src/search/bundle-engine";
import { type Engine, matchQuery } from "../src/search/engine";
import { parseQuery } from "../src/search/parse-query";
import { wholeIndexPostings } from "../src/search/postings";
import { memoryBundle } from "./helpers/memory-bundle";

/** A vocabulary with shared prefixes (for completions) and a long tail. */
const vocabulary = Array.from({ length: 400 }, (_, i) => {
  const stems = ["kab", "emb", "sec", "tal", "afg", "cou", "sta", "ka", "un", "x"];
  return `${stems[i % stems.length]}${(i * 7919).toString(36)}`;
});

const wordArb = fc.integer({ min: 0, max: vocabulary.length - 1 }).map((i) => vocabulary[Math.floor(i ** 2 / vocabulary.length)] as string); // skewed: Zipf-like
const docArb = fc.record({
  title: fc.array(wordArb, { minLength: 1, maxLength: 6 }).map((w) => w.join(" ")),
  body: fc.array(wordArb, { minLength: 1, maxLength: 60 }).map((w) => w.join(" ")),
});
const corpusArb = fc.array(docArb, { minLength: 30, maxLength: 150 });
const queryArb = fc
  .tuple(
    fc.array(fc.oneof(wordArb, wordArb.map((w) => w.slice(0, 2 + (w.length % 3))), fc.constant("zzzunknown")), { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([words, typing]) => words.join(" ") + (typing ? "" : " "));

/** The reference: one unsharded FlexSearch index per field, completions from its whole dictionary. */
function referenceEngine(documents: SourceDocument[]): Engine {
  const indexes = new FlexIndexes();
  documents.forEach((d, i) => indexes.add(i, d.title, d.body));
  const df = exportMaps(indexes).text.map(([t, slots]) => [t, slots.reduce((n, ids) => n + (ids?.length ?? 0), 0)] as [string, number]);
  return {
    postings: wholeIndexPostings(indexes, documents.length),
    async completions(prefix) {
      if (prefix.length < MIN_PREFIX) return [];
      const all = df
        .filter(([t]) => t.startsWith(prefix))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return prefix.length === MIN_PREFIX ? all.slice(0, 50) : all;
    },
  };
}

const toDocs = (corpus: { title: string; body: string }[]): SourceDocument[] =>
  corpus.map((d, i) => ({ id: `d${i}`, title: d.title, body: d.body, meta: {} }));

describe("sharded bundle against one unsharded FlexSearch index", () => {
  it("returns exactly the same ranked candidates for every query", async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.integer({ min: 2, max: 64 }), fc.array(queryArb, { minLength: 5, maxLength: 10 }), async (corpus, shards, queries) => {
        const documents = toDocs(corpus);
        const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { shards, builtAt: "t" });
        const mem = memoryBundle(bundle);
        const reference = referenceEngine(documents);
        for (const q of queries) {
          const parsed = parseQuery(q);
          const sharded = await matchQuery(bundleEngine(mem.coldReader()), parsed);
          const whole = await matchQuery(reference, parsed);
          expect(sharded.candidates).toEqual(whole.candidates);
          expect(sharded.groups).toEqual(whole.groups);
        }
      }),
      { numRuns: 25, seed: 20261122 },
    );
  });

  it("a cold query reads only the shards of its own terms (and the prefix group of the word being typed)", async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.integer({ min: 8, max: 128 }), queryArb, async (corpus, shards, q) => {
        const documents = toDocs(corpus);
        const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { shards, builtAt: "t" });
        const mem = memoryBundle(bundle);
        const reader = mem.coldReader();
        const parsed = parseQuery(q);
        const match = await matchQuery(bundleEngine(reader), parsed);
        const { layout, version } = bundle.manifest;
        const terms = match.groups.flatMap((g) => [...g.variants.keys()]);
        const termKeys = new Set(terms.map((t) => bundleKey(version, "term", shardOf(t, layout.term))));
        const prefixKeys = new Set(
          parsed.terms
            .filter((t) => t.prefix)
            .map((t) => bundleKey(version, "prefix", shardOf(t.term.length >= PREFIX_GROUP ? t.term.slice(0, PREFIX_GROUP) : t.term, layout.prefix))),
        );
        expect(new Set(mem.reads)).toEqual(new Set([...termKeys, ...prefixKeys]));
        // Each key once, in at most two round trips (completions first, then postings).
        expect(mem.reads.length).toBe(new Set(mem.reads).size);
        expect(reader.stats.roundTrips).toBeLessThanOrEqual(prefixKeys.size > 0 ? 2 : 1);
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("spreads terms over many shards", async () => {
    const documents = toDocs(fc.sample(corpusArb, { numRuns: 1, seed: 3 })[0] ?? []);
    const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { shards: 32, builtAt: "t" });
    const nonEmpty = [...bundle.values].filter(([k, v]) => k.includes("/term/") && v !== '{"title":[],"text":[]}');
    expect(nonEmpty.length).toBeGreaterThan(24);
  });
});
