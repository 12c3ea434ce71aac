/** @module What a search reads and shows: nothing read for exclusions alone, scores as ranked, marks of every completion, facets of the best 20, only the chunks a page needs, and which documents the phrase check looks at. */
import { describe, expect, it } from "vitest";
import { buildBundle } from "../src/build/write";
import type { SparsePostings } from "../src/format/bundle";
import type { EntityRef, SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { FACET_SAMPLE, MAX_EXPANSIONS, matchQuery, type SearchParams, search } from "../src/search/engine";
import { entityFilter } from "../src/search/filters";
import { parseQuery } from "../src/search/parse-query";
import type { PostingSource, TermPostings } from "../src/search/postings";
import { TailLoader } from "../src/search/tails";
import type { Engine } from "../src/search/types";
import { memoryBundle } from "./helpers/memory-bundle";

async function corpus(
  bodies: string[],
  options: { head?: number; tailChunk?: number } = {},
  entities: (i: number) => EntityRef[] = () => [],
) {
  const documents: SourceDocument[] = bodies.map((body, i) => ({ id: `d${i}`, title: "note", body, meta: {} }));
  const mem = memoryBundle(
    await buildBundle({ documents, entities: [], byDocument: documents.map((_, i) => entities(i)) }, { builtAt: "t", ...options }),
  );
  return {
    mem,
    search: (params: Partial<SearchParams> & { q: string }) => {
      const reader = mem.coldReader();
      // These corpora repeat a few words: near-duplicates by design, folded only where a test asks (duplicates.test.ts).
      return search(bundleEngine(reader), reader, { limit: 10, offset: 0, group: false, ...params });
    },
    match: (q: string, options: Parameters<typeof matchQuery>[2] = {}) =>
      matchQuery(bundleEngine(mem.coldReader()), parseQuery(q), options),
  };
}

describe("what a search reads", () => {
  it("reads nothing for exclusions alone", async () => {
    const { mem, search: run } = await corpus(["oil prices rose", "gas prices fell"]);
    const result = await run({ q: "-oil -gas " });
    expect(result.total).toBe(0);
    expect(mem.reads).toEqual([]);
  });

  it("reads only the chunks of a common word its page needs", async () => {
    // "alpha" in 30 documents: its head holds 4, six chunks of 5 the rest. The best 20 need two rounds of two chunks.
    const { search: run } = await corpus(
      Array.from({ length: 30 }, (_, i) => `alpha ${"words ".repeat(i % 4)}`),
      { head: 4, tailChunk: 5 },
    );
    for (const limit of [10, 15, 20]) {
      const result = await run({ q: "alpha ", limit });
      expect(result.approximate, `limit ${limit}`).toBe(true);
      expect(result.total).toBe(30);
    }
  });

  it("reads as many chunks for a phrase as for its words when the phrase check needs no more", async () => {
    const { search: run } = await corpus(
      Array.from({ length: 30 }, (_, i) => `alpha beta ${"words ".repeat(i % 4)}`),
      { head: 4, tailChunk: 5 },
    );
    const result = await run({ q: '"alpha beta" ' });
    expect(result.approximate).toBe(true);
  });
});

describe("a title: clause", () => {
  it("reads no chunks of the word's list in the text, however long", async () => {
    // "words" in most texts, one document a chunk past a head of 4, and in no title.
    const { mem, match } = await corpus(
      Array.from({ length: 30 }, (_, i) => `alpha ${"words ".repeat(i % 4)}`),
      { head: 4, tailChunk: 1 },
    );
    const got = await match("title:words ");
    expect(got.total).toBe(0);
    expect(got.approximate).toBe(false);
    expect(mem.reads.filter((key) => key.includes("tail"))).toEqual([]);
  });
});

describe("what a hit shows", () => {
  it("gives the score the ranking gave, to four decimals", async () => {
    const { search: run, match } = await corpus(["oil prices rose", "oil oil and more oil in the news today"]);
    const ranked = await match("oil ");
    const result = await run({ q: "oil " });
    expect(result.hits.map((h) => h.score)).toEqual(ranked.candidates.map((c) => Math.round(c.score * 1e4) / 1e4));
    expect(result.hits[0]?.score).toBeLessThan(10);
  });

  it(`marks every word starting with the word being typed, beyond the ${MAX_EXPANSIONS} completions searched`, async () => {
    // kaba … kabh in two documents each, kabi and kabj in one: the last two are not searched, but are marked.
    const bodies = [..."abcdefgh"].flatMap((l) => [`kab${l} words`, `kab${l} more`]);
    bodies.push("kaba and kabj together", "kabi alone");
    const { search: run } = await corpus(bodies);
    const result = await run({ q: "kab", limit: 30 });
    expect(result.hits.map((h) => h.snippet)).toContain("<mark>kaba</mark> and <mark>kabj</mark> together");
    expect(result.hits.map((h) => h.id)).not.toContain("d17");
  });

  it(`counts the facets of the best ${FACET_SAMPLE} matches, however deep the page`, async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => `alpha ${"beta ".repeat(i % 7)}`);
    const { search: run } = await corpus(bodies, {}, (i) => [{ id: `p${i % 2}`, name: `P${i % 2}`, type: "place" }]);
    const deep = await run({ q: "alpha ", offset: 30, limit: 10 });
    expect(deep.hits).toHaveLength(10);
    expect(deep.facets.place.reduce((n, f) => n + f.count, 0)).toBe(FACET_SAMPLE);
    expect(deep.facetsExhaustive).toBe(false);
  });
});

