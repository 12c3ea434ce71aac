/** @module A fresh isolate of a deployed Worker: it reads its first values under the manifest deployed with it, checked against the live one. */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";
import type { Bundle } from "../src/build/write";
import { bundleKey } from "../src/format/bundle";
import { parseServerTiming } from "../src/worker/http/server-timing";

let seeds: Bundle;
/** The seeds without the article naming Tleuberdi: a newer upload, or an older version rolled back to. */
let other: Bundle;
const manifestOf = (b: Bundle) => b.values.get(bundleKey(b.manifest.version, "manifest")) as string;
const workers: TestWorker[] = [];

beforeAll(async () => {
  ({ bundle: seeds } = await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" }));
  ({ bundle: other } = await buildFromInputs(["seeds/000_956f74d6789d3da8.txt"], { builtAt: "2026-02-01T00:00:00.000Z" }));
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.dispose()));
});

/** A fresh isolate with these keys in KV (the last bundle live), deployed with `deployed` as its BUNDLE_MANIFEST. */
async function isolate(bundles: Bundle[], deployed?: string): Promise<TestWorker> {
  const w = await startWorker({ bindings: deployed === undefined ? {} : { BUNDLE_MANIFEST: deployed } });
  workers.push(w);
  for (const b of bundles) await w.load(b);
  return w;
}

const strip = (body: { took_ms?: number }) => ({ ...body, took_ms: 0 });
const WHOLE_WORDS = "/search?q=kabul%20embassy%20";

describe("a fresh isolate of a deployed Worker (BUNDLE_MANIFEST)", () => {
  it("reads the live manifest in the round trip of its first values: a cold search of whole words in 2 round trips, metadata included", async () => {
    const deployed = await isolate([seeds], manifestOf(seeds));
    const plain = await isolate([seeds]);
    const [a, b] = [await deployed.fetch(WHOLE_WORDS), await plain.fetch(WHOLE_WORDS)];
    expect(parseServerTiming(a.headers.get("server-timing"))).toMatchObject({ roundTrips: 2 });
    expect(parseServerTiming(b.headers.get("server-timing"))).toMatchObject({ roundTrips: 3 });
    // The same keys are billed: the live manifest is read either way.
    expect(parseServerTiming(a.headers.get("server-timing"))?.keys).toBe(parseServerTiming(b.headers.get("server-timing"))?.keys);
    expect(strip((await a.json()) as object)).toEqual(strip((await b.json()) as object));
  });

  it("answers from the live version when another one is live now (a rollback, a newer upload)", async () => {
    for (const path of ["/search?q=tleuberdi%20", "/search?q=tleub", "/health", "/entities?limit=50", "/documents/004_7eada462969b83a1"]) {
      const live = await isolate([seeds, other]);
      const stale = await isolate([seeds, other], manifestOf(seeds));
      const [want, got] = [await live.json(path), await stale.json(path)];
      expect(got.status, path).toBe(want.status);
      expect(strip(got.body), path).toEqual(strip(want.body));
      await Promise.all(workers.splice(0).map((w) => w.dispose()));
    }
  });

  it("answers from the live version when the deployed version's keys are gone (rolled back, then pruned)", async () => {
    const w = await isolate([seeds, other], manifestOf(seeds));
    for (const key of [...seeds.values.keys()]) if (!other.values.has(key)) await w.kv.delete(key);
    const { status, body } = await w.json("/search?q=taliban%20");
    expect(status).toBe(200);
    expect(body.total).toBe(1);
  });

  it("ignores a BUNDLE_MANIFEST that does not check, and says when nothing is live", async () => {
    const broken = await isolate([seeds], "{not json");
    expect((await broken.json(WHOLE_WORDS)).status).toBe(200);
    const nothing = await startWorker({ bindings: { BUNDLE_MANIFEST: manifestOf(seeds) } });
    workers.push(nothing);
    const { status, body } = await nothing.json(WHOLE_WORDS);
    expect(status).toBe(503);
    expect(body.error.code).toBe("bundle_not_loaded");
  });
});
