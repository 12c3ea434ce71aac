/** @module The engine's parts on plain data: date ranges, entity filters, scopes, the estimate, tail chunks, postings, the ranker, facets and completions. */
import { describe, expect, it } from "vitest";
import { buildBundle } from "../src/build/write";
import type { SparsePostings, TailRef } from "../src/format/bundle";
import type { DocMeta, EntityRef } from "../src/format/schema";
import { bm25, idf, slotWeight } from "../src/format/scoring";
import { bundleEngine, completionsFromBundle } from "../src/search/bundle-engine";
import { estimateTotal } from "../src/search/estimate";
import { countFacets, EXACT_FACET_CHUNKS, exactFacets, FACET_VALUES } from "../src/search/facets";
import { allows, dateFilter, documentRange, entityFilter, region, type Scope } from "../src/search/filters";
import { fromSparse, mergeTail, type PostingSource, type TermPostings } from "../src/search/postings";
import { compareNewest, compareScore, compareTiered, docsOf, rankCandidates, type TermGroup, TITLE_WEIGHT } from "../src/search/rank";
import { holdingAny, inRange, TailLoader } from "../src/search/tails";
import type { Engine } from "../src/search/types";
import { memoryBundle } from "./helpers/memory-bundle";

/** A term's postings: slots per field, their counts (tails included) and the tail chunks not read yet. */
function term(
  slots: Partial<Record<"title" | "text" | "entity", (number[] | null)[]>>,
  more: {
    count?: Partial<Record<"title" | "text" | "entity", number>>;
    tails?: Partial<Record<"title" | "text" | "entity", TailRef[]>>;
  } = {},
): TermPostings {
  const title = slots.title ?? [];
  const text = slots.text ?? [];
  const entity = slots.entity ?? [];
  const n = (s: (number[] | null)[]) => s.reduce((a, ids) => a + (ids?.length ?? 0), 0);
  return {
    title,
    text,
    entity,
    count: { title: n(title), text: n(text), entity: n(entity), ...more.count },
    tails: { title: [], text: [], entity: [], ...more.tails },
  };
}

/** A posting source serving tail chunks from a table, recording each round trip. */
function chunks(table: Record<number, SparsePostings>) {
  const calls: number[][] = [];
  const source: PostingSource = {
    documents: 100,
    postings: async () => new Map(),
    async tails(refs) {
      calls.push(refs.map(([n]) => n));
      return new Map(refs.flatMap(([n]) => (table[n] ? [[n, table[n]] as const] : [])));
    },
  };
  return { source, calls };
}

const group = (variants: [string, number][], field: "text" | "title" = "text", common?: boolean): TermGroup => ({
  word: variants[0]?.[0] ?? "",
  field,
  variants: new Map(variants),
  ...(common === undefined ? {} : { common }),
});

describe("date ranges", () => {
  const runs: [string, number][] = [
    ["", 0],
    ["2021-08-01", 2],
    ["2021-08-03", 5],
    ["2021-08-05", 9],
  ];

  it("gives the documents of the days within the bounds, both inclusive, undated ones never", () => {
    expect(documentRange(runs)).toEqual([2, Number.MAX_SAFE_INTEGER]);
    expect(documentRange(runs, "2021-08-02")).toEqual([5, Number.MAX_SAFE_INTEGER]);
    expect(documentRange(runs, undefined, "2021-08-03")).toEqual([2, 9]);
    expect(documentRange(runs, "2021-08-03", "2021-08-03")).toEqual([5, 9]);
    expect(documentRange(runs, "2021-08-01", "2021-08-01")).toEqual([2, 5]);
    expect(documentRange(runs, "2021-08-05", "2021-08-05")).toEqual([9, Number.MAX_SAFE_INTEGER]);
  });

  it("gives no documents for days outside the corpus, or no corpus", () => {
    expect(documentRange(runs, "2021-08-04", "2021-08-04")).toEqual([0, 0]);
    expect(documentRange(runs, "2022-01-01")).toEqual([0, 0]);
    expect(documentRange(runs, undefined, "2021-07-31")).toEqual([0, 0]);
    expect(documentRange([])).toEqual([0, 0]);
    expect(documentRange([["", 0]])).toEqual([0, 0]);
  });

  it("narrows a scope to its range, within a range already there, keeping what else the scope holds", async () => {
    const engine = { dates: async () => runs } as unknown as Engine;
    const context = { engine, postings: new Map(), tails: new TailLoader(chunks({}).source, new Map()) };
    expect(dateFilter("2021-08-03").terms).toEqual([]);
    expect(await dateFilter("2021-08-03").narrow(context, { partial: false })).toEqual({
      partial: false,
      range: [5, Number.MAX_SAFE_INTEGER],
    });
    const allowed = new Set([3, 6]);
    expect(await dateFilter(undefined, "2021-08-03").narrow(context, { partial: true, allowed, range: [4, 20] })).toEqual({
      partial: true,
      allowed,
      range: [4, 9],
    });
    expect(await dateFilter("2021-08-01").narrow(context, { partial: false, range: [0, 3] })).toEqual({ partial: false, range: [2, 3] });
  });
});

