import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlexIndexes } from "../src/bundle/flex-export";
import { bundleKey, type TermEntry, type TermShard } from "../src/bundle/format";
import { shardOf } from "../src/bundle/hash";
import type { SourceDocument } from "../src/bundle/schema";
import { buildBundle, splitPostings } from "../src/bundle/write";
import { AppError } from "../src/errors";
import { bundleEngine } from "../src/search/bundle-engine";
import { type Engine, type MatchOptions, matchQuery } from "../src/search/engine";
import { parseQuery } from "../src/search/parse-query";
import { wholeIndexPostings } from "../src/search/postings";
import { docsOf } from "../src/search/rank";
import { memoryBundle } from "./helpers/memory-bundle";

// Small heads and chunks, so that generated corpora of a few dozen documents have long lists with several chunks.
const HEAD = 4;
const CHUNK = 9;

// "zz" is in every document, "yy" in most, the rest rarer.
const words = ["zz", "yy", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
const wordArb = fc
  .integer({ min: 0, max: 99 })
  .map((n) => words[Math.min(words.length - 1, Math.floor((n / 100) ** 2 * words.length))] as string);
const docArb = fc.record({
  title: fc.array(wordArb, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
  body: fc.array(wordArb, { minLength: 1, maxLength: 20 }).map((w) => `zz ${w.join(" ")}`),
  day: fc.integer({ min: 1, max: 28 }),
  entity: fc.constantFrom("e-all", "e-all e-some", "e-all e-some e-few"),
});
const corpusArb = fc.array(docArb, { minLength: 25, maxLength: 90 });

interface Corpus {
  documents: SourceDocument[];
  entityIds: string[][];
}

type GeneratedDoc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

function toCorpus(docs: GeneratedDoc[]): Corpus {
  // Dated in input order, so the bundle numbers documents as given.
  const sorted = [...docs].sort((a, b) => a.day - b.day);
  return {
    documents: sorted.map((d, i) => ({
      id: `d${i}`,
      title: d.title,
      body: d.body,
      date: `2021-08-${String(d.day).padStart(2, "0")}`,
      meta: {},
    })),
    entityIds: sorted.map((d) => d.entity.split(" ")),
  };
}

async function bundled({ documents, entityIds }: Corpus) {
  const refs = entityIds.map((ids) => ids.map((id) => ({ id, name: id, type: "place" as const })));
  return buildBundle({ documents, entities: [], byDocument: refs }, { shards: 8, head: HEAD, tailChunk: CHUNK, builtAt: "t" });
}

/** One unsharded FlexSearch index per field, every posting in it. */
function reference({ documents, entityIds }: Corpus): Engine {
  const indexed = documents.map((d, i) => ({ title: d.title, body: d.body, entities: entityIds[i] ?? [] }));
  const indexes = new FlexIndexes(FlexIndexes.measure(indexed));
  for (const [i, d] of indexed.entries()) indexes.add(i, d);
  const runs: [string, number][] = [];
  documents.forEach((d, i) => {
    if (runs.at(-1)?.[0] !== d.date) runs.push([d.date as string, i]);
  });
  return {
    postings: wholeIndexPostings(indexes, documents.length),
    completions: async () => [],
    dictionary: async () => [],
    dates: async () => runs,
  };
}

const queryArb = fc.tuple(
  fc.subarray(words, { minLength: 1, maxLength: 3 }),
  fc.integer({ min: 1, max: 28 }),
  fc.integer({ min: 0, max: 10 }),
);

describe("long posting lists: heads in the shards, tails in chunks", () => {
  it("splits a list into its best postings and the rest in document order", () => {
    expect(splitPostings([[4, 7], null, [1, 2, 3]], 3)).toEqual({
      head: [
        [0, [4, 7]],
        [2, [1]],
      ],
      tail: [
        [2, 2],
        [3, 2],
      ],
      count: 5,
    });
    expect(splitPostings([[4, 7], null, [1]], 0)).toEqual({
      head: [
        [0, [4, 7]],
        [2, [1]],
      ],
      tail: [],
      count: 3,
    });
  });

  it("stores the head, the count and the chunks of a long list, and every posting exactly once", async () => {
    const corpus = toCorpus(fc.sample(corpusArb, { numRuns: 1, seed: 11 })[0] ?? []);
    const bundle = await bundled(corpus);
    const { version, layout } = bundle.manifest;
    const shard = JSON.parse(bundle.values.get(bundleKey(version, "term", shardOf("zz", layout.term))) as string) as TermShard;
    const entry = shard.text?.find((e) => e[0] === "zz") as TermEntry;
    expect(entry).toHaveLength(4);
    const [, head, count, refs] = entry as [string, [number, number[]][], number, [number, number, number][]];
    expect(count).toBe(corpus.documents.length);
    expect(head.flatMap(([, ids]) => ids)).toHaveLength(HEAD);
    const all = [...head.flatMap(([, ids]) => ids)];
    let previous = -1;
    for (const [n, first, last] of refs) {
      const chunk = JSON.parse(bundle.values.get(bundleKey(version, "tail", n)) as string) as [number, number[]][];
      const docs = chunk.flatMap(([, ids]) => ids).sort((a, b) => a - b);
      expect(docs[0]).toBe(first);
      expect(docs.at(-1)).toBe(last);
      expect(first).toBeGreaterThan(previous);
      previous = last;
      all.push(...docs);
    }
    expect(all.sort((a, b) => a - b)).toEqual(corpus.documents.map((_, i) => i));
    expect(layout.tail).toBeGreaterThan(refs.length);
    // On the Free plan, lists are not split: the bundle stays within its writes.
    const free = await buildBundle(
      { documents: corpus.documents, entities: [], byDocument: corpus.documents.map(() => []) },
      { profile: "free" },
    );
    expect(free.manifest.layout.tail).toBe(0);
  });

  it("answers dated, entity-filtered and date-ordered queries exactly as the whole index, reading only the chunks they need", async () => {
    let exact = 0;
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.array(queryArb, { minLength: 4, maxLength: 8 }), async (docs, queries) => {
        const corpus = toCorpus(docs);
        const bundle = await bundled(corpus);
        const mem = memoryBundle(bundle);
        const whole = reference(corpus);
        for (const [terms, day, span] of queries) {
          const from = `2021-08-${String(day).padStart(2, "0")}`;
          const to = `2021-08-${String(Math.min(28, day + span)).padStart(2, "0")}`;
          const cases: [string, MatchOptions][] = [
            [`${terms.join(" ")} from:${from} to:${to}`, { want: 10 }],
            [terms.join(" "), { want: 10, entities: ["e-few"] }],
            [terms.join(" "), { want: 10, order: "date" }],
            [`${terms.join(" ")} to:${from}`, { want: 10, order: "date", entities: ["e-some"] }],
          ];
          for (const [q, options] of cases) {
            const got = await matchQuery(bundleEngine(mem.coldReader()), parseQuery(q), options);
            if (got.approximate) continue; // the budget of chunks ran out: an estimate, checked below
            exact++;
            const want = await matchQuery(whole, parseQuery(q), options);
            expect(got.candidates).toEqual(want.candidates);
            expect(got.total).toBe(want.total);
          }
        }
      }),
      { numRuns: 15, seed: 20261122 },
    );
    expect(exact).toBeGreaterThan(100);
  });

  it("keeps results and ranks rare words first when a common word has only its head loaded", async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.integer({ min: 1, max: HEAD }), async (generated, rareCount) => {
        // "foxtrot" in a few documents only: its list fits its head.
        const docs = generated.map((d, i) => ({
          ...d,
          title: d.title.replaceAll("foxtrot", "echo"),
          body: `${d.body.replaceAll("foxtrot", "echo")}${i % 5 === 0 && i / 5 < rareCount ? " foxtrot" : ""}`,
        }));
        const corpus = toCorpus(docs);
        const mem = memoryBundle(await bundled(corpus));
        const whole = reference(corpus);
        const rare = (await whole.postings.postings(["foxtrot"])).get("foxtrot");
        const rareDocs = docsOf(rare?.text ?? []);
        const got = await matchQuery(bundleEngine(mem.coldReader()), parseQuery("zz foxtrot"), { want: HEAD });
        expect(got.approximate).toBe(true);
        expect(got.groups.map((g) => g.common)).toEqual([true, false]);
        // The documents of the rare word come first, all of them, then the common word's best.
        const firsts = got.candidates.slice(0, rareDocs.size).map((c) => c.doc);
        expect(new Set(firsts)).toEqual(rareDocs);
        // The estimate is the whole count: every document holds "zz".
        expect(got.total).toBe(corpus.documents.length);
      }),
      { numRuns: 15, seed: 5 },
    );
  });

  it("reads chunks for pages deeper than the heads reach", async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.constantFrom("zz", "yy", "zz yy"), async (docs, q) => {
        const corpus = toCorpus(docs);
        const mem = memoryBundle(await bundled(corpus));
        const whole = await matchQuery(reference(corpus), parseQuery(q), { want: 1000 });
        const want = Math.min(whole.total, 30);
        const got = await matchQuery(bundleEngine(mem.coldReader()), parseQuery(q), { want });
        expect(got.candidates).toHaveLength(want);
        const all = new Set(whole.candidates.map((c) => c.doc));
        for (const c of got.candidates) expect(all.has(c.doc)).toBe(true);
      }),
      { numRuns: 20, seed: 3 },
    );
  });

  it("never returns a document holding an excluded word, whichever chunk holds it", async () => {
    await fc.assert(
      fc.asyncProperty(
        corpusArb,
        fc.constantFrom("yy", "zz", "alpha"),
        fc.constantFrom("bravo", "charlie", "zz"),
        async (docs, excluded, word) => {
          const corpus = toCorpus(docs);
          const mem = memoryBundle(await bundled(corpus));
          const whole = reference(corpus);
          const banned = docsOf((await whole.postings.postings([excluded])).get(excluded)?.text ?? []);
          try {
            const got = await matchQuery(bundleEngine(mem.coldReader()), parseQuery(`${word} -${excluded}`), { want: 10 });
            for (const c of got.candidates) expect(banned.has(c.doc)).toBe(false);
            const want = await matchQuery(whole, parseQuery(`${word} -${excluded}`), { want: 10 });
            if (!got.approximate) expect(got.candidates).toEqual(want.candidates);
          } catch (error) {
            // The only way out: too many chunks to check in one request.
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe("query_too_broad");
          }
        },
      ),
      { numRuns: 30, seed: 9 },
    );
  });
});

describe("term shards are read by binary search", () => {
  it("refuses a shard whose terms are out of order (a term would be silently missed)", async () => {
    const corpus = toCorpus(fc.sample(corpusArb, { numRuns: 1, seed: 4 })[0] ?? []);
    const bundle = await bundled(corpus);
    const { version, layout } = bundle.manifest;
    const key = bundleKey(version, "term", shardOf("alpha", layout.term));
    const shard = JSON.parse(bundle.values.get(key) as string) as TermShard;
    expect(shard.text?.length).toBeGreaterThan(1);
    shard.text?.reverse();
    bundle.values.set(key, JSON.stringify(shard));
    const reader = memoryBundle(bundle).coldReader();
    await expect(bundleEngine(reader).postings.postings(["alpha"])).rejects.toMatchObject({ code: "bundle_key_corrupt" });
  });
});
