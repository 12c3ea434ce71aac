/** @module One isolate answering 2,000 distinct queries: its cache stays within budget by evicting, its heap stops growing, its answers stay a cold isolate's. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolateMemory, type MemoryReport } from "../scripts/lib/fuzz-memory";
import { realisticQueries } from "../scripts/lib/fuzz-queries";
import { buildFromInputs } from "../scripts/lib/pipeline";

const REUTERS = "../shared/corpora/reuters21578.jsonl";
/** `npm run load` runs 10,000 queries over all of Reuters with the Worker's 32 MB; this is the short form. */
const QUERIES = 2_000;

let report: MemoryReport;
let dir: string | undefined;

beforeAll(async () => {
  // 3,000 Reuters articles with a 4 MB cache (the bundle is ~7 MB of JSON), or the fixtures with 16 KB: either way the cache must evict.
  let inputs = ["seeds", "test/fixtures/corpus", "test/fixtures/xss"];
  let budgetBytes = 16 * 1024;
  if (existsSync(REUTERS)) {
    dir = mkdtempSync(join(tmpdir(), "edge-search-memory-"));
    const lines = readFileSync(REUTERS, "utf8").split("\n").slice(0, 3_000);
    writeFileSync(join(dir, "reuters-3000.jsonl"), lines.join("\n"));
    inputs = [join(dir, "reuters-3000.jsonl")];
    budgetBytes = 4 * 1024 * 1024;
  } else console.warn(`${REUTERS} is absent: measuring over the fixtures instead.`);
  const { bundle } = await buildFromInputs(inputs, { entities: false, builtAt: "2026-01-01T00:00:00.000Z" });
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
