import fc from "fast-check";
/** @module What the bundle contract promises: key names, value codecs and their shape checks, hashes, BM25 slots, the analyzer, and the reader. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createFieldIndex } from "../src/build/flex-export";
import { type Bundle, buildBundle, liveManifest, sha256Hex } from "../src/build/write";
import { AppError, type ErrorCode } from "../src/errors";
import { analyze, analyzeWords, countTerms, foldWords, isAscii, isStopWord, MAX_WORD, stem, stemMemoSize } from "../src/format/analyzer";
import {
  bundleKey,
  countIds,
  FORMAT_VERSION,
  type KeyKind,
  keyPart,
  LIVE_MANIFEST_KEY,
  type Manifest,
  readableEngine,
  type SparsePostings,
  versionPrefix,
} from "../src/format/bundle";
import { fields, RESOLUTION } from "../src/format/flex-config";
import { fnv1a, shardOf } from "../src/format/hash";
import { BundleReader, checkChunk, findTerm, parseValue, readManifest } from "../src/format/reader";
import type { EntityRecord, Mention, SourceDocument, StoredDocument } from "../src/format/schema";
import { bm25, idf, slotWeight, weightSlot } from "../src/format/scoring";
import { foldDiacritics, slugify } from "../src/format/slug";
import { isNumbers, isObject, jsonCodec } from "../src/format/values/codec";
import { docCodec, encodeBucket, encodeDocument, packMentions, unpackMentions } from "../src/format/values/doc";
import { packEntity, unpackEntity } from "../src/format/values/entity";
import { codecs, keyKinds } from "../src/format/values/index";
import { manifestCodec } from "../src/format/values/manifest";
import { metaCodec } from "../src/format/values/meta";
import { isSparse, packIds, tailCodec, unpackIds } from "../src/format/values/tail";
import { packTerms, type TermEntry, termCodec, unpackPostings } from "../src/format/values/term";
import { LruCache } from "../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../src/kv/source";

/** The AppError code a promise or a function fails with. */
async function codeOf(run: () => unknown): Promise<ErrorCode | "no error"> {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "no error";
}

async function messageOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

describe("key names", () => {
  it("name a value by its kind, then its part", () => {
    expect(keyPart("term", 17)).toBe("term/17");
    expect(keyPart("term", 0)).toBe("term/0");
    expect(keyPart("entity-list", "person/2")).toBe("entity-list/person/2");
  });

  it("name a value without a part, or with an empty one, by its kind alone", () => {
    expect(keyPart("dates")).toBe("dates");
    expect(keyPart("dates", "")).toBe("dates");
  });

  it("put every key of a version under bundle/<version>/", () => {
    expect(versionPrefix("3f2a9c0d1e2b4a5c")).toBe("bundle/3f2a9c0d1e2b4a5c/");
    expect(bundleKey("3f2a9c0d1e2b4a5c", "term", 17)).toBe("bundle/3f2a9c0d1e2b4a5c/term/17");
    expect(bundleKey("3f2a9c0d1e2b4a5c", "manifest")).toBe("bundle/3f2a9c0d1e2b4a5c/manifest");
  });

  it("count the postings of slots, empty slots as none", () => {
    expect(countIds([[1, 2], null, [3], []])).toBe(3);
    expect(countIds([])).toBe(0);
  });
});

describe("hashes", () => {
  /** FNV-1a written out with big integers, the textbook way. */
  function referenceFnv(text: string): number {
    let hash = 0x811c9dc5n;
    for (let i = 0; i < text.length; i++) {
      hash ^= BigInt(text.charCodeAt(i));
      hash = (hash * 0x01000193n) % 2n ** 32n;
    }
    return Number(hash);
  }

  it("route with FNV-1a over UTF-16 code units, as the textbook computes it", () => {
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    for (const text of ["kabul", "embassi", "Tleuberdí", "東京", "😀", "a long key with spaces and 123"]) {
      expect(fnv1a(text)).toBe(referenceFnv(text));
    }
  });

  it("send a key to the shard its hash gives, out of the count", () => {
    expect(shardOf("kabul", 64)).toBe(referenceFnv("kabul") % 64);
    expect(shardOf("kabul", 1)).toBe(0);
    for (const key of ["a", "b", "c", "d", "e"]) expect(shardOf(key, 7)).toBe(referenceFnv(key) % 7);
  });

  it("give the bundle version as hex SHA-256 of the UTF-8 text, two digits a byte", async () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Web Crypto over TextEncoder's bytes: another implementation, and lone surrogates encoded as U+FFFD.
    for (const text of ["Kabul — embassy", "x".repeat(1000), "a\ud800b", "\udfff", "中文 ✓ 🙂"]) {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
      expect(sha256Hex(text)).toBe(Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
    }
  });
});

