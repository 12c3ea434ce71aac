/** @module Matching a query, the edges a user meets: title: clauses over long lists, tiers, the default page, typos beside known words, phrases at a text's end and marks of finished words. */
import { describe, expect, it } from "vitest";
import { buildBundle } from "../src/build/write";
import type { EntityRef, SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { containsSequence, MAX_TERMS, matchQuery, type SearchParams, search } from "../src/search/engine";
import { parseQuery } from "../src/search/parse-query";
import { memoryBundle } from "./helpers/memory-bundle";

interface Doc {
  title: string;
  body: string;
  date?: string;
}

async function corpus(docs: Doc[], options: { head?: number; tailChunk?: number } = {}, entities: (i: number) => EntityRef[] = () => []) {
  const documents: SourceDocument[] = docs.map((d, i) => ({
    id: `d${i}`,
    title: d.title,
    body: d.body,
    ...(d.date ? { date: d.date } : {}),
    meta: {},
  }));
  const mem = memoryBundle(
    await buildBundle({ documents, entities: [], byDocument: docs.map((_, i) => entities(i)) }, { builtAt: "t", ...options }),
  );
  return {
    search: (params: Partial<SearchParams> & { q: string }) => {
      const reader = mem.coldReader();
      // These corpora repeat a few words: near-duplicates by design, folded only where a test asks (duplicates.test.ts).
      return search(bundleEngine(reader), reader, { limit: 10, offset: 0, group: false, ...params });
    },
    match: (q: string, options: Parameters<typeof matchQuery>[2] = {}) =>
      matchQuery(bundleEngine(mem.coldReader()), parseQuery(q), options),
  };
}

const day = (i: number) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);

describe("a title: clause over a word with a long list in the text", () => {
  // "alpha" in every text (a long list, its head of 4 only), in two titles (a whole list).
  const docs: Doc[] = Array.from({ length: 30 }, (_, i) => ({
    title: i === 3 || i === 20 ? "alpha report" : `report ${i}`,
    body: `alpha ${"filler ".repeat(i % 4)}`,
    date: day(i),
  }));

  it("is exact: the titles' list is whole", async () => {
    const { match } = await corpus(docs, { head: 4, tailChunk: 5 });
    for (const order of ["relevance", "date"] as const) {
      const got = await match("title:alpha ", { order });
      expect(got.approximate).toBe(false);
      expect(got.total).toBe(2);
      expect(got.groups[0]?.common).toBe(false);
      expect(got.candidates.map((c) => c.doc).sort((a, b) => a - b)).toEqual([3, 20]);
    }
    // The same word in the text is common, and only estimated.
    const text = await match("alpha ");
    expect(text.approximate).toBe(true);
    expect(text.groups[0]?.common).toBe(true);
    expect(text.total).toBe(30);
  });

  it("is a full match when the other clause is common", async () => {
    const { match } = await corpus(docs, { head: 4, tailChunk: 5 });
    const got = await match("alpha title:alpha ");
    expect(got.groups.map((g) => g.common)).toEqual([true, false]);
    expect(got.full).toBe(1);
    expect(got.candidates.slice(0, 2).map((c) => c.matched)).toEqual([1, 1]);
    // Every clause common: each decides the tiers.
    const common = await match("alpha filler ");
    expect(common.groups.map((g) => g.common)).toEqual([true, true]);
    expect(common.full).toBe(2);
  });
});

describe("tiers and the default page", () => {
  const docs: Doc[] = Array.from({ length: 12 }, (_, i) => ({ title: "t", body: `a1x b1x c1x d1x e1x ${"f1x ".repeat(i)}` }));

  it("puts full matches first for up to four clauses, not five", async () => {
    const { match } = await corpus(docs);
    expect((await match("a1x b1x c1x d1x ")).tiered).toBe(true);
    expect((await match("a1x b1x c1x d1x e1x ")).tiered).toBe(false);
  });

  it("returns the best ten unless asked for more", async () => {
    const { match } = await corpus(docs);
    const got = await match("a1x ");
    expect(got.candidates).toHaveLength(10);
    expect(got.total).toBe(12);
    expect(got.full).toBe(1);
  });
});