describe("entity filters", () => {
  const context = (postings: Map<string, TermPostings>, table: Record<number, SparsePostings> = {}, budget?: number) => {
    const { source, calls } = chunks(table);
    return { context: { engine: {} as Engine, postings, tails: new TailLoader(source, postings, budget) }, calls };
  };

  it("allows the documents holding every entity, within those already allowed", async () => {
    const postings = new Map([
      ["kabul", term({ entity: [[1, 2, 3], null, [5]] })],
      ["un", term({ entity: [[3, 5, 7]] })],
    ]);
    const filter = entityFilter(["kabul", "un"]);
    expect(filter.terms).toEqual(["kabul", "un"]);
    const { context: c } = context(postings);
    expect(await filter.narrow(c, { partial: false })).toEqual({ partial: false, allowed: new Set([3, 5]) });
    expect(await filter.narrow(c, { partial: false, allowed: new Set([5, 9]) })).toEqual({ partial: false, allowed: new Set([5]) });
    expect(await entityFilter(["nobody"]).narrow(c, { partial: false })).toEqual({ partial: false, allowed: new Set() });
  });

  it("reads the entity's chunks in the dates asked for, and only those", async () => {
    const postings = () =>
      new Map([
        [
          "kabul",
          term(
            { entity: [[1]] },
            {
              tails: {
                entity: [
                  [7, 10, 20],
                  [8, 30, 40],
                ],
              },
            },
          ),
        ],
      ]);
    const table = { 7: [[0, [12, 15]]] as SparsePostings, 8: [[0, [33]]] as SparsePostings };
    const inDates = context(postings(), table);
    const scope = await entityFilter(["kabul"]).narrow(inDates.context, { partial: false, range: [0, 11] });
    expect(inDates.calls).toEqual([[7]]);
    expect(scope).toEqual({ partial: false, range: [0, 11], allowed: new Set([1, 12, 15]) });
    // A range ending where a chunk starts does not need it.
    const before = context(postings(), table);
    expect(await entityFilter(["kabul"]).narrow(before.context, { partial: false, range: [0, 10] })).toEqual({
      partial: false,
      range: [0, 10],
      allowed: new Set([1]),
    });
    expect(before.calls).toEqual([]);
    const all = context(postings(), table);
    expect((await entityFilter(["kabul"]).narrow(all.context, { partial: false })).allowed).toEqual(new Set([1, 12, 15, 33]));
  });

  it("says its list was read in part when the budget leaves a chunk unread", async () => {
    const postings = new Map([["kabul", term({ entity: [[1]] }, { tails: { entity: [[7, 10, 20]] } })]]);
    const { context: c } = context(postings, { 7: [[0, [12]]] }, 0);
    expect(await entityFilter(["kabul"]).narrow(c, { partial: false })).toEqual({ partial: true, allowed: new Set([1]) });
  });
});

