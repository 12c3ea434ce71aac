import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { segmentOfFile, servedSegments, uploadPlan } from "../scripts/deploy/upload-plan";
import { LIVE_FILE, writeBundle } from "../src/build/bundle-files";
import { ASSETS_FREE_FILES, BULK_MAX_BYTES, BULK_MAX_PAIRS, FREE_PLAN_KEYS, MAX_VALUE_BYTES } from "../src/build/layout";
import { buildFromInputs } from "../src/build/pipeline";
import { buildBundle } from "../src/build/write";
import type { Manifest } from "../src/format/bundle";
import type { SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { search } from "../src/search/engine";
import { memoryBundle } from "./helpers/memory-bundle";

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

  it("--profile free with --target assets fits the Free plan's files instead: fewer documents a bucket, the same answers", async () => {
    // 4,400 documents: 1,100 metadata buckets of 4, over a thousand keys by default.
    const words = ["harbour", "bill", "council", "budget", "school", "river", "market", "storm", "court", "rail"];
    const documents: SourceDocument[] = Array.from({ length: 4400 }, (_, i) => ({
      id: `n${i}`,
      title: `Report ${i}`,
      body: `The ${words[i % 10]} and the ${words[(i * 7) % 10]} were discussed on day ${i % 97}.`,
      date: new Date(Date.UTC(2024, 0, 1 + (i % 300))).toISOString().slice(0, 10),
      meta: {},
    }));
    documents.sort((a, b) => (a.date as string).localeCompare(b.date as string));
    const build = (keyBudget?: number) =>
      buildBundle(
        { documents, entities: [], byDocument: documents.map(() => []) },
        { builtAt: "t", profile: "free", ...(keyBudget ? { keyBudget } : {}) },
      );
    const [writes, files] = [await build(), await build(ASSETS_FREE_FILES)];
    expect(writes.manifest.counts.keys).toBeLessThanOrEqual(FREE_PLAN_KEYS);
    expect(files.manifest.counts.keys).toBeGreaterThan(FREE_PLAN_KEYS);
    expect(files.manifest.counts.keys).toBeLessThanOrEqual(ASSETS_FREE_FILES);
    expect(files.manifest.layout.metaSize).toBeLessThan(writes.manifest.layout.metaSize);
    for (const q of ["harbour ", "storm court ", "rail"]) {
      const answers = [writes, files].map(async (b) => {
        const reader = memoryBundle(b).coldReader();
        const { hits, total } = await search(bundleEngine(reader), reader, { q, limit: 10, offset: 0 });
        return { total, ids: hits.map((h) => h.id) };
      });
      const [a, b] = await Promise.all(answers);
      expect(b, q).toEqual(a);
    }
  });
});