describe("BM25 slots", () => {
  /** The slot written out from its definition: the saturated term frequency, cut into RESOLUTION slots. */
  function referenceSlot(tf: number, length: number, average: number, k1: number, b: number): number {
    const avg = Math.max(average, 1);
    const weight = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avg));
    const slot = Math.floor((1 - weight / (k1 + 1)) * RESOLUTION);
    return Math.min(Math.max(slot, 0), RESOLUTION - 1);
  }

  it("put a weight in the slot its definition gives", () => {
    for (const tf of [1, 2, 3, 7, 40])
      for (const length of [1, 5, 100, 120, 3000])
        for (const average of [0, 0.5, 1, 20, 120])
          expect(weightSlot(tf, length, average, bm25.text), `${tf} ${length} ${average}`).toBe(
            referenceSlot(tf, length, average, 0.9, 0.4),
          );
  });

  it("rank a frequent term in a short document above a rare one in a long document", () => {
    expect(weightSlot(3, 100, 120, bm25.text)).toBe(5);
    expect(weightSlot(1, 1000, 120, bm25.text)).toBe(18);
  });

  it("read an average length under one as one", () => {
    expect(weightSlot(1, 2, 0, bm25.text)).toBe(weightSlot(1, 2, 1, bm25.text));
    expect(weightSlot(1, 2, 0.25, bm25.text)).toBe(weightSlot(1, 2, 1, bm25.text));
    expect(weightSlot(1, 2, 0, bm25.text)).toBe(13);
  });

  it("keep every slot within the index's range, however extreme the parameters", () => {
    expect(weightSlot(0, 10, 10, bm25.text)).toBe(RESOLUTION - 1);
    expect(weightSlot(1, 0, 10, { k1: 0.9, b: 2 })).toBe(0);
    expect(weightSlot(1, 0, 10, { k1: 0.9, b: 1 })).toBe(0);
  });

  it("read a slot back as the middle of its range", () => {
    expect(slotWeight(0, bm25.text)).toBeCloseTo(1.9 * (1 - 0.5 / 24), 12);
    expect(slotWeight(0, bm25.text)).toBeCloseTo(1.8604, 4);
    expect(slotWeight(23, bm25.text)).toBeCloseTo(1.9 * (0.5 / 24), 12);
    expect(slotWeight(5, { k1: 1.2, b: 0.75 })).toBeCloseTo(2.2 * (1 - 5.5 / 24), 12);
  });

  it("weigh rare terms by BM25's inverse document frequency, never negative", () => {
    expect(idf(1000, 1)).toBeCloseTo(Math.log(1 + 999.5 / 1.5), 12);
    expect(idf(1000, 1)).toBeCloseTo(6.5033, 4);
    expect(idf(10, 10)).toBeCloseTo(Math.log(1 + 0.5 / 10.5), 12);
    expect(idf(10, 10)).toBeGreaterThan(0);
  });

  it("use Anserini's parameters for both fields", () => {
    expect(bm25).toEqual({ title: { k1: 0.9, b: 0.4 }, text: { k1: 0.9, b: 0.4 } });
  });
});

describe("the analyzer", () => {
  it("tells plain ASCII from the rest", () => {
    expect(isAscii("Kabul 2021 ~\u0000\u007f")).toBe(true);
    expect(isAscii("Café")).toBe(false);
    expect(isAscii("\u0080")).toBe(false);
    expect(isAscii("")).toBe(true);
  });

  it("folds case and diacritics and splits on anything but letters and digits", () => {
    expect(foldWords("Café U.S.’s KABUL")).toEqual(["cafe", "us", "s", "kabul"]);
    // Initials with a dot and a space after each are one word too, as without the spaces; a sentence's end is not.
    expect(foldWords("J. P. Morgan, J.P. Morgan")).toEqual(["jp", "morgan", "jp", "morgan"]);
    expect(foldWords("World War I. A new era")).toEqual(["world", "war", "i", "a", "new", "era"]);
    expect(foldWords("Tleuberdí, 2021-08-13")).toEqual(["tleuberdi", "2021", "08", "13"]);
    expect(foldWords("  ")).toEqual([]);
  });

  it("folds compatibility forms too: full-width letters and ligatures", () => {
    expect(foldWords("Ｋａｂｕｌ ﬁle")).toEqual(["kabul", "file"]);
  });

  it("cuts a word longer than 40 characters to 40, in ASCII and not", () => {
    const forty = "a".repeat(MAX_WORD);
    expect(foldWords(forty)).toEqual([forty]);
    expect(foldWords(`${forty}bcd`)).toEqual([forty]);
    expect(foldWords(`é${forty}`)).toEqual([`e${"a".repeat(MAX_WORD - 1)}`]);
  });

  it("stems with Porter, but leaves words with digits and words under three letters alone", () => {
    expect(stem("evacuated")).toBe("evacu");
    expect(stem("embassies")).toBe("embassi");
    expect(stem("ies")).toBe("ie");
    expect(stem("g20s")).toBe("g20s");
    expect(stem("covid19s")).toBe("covid19s");
    expect(stem("internationalization")).toBe("internation");
    expect(stem("internationalization")).toBe("internation");
  });

  it("drops stop words, then stems, keeping the order", () => {
    expect(analyze("The embassies in Kabul")).toEqual(["embassi", "kabul"]);
    expect(analyzeWords(["the", "embassies", "were", "evacuated"])).toEqual(["embassi", "evacu"]);
    expect(countTerms("The embassies in Kabul")).toBe(2);
    expect(countTerms("the of and")).toBe(0);
    expect(isStopWord("the")).toBe(true);
    expect(isStopWord("kabul")).toBe(false);
  });

  it("memoizes stems in two generations, never more than twice 16,384 words, and stems the same after a rotation", () => {
    const before = stemMemoSize();
    stem("zzfreshwordone");
    expect(stemMemoSize()).toBe(before + 1);
    stem("zzfreshwordone");
    expect(stemMemoSize()).toBe(before + 1);
    let most = 0;
    for (let i = 0; i < 40_000; i++) {
      stem(`made${i}up`);
      most = Math.max(most, stemMemoSize());
    }
    expect(most).toBe(2 * 16_384);
    expect(stemMemoSize()).toBeGreaterThan(16_384);
    expect(stem("evacuated")).toBe("evacu");
    expect(stem("zzfreshwordone")).toBe("zzfreshwordon");
  });
});

describe("slugs", () => {
  it("are lowercase ASCII words joined by dashes", () => {
    expect(slugify("Antony Blinken")).toBe("antony-blinken");
    expect(slugify("U.S. State Department")).toBe("us-state-department");
    expect(slugify("Procter & Gamble")).toBe("procter-and-gamble");
    expect(slugify("O’Brien's  Café")).toBe("obriens-cafe");
    expect(slugify("  --Kabul--  ")).toBe("kabul");
    expect(slugify("G20 (2021)")).toBe("g20-2021");
  });

  it("fall back to 'entity' for a name with no letters or digits", () => {
    expect(slugify("—")).toBe("entity");
    expect(slugify("")).toBe("entity");
  });

  it("fold accents away", () => {
    expect(foldDiacritics("Tleuberdí Ñandú")).toBe("Tleuberdi Nandu");
  });
});

