import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentTerms, exportMaps, FlexIndexes } from "../src/build/flex-export";
import { buildBundle, indexText, wordFrequencies } from "../src/build/write";
import { bundleKey, MIN_PREFIX, PREFIX_GROUP } from "../src/format/bundle";
import { shardOf } from "../src/format/hash";
import type { SourceDocument } from "../src/format/schema";
import { bm25, weightSlot } from "../src/format/scoring";
import { bundleEngine } from "../src/search/bundle-engine";
import { type Engine, matchQuery } from "../src/search/engine";
import { parseQuery } from "../src/search/parse-query";
import { wholeIndexPostings } from "../src/search/postings";
import { correctionGroups } from "../src/search/typos";
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
    fc.array(
      fc.oneof(
        wordArb,
        wordArb.map((w) => w.slice(0, 2 + (w.length % 3))),
        fc.constant("zzzunknown"),
      ),
      { minLength: 1, maxLength: 4 },
    ),
    fc.boolean(),
  )
  .map(([words, typing]) => words.join(" ") + (typing ? "" : " "));

/** The reference: one unsharded FlexSearch index per field, completions from its whole dictionary. */
function referenceEngine(documents: SourceDocument[]): Engine {
  const indexed = documents.map((d) => ({ title: d.title, body: d.body, entities: [] }));
  const indexes = new FlexIndexes(FlexIndexes.measure(indexed));
  for (const [i, d] of indexed.entries()) indexes.add(i, d);
  const words = [...wordFrequencies(documents)].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return {
    postings: wholeIndexPostings(indexes, documents.length),
    async completions(prefix) {
      if (prefix.length < MIN_PREFIX) return [];
      const all = words.filter(([t]) => t.startsWith(prefix));
      return prefix.length === MIN_PREFIX ? all.slice(0, 50) : all;
    },
    async dictionary(groups) {
      return words.filter(([t]) => groups.some((g) => t.startsWith(g)));
    },
    dates: async () => [["", 0]],
  };
}

const toDocs = (corpus: { title: string; body: string }[]): SourceDocument[] =>
  corpus.map((d, i) => ({ id: `d${i}`, title: d.title, body: d.body, meta: {} }));

