import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeBundle } from "../src/build/bundle-files";
import { Parts } from "../src/build/parts";
import { buildFromInputs } from "../src/build/pipeline";
import { NAME_GROUP_BYTES, withinBudget } from "../src/build/write";
import type { NamedEntity } from "../src/format/bundle";

const dir = mkdtempSync(join(tmpdir(), "spool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = (bundleDir: string) =>
  readdirSync(join(bundleDir, "kv"))
    .sort()
    .map((name) => [name, readFileSync(join(bundleDir, "kv", name), "utf8")]);

describe("a build that spools its values", () => {
  it("writes the same bundle, byte for byte, as one that keeps them in memory", async () => {
    const inputs = ["seeds", "test/fixtures/corpus"];
    const options = { builtAt: "2026-01-01T00:00:00.000Z", say: () => {} };
    const kept = await buildFromInputs(inputs, options);
    const spooled = await buildFromInputs(inputs, { ...options, spool: join(dir, "nested", "values.spool") });
    expect(spooled.bundle.manifest).toEqual(kept.bundle.manifest);
    // Only the versioned manifest stays in memory.
    expect(spooled.bundle.values.size).toBe(1);
    expect(spooled.bundle.spooled?.places.length).toBe(kept.bundle.values.size - 1);
    await writeBundle(kept.bundle, join(dir, "kept"));
    await writeBundle(spooled.bundle, join(dir, "spooled"));
    expect(files(join(dir, "spooled"))).toEqual(files(join(dir, "kept")));
    expect(readFileSync(join(dir, "spooled", "manifest.json"), "utf8")).toBe(readFileSync(join(dir, "kept", "manifest.json"), "utf8"));
  });

  it("hashes and sizes a value as its UTF-8 bytes, whether spooled or kept", () => {
    const kept = new Parts();
    const spooled = new Parts(join(dir, "one.spool"));
    for (const parts of [kept, spooled]) {
      parts.set("b", "Zürich \u{1F4F0}");
      parts.set("a", "{}");
    }
    expect(spooled.names()).toEqual(["a", "b"]);
    expect(spooled.names().map((n) => [spooled.hash(n), spooled.size(n)])).toEqual(kept.names().map((n) => [kept.hash(n), kept.size(n)]));
    expect(spooled.finish("v")?.places).toEqual([
      ["a", 12, 2],
      ["b", 0, 12],
    ]);
  });
});

describe("a name group of an archive of millions of entities", () => {
  it("keeps its most mentioned entities within the budget, and a group of a smaller archive whole", () => {
    const entity = (i: number): NamedEntity => [`Kamal Name${i}`, `kamal-name${i}`, "person", 1_000_000 - i, [`Kamal N${i}`]];
    const small = Array.from({ length: 40_000 }, (_, i) => entity(i));
    expect(withinBudget(small)).toBe(small);
    const huge = Array.from({ length: 200_000 }, (_, i) => entity(i));
    const kept = withinBudget(huge);
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(NAME_GROUP_BYTES);
    expect(kept.length).toBeGreaterThan(100_000);
    expect(kept).toEqual(huge.slice(0, kept.length));
  });
});