describe("the FlexSearch definition", () => {
  it("indexes terms exactly as the analyzer gives them", () => {
    const index = createFieldIndex();
    index.add(0, "embassi kabul");
    index.add(1, "kabul");
    // Without a slot function, FlexSearch's own: a term's position in the text.
    expect(index.search("kabul")).toEqual([1, 0]);
    expect(index.search("embassi")).toEqual([0]);
    expect(index.search("kab")).toEqual([]);
  });

  it("places postings in the slot the build's function gives", () => {
    const index = createFieldIndex((term) => (term === "kabul" ? 20 : 0));
    index.add(0, "kabul x");
    index.add(1, "y kabul");
    index.add(2, "kabul");
    // Every posting of kabul is in one slot: insertion order.
    expect(index.search("kabul")).toEqual([0, 1, 2]);
    const slotted = createFieldIndex((term) => (term.startsWith("late") ? 23 : 1));
    slotted.add(0, "late1 w");
    slotted.add(1, "w early");
    expect(slotted.search("w")).toEqual([0, 1]);
  });

  it("has the fields and resolution the manifest records", () => {
    expect(fields).toEqual(["title", "text", "entity"]);
    expect(RESOLUTION).toBe(24);
  });
});

describe("value codecs", () => {
  it("take only objects and arrays as stored values", () => {
    expect(isObject({})).toBe(true);
    expect(isObject([])).toBe(true);
    expect(isObject(null)).toBe(false);
    expect(isObject(42)).toBe(false);
    expect(isObject("{}")).toBe(false);
    expect(isObject(undefined)).toBe(false);
  });

  it("tell lists of numbers from the rest", () => {
    expect(isNumbers([1, 2.5, -3])).toBe(true);
    expect(isNumbers([])).toBe(true);
    expect(isNumbers([1, "2"])).toBe(false);
    expect(isNumbers("12")).toBe(false);
    expect(isNumbers({ 0: 1, length: 1 })).toBe(false);
  });

  it("encode as JSON and parse back what they encoded", () => {
    const codec = jsonCodec<Record<string, number>, "id">("id", 4.5);
    expect(codec.kind).toBe("id");
    expect(codec.heapPerChar).toBe(4.5);
    expect(codec.encode({ a: 1 })).toBe('{"a":1}');
    expect(codec.parse(JSON.parse(codec.encode({ a: 1, b: 2 })))).toEqual({ a: 1, b: 2 });
  });

  it("store a metadata entry's document bucket only where it changes, and give it back to every entry", () => {
    const entry = (id: string, bucket: number) => ({ id, title: id, text: "", entities: [], bucket });
    const metas = [entry("a", 3), entry("b", 3), entry("c", 4), entry("d", 4)];
    const text = metaCodec.encode(metas);
    expect(text.match(/"bucket"/g)).toHaveLength(2);
    expect(metaCodec.parse(JSON.parse(text))).toEqual(metas);
    // The first entry always carries its bucket: without it nothing says where the document is.
    expect(() => metaCodec.parse([{ id: "a", title: "a", text: "", entities: [] }])).toThrow("without its bucket");
    expect(() => metaCodec.parse([entry("a", 1), 7])).toThrow("not a document");
    expect(() => metaCodec.parse({})).toThrow("not a list");
  });

  it("refuse a bare scalar or null, and whatever their own check refuses", () => {
    const check = vi.fn((raw: object) => {
      if (!Array.isArray(raw)) throw new Error("not a list");
    });
    const codec = jsonCodec<number[], "dates">("dates", 2, check);
    expect(() => codec.parse(42)).toThrow("not an object");
    expect(() => codec.parse(null)).toThrow("not an object");
    expect(check).not.toHaveBeenCalled();
    expect(() => codec.parse({})).toThrow("not a list");
    expect(codec.parse([1])).toEqual([1]);
    expect(check).toHaveBeenCalledTimes(2);
  });

  it("refuse a scalar for every kind of key", () => {
    for (const kind of keyKinds) {
      expect(codecs[kind].kind).toBe(kind);
      for (const raw of [42, null, "text", true]) expect(() => parseValue(kind, raw), `${kind} ${String(raw)}`).toThrow();
    }
  });

  it("pack a document's mentions (entity ids once, four numbers a mention) and an entity's related list, and read them back", () => {
    const mentions: Mention[] = [
      { start: 0, end: 5, entity: "kabul", type: "place", field: "title" },
      { start: 4, end: 11, entity: "taliban", type: "organization", field: "body" },
      { start: 21, end: 26, entity: "kabul", type: "place", field: "body" },
      { start: 30, end: 44, entity: "antony-blinken", type: "person", field: "body" },
    ];
    const packed = packMentions(mentions);
    expect(packed).toEqual({
      entities: ["kabul", "taliban", "antony-blinken"],
      spans: [2, 0, 5, 0, 4, 4, 11, 1, 5, 21, 26, 0, 3, 30, 44, 2],
    });
    expect(unpackMentions(packed)).toEqual(mentions);
    const doc: StoredDocument = { id: "d", title: "Kabul", body: "The Taliban took Kabul.", meta: {}, entities: [], mentions };
    expect(JSON.parse(encodeDocument(doc))).toEqual({ ...doc, mentions: packed });
    expect(encodeDocument(doc).length).toBeLessThan(JSON.stringify(doc).length * 0.8);
    for (const bad of [
      { entities: ["kabul"], spans: [2, 0, 5] },
      { entities: ["kabul"], spans: [2, 0, 5, 1] },
      { entities: [], spans: [9, 0, 5, 0] },
    ])
      expect(() => unpackMentions(bad)).toThrow();

    const record = ent("kabul", "Kabul", "place", [], 3);
    record.related = [
      { id: "taliban", name: "Taliban", type: "organization", weight: 3 },
      { id: "antony-blinken", name: "Antony Blinken", type: "person", weight: 1 },
    ];
    const stored = packEntity(record);
    expect(stored.related).toEqual([
      ["taliban", "Taliban", 1, 3],
      ["antony-blinken", "Antony Blinken", 0, 1],
    ]);
    expect(unpackEntity(JSON.parse(JSON.stringify(stored)))).toEqual(record);
    expect(() => unpackEntity({ ...stored, related: [["taliban", "Taliban", 7, 3]] })).toThrow();
  });

  it("write a document bucket the same from encoded documents as from the documents", () => {
    const a = { id: "a", title: "A", body: "Body a.", meta: {}, entities: [] };
    const b = { id: "b", title: "B", body: "Body b.", date: "2021-08-13", meta: { x: 1 }, entities: [] };
    expect(encodeDocument(a)).toBe(JSON.stringify(a));
    expect(encodeBucket([encodeDocument(a), encodeDocument(b)])).toBe(docCodec.encode([a, b]));
    expect(encodeBucket([])).toBe("[]");
    expect(docCodec.parse(JSON.parse(encodeBucket([encodeDocument(b)])))).toEqual([b]);
  });
});