describe("scopes", () => {
  it("allows every document without filters, and otherwise those in the range and the allowed set", () => {
    expect(allows({ partial: false })).toBeUndefined();
    const ranged = allows({ partial: false, range: [2, 5] }) as (doc: number) => boolean;
    expect([1, 2, 4, 5].map(ranged)).toEqual([false, true, true, false]);
    const both = allows({ partial: false, range: [2, 5], allowed: new Set([3, 7]) }) as (doc: number) => boolean;
    expect([3, 4, 7].map(both)).toEqual([true, false, false]);
    const set = allows({ partial: false, allowed: new Set([3, 7]) }) as (doc: number) => boolean;
    expect([3, 4, 7].map(set)).toEqual([true, false, true]);
  });

  it("needs the chunks holding its allowed documents, or covering its range, or all of them", () => {
    const ref = (lo: number, hi: number): TailRef => [0, lo, hi];
    const allowed = region({ partial: false, allowed: new Set([30, 3, 12]), range: [0, 20] });
    expect([ref(10, 15), ref(25, 35), ref(4, 9), ref(0, 3)].map(allowed)).toEqual([true, false, false, true]);
    const unranged = region({ partial: false, allowed: new Set([30, 3]) });
    expect([ref(25, 35), ref(4, 9)].map(unranged)).toEqual([true, false]);
    const ranged = region({ partial: false, range: [10, 20] });
    expect([ref(0, 9), ref(0, 10), ref(19, 30), ref(20, 30)].map(ranged)).toEqual([false, true, true, false]);
    const scope: Scope = { partial: false };
    expect(region(scope)(ref(0, 1_000_000))).toBe(true);
  });
});

describe("the estimated total", () => {
  const postings = new Map([
    ["a", term({}, { count: { text: 20, title: 5 } })],
    ["b", term({}, { count: { text: 30 } })],
    ["c", term({}, { count: { title: 25, text: 90 } })],
    ["d", term({}, { count: { text: 150 } })],
  ]);

  it("takes clauses as independent, each matching the documents of its terms in its field", () => {
    // 1 − (1 − 50/100)(1 − 25/100) = 0.625 of 100 documents.
    expect(
      estimateTotal(
        [
          group([
            ["a", 1],
            ["b", 0.8],
          ]),
          group([["c", 1]], "title"),
        ],
        postings,
        100,
        10,
      ),
    ).toBe(63);
    expect(estimateTotal([group([["a", 1]])], postings, 100, 10)).toBe(20);
    expect(estimateTotal([group([["a", 1]], "title")], postings, 100, 1)).toBe(5);
    expect(estimateTotal([group([["missing", 1]])], postings, 100, 0)).toBe(0);
    // A clause cannot match more than every document.
    expect(estimateTotal([group([["d", 1]]), group([["a", 1]])], postings, 100, 0)).toBe(100);
  });

  it("never says fewer than the documents seen", () => {
    expect(estimateTotal([group([["a", 1]])], postings, 100, 70)).toBe(70);
    expect(estimateTotal([group([["a", 1]])], postings, 0, 7)).toBe(7);
  });

  it("scales to the dates and entities asked for", () => {
    expect(
      estimateTotal(
        [
          group([
            ["a", 1],
            ["b", 1],
          ]),
        ],
        postings,
        100,
        0,
        [20, 60],
      ),
    ).toBe(20);
    expect(
      estimateTotal(
        [
          group([
            ["a", 1],
            ["b", 1],
          ]),
        ],
        postings,
        100,
        0,
        [20, 60],
        50,
      ),
    ).toBe(10);
    // The last date run ends at MAX_SAFE_INTEGER: the range stops at the last document.
    expect(estimateTotal([], postings, 100, 0, [80, Number.MAX_SAFE_INTEGER])).toBe(20);
    expect(estimateTotal([], postings, 100, 3, [50, 40])).toBe(3);
    expect(estimateTotal([], postings, 100, 0, undefined, 3)).toBe(3);
  });
});

