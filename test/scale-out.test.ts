/**
 * @module A corpus built on several machines: four processes each extract one slice's entities into a cache of its
 * own (`npm run build -- --segment i/4`), and a build that combines their caches extracts nothing and makes the very
 * bundle one build makes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildFromInputs } from "../src/build/pipeline";
import { parseSlice } from "../src/build/scale-out";

const root = mkdtempSync(join(tmpdir(), "scale-out-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const PEOPLE = ["Maren Holt", "Jonas Berg", "Ida Lund", "Erik Dahl", "Sofie Krag"];
const PLACES = ["Aalborg", "Esbjerg", "Rotterdam", "Hamburg", "Gdansk"];
const docs = Array.from({ length: 40 }, (_, i) => ({
  id: `n${i}`,
  title: `Port report ${i}`,
  body: `${PEOPLE[i % 5]} said in ${PLACES[(i * 3) % 5]} that the ferry to ${PLACES[(i + 1) % 5]} would run again. ${PEOPLE[(i + 2) % 5]} of the Danish Maritime Authority agreed.`,
  date: `2026-04-${String(1 + (i % 28)).padStart(2, "0")}`,
}));
const corpus = join(root, "corpus.jsonl");
writeFileSync(corpus, `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`);

/** `npm run build -- --segment i/n` in a process of its own. */
function segment(i: number, n: number, cacheDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/build/build.ts", "--segment", `${i}/${n}`, "--input", corpus, "--cache-dir", cacheDir],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    child.stderr.on("data", (d) => {
      out += String(d);
    });
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("scale-out: slices extracted apart, one build", () => {
  it("builds from four processes' caches the bundle one build makes, extracting nothing again", async () => {
    const dirs = [1, 2, 3, 4].map((i) => join(root, `cache-${i}`));
    const runs = await Promise.all(dirs.map((dir, i) => segment(i + 1, 4, dir)));
    for (const run of runs) expect(run.code, run.out).toBe(0);
    expect(runs[0]?.out).toContain("Segment 1/4: 10 of 40 documents, 10 extracted");
    const combined = await buildFromInputs([corpus], { builtAt: "t", cache: join(root, "build-cache"), combine: dirs });
    expect(combined.cache).toMatchObject({ hits: 40, misses: 0 });
    const single = await buildFromInputs([corpus], { builtAt: "t" });
    expect(combined.bundle.manifest.version).toBe(single.bundle.manifest.version);
    expect(combined.bundle.manifest.counts.entities).toBeGreaterThan(5);
  }, 120_000);

  it("reads I/N, and refuses anything else", () => {
    expect(parseSlice("2/4")).toEqual({ index: 2, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "a/b", "1", "1/2/3", ""]) expect(parseSlice(bad)).toBeUndefined();
  });
});
