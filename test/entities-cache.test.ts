/** @module The extraction cache: a rebuild extracts only new or changed documents, and gives the same bundle as a build without it. */
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { documentKey, ExtractionCache, extractorFingerprint } from "../src/build/entities/cache";
import { extractDocument } from "../src/build/entities/document";
import { DEFAULT_MODEL_PATH } from "../src/build/entities/tagger/load";
import { buildFromInputs } from "../src/build/pipeline";

const dir = mkdtempSync(join(tmpdir(), "extraction-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const builtAt = "2026-01-01T00:00:00.000Z";

describe("the extraction cache", () => {
  it("extracts each document once: a rebuild finds them all and gives the same bundle as a build without the cache", async () => {
    const cache = join(dir, "seeds-cache");
    const plain = await buildFromInputs(["seeds"], { builtAt });
    const first = await buildFromInputs(["seeds"], { builtAt, cache });
    expect(first.cache).toEqual({ hits: 0, misses: 2, unreadable: 0 });
    const second = await buildFromInputs(["seeds"], { builtAt, cache });
    expect(second.cache).toEqual({ hits: 2, misses: 0, unreadable: 0 });
    expect(first.bundle.manifest.version).toBe(plain.bundle.manifest.version);
    expect(second.bundle.manifest.version).toBe(plain.bundle.manifest.version);
    expect(readdirSync(cache)).toEqual([`names-${extractorFingerprint()}.jsonl`]);
  });

  it("extracts again only a document whose text changed, and keeps the others'", async () => {
    const cache = join(dir, "edit-cache");
    const corpus = join(dir, "edit-corpus");
    cpSync("seeds", corpus, { recursive: true });
    await buildFromInputs([corpus], { builtAt, cache });
    const file = join(corpus, "004_7eada462969b83a1.txt");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nGeneral Kenneth McKenzie said the Pentagon would report.\n`);
    const edited = await buildFromInputs([corpus], { builtAt, cache });
    expect(edited.cache).toEqual({ hits: 1, misses: 1, unreadable: 0 });
    const fresh = await buildFromInputs([corpus], { builtAt });
    expect(edited.bundle.manifest.version).toBe(fresh.bundle.manifest.version);
    // The new version of the document is found next time; the old one is still kept (it may come back).
    expect((await buildFromInputs([corpus], { builtAt, cache })).cache).toEqual({ hits: 2, misses: 0, unreadable: 0 });
    const lines = readFileSync(join(cache, `names-${extractorFingerprint()}.jsonl`), "utf8")
      .trim()
      .split("\n");
    expect(lines).toHaveLength(3);
  });

  it("reads past damaged lines, extracting those documents again, and rewrites a clean cache", async () => {
    const cache = join(dir, "damaged-cache");
    await buildFromInputs(["seeds"], { builtAt, cache });
    const file = join(cache, `names-${extractorFingerprint()}.jsonl`);
    const [good] = readFileSync(file, "utf8").trim().split("\n");
    writeFileSync(file, `${good}\n{"not":"names"}\n["key", {"mentions": 3}]\n[trunc`);
    const damaged = await buildFromInputs(["seeds"], { builtAt, cache });
    expect(damaged.cache).toEqual({ hits: 1, misses: 1, unreadable: 3 });
    expect(damaged.bundle.manifest.version).toBe((await buildFromInputs(["seeds"], { builtAt })).bundle.manifest.version);
    expect((await buildFromInputs(["seeds"], { builtAt, cache })).cache).toEqual({ hits: 2, misses: 0, unreadable: 0 });
  });

  it("is another cache for another extractor: the model's bytes are part of its fingerprint", () => {
    const copy = join(dir, "copy.model");
    copyFileSync(DEFAULT_MODEL_PATH, copy);
    expect(extractorFingerprint(copy)).toBe(extractorFingerprint(DEFAULT_MODEL_PATH));
    const bytes = readFileSync(copy);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
    writeFileSync(copy, bytes);
    expect(extractorFingerprint(copy)).not.toBe(extractorFingerprint(DEFAULT_MODEL_PATH));
  });

  it("keys a document by its language, title and body", async () => {
    const doc = { title: "Kabul falls", body: "The Taliban took Kabul.", lang: "en" };
    expect(documentKey(doc)).toMatch(/^[0-9a-f]{32}$/);
    expect(documentKey({ ...doc, lang: "de" })).not.toBe(documentKey(doc));
    expect(documentKey({ ...doc, title: "Kabul" })).not.toBe(documentKey(doc));
    expect(documentKey({ ...doc, body: "The Taliban took Herat." })).not.toBe(documentKey(doc));
    // Saved and read back: the names as extracted; another fingerprint's file is removed.
    const cacheDir = join(dir, "unit-cache");
    const old = await ExtractionCache.open(cacheDir, "0000000000000000");
    await old.save([documentKey(doc)], [extractDocument(doc)]);
    const cache = await ExtractionCache.open(cacheDir, "1111111111111111");
    expect(cache.get(doc)).toBeUndefined();
    await cache.save([documentKey(doc)], [extractDocument(doc)]);
    expect(readdirSync(cacheDir)).toEqual(["names-1111111111111111.jsonl"]);
    expect((await ExtractionCache.open(cacheDir, "1111111111111111")).get(doc)).toEqual(extractDocument(doc));
  });
});