describe("tail chunks' shape", () => {
  it("is a list of [slot, documents] pairs", () => {
    expect(isSparse([])).toBe(true);
    expect(
      isSparse([
        [0, [1, 2]],
        [23, []],
      ]),
    ).toBe(true);
    expect(isSparse([["0", [1]]])).toBe(false);
    expect(isSparse([[0, [1, "2"]]])).toBe(false);
    expect(isSparse([[0]])).toBe(false);
    expect(isSparse([0, [1]])).toBe(false);
    expect(isSparse({ 0: [0, [1]] })).toBe(false);
    // Documents as JSON numbers (a bundle of before packing), or packed.
    expect(tailCodec.parse([[3, [7]]])).toEqual([[3, [7]]]);
    expect(tailCodec.parse(JSON.parse(tailCodec.encode([[3, [7, 300, 70_000]]])))).toEqual([[3, [7, 300, 70_000]]]);
    expect(tailCodec.encode([[3, [0, 1, 2, 300]]])).toBe('[[3,"AAAAqQI"]]');
    expect(() => tailCodec.parse([[3, "7"]])).toThrow("not whole bytes");
    expect(() => tailCodec.parse([[3, [7, "8"]]])).toThrow("not postings");
    expect(() => tailCodec.parse({})).toThrow("not postings");
  });

  it("packs ascending document numbers into base64url varints, and refuses what no packing gives", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: 200 }), (ids) => {
        const sorted = [...ids].sort((a, b) => a - b);
        const text = packIds(sorted);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(unpackIds(text)).toEqual(sorted);
      }),
      { seed: 20261206 },
    );
    // A byte whose high bit says more follows, at the end; a character outside base64url; bits left over; nothing.
    expect(() => unpackIds("gA")).toThrow("cut off");
    expect(() => unpackIds("AA=")).toThrow("not base64url");
    expect(() => unpackIds("AB")).toThrow("not whole bytes");
    expect(() => unpackIds("")).toThrow("not packed documents");
    expect(() => unpackIds("/w")).toThrow("not base64url");
  });

  it("holds only slots of the index and documents in the range its reference gives, bounds included", () => {
    expect(() =>
      checkChunk(
        [
          [0, [40, 41]],
          [RESOLUTION - 1, [40]],
        ],
        [7, 40, 41],
      ),
    ).not.toThrow();
    expect(() => checkChunk([], [7, 40, 41])).not.toThrow();
    const refused: [number, number[]][][] = [
      [[-1, [40]]],
      [[RESOLUTION, [40]]],
      [[1.5, [40]]],
      [[2, [39]]],
      [[2, [42]]],
      [[2, [40.5]]],
      [[2, [40, 99]]],
      [
        [2, [40]],
        [3, [99]],
      ],
    ];
    for (const chunk of refused) {
      const error = (() => {
        try {
          checkChunk(chunk, [7, 40, 41]);
        } catch (e) {
          return e;
        }
      })();
      expect(error, JSON.stringify(chunk)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("bundle_key_corrupt");
      expect((error as AppError).message).toBe("Tail chunk 7 holds postings outside the range its term shard gives.");
    }
  });
});