describe("the phrase check", () => {
  it("looks only at documents matching every word", async () => {
    // d1 holds the phrase but not "oil"; d2 has the phrase's words apart, more often, and no "oil" either.
    const { search: run } = await corpus([
      "the security council on oil",
      "the security council met",
      "council security and council security apart",
    ]);
    expect((await run({ q: '"security council" oil ' })).hits[0]?.id).toBe("d0");
    expect((await run({ q: '"security council" oil ', offset: 1, limit: 1 })).hits.map((h) => h.id)).toEqual(["d2"]);
  });

  it("wants every phrase of the query", async () => {
    // d1 holds one phrase of two; d0 neither, with the words more often.
    const { search: run } = await corpus([
      "council and security then council and security then prices and oil then prices and oil",
      "the security council on prices of oil",
    ]);
    expect((await run({ q: '"security council" "oil prices" ', limit: 1 })).hits.map((h) => h.id)).toEqual(["d0"]);
  });

  it(`checks at most the best 100, however deep the page`, async () => {
    // 104 documents with the words apart, then the phrase, 105th by its words alone.
    const bodies = [...Array.from({ length: 104 }, () => "council council security security apart"), "the security council met at last"];
    const { search: run } = await corpus(bodies);
    const page = await run({ q: '"security council" ', offset: 95, limit: 10 });
    expect(page.hits.at(-1)?.id).toBe("d104");
  });
});

describe("an entity filter over several entities", () => {
  it("is an estimate when any one entity's list was read in part", async () => {
    const postings = new Map<string, TermPostings>([
      [
        "kabul",
        {
          title: [],
          text: [],
          entity: [[1, 2]],
          count: { title: 0, text: 0, entity: 3 },
          tails: { title: [], text: [], entity: [[7, 10, 20]] },
        },
      ],
      [
        "un",
        { title: [], text: [], entity: [[1, 2]], count: { title: 0, text: 0, entity: 2 }, tails: { title: [], text: [], entity: [] } },
      ],
    ]);
    const source: PostingSource = {
      documents: 30,
      postings: async () => new Map(),
      tails: async () => new Map<number, SparsePostings>(),
    };
    const tails = new TailLoader(source, postings, 0);
    const scope = await entityFilter(["kabul", "un"]).narrow({ engine: {} as Engine, postings, tails }, { partial: false });
    expect(scope).toEqual({ partial: true, allowed: new Set([1, 2]) });
  });
});
