import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stem } from "../src/format/analyzer";
import type { DocMeta } from "../src/format/schema";
import { analyzeDoc } from "../src/search/doc-words";
import { parseQuery } from "../src/search/parse-query";
import type { Candidate } from "../src/search/rank";
import { rerankPage, smallestWindow } from "../src/search/rerank";
import type { Match } from "../src/search/types";

/** The reference: every way of picking one position from each list, the narrowest span among them. */
function narrowest(positions: number[][]): number {
  const lists = positions.filter((p) => p.length > 0);
  if (lists.length < 2) return lists.length;
  let best = Number.POSITIVE_INFINITY;
  const pick = (i: number, lo: number, hi: number) => {
    if (i === lists.length) {
      best = Math.min(best, hi - lo + 1);
      return;
    }
    for (const at of lists[i] as number[]) pick(i + 1, Math.min(lo, at), Math.max(hi, at));
  };
  pick(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  return best;
}

describe("the smallest window holding every term", () => {
  it("spans the nearest positions of every list", () => {
    expect(smallestWindow([[0, 9], [4], [5]])).toBe(6);
    expect(smallestWindow([[3], [4, 10], [5]])).toBe(3);
    expect(smallestWindow([[5], [2]])).toBe(4);
    expect(
      smallestWindow([
        [1, 20],
        [8, 21],
        [30, 22],
      ]),
    ).toBe(3);
  });

  it("is one word when every list holds the same word", () => {
    expect(smallestWindow([[4], [4]])).toBe(1);
  });

  it("counts only the lists that hold something", () => {
    expect(smallestWindow([])).toBe(0);
    expect(smallestWindow([[]])).toBe(0);
    expect(smallestWindow([[], []])).toBe(0);
    expect(smallestWindow([[7, 9]])).toBe(1);
    expect(smallestWindow([[], [7]])).toBe(1);
    expect(smallestWindow([[2], [], [6]])).toBe(5);
  });

  it("matches trying every pick of positions", () => {
    const list = fc.uniqueArray(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }).map((l) => l.sort((a, b) => a - b));
    fc.assert(
      fc.property(fc.array(list, { maxLength: 4 }), (positions) => {
        expect(smallestWindow(positions)).toBe(narrowest(positions));
      }),
      { numRuns: 2000 },
    );
  });
});

const meta = (text: string, title = "Report"): DocMeta => ({ id: text, title, text, entities: [], bucket: 0 });

/** A match as matchQuery makes it: one group per clause that is not excluded, the words' stems as variants. */
function matchOf(q: string, tiered = true, more: Record<number, string[]> = {}): Match {
  const parsed = parseQuery(q);
  const groups = parsed.clauses
    .filter((c) => !c.negated)
    .map((c, i) => ({
      word: c.words.join(" OR "),
      field: c.field,
      variants: new Map([...c.words, ...(more[i] ?? [])].map((w) => [stem(w), 1])),
    }));
  return { parsed, groups, candidates: [], total: 0, tiered, full: groups.length, approximate: false };
}

function rerank(q: string, docs: (string | undefined)[], page: Candidate[], tiered = true, more: Record<number, string[]> = {}) {
  const metas = new Map<number, DocMeta>();
  docs.forEach((text, doc) => {
    if (text !== undefined) metas.set(doc, meta(text));
  });
  return rerankPage(page, metas, matchOf(q, tiered, more), (_, m) => analyzeDoc(m));
}

const candidate = (doc: number, score: number, matched = 2): Candidate => ({ doc, matched, score });
const scores = (page: Candidate[]) => Object.fromEntries(page.map((c) => [c.doc, Number(c.score.toFixed(6))]));