describe("term shards' shape", () => {
  const shard = (title: unknown, text: unknown = [], entity: unknown = []) => ({ title, text, entity });

  it("accepts every field's entries in term order, short and with tails", () => {
    const good = shard(
      [
        ["a", [[0, [1]]]],
        ["b", [[0, [2]]], 5, [[0, 1, 9]]],
      ],
      [["kabul", []]],
      [],
    );
    expect(termCodec.parse(good)).toEqual(good);
  });

  it("refuses a shard missing a field or holding anything but entries", () => {
    const bad: unknown[] = [
      { title: [], text: [] },
      { title: [], entity: [] },
      { text: [], entity: [] },
      shard({}),
      shard([["a"]]),
      shard(["a"]),
      shard([[1, []]]),
      shard([["a", {}]]),
      shard([["a", [], 5]]),
      shard([["a", [], "5", []]]),
      shard([["a", [], 5, {}]]),
      shard([["a", [], 5, [[0, "1", 2]]]]),
      shard([["a", [], 5, ["x"]]]),
      shard([["a", [], 5, [[0, 1, 2], ["x"]]]]),
      shard([["a", [], 5, [], 1]]),
      shard([], [], [["a", "b"]]),
    ];
    for (const raw of bad) expect(() => termCodec.parse(raw), JSON.stringify(raw)).toThrow("not a term shard");
  });

  it("refuses terms out of order or repeated in any field, since binary search would miss one", () => {
    for (const raw of [
      shard([
        ["b", []],
        ["a", []],
      ]),
      shard(
        [],
        [
          ["a", []],
          ["a", []],
        ],
      ),
      shard(
        [],
        [],
        [
          ["x", []],
          ["y", []],
          ["w", []],
        ],
      ),
    ])
      expect(() => termCodec.parse(raw), JSON.stringify(raw)).toThrow("terms out of order");
  });

  it("finds a term by binary search exactly where a linear search does", () => {
    const words = ["afghan", "blinken", "embassi", "kabul", "oil", "price", "taliban", "visit"];
    for (let n = 0; n <= words.length; n++) {
      const entries: TermEntry[] = words.slice(0, n).map((w) => [w, [[0, [n]]]]);
      for (const term of [...words, "a", "zz", "c", "kabu", "kabull", ""]) {
        expect(findTerm(entries, term), `${n} ${term}`).toBe(entries.find((e) => e[0] === term));
      }
    }
  });

  it("packs a delta's entries into one string and finds each term's postings in it as in the entries", () => {
    const entries: [string, SparsePostings][] = [
      ["afghan", [[0, [3, 17]]]],
      ["f:topic:crude_oil", [[1, [0]]]],
      [
        "kabul",
        [
          [0, [3, 17, 400]],
          [23, [5, 2, 1000]],
        ],
      ],
      ["lang:de", [[0, []]]],
      ["visit", [[12, [70_000]]]],
    ];
    const packed = packTerms(entries);
    expect(packed).toBe("afghan 0:3,e f:topic:crude_oil 1:0 kabul 0:3,e,an;n:5,-3,rq lang:de 0: visit c:1i0g");
    expect(termCodec.parse({ title: "", text: packed, entity: [] }).text).toBe(packed);
    for (const term of [...entries.map(([t]) => t), "a", "zz", "kabu", "kabull", ""]) {
      const entry = entries.find(([t]) => t === term);
      expect(findTerm(packed, term), term).toEqual(entry);
    }
    expect(findTerm("", "kabul")).toBeUndefined();
    expect(unpackPostings("0:3,e")).toEqual([[0, [3, 17]]]);
  });

  it("refuses a packed list out of order, and packed postings that are malformed, with bundle_key_corrupt", () => {
    for (const text of ["kabul 0:1 afghan 0:2", "kabul 0:1 kabul 0:2", "kabul"])
      expect(() => termCodec.parse({ title: "", text, entity: [] }), text).toThrow("not a term shard");
    for (const postings of ["", "0", ":1", "0:1,", "0:1;;1:2", "o:1", "0:-1", "0:1,-2", "0:x!", "0:1.5", "-1:2"]) {
      expect(() => findTerm(`kabul ${postings}`, "kabul"), postings).toThrow(expect.objectContaining({ code: "bundle_key_corrupt" }));
    }
  });
});

// A small corpus: three documents, two of them dated, two entities with aliases, long lists split into tails.
const ent = (id: string, name: string, type: EntityRecord["type"], aliases: string[], mentions: number): EntityRecord => ({
  id,
  name,
  type,
  aliases: aliases.map((a) => ({ name: a, count: 1 })),
  roles: [],
  mentions,
  documents: { count: 1, ids: ["a"] },
  related: [],
});
const documents: SourceDocument[] = [
  {
    id: "a",
    title: "Blinken visits Kabul",
    body: "Antony Blinken met officials in Kabul about the embassy.",
    date: "2021-08-13",
    meta: {},
  },
  { id: "b", title: "Embassy closes", body: "The embassy in Kabul closed its doors.", date: "2021-08-15", meta: { source: "x" } },
  { id: "c", title: "Oil prices", body: "Oil prices rose on Monday.", meta: {} },
];
const blinken = ent("antony-blinken", "Antony Blinken", "person", ["Blinken", "Tony Blinken"], 5);
const kabul = ent("kabul", "Kabul", "place", [], 3);
const refs = {
  blinken: { id: "antony-blinken", name: "Antony Blinken", type: "person" as const },
  kabul: { id: "kabul", name: "Kabul", type: "place" as const },
};

let built: Bundle | undefined;
async function corpus(): Promise<Bundle> {
  built ??= await buildBundle(
    { documents, entities: [blinken, kabul], byDocument: [[refs.blinken, refs.kabul], [refs.kabul], []] },
    { head: 1, tailChunk: 1, shards: 4, builtAt: "2021-09-01T00:00:00Z" },
  );
  return built;
}

/** A KV source over a map of values, counting its round trips; `overrides` replace or remove (null) values. */
function mapSource(values: Map<string, string>, overrides: Record<string, string | null> = {}) {
  const all = new Map<string, string | null>(values);
  for (const [k, v] of Object.entries(overrides)) all.set(k, v);
  const calls: string[][] = [];
  const source: KvSource = {
    async getMany(keys) {
      calls.push([...keys]);
      return new Map(keys.map((k) => [k, all.get(k) ?? null]));
    },
  };
  return { source, calls, all };
}

async function readerOf(overrides: Record<string, string | null> = {}, cache = new LruCache<unknown>(1 << 24)) {
  const bundle = await corpus();
  const { source, calls, all } = mapSource(bundle.values, overrides);
  const reader = new BundleReader(source, cache, bundle.manifest, newReadStats());
  return {
    bundle,
    reader,
    calls,
    all,
    cache,
    key: (kind: KeyKind, part?: number | string) => bundleKey(bundle.manifest.version, kind, part),
  };
}