describe("sharded bundle against one unsharded FlexSearch index", () => {
  it("returns exactly the same ranked candidates for every query", async () => {
    await fc.assert(
      fc.asyncProperty(
        corpusArb,
        fc.integer({ min: 2, max: 64 }),
        fc.array(queryArb, { minLength: 5, maxLength: 10 }),
        async (corpus, shards, queries) => {
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
        },
      ),
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
        const prefixGroup = (w: string) =>
          bundleKey(version, "prefix", shardOf(w.length >= PREFIX_GROUP ? w.slice(0, PREFIX_GROUP) : w, layout.prefix));
        const prefixKeys = new Set(parsed.clauses.filter((c) => c.prefix).map((c) => prefixGroup(c.words.at(-1) as string)));
        // Words that match nothing look for corrections in a few prefix groups of their own.
        const typoKeys = new Set(parsed.clauses.flatMap((c) => c.words.flatMap((w) => correctionGroups(w).map(prefixGroup))));
        const read = new Set(mem.reads);
        for (const key of termKeys) expect(read.has(key)).toBe(true);
        for (const key of read) expect(termKeys.has(key) || prefixKeys.has(key) || typoKeys.has(key)).toBe(true);
        // Each key once, in at most two round trips (completions, then postings), plus two for corrections.
        expect(mem.reads.length).toBe(read.size);
        const looked = [...read].some((k) => typoKeys.has(k) && !prefixKeys.has(k) && !termKeys.has(k));
        expect(reader.stats.roundTrips).toBeLessThanOrEqual((prefixKeys.size > 0 ? 2 : 1) + (looked || match.corrected ? 2 : 0));
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("spreads terms over many shards", async () => {
    const documents = toDocs(fc.sample(corpusArb, { numRuns: 1, seed: 3 })[0] ?? []);
    const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { shards: 32, builtAt: "t" });
    const nonEmpty = [...bundle.values].filter(([k, v]) => k.includes("/term/") && v !== '{"title":[],"text":[],"entity":[]}');
    expect(nonEmpty.length).toBeGreaterThan(24);
  });
});

describe("text indexed ahead of the entities", () => {
  const datedArb = fc.array(
    fc.record({
      title: fc.array(wordArb, { maxLength: 5 }).map((w) => w.join(" ")),
      body: fc.array(wordArb, { minLength: 1, maxLength: 30 }).map((w) => w.join(" ")),
      date: fc.option(fc.constantFrom("2021-08-12", "2021-08-13", "2020-01-01"), { nil: undefined }),
      entities: fc.array(fc.constantFrom("kabul", "nato", "joe-biden"), { maxLength: 3 }).map((ids) => [...new Set(ids)]),
    }),
    { minLength: 1, maxLength: 25 },
  );

  it("changes nothing when indexed ahead with pauses: the same values, dates out of order and entities included", async () => {
    await fc.assert(
      fc.asyncProperty(datedArb, async (corpus) => {
        const documents: SourceDocument[] = corpus.map((d, i) => ({
          id: `d${i}`,
          title: d.title,
          body: d.body,
          ...(d.date ? { date: d.date } : {}),
          meta: {},
        }));
        const byDocument = corpus.map((d) =>
          d.entities.map((id) => ({ id, name: id, type: id === "joe-biden" ? ("person" as const) : ("place" as const) })),
        );
        const input = { documents, entities: [], byDocument };
        const alone = await buildBundle(input, { builtAt: "2026-01-01T00:00:00.000Z" });
        const text = await indexText(documents, { pause: true });
        const ahead = await buildBundle(input, { builtAt: "2026-01-01T00:00:00.000Z", text });
        expect([...ahead.values]).toEqual([...alone.values]);
        // Its index went into that bundle: it cannot be built into a second one, nor stand for other documents.
        await expect(buildBundle(input, { text })).rejects.toThrow("already built");
        await expect(buildBundle({ ...input, documents: [...documents] }, { text: await indexText(documents) })).rejects.toThrow(
          "other documents",
        );
      }),
      { numRuns: 40, seed: 21 },
    );
  });
});

describe("indexing in one pass", () => {
  // Text that folds: accents, ligatures, stop words, one-letter words, case.
  const textArb = fc
    .array(fc.oneof(wordArb, fc.constantFrom("The", "a", "Café", "ﬁnance", "U.S.", "KABUL", "x", "naïve", "of")), { maxLength: 40 })
    .map((w) => w.join(" "));
  const indexedArb = fc.array(fc.record({ title: textArb, body: textArb, entities: fc.constant([] as string[]) }), {
    minLength: 1,
    maxLength: 30,
  });

  it("measures the same average lengths as the terms the analyzer makes", () => {
    fc.assert(
      fc.property(indexedArb, (docs) => {
        const lengths = FlexIndexes.measure(docs);
        const terms = docs.map(documentTerms);
        expect(lengths.title).toBeCloseTo(terms.reduce((n, t) => n + t.title.length, 0) / docs.length, 9);
        expect(lengths.text).toBeCloseTo(terms.reduce((n, t) => n + t.text.length, 0) / docs.length, 9);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("counts the dictionary's words as wordFrequencies does", () => {
    fc.assert(
      fc.property(indexedArb, (docs) => {
        const indexes = new FlexIndexes(FlexIndexes.measure(docs));
        for (const [i, d] of docs.entries()) indexes.add(i, d);
        const documents = docs.map((d, i) => ({ id: `d${i}`, title: d.title, body: d.body, meta: {} }));
        expect([...indexes.words]).toEqual([...wordFrequencies(documents)]);
      }),
      { numRuns: 200, seed: 12 },
    );
  });

  it("puts each document in the slot of each term's BM25 weight, in document order, as a plain model does", () => {
    fc.assert(
      fc.property(indexedArb, (docs) => {
        const lengths = FlexIndexes.measure(docs);
        const indexes = new FlexIndexes(lengths);
        for (const [i, d] of docs.entries()) indexes.add(i, d);
        const maps = exportMaps(indexes);
        for (const field of ["title", "text"] as const) {
          // The model: every distinct term of a document, in order of first occurrence, appends the document to its slot.
          const model = new Map<string, (number[] | null)[]>();
          for (const [i, d] of docs.entries()) {
            const terms = documentTerms(d)[field];
            const tf = new Map<string, number>();
            for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
            for (const [t, f] of tf) {
              const slot = weightSlot(f, terms.length, lengths[field], bm25[field]);
              const slots = model.get(t) ?? [];
              while (slots.length <= slot) slots.push(null);
              slots[slot] = [...(slots[slot] ?? []), i];
              model.set(t, slots);
            }
          }
          expect(maps[field]).toEqual([...model]);
        }
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
