/** @module The engine's ranking and filters against a brute-force oracle written apart from it (BM25 from raw counts). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildBundle } from "../src/build/write";
import type { SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { matchQuery } from "../src/search/engine";
import { dateBound, parseQuery } from "../src/search/parse-query";
import { memoryBundle } from "./helpers/memory-bundle";
import { bundleOrder, judge, type ReferenceDocument, referenceSearch } from "./helpers/reference-search";

/** Builds a bundle of documents (each with its entity ids) and returns a cold engine over it and the oracle. */
async function both(docs: ReferenceDocument[], options: { shards?: number; head?: number } = {}) {
  const ordered = bundleOrder(docs);
  const documents: SourceDocument[] = ordered.map((d, i) => ({ id: `d${i}`, title: d.title, body: d.body, date: d.date, meta: {} }));
  const byDocument = ordered.map((d) => (d.entities ?? []).map((id) => ({ id, name: id, type: "place" as const })));
  const bundle = await buildBundle({ documents, entities: [], byDocument }, { builtAt: "t", ...options });
  const mem = memoryBundle(bundle);
  return { engine: () => bundleEngine(mem.coldReader()), oracle: referenceSearch(ordered) };
}

describe("ranking: rarer words count more (idf)", () => {
  it("ranks the document of a rare word above one repeating a word every document has", async () => {
    const docs = [
      { title: "report", body: "zz zz zz zz zz zz filler" },
      { title: "report", body: "zz filler rare" },
      { title: "report", body: "zz filler other" },
      { title: "report", body: "zz words more" },
      { title: "report", body: "zz text again" },
    ];
    const { engine, oracle } = await both(docs);
    for (const q of ["zz OR rare ", "rare OR zz "]) {
      const got = await matchQuery(engine(), parseQuery(q), { want: 5 });
      expect(got.candidates[0]?.doc).toBe(1);
      expect(judge(got, oracle(parseQuery(q), { want: 5 }), 5)).toEqual([]);
    }
    // Five clauses: no tiers, BM25 alone orders; the rare word outweighs the common one repeated.
    const q = "zz rare missing1 missing2 missing3 ";
    const got = await matchQuery(engine(), parseQuery(q), { want: 5 });
    expect(got.tiered).toBe(false);
    expect(got.candidates.map((c) => c.doc)[0]).toBe(1);
  });

  it("gives a word in every document almost no weight, and a word in one document a large one", async () => {
    const docs = Array.from({ length: 20 }, (_, i) => ({ title: `t${i}`, body: i === 7 ? "zz unique" : "zz common words here" }));
    const { engine } = await both(docs);
    const common = await matchQuery(engine(), parseQuery("zz "), { want: 20 });
    const rare = await matchQuery(engine(), parseQuery("unique "), { want: 1 });
    const top = (m: typeof common) => m.candidates[0]?.score ?? 0;
    // idf(20, 20) = ln(1 + 0.5/20.5) ≈ 0.024; idf(20, 1) = ln(1 + 19.5/1.5) ≈ 2.64.
    expect(top(common)).toBeLessThan(0.06);
    expect(top(rare)).toBeGreaterThan(2);
  });
});