describe("typos beside known words", () => {
  const docs: Doc[] = [
    { title: "Embassy", body: "The embassy in Kabul closed." },
    { title: "Theatre", body: "A kabuki theatre opened." },
  ];
  const unknown = (n: number) =>
    Array.from({ length: n }, (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);

  it("corrects a typo to a word the query already holds, however full the query", async () => {
    const { match } = await corpus(docs);
    const words = unknown(MAX_TERMS - 2).join(" ");
    expect((await match(`${words} embassy embasy `)).corrected).toBe(`${words} embassy embassy`);
  });

  it("does not correct a word being typed that completes to known words", async () => {
    const { match } = await corpus(docs);
    const got = await match("kabu");
    expect(got.corrected).toBeUndefined();
    expect(got.total).toBe(2);
    expect((await match("zqzqx ")).corrected).toBeUndefined();
  });
});

describe("snippets mark the query's words, and completions only of the word being typed", () => {
  it("leaves a longer word unmarked when the query's word is finished", async () => {
    const { search: run } = await corpus([{ title: "Oil", body: "Oil prices rose while oily rags burned." }]);
    expect((await run({ q: "oil " })).hits[0]?.snippet).toBe("<mark>Oil</mark> prices rose while oily rags burned.");
    expect((await run({ q: "oil" })).hits[0]?.snippet).toBe("<mark>Oil</mark> prices rose while <mark>oily</mark> rags burned.");
  });
});

describe("phrases", () => {
  it("are found side by side, at the start, the end or alone, and not apart", () => {
    expect(containsSequence(["security", "council"], ["security", "council"])).toBe(true);
    expect(containsSequence(["the", "security", "council"], ["security", "council"])).toBe(true);
    expect(containsSequence(["security", "council", "met"], ["security", "council"])).toBe(true);
    expect(containsSequence(["security", "the", "council"], ["security", "council"])).toBe(false);
    expect(containsSequence(["council", "security"], ["security", "council"])).toBe(false);
    expect(containsSequence(["security"], ["security", "council"])).toBe(false);
    expect(containsSequence([], ["security"])).toBe(false);
  });

  it("put a document ending with the phrase first", async () => {
    const { search: run } = await corpus([
      { title: "a", body: "council members and security staff, council and security again" },
      { title: "b", body: "votes at the security council" },
    ]);
    expect((await run({ q: '"security council" ', limit: 1 })).hits.map((h) => h.id)).toEqual(["d1"]);
  });
});

describe("facets under an estimate", () => {
  it("are not exhaustive when the total is estimated, even with every match counted on the page", async () => {
    // An entity of every document, one a chunk: its list is longer than one query may read, so the total is estimated.
    const docs: Doc[] = Array.from({ length: 60 }, (_, i) => ({ title: "t", body: `alpha ${i >= 57 ? "rare" : ""}`, date: day(i) }));
    const { search: run } = await corpus(docs, { head: 1, tailChunk: 1 }, () => [{ id: "e", name: "E", type: "place" }]);
    // Newest first (by relevance the entity's bitmap would say which documents it holds, and the count be exact).
    const result = await run({ q: "rare entity:e ", limit: 20, sort: "date" });
    expect(result.approximate).toBe(true);
    expect(result.total).toBe(result.hits.length);
    expect(result.facets.place).toEqual([{ id: "e", name: "E", type: "place", count: result.hits.length }]);
    expect(result.facetsExhaustive).toBe(false);
    // Without the entity, every list is read whole.
    const whole = await run({ q: "rare ", limit: 20 });
    expect(whole.approximate).toBe(false);
    expect(whole.hits.map((h) => h.id)).toEqual(["d57", "d58", "d59"]);
    expect(whole.facetsExhaustive).toBe(true);
  });
});