describe("the live manifest", () => {
  const live = async (edit?: (m: Record<string, unknown>) => unknown): Promise<string> => {
    const [, text] = liveManifest(await corpus());
    if (!edit) return text;
    const m = JSON.parse(text) as Record<string, unknown>;
    return JSON.stringify(edit(m) ?? m);
  };
  const sourceOf = (text: string | null): KvSource => ({
    async getMany(keys) {
      return new Map(keys.map((k) => [k, k === LIVE_MANIFEST_KEY ? text : null]));
    },
  });

  it("is read from the manifest key and checked", async () => {
    const bundle = await corpus();
    expect(await readManifest(sourceOf(await live()))).toEqual(bundle.manifest);
    expect(bundle.manifest.format).toBe(FORMAT_VERSION);
  });

  it("missing means no bundle is loaded", async () => {
    expect(await codeOf(() => readManifest(sourceOf(null)))).toBe("bundle_not_loaded");
  });

  it("that is not JSON is corrupt", async () => {
    expect(await codeOf(() => readManifest(sourceOf("{not json")))).toBe("bundle_key_corrupt");
    expect(await messageOf(() => readManifest(sourceOf("{not json")))).toBe("The live manifest is not valid JSON.");
  });

  it("of another format version is refused, naming both versions", async () => {
    const other = await live((m) => {
      m.format = 2;
    });
    expect(await codeOf(() => readManifest(sourceOf(other)))).toBe("bundle_unsupported");
    expect(await messageOf(() => readManifest(sourceOf(other)))).toBe(
      `The bundle has format 2; this Worker reads format ${FORMAT_VERSION}.`,
    );
    expect(await messageOf(() => readManifest(sourceOf("null")))).toBe(
      `The bundle has format undefined; this Worker reads format ${FORMAT_VERSION}.`,
    );
    expect(await codeOf(() => readManifest(sourceOf("42")))).toBe("bundle_unsupported");
    expect(await codeOf(() => readManifest(sourceOf('{"format":"3"}')))).toBe("bundle_unsupported");
  });

  it("of this format but the wrong shape is corrupt", async () => {
    for (const edit of [
      (m: Record<string, unknown>) => {
        m.version = "NOT-HEX";
      },
      (m: Record<string, unknown>) => {
        delete m.layout;
      },
    ]) {
      const text = await live(edit);
      expect(await codeOf(() => readManifest(sourceOf(text)))).toBe("bundle_key_corrupt");
      expect(await messageOf(() => readManifest(sourceOf(text)))).toBe("The live manifest does not match the format.");
    }
  });

  it("indexed with another resolution or other fields is refused", async () => {
    const engines = [
      { resolution: 12 },
      { fields: ["title", "text"] },
      { fields: ["text", "title", "entity"] },
      { fields: ["title", "text", "entity", "entity"] },
    ];
    for (const change of engines) {
      const text = await live((m) => {
        m.engine = { ...(m.engine as object), ...change };
      });
      expect(await codeOf(() => readManifest(sourceOf(text))), JSON.stringify(change)).toBe("bundle_unsupported");
      expect(await messageOf(() => readManifest(sourceOf(text)))).toMatch(/engine settings/);
    }
  });

  it("is readable exactly when its resolution and fields are this code's", async () => {
    const { manifest } = await corpus();
    const withEngine = (engine: Partial<Manifest["engine"]>): Manifest => ({ ...manifest, engine: { ...manifest.engine, ...engine } });
    expect(readableEngine(manifest)).toBe(true);
    expect(readableEngine(withEngine({ resolution: RESOLUTION + 1 }))).toBe(false);
    expect(readableEngine(withEngine({ fields: ["title", "text", "title"] }))).toBe(false);
    expect(readableEngine(withEngine({ fields: ["title", "text"] }))).toBe(false);
  });

  it("parses as a manifest value and nothing else does", async () => {
    const { manifest } = await corpus();
    expect(manifestCodec.parse(JSON.parse(manifestCodec.encode(manifest)))).toEqual(manifest);
    expect(() => manifestCodec.parse({ ...manifest, version: "x" })).toThrow("not a manifest");
    expect(() => manifestCodec.parse([])).toThrow("not a manifest");
  });
});

