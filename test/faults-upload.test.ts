/** @module A half-finished upload is never read: a new version's keys in KV change nothing until the live manifest points at it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFromInputs } from "../src/build/pipeline";
import { type Bundle, liveManifest } from "../src/build/write";
import { LIVE_MANIFEST_KEY } from "../src/format/bundle";
import { type FaultyWorker, startFaultyWorker } from "./helpers/faulty-worker";

let old: Bundle;
let next: Bundle;
let dir: string;

beforeAll(async () => {
  old = (await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" })).bundle;
  // The new version adds the fixture corpus: "brent" is only in it.
  next = (await buildFromInputs(["seeds", "test/fixtures/corpus"], { builtAt: "2026-02-01T00:00:00.000Z" })).bundle;
  expect(next.manifest.version).not.toBe(old.manifest.version);
  dir = mkdtempSync(join(tmpdir(), "edge-search-upload-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh Worker (a cold isolate: no manifest or values cached) over the KV kept in `dir`. */
async function coldWorker<T>(use: (w: FaultyWorker) => Promise<T>): Promise<T> {
  const w = await startFaultyWorker({ persist: dir });
  try {
    return await use(w);
  } finally {
    await w.dispose();
  }
}

async function answers(w: FaultyWorker) {
  const health = await w.json("/health");
  const brent = await w.json("/search?q=brent+crude");
  const kabul = await w.json("/search?q=kabul+embassy");
  expect([health.status, brent.status, kabul.status]).toEqual([200, 200, 200]);
  return { version: health.body.version, documents: health.body.documents, brent: brent.body.total, kabul: kabul.body.total };
}

describe("uploading a new version", () => {
  it("serves the old version while the new one's keys arrive, partly or wholly, and the new one once the live manifest is switched", async () => {
    await coldWorker((w) => w.load(old));
    const before = await coldWorker(answers);
    expect(before).toMatchObject({ version: old.manifest.version, documents: 2, brent: 0 });

    // Half of the new version's keys (its own manifest among them): an interrupted upload.
    const entries = [...next.values];
    await coldWorker(async (w) => {
      for (const [k, v] of entries.slice(0, Math.ceil(entries.length / 2))) await w.kv.put(k, v);
    });
    expect(await coldWorker(answers)).toEqual(before);

    // Every key of the new version, but the live manifest not switched yet.
    await coldWorker(async (w) => w.load(next, { live: false }));
    expect(await coldWorker(answers)).toEqual(before);

    // The switch: the live manifest is written last.
    await coldWorker(async (w) => w.kv.put(...liveManifest(next)));
    const after = await coldWorker(answers);
    expect(after).toMatchObject({ version: next.manifest.version, documents: next.manifest.counts.documents });
    expect(after.brent).toBeGreaterThan(0);

    // Rolling back is the same switch the other way.
    await coldWorker(async (w) => w.kv.put(LIVE_MANIFEST_KEY, liveManifest(old)[1]));
    expect(await coldWorker(answers)).toEqual(before);
  });
});
