/** @module One isolate answering 2,000 distinct queries, then 10,000 hostile ones: its cache stays within budget by evicting, its heap stops growing, its answers stay a cold isolate's. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolateMemory, type MemoryReport } from "../scripts/fuzz/memory";
import { hostileQueries, realisticQueries } from "../scripts/fuzz/queries";
import { buildFromInputs } from "../src/build/pipeline";
import type { Bundle } from "../src/build/write";
import { stemMemoSize } from "../src/format/analyzer";

const REUTERS = "../shared/corpora/reuters21578.jsonl";
/** `npm run load` runs 10,000 queries over all of Reuters with the Worker's 32 MB; this is the short form. */
const QUERIES = 2_000;

let report: MemoryReport;
let dir: string | undefined;
let bundle: Bundle;
let budgetBytes = 16 * 1024;

beforeAll(async () => {
  // 3,000 Reuters articles with a 4 MB cache (the bundle is ~7 MB of JSON), or the fixtures with 16 KB: either way the cache must evict.
  let inputs = ["seeds", "test/fixtures/corpus", "test/fixtures/xss"];
  if (existsSync(REUTERS)) {
    dir = mkdtempSync(join(tmpdir(), "edge-search-memory-"));
    const lines = readFileSync(REUTERS, "utf8").split("\n").slice(0, 3_000);
    writeFileSync(join(dir, "reuters-3000.jsonl"), lines.join("\n"));
    inputs = [join(dir, "reuters-3000.jsonl")];
    budgetBytes = 4 * 1024 * 1024;
  } else console.warn(`${REUTERS} is absent: measuring over the fixtures instead.`);
  ({ bundle } = await buildFromInputs(inputs, { entities: false, builtAt: "2026-01-01T00:00:00.000Z" }));
  const queries = realisticQueries(bundle, QUERIES, { distinct: true, seed: 8 });
  report = await isolateMemory(bundle, queries, { budgetBytes, sampleEvery: 20 });
  console.info(`isolate memory: ${JSON.stringify(report)}`);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe(`one isolate, ${QUERIES.toLocaleString("en-US")} distinct queries`, () => {
  it("gives every sampled answer exactly as a cold isolate does", () => {
    expect(report.queries).toBeGreaterThanOrEqual(QUERIES * 0.9);
    expect(report.compared).toBeGreaterThanOrEqual(report.queries / 20);
    expect(report.mismatches).toEqual([]);
  });

  it("keeps its cache within the budget by evicting values, not accumulating them", () => {
    expect(report.cacheMb).toBeLessThanOrEqual(report.budgetMb);
    expect(report.loads).toBeGreaterThan(report.cacheEntries * 2);
  });

  it("stops growing its heap once the cache is full", () => {
    // Between halfway and the end the cache only turns over: a few MB of noise at most, never the queries' worth.
    expect(report.heapAfterMb - report.heapHalfwayMb).toBeLessThan(8);
    expect(report.heapAfterMb - report.heapBeforeMb).toBeLessThan(report.budgetMb * 2 + 24);
  });
});

describe("one isolate, 10,000 distinct hostile queries of made-up words", () => {
  let hostile: MemoryReport;
  beforeAll(async () => {
    // The cache is filled first by other hostile queries: what the heap keeps then is the words' doing, not the cached values'.
    const warmup = hostileQueries(200, { seed: 9 });
    hostile = await isolateMemory(bundle, hostileQueries(10_000, { seed: 8 }), { budgetBytes, warmup, sampleEvery: 100 });
    console.info(`hostile isolate memory: ${JSON.stringify(hostile)}, stem memo ${stemMemoSize()} words`);
  }, 300_000);

  it("keeps the stem memo to its two generations, whatever words come", () => {
    // 490,447 words (420,391 distinct) went through the analyzer; the memo keeps at most 2 × 16,384 of them.
    expect(stemMemoSize()).toBeLessThanOrEqual(2 * 16_384);
  });

  it("does not grow its heap with the queries' words", () => {
    // An unbounded (or 200,000-word) memo retains ~12 MB of these words; the bounded one ~2 MB at most.
    expect(hostile.heapAfterMb - hostile.heapBeforeMb).toBeLessThan(5);
    expect(hostile.heapAfterMb - hostile.heapHalfwayMb).toBeLessThan(2);
    expect(hostile.cacheMb).toBeLessThanOrEqual(hostile.budgetMb);
  });

  it("still answers each of them as a cold isolate does", () => {
    expect(hostile.compared).toBe(100);
    expect(hostile.mismatches).toEqual([]);
  });
});
