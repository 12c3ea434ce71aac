/** @module Which pages the rerank and the phrase check reorder (the first page by relevance, for several words) and which they leave in the engine's order. */
import { describe, expect, it } from "vitest";
import { buildBundle } from "../src/build/write";
import type { SparsePostings } from "../src/format/bundle";
import type { SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { matchQuery, type SearchParams, search } from "../src/search/engine";
import { estimateTotal } from "../src/search/estimate";
import { parseQuery } from "../src/search/parse-query";
import type { PostingSource, TermPostings } from "../src/search/postings";
import { TailLoader } from "../src/search/tails";
import { memoryBundle } from "./helpers/memory-bundle";

async function corpus(bodies: string[], options: { head?: number; tailChunk?: number } = {}) {
  // Dated in input order, so that date order means something (a later document is newer).
  const day = (i: number) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
  const documents: SourceDocument[] = bodies.map((body, i) => ({ id: `d${i}`, title: "note", body, date: day(i), meta: {} }));
  const mem = memoryBundle(
    await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t", ...options }),
  );
  return {
    ids: async (params: Partial<SearchParams> & { q: string }) => {
      const reader = mem.coldReader();
      // These corpora repeat a few words: near-duplicates by design, folded only where a test asks (duplicates.test.ts).
      return (await search(bundleEngine(reader), reader, { limit: 10, offset: 0, group: false, ...params })).hits.map((h) => h.id);
    },
    match: (q: string, options: Parameters<typeof matchQuery>[2] = {}) =>
      matchQuery(bundleEngine(mem.coldReader()), parseQuery(q), options),
  };
}

// Same words, same lengths: BM25 ties them and the document number orders them; only the rerank sees word order.
const apart = "security is the first word and council the last";
const together = "the first word and the last security council";

describe("the rerank", () => {
  it("leaves a later page in the engine's order", async () => {
    const { ids } = await corpus([apart, apart, together]);
    expect(await ids({ q: "security council " })).toEqual(["d2", "d0", "d1"]);
    expect(await ids({ q: "security council ", offset: 1, limit: 2 })).toEqual(["d1", "d2"]);
  });

  it("leaves date order as it is", async () => {
    const { ids } = await corpus([together, apart]);
    expect(await ids({ q: "security council " })).toEqual(["d0", "d1"]);
    expect(await ids({ q: "security council ", sort: "date" })).toEqual(["d1", "d0"]);
  });

  it("leaves a one-word query in the engine's order, the word as typed or not", async () => {
    const { ids, match } = await corpus(["securities are the first word", "security is the first word"]);
    const matched = await match("security ");
    expect(matched.candidates[0]?.score).toBe(matched.candidates[1]?.score);
    expect(await ids({ q: "security " })).toEqual(["d0", "d1"]);
  });
});

describe("the phrase check", () => {
  it("leaves date order as it is", async () => {
    const { ids } = await corpus(["the security council met", "council and security apart"]);
    expect(await ids({ q: '"security council" ', sort: "date" })).toEqual(["d1", "d0"]);
    expect(await ids({ q: '"security council" ', offset: 1, limit: 1 })).toEqual(["d1"]);
  });
});

describe("matching", () => {
  it("finds nothing for exclusions alone", async () => {
    const { match } = await corpus([apart, together]);
    const got = await match("-security ");
    expect(got.candidates).toEqual([]);
    expect(got.total).toBe(0);
  });

  it("takes a word being typed as common only when every completion's list is longer than its head", async () => {
    // "alpha" in every document (a long list), "alphabet" in one (a whole one).
    const bodies = Array.from({ length: 20 }, (_, i) => (i === 7 ? "alpha alphabet" : "alpha words"));
    const { match } = await corpus(bodies, { head: 4, tailChunk: 5 });
    const typing = await match("alph");
    expect([...(typing.groups[0]?.variants.keys() ?? [])].sort()).toEqual(["alph", "alpha", "alphabet"]);
    expect(typing.groups[0]?.common).toBe(false);
    expect(typing.approximate).toBe(true);
    expect((await match("alpha ")).groups[0]?.common).toBe(true);
  });
});

describe("the estimate over no documents", () => {
  it("says the documents seen", () => {
    const p: TermPostings = {
      title: [],
      text: [],
      entity: [],
      count: { title: 0, text: 0, entity: 0 },
      tails: { title: [], text: [], entity: [] },
    };
    const group = { word: "oil", field: "text" as const, variants: new Map([["oil", 1]]) };
    expect(estimateTotal([group], new Map([["oil", p]]), 0, 7)).toBe(7);
    expect(estimateTotal([], new Map(), 0, 7, [0, 5])).toBe(7);
  });
});

describe("the tail budget", () => {
  it("is not cut by a request that fits it exactly", async () => {
    const table: Record<number, SparsePostings> = { 1: [[0, [3]]], 2: [[0, [12]]] };
    const source: PostingSource = {
      documents: 20,
      postings: async () => new Map(),
      tails: async (refs) => new Map(refs.map(([n]) => [n, table[n] as SparsePostings])),
    };
    const p: TermPostings = {
      title: [],
      text: [[1]],
      entity: [],
      count: { title: 0, text: 3, entity: 0 },
      tails: {
        title: [],
        text: [
          [1, 0, 9],
          [2, 10, 19],
        ],
        entity: [],
      },
    };
    const tails = new TailLoader(source, new Map([["oil", p]]), 2);
    await tails.load([{ term: "oil", field: "text", accept: () => true }]);
    expect(tails.cut).toBe(false);
    expect(tails.read).toBe(2);
    expect(p.text).toEqual([[1, 12, 3]]);
  });
});
