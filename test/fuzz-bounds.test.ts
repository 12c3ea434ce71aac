/** @module Work per request is bounded: a query crafted to touch every shard is refused before reading, or reads at most a fixed number of keys. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryText } from "../scripts/fuzz/requests";
import { vocabularyOf } from "../scripts/fuzz/vocabulary";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";
import type { Bundle } from "../src/build/write";
import { AppError } from "../src/errors";
import { bundleEngine } from "../src/search/bundle-engine";
import { MAX_TERMS, search } from "../src/search/engine";
import { memoryBundle } from "./helpers/memory-bundle";

const REUTERS = "../shared/corpora/reuters21578.jsonl";
/** Metadata buckets one search may read: the page (at most `limit`) and the phrase checks (at most 100). */
const MAX_META_KEYS = 10 + 100;

let bundle: Bundle;
let worker: TestWorker;
let dir: string | undefined;

beforeAll(async () => {
  // Many shards, and a real vocabulary (so that prefixes expand and typos find corrections).
  let inputs = ["seeds", "test/fixtures/corpus", "test/fixtures/xss"];
  if (existsSync(REUTERS)) {
    dir = mkdtempSync(join(tmpdir(), "edge-search-bounds-"));
    writeFileSync(join(dir, "reuters-2000.jsonl"), readFileSync(REUTERS, "utf8").split("\n").slice(0, 2_000).join("\n"));
    inputs = [join(dir, "reuters-2000.jsonl")];
  }
  ({ bundle } = await buildFromInputs(inputs, { entities: false, shards: 256, builtAt: "2026-01-01T00:00:00.000Z" }));
  worker = await startWorker();
  await worker.load(bundle);
}, 120_000);
afterAll(async () => {
  await worker?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Distinct keys a cold search read, by kind, and its round trips; or the error it was refused with. */
async function coldSearch(mem: ReturnType<typeof memoryBundle>, q: string) {
  mem.reads.length = 0;
  const reader = mem.coldReader();
  let refused: string | undefined;
  try {
    await search(bundleEngine(reader), reader, { q, limit: 10, offset: 0 });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    refused = error.code;
  }
  const kinds: Record<string, number> = {};
  for (const key of new Set(mem.reads)) {
    const kind = key.split("/")[2] ?? key;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return { kinds, roundTrips: reader.stats.roundTrips, refused };
}

describe("work per request", () => {
  it(`reads at most ${MAX_TERMS} term shards, whatever the query: floods of words, prefixes, ORs, exclusions, typos`, async () => {
    const mem = memoryBundle(bundle);
    const vocab = vocabularyOf(bundle);
    const { layout } = bundle.manifest;
    let refused = 0;
    let mostTerms = 0;
    await fc.assert(
      fc.asyncProperty(queryText(vocab), async (q) => {
        const { kinds, roundTrips, refused: code } = await coldSearch(mem, q);
        if (code) {
          expect(code).toBe("query_too_complex");
          refused++;
        }
        mostTerms = Math.max(mostTerms, kinds.term ?? 0);
        expect(kinds.term ?? 0).toBeLessThanOrEqual(MAX_TERMS);
        expect(kinds.prefix ?? 0).toBeLessThanOrEqual(layout.prefix);
        expect(kinds.meta ?? 0).toBeLessThanOrEqual(MAX_META_KEYS);
        expect(kinds.dates ?? 0).toBeLessThanOrEqual(1);
        expect((kinds.doc ?? 0) + (kinds.id ?? 0) + (kinds.entity ?? 0)).toBe(0);
        // One read per prefix being expanded (at most MAX_TERMS, in parallel), then terms, corrections, dates, phrases, page.
        expect(roundTrips).toBeLessThanOrEqual(MAX_TERMS + 6);
      }),
      { numRuns: 300, seed: 8 },
    );
    console.info(`bounds: ${refused} of 300 generated queries refused as too complex; at most ${mostTerms} term shards read by one`);
    expect(refused).toBeGreaterThan(0);
  });

  it("refuses a query of more than 32 terms before reading any shard", async () => {
    const mem = memoryBundle(bundle);
    const words = vocabularyOf(bundle).words.filter((w) => /^[a-z]{5,}$/.test(w));
    for (const q of [
      words.slice(0, 40).join(" "),
      words
        .slice(0, 120)
        .map((w) => `${w.slice(0, 2)}*`)
        .join(" "),
      `${words[50]} ${words
        .slice(0, 40)
        .map((w) => `-${w}`)
        .join(" ")}`,
      words
        .slice(0, 40)
        .map((w) => `entity:${w}`)
        .join(" "),
      words
        .slice(0, 40)
        .map((w) => `title:${w}`)
        .join(" "),
    ]) {
      const { kinds, refused } = await coldSearch(mem, q);
      expect(refused, q.slice(0, 60)).toBe("query_too_complex");
      expect(kinds, q.slice(0, 60)).toEqual({});
    }
  });

  it("caps the corrections of a query full of typos at the same 32 terms", async () => {
    const mem = memoryBundle(bundle);
    const words = vocabularyOf(bundle).words.filter((w) => /^[a-z]{6,}$/.test(w));
    const typos = words.slice(0, 32).map((w) => w.slice(0, 2) + w[3] + w[2] + w.slice(4));
    const { kinds, refused } = await coldSearch(mem, `${typos.join(" ")} `);
    expect(refused).toBeUndefined();
    expect(kinds.term ?? 0).toBeLessThanOrEqual(MAX_TERMS);
  });

  it("answers such queries over HTTP with a clear 400, having read nothing but the manifest", async () => {
    const words = vocabularyOf(bundle).words.filter((w) => /^[a-z]{5,}$/.test(w));
    for (const q of [
      words.slice(0, 40).join(" "),
      words
        .slice(0, 120)
        .map((w) => `${w.slice(0, 2)}*`)
        .join(" "),
    ]) {
      const res = await worker.fetch(`/search?q=${encodeURIComponent(q.slice(0, 512))}`);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status).toBe(400);
      expect(body.error.code).toBe("query_too_complex");
      expect(res.headers.get("server-timing")).toMatch(/"[01] keys, /);
    }
  });
});