describe("tail chunks", () => {
  it("covering a range: any overlap with [first, end)", () => {
    const covers = inRange(10, 20);
    expect(
      (
        [
          [0, 0, 9],
          [0, 0, 10],
          [0, 19, 30],
          [0, 20, 30],
          [0, 12, 14],
        ] as TailRef[]
      ).map(covers),
    ).toEqual([false, true, true, false, true]);
  });

  it("holding any of some documents", () => {
    const holds = holdingAny([5, 10, 20]);
    const refs: TailRef[] = [
      [0, 0, 4],
      [0, 5, 5],
      [0, 6, 9],
      [0, 11, 19],
      [0, 20, 25],
      [0, 21, 30],
      [0, 0, 100],
      [0, 9, 10],
    ];
    expect(refs.map(holds)).toEqual([false, true, false, false, true, false, true, true]);
    expect(holdingAny([])([0, 0, 100])).toBe(false);
    // Against every document of a range, one at a time.
    const docs = [2, 3, 7, 11, 12, 18];
    for (let lo = 0; lo < 20; lo++)
      for (let hi = lo; hi < 20; hi++) expect(holdingAny(docs)([0, lo, hi])).toBe(docs.some((d) => d >= lo && d <= hi));
  });

  const loaded = () =>
    new Map([
      [
        "oil",
        term(
          { text: [[1]] },
          {
            tails: {
              text: [
                [1, 0, 9],
                [2, 10, 19],
                [3, 20, 29],
              ],
            },
          },
        ),
      ],
    ]);
  const table: Record<number, SparsePostings> = { 1: [[2, [3]]], 2: [[0, [12]]], 3: [[1, [25, 26]]] };

  it("are read newest first, as many as asked, and merged into the postings", async () => {
    const postings = loaded();
    const { source, calls } = chunks(table);
    const tails = new TailLoader(source, postings);
    expect(tails.whole("oil", "text")).toBe(false);
    expect(tails.whole("oil", "text", inRange(30, 40))).toBe(true);
    expect(tails.whole("oil", "title")).toBe(true);
    expect(tails.whole("gas", "text")).toBe(true);
    await tails.load([{ term: "oil", field: "text", accept: () => true }], 2);
    expect(calls).toEqual([[3, 2]]);
    expect(tails.read).toBe(2);
    expect(tails.cut).toBe(false);
    expect(postings.get("oil")?.text).toEqual([
      [1, 12],
      [25, 26],
    ]);
    expect(postings.get("oil")?.tails.text).toEqual([[1, 0, 9]]);
    await tails.load([{ term: "oil", field: "text", accept: () => true }]);
    expect(calls).toEqual([[3, 2], [1]]);
    expect(postings.get("oil")?.text).toEqual([[1, 12], [25, 26], [3]]);
    expect(tails.whole("oil", "text")).toBe(true);
    // Nothing left: no round trip.
    await tails.load([{ term: "oil", field: "text", accept: () => true }]);
    await tails.load([{ term: "gas", field: "text", accept: () => true }]);
    expect(calls).toHaveLength(2);
  });

  it("read each chunk once, however many requests name it", async () => {
    const postings = loaded();
    const { source, calls } = chunks(table);
    const tails = new TailLoader(source, postings);
    const all = { term: "oil", field: "text" as const, accept: inRange(20, 30) };
    await tails.load([all, all]);
    expect(calls).toEqual([[3]]);
    expect(postings.get("oil")?.text).toEqual([[1], [25, 26]]);
  });

  it("stop at the query's budget and say so", async () => {
    const postings = loaded();
    const { source, calls } = chunks(table);
    const tails = new TailLoader(source, postings, 2);
    await tails.load([{ term: "oil", field: "text", accept: () => true }]);
    expect(calls).toEqual([[3, 2]]);
    expect(tails.cut).toBe(true);
    await tails.load([{ term: "oil", field: "text", accept: () => true }]);
    expect(calls).toHaveLength(1);
    expect(tails.read).toBe(2);
    expect(tails.whole("oil", "text")).toBe(false);
  });

  it("leave a chunk the store did not return unread", async () => {
    const postings = loaded();
    const { source } = chunks({ 3: table[3] as SparsePostings });
    const tails = new TailLoader(source, postings);
    await tails.load([{ term: "oil", field: "text", accept: () => true }]);
    expect(tails.read).toBe(1);
    expect(postings.get("oil")?.tails.text).toEqual([
      [1, 0, 9],
      [2, 10, 19],
    ]);
  });
});

describe("postings", () => {
  it("read stored postings back with their empty slots", () => {
    expect(
      fromSparse([
        [0, [1]],
        [2, [3, 4]],
      ]),
    ).toEqual([[1], null, [3, 4]]);
    expect(fromSparse([])).toEqual([]);
  });

  it("merge a chunk into new arrays, leaving the cached ones as they were", () => {
    const cached: (number[] | null)[] = [[1], null];
    const p = term({ text: cached });
    mergeTail(p, "text", [
      [1, [5]],
      [3, [7, 8]],
      [0, [9]],
    ]);
    expect(p.text).toEqual([[1, 9], [5], null, [7, 8]]);
    expect(cached).toEqual([[1], null]);
    expect(docsOf(p.text)).toEqual(new Set([1, 9, 5, 7, 8]));
  });
});

