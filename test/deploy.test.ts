import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIVE_FILE, writeBundle } from "../src/build/bundle-files";
import { BULK_MAX_BYTES, BULK_MAX_PAIRS, FREE_PLAN_KEYS, MAX_VALUE_BYTES } from "../src/build/layout";
import { buildFromInputs } from "../src/build/pipeline";

describe("bulk files", () => {
  it("stay within wrangler's limits, with the live manifest alone in the last file", async () => {
    // Enough shards to need two files.
    const { bundle } = await buildFromInputs(["seeds"], { shards: BULK_MAX_PAIRS + 50, builtAt: "t", entities: false });
    const dir = join(mkdtempSync(join(tmpdir(), "bulk-")), "bundle");
    await writeBundle(bundle, dir);
    const files = readdirSync(join(dir, "kv")).sort();
    expect(files.length).toBeGreaterThanOrEqual(3);
    let pairs = 0;
    for (const name of files) {
      const path = join(dir, "kv", name);
      const content = JSON.parse(readFileSync(path, "utf8")) as { key: string; value: string }[];
      expect(content.length).toBeLessThanOrEqual(BULK_MAX_PAIRS);
      expect(statSync(path).size).toBeLessThan(BULK_MAX_BYTES);
      for (const { value } of content) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
      if (name === LIVE_FILE) expect(content.map((p) => p.key)).toEqual(["manifest"]);
      pairs += content.length;
    }
    expect(pairs).toBe(bundle.manifest.counts.keys);
  });

  it("--profile free keeps a bundle within the Free plan's daily writes", async () => {
    const { bundle } = await buildFromInputs(["seeds", "test/fixtures/corpus"], { profile: "free", builtAt: "t" });
    expect(bundle.manifest.counts.keys).toBeLessThanOrEqual(FREE_PLAN_KEYS);
  });
});

describe("npm run deploy -- --dry-run", () => {
  it("builds, writes the bulk files and the Worker, and prints the plan, with no account", () => {
    const out = join(mkdtempSync(join(tmpdir(), "deploy-")), "bundle");
    const run = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--out", out], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/keys \(= KV writes\) in 2 bulk files/);
    // The Worker's size against both plans' limits.
    const size =
      /Worker: [\d.]+ KB, ([\d.]+) KB gzipped: ([\d.]+)% of the Free plan's 3\.0 MB and ([\d.]+)% of the Paid plan's 10\.0 MB/.exec(
        run.stderr,
      );
    expect(size).not.toBeNull();
    const [, gzipKb, free, paid] = size as RegExpExecArray;
    expect(Number(free)).toBeCloseTo((100 * Number(gzipKb)) / 3072, 0);
    expect(Number(paid)).toBeCloseTo((100 * Number(gzipKb)) / 10240, 0);
    expect(Number(gzipKb)).toBeLessThan(120);
    expect(run.stderr).toContain("Dry run: nothing was uploaded");
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.counts.documents).toBe(2);
    expect(statSync("dist/worker/index.js").size).toBeGreaterThan(0);
  }, 180_000);
});
