/** @module The Worker's pure helpers: settings from vars, ETag matching. */
import { describe, expect, it } from "vitest";
import { etagMatches } from "../src/worker/http/etag";
import { readSettings } from "../src/worker/settings";

describe("settings", () => {
  it("have their defaults when the vars are missing", () => {
    expect(readSettings({})).toEqual({
      cacheBudgetBytes: 32 * 1024 * 1024,
      manifestTtlSeconds: 30,
      answerCacheBytes: 4 * 1024 * 1024,
      maxAgeSeconds: 60,
      staleWhileRevalidateSeconds: 600,
    });
  });
  it("read numbers, 0 where 0 means off or now, and whole seconds", () => {
    expect(
      readSettings({
        CACHE_BUDGET_MB: "64",
        MANIFEST_TTL_S: "0",
        ANSWER_CACHE_MB: "0",
        CACHE_MAX_AGE: "10.9",
        CACHE_STALE_WHILE_REVALIDATE: "0",
      }),
    ).toEqual({
      cacheBudgetBytes: 64 * 1024 * 1024,
      manifestTtlSeconds: 0,
      answerCacheBytes: 0,
      maxAgeSeconds: 10,
      staleWhileRevalidateSeconds: 0,
    });
    expect(readSettings({ ANSWER_CACHE_MB: "0.5" }).answerCacheBytes).toBe(512 * 1024);
  });
  it("fall back to the default on a value that is not a number or is below its least", () => {
    for (const bad of ["", " ", "abc", "-1", "NaN", "Infinity"]) {
      const s = readSettings({ CACHE_BUDGET_MB: bad, MANIFEST_TTL_S: bad, ANSWER_CACHE_MB: bad, CACHE_MAX_AGE: bad });
      expect([s.cacheBudgetBytes, s.manifestTtlSeconds, s.answerCacheBytes, s.maxAgeSeconds], bad).toEqual([
        32 * 1024 * 1024,
        30,
        4 * 1024 * 1024,
        60,
      ]);
    }
    // A cache needs at least 1 MB.
    expect(readSettings({ CACHE_BUDGET_MB: "0" }).cacheBudgetBytes).toBe(32 * 1024 * 1024);
  });
});

describe("If-None-Match", () => {
  it("matches by weak comparison, in a list, and * only when asked", () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"a"', 'W/"a"')).toBe(true);
    expect(etagMatches(' "x" , W/"a" ', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches('"a', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
    expect(etagMatches("", '"a"')).toBe(false);
    expect(etagMatches("*", '"a"')).toBe(true);
    expect(etagMatches("*", '"a"', false)).toBe(false);
  });
});