describe("reranking the first page", () => {
  it("gives the exact words side by side, in a tight window, the most", () => {
    const page = rerank(
      "kabul embassy ",
      ["Kabul embassy closed", "Embassies near the airport in Kabul", "Kabul airport", "Nothing here"],
      [candidate(0, 1), candidate(1, 1), candidate(2, 1), candidate(3, 1)],
    );
    // 0: both typed words (+0.03), adjacent (+0.15 for the window, +0.15 as a phrase).
    // 1: one typed word (+0.015), the two terms 6 words apart (+0.15·4/(6·2)).
    // 2: one typed word (+0.015), alone: no window.
    expect(scores(page)).toEqual({ 0: 1.33, 1: 1.065, 2: 1.015, 3: 1 });
    expect(page.map((c) => c.doc)).toEqual([0, 1, 2, 3]);
  });

  it("scales each bonus by the number of query terms", () => {
    const page = rerank(
      "kabul embassy closed ",
      ["Kabul embassy closed", "Kabul embassy", "Kabul x closed"],
      [candidate(0, 1, 3), candidate(1, 1, 2), candidate(2, 1, 2)],
    );
    // 0: 1 + 0.03 + 0.15·9/(3·3) + 0.15. 1: 1 + 0.02 + 0.15·4/(2·3). 2: 1 + 0.02 + 0.15·4/(3·3).
    expect(scores(page)).toEqual({ 0: 1.33, 1: 1.12, 2: 1.086667 });
  });

  it("counts a word that two terms share once, as a window of one word", () => {
    // "embassy" and "embassies" are two clauses with one stem: the word holds both, the exact word is the first's.
    const page = rerank("embassy embassies ", ["The embassy"], [candidate(0, 1)]);
    expect(scores(page)).toEqual({ 0: 1.165 });
  });

  it("reads the exact words of an OR group", () => {
    const page = rerank("kabul OR herat embassy ", ["Herat embassy"], [candidate(0, 1)]);
    expect(scores(page)).toEqual({ 0: 1.33 });
  });

  it("lines the typed words up with the groups when a clause is excluded", () => {
    const page = rerank("-taliban kabul embassy ", ["Kabul embassies"], [candidate(0, 1)]);
    // "kabul" is typed, "embassies" is not: one exact word of two.
    expect(scores(page)).toEqual({ 0: 1.315 });
  });

  it("credits the stem alone without the exact-word bonus", () => {
    const page = rerank("embassies kabul ", ["The embassy, in Kabul"], [candidate(0, 1)]);
    expect(scores(page)).toEqual({ 0: 1.115 });
  });

  it("finds terms in the title as well as the text", () => {
    const metas = new Map([[0, meta("embassy", "Kabul")]]);
    const page = rerankPage([candidate(0, 1)], metas, matchOf("kabul embassy "), (_, m) => analyzeDoc(m));
    expect(scores(page)).toEqual({ 0: 1.33 });
  });

  it("leaves a candidate without metadata as it was", () => {
    const page = rerank("kabul embassy ", [undefined, "Kabul embassy"], [candidate(0, 5), candidate(1, 1)]);
    expect(page).toEqual([candidate(0, 5), candidate(1, 1.33)].map((c) => ({ ...c, score: expect.closeTo(c.score, 9) })));
  });

  it("keeps full matches first when tiered, and orders by score alone when not", () => {
    const docs = ["Kabul embassy", "Kabul only"];
    const page: Candidate[] = [candidate(0, 1, 2), candidate(1, 2, 1)];
    expect(rerank("kabul embassy ", docs, page, true).map((c) => c.doc)).toEqual([0, 1]);
    expect(rerank("kabul embassy ", docs, page, false).map((c) => c.doc)).toEqual([1, 0]);
  });

  it("breaks ties by document number", () => {
    const page = rerank("kabul embassy ", ["Kabul", "Kabul", "Kabul"], [candidate(2, 1), candidate(0, 1), candidate(1, 1)]);
    expect(page.map((c) => c.doc)).toEqual([0, 1, 2]);
  });

  it("reads the variants a correction or a completion added", () => {
    const page = rerank("kabul embasy ", ["Kabul embassy"], [candidate(0, 1)], true, { 1: ["embassy"] });
    // "embassy" is not what was typed: no exact-word bonus for it.
    expect(scores(page)).toEqual({ 0: 1.315 });
  });
});