describe("the bundle reader", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads several keys in one round trip and counts keys, bytes and time", async () => {
    const { reader, calls, key, bundle } = await readerOf();
    let now = 1_000;
    vi.spyOn(Date, "now").mockImplementation(() => {
      now += 7;
      return now;
    });
    const [ids, dates] = await Promise.all([reader.read("id", [0]), Promise.resolve()]);
    expect(ids).toEqual([JSON.parse(bundle.values.get(key("id", 0)) as string)]);
    expect(dates).toBeUndefined();
    const values = await reader.read("tail", [0, 1]);
    expect(values).toEqual([0, 1].map((n) => tailCodec.parse(JSON.parse(bundle.values.get(key("tail", n)) as string))));
    expect(calls).toEqual([[key("id", 0)], [key("tail", 0), key("tail", 1)]]);
    const bytes = [key("id", 0), key("tail", 0), key("tail", 1)].reduce((n, k) => n + (bundle.values.get(k) as string).length, 0);
    expect(reader.stats).toEqual({ roundTrips: 2, keys: 3, bytes, cacheHits: 0, ms: 14 });
    expect(reader.version).toBe(bundle.manifest.version);
  });

  it("answers a key read before from the isolate's cache, counting the hit and not the store", async () => {
    const { reader, calls, key } = await readerOf();
    await reader.read("id", [0]);
    await reader.read("id", [0]);
    await reader.read("tail", [0, 1, 0]);
    expect(calls).toEqual([[key("id", 0)], [key("tail", 0), key("tail", 1)]]);
    expect(reader.stats.cacheHits).toBe(1);
    expect(reader.stats.keys).toBe(3);
    expect(reader.stats.roundTrips).toBe(2);
    await reader.read("tail", [1, 0, 2]);
    expect(reader.stats.cacheHits).toBe(3);
    expect(reader.stats.keys).toBe(4);
  });

  it("charges the cache what a parsed value costs, its JSON length times its kind's factor", async () => {
    const { reader, key, bundle, cache } = await readerOf();
    await reader.read("id", [0]);
    const idText = bundle.values.get(key("id", 0)) as string;
    expect(cache.bytes).toBe(Math.ceil(idText.length * codecs.id.heapPerChar));
    await reader.read("term", [0]);
    const termText = bundle.values.get(key("term", 0)) as string;
    expect(cache.bytes).toBe(Math.ceil(idText.length * 4.5) + Math.ceil(termText.length * 3.5));
  });

  it("refuses a missing key as bundle_key_missing, naming it", async () => {
    const { reader, key } = await readerOf({ [`bundle/${(await corpus()).manifest.version}/id/0`]: null });
    expect(await codeOf(() => reader.read("id", [0]))).toBe("bundle_key_missing");
    expect(await messageOf(() => reader.read("id", [0]))).toBe(`Key ${key("id", 0)} is missing from KV.`);
    expect(await codeOf(() => reader.documentNumber("a"))).toBe("bundle_key_missing");
  });

  it("refuses a value that is not JSON, of any kind, as corrupt", async () => {
    const { manifest } = await corpus();
    for (const kind of keyKinds) {
      const k = bundleKey(manifest.version, kind, 0);
      const { reader } = await readerOf({ [k]: "{oops" });
      expect(await codeOf(() => reader.read(kind, [0])), kind).toBe("bundle_key_corrupt");
      expect(await messageOf(() => reader.read(kind, [0]))).toBe(`Key ${k} is not valid JSON.`);
    }
  });

  it("refuses a value of the wrong shape, of any kind, as corrupt, and does not cache it", async () => {
    const { manifest } = await corpus();
    const wrong: Record<KeyKind, string> = {
      term: '{"title":[],"text":[]}',
      tail: '[[0,"1"]]',
      bits: '"b2:AAAA"',
      names: "42",
      meta: "null",
      doc: '"doc"',
      id: "true",
      similar: '{"a":[[1]]}',
      prefix: "1",
      entity: "null",
      "entity-list": '"page"',
      dates: "3",
      manifest: '{"format":3}',
    };
    for (const kind of keyKinds) {
      const k = bundleKey(manifest.version, kind, 0);
      const { reader, cache } = await readerOf({ [k]: wrong[kind] });
      expect(await codeOf(() => reader.read(kind, [0])), kind).toBe("bundle_key_corrupt");
      expect(await messageOf(() => reader.read(kind, [0]))).toBe(`Key ${k} has the wrong shape.`);
      expect(cache.size).toBe(0);
    }
    // Name groups: a cut group without its list or counts, an entry that is no entity.
    for (const names of ['{"kab":{}}', '{"kab":{"top":[],"count":1}}', '{"kab":[["Kabul","kabul","place"]]}', '{"kab":5}']) {
      const k = bundleKey(manifest.version, "names", 0);
      const { reader } = await readerOf({ [k]: names });
      expect(await codeOf(() => reader.read("names", [0])), names).toBe("bundle_key_corrupt");
    }
  });

  it("gives each term the shard it hashes to, reading each shard once in shard order", async () => {
    const { reader, calls, key, bundle } = await readerOf();
    const terms = ["kabul", "embassi", "oil", "price", "blinken", "kabul", "visit"];
    const shards = await reader.termShards(terms);
    const layout = bundle.manifest.layout.term;
    expect(layout).toBe(4);
    const wanted = [...new Set(terms.map((t) => shardOf(t, layout)))].sort((a, b) => a - b);
    expect(wanted.length).toBeGreaterThan(1);
    expect(calls).toEqual([wanted.map((s) => key("term", s))]);
    for (const term of terms) {
      const shard = shards.get(term);
      expect(shard, term).toEqual(JSON.parse(bundle.values.get(key("term", shardOf(term, layout))) as string));
      expect(findTerm(shard?.text ?? [], term) ?? findTerm(shard?.title ?? [], term)).toBeDefined();
    }
    expect([...shards.keys()]).toEqual(["kabul", "embassi", "oil", "price", "blinken", "visit"]);
  });

  it("reads tail chunks by their references, and drops a chunk that does not match its reference from the cache", async () => {
    const { reader, all, key, cache, bundle } = await readerOf();
    const tails = await reader.tails([
      [1, 2, 2],
      [0, 1, 1],
    ]);
    expect([...tails.keys()]).toEqual([1, 0]);
    expect(tails.get(0)).toEqual(tailCodec.parse(JSON.parse(bundle.values.get(key("tail", 0)) as string)));
    expect(tails.get(1)).toEqual(tailCodec.parse(JSON.parse(bundle.values.get(key("tail", 1)) as string)));
    const sizeBefore = cache.size;
    // The reference says chunk 0 holds document 5 only: what it holds is refused.
    expect(await codeOf(() => reader.tails([[0, 5, 5]]))).toBe("bundle_key_corrupt");
    expect(cache.size).toBe(sizeBefore - 1);
    expect(cache.get(key("tail", 1))).toBeDefined();
    expect(cache.get(key("tail", 0))).toBeUndefined();
    all.set(key("tail", 0), "[[3,[5]]]");
    expect((await reader.tails([[0, 5, 5]])).get(0)).toEqual([[3, [5]]]);
  });

  it("gives the prefix groups a shard holds, and none it does not", async () => {
    const { reader } = await readerOf();
    const groups = await reader.prefixGroups(["kab", "zzz", "bl"]);
    expect([...groups.keys()]).toEqual(["kab", "bl"]);
    expect(groups.get("bl")).toEqual({ terms: [["blinken", 1]], entities: [["Antony Blinken", "antony-blinken", "person", 5]] });
    expect(groups.get("kab")?.terms).toEqual([["kabul", 2]]);
  });

  it("gives documents' metadata by number, and refuses a number its bucket does not hold", async () => {
    const { reader } = await readerOf();
    const metas = await reader.metas([2, 0]);
    expect([...metas.keys()]).toEqual([2, 0]);
    expect(metas.get(0)?.id).toBe("c");
    expect(metas.get(2)?.id).toBe("b");
    expect(await codeOf(() => reader.metas([3]))).toBe("bundle_key_corrupt");
    expect(await messageOf(() => reader.metas([1, 3]))).toBe("Metadata of document 3 is missing from its bucket.");
  });

  it("reads metadata buckets by document number and bucket size", async () => {
    const bundle = await corpus();
    const manifest: Manifest = { ...bundle.manifest, layout: { ...bundle.manifest.layout, metaSize: 2 } };
    const meta = metaCodec.parse(JSON.parse(bundle.values.get(bundleKey(manifest.version, "meta", 0)) as string));
    const { source, calls } = mapSource(
      new Map([
        [bundleKey(manifest.version, "meta", 0), metaCodec.encode(meta.slice(0, 2))],
        [bundleKey(manifest.version, "meta", 1), metaCodec.encode(meta.slice(2))],
      ]),
    );
    const reader = new BundleReader(source, new LruCache(1 << 20), manifest, newReadStats());
    const metas = await reader.metas([2, 1, 0, 3 - 1]);
    expect([...metas].map(([n, m]) => [n, m.id])).toEqual([
      [2, "b"],
      [1, "a"],
      [0, "c"],
    ]);
    expect(calls).toEqual([[bundleKey(manifest.version, "meta", 1), bundleKey(manifest.version, "meta", 0)]]);
  });

  it("finds a document's number and the whole document by its id", async () => {
    const { reader } = await readerOf();
    expect(await reader.documentNumber("c")).toBe(0);
    expect(await reader.documentNumber("a")).toBe(1);
    expect(await reader.documentNumber("b")).toBe(2);
    const doc = await reader.document("b");
    expect(doc).toMatchObject({ id: "b", title: "Embassy closes", body: "The embassy in Kabul closed its doors.", meta: { source: "x" } });
    expect((await reader.document("a"))?.date).toBe("2021-08-13");
  });

  it("knows no document by an unknown id, not even one named like an object's own property", async () => {
    const { reader } = await readerOf();
    for (const id of ["nope", "constructor", "__proto__", "toString"]) {
      expect(await reader.documentNumber(id), id).toBeUndefined();
      expect(await reader.document(id), id).toBeUndefined();
    }
  });

  it("gives the date runs, documents numbered by date", async () => {
    const { reader } = await readerOf();
    expect(await reader.dates()).toEqual([
      ["", 0],
      ["2021-08-13", 1],
      ["2021-08-15", 2],
    ]);
  });

  it("finds an entity by id, and none by an unknown id", async () => {
    const { reader } = await readerOf();
    expect(await reader.entity("kabul")).toEqual(kabul);
    expect(await reader.entity("nobody")).toBeUndefined();
    expect(await reader.entity("constructor")).toBeUndefined();
  });

  it("lists the entities named in a prefix group, and none for a group without names", async () => {
    const { reader } = await readerOf();
    expect(await reader.entitiesWithWord("bli")).toEqual({
      entities: [["Antony Blinken", "antony-blinken", "person", 5, ["Blinken", "Tony Blinken"]]],
    });
    expect(await reader.entitiesWithWord("zzz")).toEqual({ entities: [] });
    expect(await reader.entitiesWithWord("constructor")).toEqual({ entities: [] });
  });

  it("finds an entity by its id in any case, or by the slug of one of its names or aliases", async () => {
    const { reader } = await readerOf();
    expect(await reader.findEntity("antony-blinken")).toEqual(blinken);
    expect(await reader.findEntity("Antony-Blinken")).toEqual(blinken);
    expect(await reader.findEntity("KABUL")).toEqual(kabul);
    expect(await reader.findEntity("blinken")).toEqual(blinken);
    expect(await reader.findEntity("tony-blinken")).toEqual(blinken);
    expect(await reader.findEntity("-blinken")).toBeUndefined();
    // Names are kept without a leading "the": so is a slug that has one.
    expect(await reader.findEntity("the-kabul")).toEqual(kabul);
    expect(await reader.findEntity("The-Antony-Blinken")).toEqual(blinken);
    expect(await reader.findEntity("the-the-kabul")).toEqual(kabul);
    expect(await reader.findEntity("the-nobody")).toBeUndefined();
  });

  it("finds no entity for a name that is no slug of any, or whose first word is too short to look up", async () => {
    const { reader, calls } = await readerOf();
    expect(await reader.findEntity("blink")).toBeUndefined();
    expect(await reader.findEntity("tony")).toBeUndefined();
    expect(await reader.findEntity("nobody-at-all")).toBeUndefined();
    const before = calls.length;
    expect(await reader.findEntity("b")).toBeUndefined();
    expect(await reader.findEntity("-")).toBeUndefined();
    // Only the entity shard was read (a cache hit): a one-letter word is not looked up by name.
    expect(calls.length).toBe(before);
  });

  it("gives a page of the entity list only within the list's pages", async () => {
    const { reader, calls } = await readerOf();
    expect(await reader.entityPage("all", 0)).toEqual({
      total: 2,
      items: [
        { id: "antony-blinken", name: "Antony Blinken", type: "person", mentions: 5, documents: 1 },
        { id: "kabul", name: "Kabul", type: "place", mentions: 3, documents: 1 },
      ],
    });
    expect((await reader.entityPage("place", 0))?.items.map((i) => i.id)).toEqual(["kabul"]);
    const before = calls.length;
    expect(await reader.entityPage("all", 1)).toBeUndefined();
    expect(await reader.entityPage("organization", 0)).toBeUndefined();
    expect(await reader.entityPage("nothing", 0)).toBeUndefined();
    expect(calls.length).toBe(before);
  });
});

describe("finding an entity by a short name", () => {
  it("looks up a two-letter alias, the shortest prefix group", async () => {
    const un = ent("united-nations", "United Nations", "organization", ["UN"], 4);
    const acme = ent("acme-1", "Acme", "organization", [], 2);
    const bundle = await buildBundle(
      { documents: documents.slice(0, 1), entities: [un, acme], byDocument: [[{ id: un.id, name: un.name, type: un.type }]] },
      { builtAt: "2021-09-01T00:00:00Z" },
    );
    const { source } = mapSource(bundle.values);
    const reader = new BundleReader(source, new LruCache(1 << 20), bundle.manifest, newReadStats());
    expect(await reader.findEntity("UN")).toEqual(un);
    expect(await reader.findEntity("u")).toBeUndefined();
    // An id that is the slug of none of the entity's names is still found by id.
    expect(await reader.findEntity("ACME-1")).toEqual(acme);
  });
});