describe("dates: from: and to: cover whole months and years", () => {
  const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = (y: number, m: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number;

  it("reads a month's last day from the calendar, leap years included", () => {
    for (const y of [1900, 1987, 2000, 2020, 2021, 2024, 2100]) {
      for (let m = 1; m <= 12; m++) {
        const mm = String(m).padStart(2, "0");
        expect(dateBound(`${y}-${mm}`, true)).toBe(`${y}-${mm}-${monthDays(y, m)}`);
        expect(dateBound(`${y}-${mm}`, false)).toBe(`${y}-${mm}-01`);
      }
      expect(dateBound(`${y}`, true)).toBe(`${y}-12-31`);
      expect(dateBound(`${y}`, false)).toBe(`${y}-01-01`);
    }
    expect(dateBound("2021-03-15", true)).toBe("2021-03-15");
    expect(dateBound("21-03", true)).toBeUndefined();
    expect(dateBound("2021-3", true)).toBeUndefined();
  });

  it("finds documents of a month's last days with to:, and none of the next month", async () => {
    const days = ["2021-02-27", "2021-02-28", "2021-03-01", "2021-03-28", "2021-03-29", "2021-03-30", "2021-03-31", "2021-04-01"];
    const docs = days.map((date) => ({ title: `report ${date}`, body: "embassy statement", date }));
    const { engine, oracle } = await both(docs);
    for (const q of ["embassy to:2021-03 ", "embassy from:2021-03 to:2021-03 ", "to:2021-02 ", "embassy from:2021-03-29 "]) {
      const parsed = parseQuery(q);
      const got = await matchQuery(engine(), parsed, { want: 10 });
      expect(judge(got, oracle(parsed, { want: 10 }), 10)).toEqual([]);
    }
    const march = await matchQuery(engine(), parseQuery("embassy from:2021-03 to:2021-03 "), { want: 10 });
    expect(march.candidates.map((c) => days[c.doc]).sort()).toEqual(days.filter((d) => d.startsWith("2021-03")));
    const february = await matchQuery(engine(), parseQuery("to:2021-02 "), { want: 10 });
    expect(february.candidates.map((c) => days[c.doc])).toEqual(["2021-02-28", "2021-02-27"]);
  });
});

// A vocabulary with a skewed (Zipf-like) use, so that some words are in most documents and most in few. Words of three
// letters: too short for typo corrections, which the oracle leaves out (a word missing from a corpus stays missing).
const vocabulary = Array.from({ length: 60 }, (_, i) => `w${(i * 19).toString(36).padStart(2, "0")}`);
const wordArb = fc.integer({ min: 0, max: 99 }).map((n) => vocabulary[Math.floor((n / 100) ** 2 * vocabulary.length)] as string);
const docArb = fc.record({
  title: fc.array(wordArb, { minLength: 1, maxLength: 5 }).map((w) => w.join(" ")),
  body: fc.array(wordArb, { minLength: 0, maxLength: 40 }).map((w) => w.join(" ")),
  date: fc.option(
    fc.integer({ min: 0, max: 40 }).map((d) => new Date(Date.UTC(2021, 1, 20 + d)).toISOString().slice(0, 10)),
    { nil: undefined, freq: 8 },
  ),
  entities: fc.subarray(["e-a", "e-b", "e-c"]),
});
const corpusArb = fc.array(docArb, { minLength: 5, maxLength: 70 });
/** Words, ORs, title: and exclusions, finished (no prefixes), with dates and entities sometimes. */
const queryArb = fc
  .record({
    clauses: fc.array(
      fc.oneof(
        { weight: 5, arbitrary: wordArb },
        { weight: 1, arbitrary: fc.tuple(wordArb, wordArb).map(([a, b]) => `${a} OR ${b}`) },
        { weight: 1, arbitrary: wordArb.map((w) => `title:${w}`) },
        { weight: 1, arbitrary: wordArb.map((w) => `-${w}`) },
      ),
      { minLength: 0, maxLength: 6 },
    ),
    from: fc.option(fc.constantFrom("2021-02", "2021-03-01", "2021-03-15", "2021"), { nil: undefined }),
    to: fc.option(fc.constantFrom("2021-02", "2021-03", "2021-03-10", "2021-03-31"), { nil: undefined }),
    entity: fc.option(fc.constantFrom("e-a", "e-b", "e-c"), { nil: undefined, freq: 3 }),
    order: fc.constantFrom("relevance" as const, "relevance" as const, "date" as const),
    want: fc.constantFrom(1, 3, 10, 100),
  })
  .map(({ clauses, from, to, entity, order, want }) => ({
    q: `${[...clauses, from ? `from:${from}` : "", to ? `to:${to}` : ""].filter(Boolean).join(" ")} `,
    options: { want, order, ...(entity ? { entities: [entity] } : {}) },
  }));

describe("the sharded engine against the oracle", () => {
  it("ranks by BM25 within the index's quantization, tiers, filters and counts as the oracle does", async () => {
    let judged = 0;
    await fc.assert(
      fc.asyncProperty(
        corpusArb,
        fc.integer({ min: 1, max: 16 }),
        fc.array(queryArb, { minLength: 5, maxLength: 10 }),
        async (docs, shards, queries) => {
          const { engine, oracle } = await both(docs, { shards });
          for (const { q, options } of queries) {
            const parsed = parseQuery(q);
            if (parsed.clauses.every((c) => c.negated) && !options.entities && !parsed.from && !parsed.to) continue;
            const got = await matchQuery(engine(), parsed, options);
            expect(got.approximate).toBe(false);
            const problems = judge(got, oracle(parsed, options), options.want, options.order);
            expect(problems, q).toEqual([]);
            judged++;
          }
        },
      ),
      { numRuns: 40, seed: 20261204 },
    );
    expect(judged).toBeGreaterThan(200);
  });
});