describe("the ranker", () => {
  const documents = 10;
  const text = (slot: number) => slotWeight(slot, bm25.text);
  const title = (slot: number) => slotWeight(slot, bm25.title);

  it("scores BM25 from the slots, a title match on top of the text", () => {
    const postings = new Map([["kabul", term({ text: [[1], [2]], title: [[1]] })]]);
    const { candidates, total } = rankCandidates([group([["kabul", 1]])], postings, { documents, tiered: true, want: 10 });
    const w = idf(documents, 2);
    expect(total).toBe(2);
    expect(candidates.map((c) => c.doc)).toEqual([1, 2]);
    expect(candidates[0]?.score).toBeCloseTo(w * (text(0) + TITLE_WEIGHT * title(0)), 5);
    expect(candidates[1]?.score).toBeCloseTo(w * text(1), 5);
    expect(candidates.map((c) => c.matched)).toEqual([1, 1]);
  });

  it("scores a title: clause on titles alone, with the titles' document frequency", () => {
    const postings = new Map([["kabul", term({ text: [[1, 2, 3]], title: [null, [2]] })]]);
    const { candidates } = rankCandidates([group([["kabul", 1]], "title")], postings, { documents, tiered: true, want: 10 });
    expect(candidates).toHaveLength(1);
    expect(candidates[0]?.doc).toBe(2);
    expect(candidates[0]?.score).toBeCloseTo(idf(documents, 1) * title(1), 5);
  });

  it("counts the best variant of a clause, weighted, not their sum", () => {
    const postings = new Map([
      ["kabul", term({ text: [null, [1]] })],
      ["kabuki", term({ text: [[1, 2]] })],
    ]);
    const { candidates } = rankCandidates(
      [
        group([
          ["kabul", 1],
          ["kabuki", 0.8],
          ["missing", 1],
        ]),
      ],
      postings,
      { documents, tiered: true, want: 10 },
    );
    const one = Math.max(idf(documents, 1) * text(1), 0.8 * idf(documents, 2) * text(0));
    expect(candidates.find((c) => c.doc === 1)?.score).toBeCloseTo(one, 5);
    expect(candidates.find((c) => c.doc === 2)?.score).toBeCloseTo(0.8 * idf(documents, 2) * text(0), 5);
  });

  it("sums clauses, puts full matches first when tiered, and orders by score alone otherwise", () => {
    const postings = new Map([
      ["rare", term({ text: [[3]] })],
      [
        "oil",
        term({
          text: [
            [4, 5],
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            [3],
          ],
        }),
      ],
    ]);
    const groups = [group([["rare", 1]]), group([["oil", 1]])];
    const tiered = rankCandidates(groups, postings, { documents, tiered: true, want: 10 });
    expect(tiered.candidates.map((c) => [c.doc, c.matched])).toEqual([
      [3, 2],
      [4, 1],
      [5, 1],
    ]);
    expect(tiered.candidates[0]?.score).toBeCloseTo(idf(documents, 1) * text(0) + idf(documents, 3) * text(20), 5);
    // 4 and 5 tie: the lower number first.
    const flat = rankCandidates([group([["oil", 1]])], postings, { documents, tiered: false, want: 10 });
    expect(flat.candidates.map((c) => c.doc)).toEqual([4, 5, 3]);
    expect(rankCandidates(groups, postings, { documents, tiered: true, want: 2 }).candidates.map((c) => c.doc)).toEqual([3, 4]);
    expect(rankCandidates(groups, postings, { documents, tiered: true, want: 2 }).total).toBe(3);
  });

  it("does not let a common clause decide the tiers, unless every clause is common", () => {
    const postings = new Map([
      ["rare", term({ text: [[3]] })],
      ["oil", term({ text: [[4], [3]] })],
    ]);
    const some = rankCandidates([group([["rare", 1]]), group([["oil", 1]], "text", true)], postings, { documents, tiered: true, want: 10 });
    expect(some.candidates.map((c) => [c.doc, c.matched])).toEqual([
      [3, 1],
      [4, 0],
    ]);
    const every = rankCandidates([group([["rare", 1]], "text", true), group([["oil", 1]], "text", true)], postings, {
      documents,
      tiered: true,
      want: 10,
    });
    expect(every.candidates.map((c) => [c.doc, c.matched])).toEqual([
      [3, 2],
      [4, 1],
    ]);
  });

  it("leaves out excluded and disallowed documents, boosts scores and orders by date when asked", () => {
    const postings = new Map([["oil", term({ text: [[1, 2, 3, 4]] })]]);
    const groups = [group([["oil", 1]])];
    const base = idf(documents, 4) * text(0);
    const ranked = rankCandidates(groups, postings, {
      documents,
      tiered: true,
      want: 10,
      exclude: new Set([2]),
      allow: (doc) => doc !== 4,
      boost: (doc) => doc / 10,
    });
    expect(ranked.total).toBe(2);
    expect(ranked.candidates.map((c) => c.doc)).toEqual([3, 1]);
    expect(ranked.candidates[0]?.score).toBeCloseTo(base * 0.3, 5);
    const newest = rankCandidates(groups, postings, { documents, tiered: true, want: 3, order: "date" });
    expect(newest.candidates.map((c) => c.doc)).toEqual([4, 3, 2]);
    // The scratch space is clean after each ranking: the same query scores the same.
    expect(rankCandidates(groups, postings, { documents, tiered: true, want: 10 }).candidates.map((c) => c.score)).toEqual(
      Array(4).fill(rankCandidates(groups, postings, { documents, tiered: true, want: 1 }).candidates[0]?.score),
    );
  });

  it("reads the slots with the bundle's BM25 parameters", () => {
    const postings = new Map([["oil", term({ text: [null, [1]], title: [[1]] })]]);
    const params = { title: { k1: 2, b: 0.5 }, text: { k1: 1.2, b: 0.75 } };
    const { candidates } = rankCandidates([group([["oil", 1]])], postings, { documents, tiered: true, want: 1, bm25: params });
    const w = idf(documents, 1);
    expect(candidates[0]?.score).toBeCloseTo(w * (slotWeight(1, params.text) + TITLE_WEIGHT * slotWeight(0, params.title)), 5);
  });

  it("compares by clauses matched, then score, then document number; or newest first", () => {
    const a = { doc: 1, matched: 2, score: 1 };
    const b = { doc: 2, matched: 1, score: 5 };
    const c = { doc: 3, matched: 1, score: 5 };
    expect([c, b, a].sort(compareTiered)).toEqual([a, b, c]);
    expect([a, c, b].sort(compareScore)).toEqual([b, c, a]);
    expect([a, b, c].sort(compareNewest)).toEqual([a, c, b]);
  });
});