describe("what a deploy uploads", () => {
  const base = "5a6db2b428761579";
  const [d1, d2] = ["0cfb64b540782a92", "b85b0c563c2e0912"];
  const archive = (version: string, deltas: string[]) => ({ version, deltas: deltas.map((v) => ({ version: v })) }) as unknown as Manifest;
  const files = ["kv/0001.json", "kv/0002.json", `kv/delta-${d1}-0001.json`, `kv/delta-${d2}-0001.json`, `kv/${LIVE_FILE}`];

  it("names each bulk file's segment", () => {
    expect(files.map((f) => segmentOfFile(f, base))).toEqual([base, base, d1, d2, base]);
  });

  it("leaves out the base and the deltas the namespace serves already, never the live manifest", () => {
    // Deployed with one update; a second made since with `npm run build -- --update`.
    const served = servedSegments(archive(base, [d1]), archive(base, [d1, d2]));
    expect([...served]).toEqual([base, d1]);
    expect(uploadPlan(files, base, served)).toEqual({ files: [`kv/delta-${d2}-0001.json`, `kv/${LIVE_FILE}`], segments: [d2] });
    // Nothing live, or another base live (a new build): everything.
    for (const live of [undefined, archive("ffffffffffffffff", [d1])]) {
      const plan = uploadPlan(files, base, servedSegments(live, archive(base, [d1, d2])));
      expect(plan.files).toEqual(files);
      expect(plan.segments).toEqual([base, d1, d2]);
    }
    // A delta the namespace serves but the archive here does not hold (rolled back here) is no reason to skip anything else.
    expect([...servedSegments(archive(base, [d1, d2]), archive(base, [d2]))]).toEqual([base, d2]);
    // The same archive live: only the live manifest is written.
    expect(uploadPlan(files, base, servedSegments(archive(base, [d1, d2]), archive(base, [d1, d2])))).toEqual({
      files: [`kv/${LIVE_FILE}`],
      segments: [],
    });
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

    // Again without --input: it would build the demo over the bundle there, which may be an archive of one's own.
    const again = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--out", out], { encoding: "utf8" });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`${out} holds a bundle already (version ${manifest.version}, 2 documents)`);
    expect(again.stderr).toContain("--skip-build");
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).version).toBe(manifest.version);

    // A bundle missing a key is refused before anything is uploaded.
    const cut = join(mkdtempSync(join(tmpdir(), "deploy-cut-")), "bundle");
    cpSync(out, cut, { recursive: true });
    const file = join(cut, "kv", "0001.json");
    const pairs = JSON.parse(readFileSync(file, "utf8")) as { key: string }[];
    writeFileSync(file, JSON.stringify(pairs.filter((p) => !p.key.includes("/term/"))));
    const whole = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--skip-build", "--out", cut], { encoding: "utf8" });
    expect(whole.status).toBe(1);
    expect(whole.stderr).toMatch(
      /Step 2 \(Planning\) failed: the bulk files hold \d+ keys of version \w+, its manifest counts \d+: build it again/,
    );

    // So is one whose keys are all there but a value changed since the build wrote it (valid JSON all the same), and
    // npm start's loading into local KV refuses it too.
    const edited = join(mkdtempSync(join(tmpdir(), "deploy-edited-")), "bundle");
    cpSync(out, edited, { recursive: true });
    const changed = join(edited, "kv", "0001.json");
    const items = JSON.parse(readFileSync(changed, "utf8")) as { key: string; value: string }[];
    const term = items.find((p) => p.key.includes("/term/")) as { value: string };
    term.value = term.value.replace(/\d/, (d) => String((Number(d) + 1) % 10));
    writeFileSync(changed, JSON.stringify(items));
    const refused = spawnSync("npx", ["tsx", "scripts/deploy/deploy.ts", "--dry-run", "--skip-build", "--out", edited], {
      encoding: "utf8",
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`Step 2 (Planning) failed: ${changed} is not the file the build wrote: its SHA-256 is`);
    expect(refused.stderr).toMatch(/\(bundle_file_corrupt\): build it again/);
    expect(refused.stderr).not.toContain("Dry run: nothing was uploaded");
    const loaded = spawnSync("npx", ["tsx", "scripts/deploy/load-local.ts", "--bundle", edited], { encoding: "utf8" });
    expect(loaded.status).toBe(1);
    expect(loaded.stderr).toContain(`${changed} is not the file the build wrote`);
    expect(loaded.stderr).not.toContain("Loading");
  }, 180_000);

  it("of an update changes nothing in --out: the update is made on a copy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deploy-update-"));
    const out = join(dir, "bundle");
    const built = spawnSync("npx", ["tsx", "scripts/build/build.ts", "--input", "seeds", "--out", out], { encoding: "utf8" });
    expect(built.status).toBe(0);
    writeFileSync(
      join(dir, "today.jsonl"),
      `${JSON.stringify({ id: "t1", title: "Port strike", body: "Dockers in Aalborg struck on Monday." })}\n`,
    );
    const before = readFileSync(join(out, "manifest.json"), "utf8");
    const files = readdirSync(join(out, "kv")).sort();
    const run = spawnSync(
      "npx",
      ["tsx", "scripts/deploy/deploy.ts", "--update", "--dry-run", "--input", join(dir, "today.jsonl"), "--out", out],
      {
        encoding: "utf8",
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("1 added");
    expect(run.stderr).toContain(`The update was made on a copy of ${out}, removed now`);
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(before);
    expect(readdirSync(join(out, "kv")).sort()).toEqual(files);
  }, 180_000);
});
