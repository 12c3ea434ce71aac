import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { topK } from "../src/search/top-k";

const ascending = (a: number, b: number) => a - b;

describe("the best k items", () => {
  it("are the k smallest by the comparison, in order", () => {
    expect(topK([5, 1, 4, 2], 2, ascending)).toEqual([1, 2]);
    expect(topK([5, 1, 4, 2], 3, (a, b) => b - a)).toEqual([5, 4, 2]);
    expect(topK([3, 9, 1, 7, 5, 8, 2, 6, 4, 0], 4, ascending)).toEqual([0, 1, 2, 3]);
  });

  it("are every item, sorted, when there are k or fewer", () => {
    expect(topK([3, 1, 2], 3, ascending)).toEqual([1, 2, 3]);
    expect(topK([3, 1, 2], 10, ascending)).toEqual([1, 2, 3]);
    expect(topK([], 3, ascending)).toEqual([]);
  });

  it("are none when k is zero or less, without comparing anything", () => {
    const never = () => {
      throw new Error("no comparison needed");
    };
    expect(topK([3, 1, 2], 0, never)).toEqual([]);
    expect(topK([3, 1, 2], -1, never)).toEqual([]);
  });

  it("keep repeated items", () => {
    expect(topK([2, 1, 2, 1, 3], 3, ascending)).toEqual([1, 1, 2]);
  });

  it("read any iterable once", () => {
    function* numbers() {
      yield* [4, 2, 8, 6];
    }
    expect(topK(numbers(), 2, ascending)).toEqual([2, 4]);
    expect(topK(new Set([4, 2, 8, 6]), 3, (a, b) => b - a)).toEqual([8, 6, 4]);
  });

  it("are what sorting everything and keeping the first k gives", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 80 }), fc.integer({ min: -2, max: 90 }), (items, k) => {
        expect(topK(items, k, ascending)).toEqual([...items].sort(ascending).slice(0, Math.max(0, k)));
      }),
      { numRuns: 3000 },
    );
  });

  it("order by every key of a comparison, ties included", () => {
    // Candidates as the ranking orders them: most groups matched, then score, then document number.
    const candidate = fc.record({ matched: fc.integer({ min: 0, max: 3 }), score: fc.integer({ min: 0, max: 5 }), doc: fc.nat(1000) });
    const compare = (a: { matched: number; score: number; doc: number }, b: typeof a) =>
      b.matched - a.matched || b.score - a.score || a.doc - b.doc;
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.doc, maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (items, k) => {
        expect(topK(items, k, compare)).toEqual([...items].sort(compare).slice(0, k));
      }),
      { numRuns: 1000 },
    );
  });
});