describe("facets of some documents", () => {
  const meta = (entities: EntityRef[]): DocMeta => ({ id: "d", title: "", text: "", bucket: 0, entities });
  const e = (id: string, type: EntityRef["type"] = "place"): EntityRef => ({ id, name: id.toUpperCase(), type });

  it("order entities by count, then by id, and count an entity once a document", () => {
    const facets = countFacets([meta([e("b"), e("b"), e("a")]), meta([e("c"), e("a")]), meta([e("c"), e("x", "person")])]);
    expect(facets).toEqual({
      lang: [{ lang: "en", count: 3 }],
      dates: [],
      person: [{ ...e("x", "person"), count: 1 }],
      organization: [],
      place: [
        { ...e("a"), count: 2 },
        { ...e("c"), count: 2 },
        { ...e("b"), count: 1 },
      ],
    });
    expect(countFacets([])).toEqual({ person: [], organization: [], place: [], lang: [], dates: [] });
  });

  it(`list the ${FACET_VALUES} most frequent of each type`, () => {
    const docs = Array.from({ length: FACET_VALUES + 2 }, (_, i) =>
      meta(Array.from({ length: i + 1 }, (_, j) => e(`p${String(j).padStart(2, "0")}`))),
    );
    const places = countFacets(docs).place;
    expect(places.map((f) => f.id)).toEqual(Array.from({ length: FACET_VALUES }, (_, j) => `p${String(j).padStart(2, "0")}`));
    expect(places.map((f) => f.count)).toEqual(Array.from({ length: FACET_VALUES }, (_, j) => FACET_VALUES + 2 - j));
  });
});

