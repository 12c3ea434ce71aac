/** @module A bundle deployed as the Worker's Static Assets (`--target assets`): the same answers as from KV, with no KV read. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildToDisk, compactToDisk } from "../scripts/shared/build-options";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { ASSETS_DIR, writeBundle } from "../src/build/bundle-files";
import { ASSETS_PAID_FILES } from "../src/build/layout";
import { buildFromInputs } from "../src/build/pipeline";
import type { Bundle } from "../src/build/write";
import { bundleKey, LIVE_MANIFEST_KEY } from "../src/format/bundle";
import { assetPath } from "../src/kv/source";
import { parseServerTiming } from "../src/worker/http/server-timing";

let bundle: Bundle;
let dir: string;
let fromKv: TestWorker;
let fromAssets: TestWorker;
const manifestText = () => bundle.values.get(bundleKey(bundle.manifest.version, "manifest")) as string;

beforeAll(async () => {
  ({ bundle } = await buildFromInputs(["seeds", "test/fixtures/corpus"], { builtAt: "2026-01-01T00:00:00.000Z" }));
  dir = join(mkdtempSync(join(tmpdir(), "assets-")), "bundle");
  await writeBundle(bundle, dir, { target: "assets" });
  fromKv = await startWorker();
  await fromKv.load(bundle);
  fromAssets = await startWorker({ assets: join(dir, ASSETS_DIR) });
}, 120_000);
afterAll(async () => {
  await Promise.all([fromKv?.dispose(), fromAssets?.dispose()]);
});

const strip = (body: unknown) => (typeof body === "object" && body !== null ? { ...body, took_ms: 0 } : body);

describe("--target assets", () => {
  it("writes one file a key at the key's path, the live manifest at the root, beside the bulk files", () => {
    const files = readdirSync(join(dir, ASSETS_DIR), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBe(bundle.manifest.counts.keys);
    for (const [key, value] of bundle.values) expect(readFileSync(join(dir, ASSETS_DIR, key), "utf8"), key).toBe(value);
    expect(JSON.parse(readFileSync(join(dir, ASSETS_DIR, LIVE_MANIFEST_KEY), "utf8"))).toEqual(bundle.manifest);
    expect(existsSync(join(dir, "kv"))).toBe(true);
  });

  it("answers every route as the Worker reading KV does, without reading KV (its namespace is empty)", async () => {
    const first = bundle.values.keys().next().value as string;
    expect(await fromAssets.kv.get(first)).toBeNull();
    const paths = [
      "/search?q=kabul%20embassy%20",
      "/search?q=tal",
      "/search?q=embassy&sort=date&facets=all",
      "/search?q=entity:taliban",
      "/suggest?q=kab",
      "/documents/004_7eada462969b83a1",
      "/documents/no-such-document",
      "/entities?limit=50",
      "/entities?type=person&q=bl",
      "/entities/taliban",
      "/health",
    ];
    for (const path of paths) {
      const [want, got] = [await fromKv.json(path), await fromAssets.json(path)];
      expect(got.status, path).toBe(want.status);
      // /health names the store, the one difference.
      expect(strip(got.body), path).toEqual(path === "/health" ? { ...(strip(want.body) as object), store: "assets" } : strip(want.body));
    }
    const timing = parseServerTiming((await fromAssets.fetch("/search?q=afghanistan%20")).headers.get("server-timing"));
    expect(timing).toMatchObject({ store: "assets" });
    expect(parseServerTiming((await fromKv.fetch("/search?q=afghanistan%20")).headers.get("server-timing"))?.store).toBeUndefined();
  });

  it("never serves the bundle's files as they are: every path is the Worker's", async () => {
    for (const path of [`/${LIVE_MANIFEST_KEY}`, assetPath(bundleKey(bundle.manifest.version, "manifest"))]) {
      const { status, body } = await fromAssets.json(path);
      expect(status, path).toBe(404);
      expect(body.error.code, path).toBe("not_found");
    }
  });

  it("reads the manifest deployed with the Worker instead of its file: a cold search of whole words in 2 round trips", async () => {
    const w = await startWorker({ assets: join(dir, ASSETS_DIR), bindings: { BUNDLE_MANIFEST: manifestText() } });
    try {
      const res = await w.fetch("/search?q=kabul%20embassy%20");
      expect(res.status).toBe(200);
      expect(parseServerTiming(res.headers.get("server-timing"))).toMatchObject({ store: "assets", roundTrips: 2 });
    } finally {
      await w.dispose();
    }
    const plain = await startWorker({ assets: join(dir, ASSETS_DIR) });
    try {
      const res = await plain.fetch("/search?q=kabul%20embassy%20");
      expect(parseServerTiming(res.headers.get("server-timing"))).toMatchObject({ roundTrips: 3 });
    } finally {
      await plain.dispose();
    }
  });

  it("answers 503 with its code when a file of the bundle is missing, or the whole bundle is", async () => {
    const broken = join(mkdtempSync(join(tmpdir(), "assets-broken-")), "bundle");
    await writeBundle(bundle, broken, { target: "assets" });
    const term = [...bundle.values.keys()].filter((k) => k.includes("/term/"));
    for (const key of term) rmSync(join(broken, ASSETS_DIR, key));
    const w = await startWorker({ assets: join(broken, ASSETS_DIR) });
    try {
      const { status, body } = await w.json("/search?q=embassy");
      expect(status).toBe(503);
      expect(body.error.code).toBe("bundle_key_missing");
    } finally {
      await w.dispose();
    }
    // The version's own manifest gone too: the deploy is not that version's at all.
    rmSync(join(broken, ASSETS_DIR, bundleKey(bundle.manifest.version, "manifest")));
    const stale = await startWorker({ assets: join(broken, ASSETS_DIR) });
    try {
      const { status, body } = await stale.json("/search?q=embassy");
      expect(status).toBe(503);
      expect(body.error.code).toBe("bundle_version_missing");
      expect(body.error.message).toContain("not among the Worker's assets");
    } finally {
      await stale.dispose();
    }
    rmSync(join(broken, ASSETS_DIR, LIVE_MANIFEST_KEY));
    const none = await startWorker({ assets: join(broken, ASSETS_DIR) });
    try {
      const { status, body } = await none.json("/search?q=embassy");
      expect(status).toBe(503);
      expect(body.error.code).toBe("bundle_not_loaded");
    } finally {
      await none.dispose();
    }
  });

  it("refuses a bundle of more keys than a Worker version takes files, before writing anything", async () => {
    const huge = { ...bundle, manifest: { ...bundle.manifest, counts: { ...bundle.manifest.counts, keys: ASSETS_PAID_FILES + 1 } } };
    const out = join(mkdtempSync(join(tmpdir(), "assets-huge-")), "bundle");
    await expect(writeBundle(huge, out, { target: "assets" })).rejects.toMatchObject({ code: "too_many_files" });
    expect(existsSync(out)).toBe(false);
    // The same bundle goes to KV.
    await writeBundle(huge, out);
    expect(existsSync(join(out, ASSETS_DIR))).toBe(false);
  });

  it("npm run compact keeps a bundle built for Static Assets one: its assets folder is written again", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "compact-assets-")), "bundle");
    await buildToDisk(["seeds"], out, "assets", { builtAt: "t" });
    expect(existsSync(join(out, ASSETS_DIR, "bundle"))).toBe(true);
    const { bundle } = await compactToDisk(out, { builtAt: "u" });
    expect(readdirSync(join(out, ASSETS_DIR, "bundle"))).toContain(bundle.manifest.version);
  }, 60_000);

  it("npm run deploy -- --dry-run --target assets prints the files against both plans' limits and writes wrangler's config", () => {
    const out = join(mkdtempSync(join(tmpdir(), "deploy-assets-")), "bundle");
    const run = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--target", "assets", "--out", out], {
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /\d+ files as the Worker's Static Assets, .* no KV writes and no KV reads; a Worker version takes 20,000 files on the Free plan, 100,000 on the Paid plan/,
    );
    expect(run.stderr).toMatch(/Worker: [\d.]+ KB, [\d.]+ KB gzipped/);
    const config = JSON.parse(readFileSync("wrangler.assets.json", "utf8"));
    expect(config.assets).toEqual({ directory: join(out, ASSETS_DIR), binding: "BUNDLE", run_worker_first: true });
    expect(config.kv_namespaces).toBeUndefined();
    expect(config.env?.staging?.kv_namespaces).toBeUndefined();
    expect(config.main).toBe("src/worker/index.ts");
    // An asset changed since the build wrote it is refused before anything is deployed.
    const changed = join(
      out,
      ASSETS_DIR,
      ...bundleKey(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).version, "manifest").split("/"),
    );
    writeFileSync(changed, readFileSync(changed, "utf8").replace('"format"', '"format" '));
    const refused = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--skip-build", "--target", "assets", "--out", out], {
      encoding: "utf8",
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Step 2 (Planning) failed: ${changed} is not the value the build wrote (bundle_file_corrupt)`);
    rmSync(changed);
    const gone = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--skip-build", "--target", "assets", "--out", out], {
      encoding: "utf8",
    });
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain(`${changed} is missing (bundle_file_corrupt)`);
    const bad = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--target", "r2", "--out", out], { encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--target must be "kv" or "assets"');
  }, 180_000);
});
