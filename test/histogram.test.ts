/** @module The date histogram of a search's matches: periods by span, zeros between, counted from the date runs alone. */
import { describe, expect, it } from "vitest";
import { dateHistogram } from "../src/search/histogram";

describe("the date histogram", () => {
  const runs: [string, number][] = [
    ["", 0],
    ["2026-03-01", 2],
    ["2026-03-03", 5],
    ["2026-03-04", 9],
  ];

  it("counts documents by day over a short span, the days between at 0, undated ones left out", () => {
    expect(dateHistogram([0, 1, 2, 3, 5, 9, 10], undefined, runs)).toEqual([
      { period: "2026-03-01", count: 2 },
      { period: "2026-03-02", count: 0 },
      { period: "2026-03-03", count: 1 },
      { period: "2026-03-04", count: 2 },
    ]);
  });

  it("counts a run of documents from the date runs alone", () => {
    expect(dateHistogram(undefined, [3, 10], runs)).toEqual([
      { period: "2026-03-01", count: 2 },
      { period: "2026-03-02", count: 0 },
      { period: "2026-03-03", count: 4 },
      { period: "2026-03-04", count: 1 },
    ]);
  });

  it("counts by month beyond two months and by year beyond three years, across year ends", () => {
    const months: [string, number][] = [
      ["2025-11-30", 0],
      ["2026-02-01", 1],
    ];
    expect(dateHistogram([0, 1], undefined, months)).toEqual([
      { period: "2025-11", count: 1 },
      { period: "2025-12", count: 0 },
      { period: "2026-01", count: 0 },
      { period: "2026-02", count: 1 },
    ]);
    const years: [string, number][] = [
      ["2019-06-30", 0],
      ["2023-01-01", 1],
    ];
    expect(dateHistogram([0, 1, 1], undefined, years).map((b) => [b.period, b.count])).toEqual([
      ["2019", 1],
      ["2020", 0],
      ["2021", 0],
      ["2022", 0],
      ["2023", 2],
    ]);
  });

  it("scales the documents read below where every match was read up to the estimated total, and counts those above as they are", () => {
    // Matches above document 8 all read (9, 10); below, a sample (2, 3, 5) of the 9 that 11 leaves: 3 each.
    expect(dateHistogram([2, 3, 5, 9, 10], undefined, runs, { total: 11, wholeAbove: 8 })).toEqual([
      { period: "2026-03-01", count: 6 },
      { period: "2026-03-02", count: 0 },
      { period: "2026-03-03", count: 3 },
      { period: "2026-03-04", count: 2 },
    ]);
    // No match read whole: every one a sample of 30.
    expect(dateHistogram([2, 5, 9], undefined, runs, { total: 30 }).map((b) => b.count)).toEqual([10, 0, 10, 10]);
    // Everything read above where the list starts: counted as it is.
    expect(dateHistogram([2, 5, 9], undefined, runs, { total: 3, wholeAbove: -1 }).map((b) => b.count)).toEqual([1, 0, 1, 1]);
  });

  it("is empty when nothing dated matches", () => {
    expect(dateHistogram([0, 1], undefined, runs)).toEqual([]);
    expect(dateHistogram([], undefined, runs)).toEqual([]);
    expect(dateHistogram(undefined, undefined, runs)).toEqual([]);
  });
});