describe("completions from a bundle", () => {
  async function bundle() {
    const words = ["kabul", "kabul", "kabul", "kabuki", "kandahar", "kandahar", "herat"];
    const documents = words.map((w, i) => ({ id: `d${i}`, title: "t", body: w, meta: {} }));
    const mem = memoryBundle(await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" }));
    return mem;
  }

  it("lists the words starting with a prefix, most frequent first", async () => {
    const mem = await bundle();
    const reader = mem.coldReader();
    expect(await completionsFromBundle(reader, "ka")).toEqual([
      ["kabul", 3],
      ["kandahar", 2],
      ["kabuki", 1],
    ]);
    expect(await completionsFromBundle(reader, "kab")).toEqual([
      ["kabul", 3],
      ["kabuki", 1],
    ]);
    expect(await completionsFromBundle(reader, "kabuk")).toEqual([["kabuki", 1]]);
    expect(await completionsFromBundle(reader, "zzz")).toEqual([]);
    expect(await bundleEngine(reader).completions("kan")).toEqual([["kandahar", 2]]);
  });

  it("reads nothing for a prefix shorter than the shortest group", async () => {
    const mem = await bundle();
    const reader = mem.coldReader();
    await reader.dates();
    const before = mem.reads.length;
    expect(await completionsFromBundle(reader, "k")).toEqual([]);
    expect(mem.reads.length).toBe(before);
  });

  it("gives the words of some prefix groups for corrections, and the bundle's BM25 parameters", async () => {
    const mem = await bundle();
    const engine = bundleEngine(mem.coldReader());
    expect((await engine.dictionary(["kab", "her"])).sort()).toEqual([
      ["herat", 1],
      ["kabuki", 1],
      ["kabul", 3],
    ]);
    expect(await engine.dictionary(["zzz"])).toEqual([]);
    expect(engine.scoring).toEqual(bm25);
    expect(engine.postings.documents).toBe(7);
  });
});

describe("facets counted over every match", () => {
  const ref = (id: string) => ({ id, name: id, type: "place" as const, count: 1 });
  const facets = { person: [], organization: [], place: [ref("a"), ref("b")], lang: [], dates: [] };
  /** `a` in documents 0–3 (heads) and 10–13 (a tail chunk); `b` in 5 only. */
  function source(chunks = new Map<number, SparsePostings>([[7, [[0, [10, 11, 12, 13]]]]])) {
    const reads: number[][] = [];
    const postingsOf = (entity: (number[] | null)[], tails: TailRef[]) => ({
      title: [],
      text: [],
      entity,
      count: { title: 0, text: 0, entity: entity.flat().length + tails.length * 4 },
      tails: { title: [], text: [], entity: tails },
    });
    const src: PostingSource = {
      documents: 20,
      async postings(terms) {
        const all = new Map([
          ["a", postingsOf([[0, 1, 2, 3]], [[7, 10, 13]])],
          ["b", postingsOf([[5]], [])],
        ]);
        return new Map(terms.flatMap((t) => (all.has(t) ? [[t, all.get(t) as TermPostings] as const] : [])));
      },
      async tails(refs) {
        reads.push(refs.map(([n]) => n));
        return new Map(refs.flatMap(([n]) => (chunks.has(n) ? [[n, chunks.get(n) as SparsePostings] as const] : [])));
      },
    };
    return { src, reads };
  }

  it("counts each listed entity's matches, tail chunks included, and sorts by those counts", async () => {
    const { src, reads } = source();
    const { facets: out, whole } = await exactFacets(src, facets, new Set([1, 2, 5, 11, 12, 13]));
    expect(out.place.map((f) => [f.id, f.count])).toEqual([
      ["a", 5],
      ["b", 1],
    ]);
    expect(whole).toBe(true);
    expect(reads).toEqual([[7]]);
  });

  it("reads no chunk outside the matches' span, and none past its budget, saying so", async () => {
    const { src, reads } = source();
    const near = await exactFacets(src, facets, new Set([1, 5]));
    expect(near.facets.place.map((f) => f.count)).toEqual([1, 1]);
    expect(reads).toEqual([]);
    const many = new Map(Array.from({ length: EXACT_FACET_CHUNKS + 1 }, (_, i) => [i, [[0, [10]]] as SparsePostings]));
    const over: PostingSource = {
      ...src,
      async postings(terms) {
        const p = await src.postings(terms);
        const a = p.get("a");
        if (a) a.tails.entity = [...many.keys()].map((n) => [n, 10, 13] as TailRef);
        return p;
      },
    };
    const { whole } = await exactFacets(over, facets, new Set([1, 12]));
    expect(whole).toBe(false);
  });
});
