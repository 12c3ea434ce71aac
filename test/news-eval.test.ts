/** @module `npm run bench:entities:news`: the extractor scored on annotated news articles, and bad files refused with a code. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "news-eval-"));
const write = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n"));
  return path;
};
const run = (...args: string[]) => spawnSync("npx", ["tsx", "scripts/eval/news-eval.ts", ...args], { encoding: "utf8" });

describe("npm run bench:entities:news", () => {
  it("scores the body's names, exact span and type, MISC left out, per file", () => {
    const file = write("good.jsonl", [
      JSON.stringify({
        id: "a",
        title: "[[PER|Antony Blinken]] visits [[LOC|Kabul]]",
        body: "[[MISC|American]] envoy [[PER|Antony Blinken]] met officials in [[LOC|Kabul]] on Monday.",
      }),
      // A name the extractor cannot know is missed: recall falls, precision does not.
      JSON.stringify({ id: "b", body: "The [[ORG|zq]] said nothing." }),
    ]);
    const result = run(file);
    expect(result.status).toBe(0);
    const row = `${result.stdout}${result.stderr}`.split("\n").find((line) => line.includes("good.jsonl"));
    // PER 100, ORG 0, LOC 100; P 100, R 2 of 3, F1 80, 3 gold names.
    expect(row).toMatch(/\| 100\.0 \| 0\.0 \| 100\.0 \| 100\.0 \| 66\.7 \| \*\*80\.0\*\* \| 3 \|/u);
  });

  it("refuses a malformed article with its file, line and code", () => {
    const file = write("bad.jsonl", [JSON.stringify({ id: "a", body: "Fine." }), JSON.stringify({ id: "b", body: "[[PER|Broken] mark" })]);
    const result = run(file);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`${file}:2:`);
    expect(result.stderr).toContain("(news_article_invalid)");
    expect(run().stderr).toContain("No file given");
  });
});
