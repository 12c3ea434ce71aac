/** @module Membership bitmaps of long entity lists: stored beside their chunks, and what a search by relevance tests its candidates with. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildBundle } from "../src/build/write";
import { bundleKey, languageTerm, type Manifest, type SparsePostings, type TailRef, type TermShard } from "../src/format/bundle";
import { shardOf } from "../src/format/hash";
import { BITS_FROM_CHUNKS, bitmapOf, bitsCodec, bitsPart, hasBit, holdsAny, without } from "../src/format/values/bits";
import { bundleEngine } from "../src/search/bundle-engine";
import { search } from "../src/search/engine";
import { allows, entityFilter } from "../src/search/filters";
import { parseQuery } from "../src/search/parse-query";
import type { PostingSource, TermPostings } from "../src/search/postings";
import { TailLoader } from "../src/search/tails";
import type { Engine } from "../src/search/types";
import { memoryBundle } from "./helpers/memory-bundle";

const decode = (text: string) => bitsCodec.parse(JSON.parse(text));
const part = (term: string) => bitsPart(term) as string;

describe("membership bitmaps", () => {
  it("read back the documents they were made of, dense as a bitmap and sparse as gaps", () => {
    const dense = Array.from({ length: 500 }, (_, i) => i * 2);
    const sparse = [3, 700, 999];
    for (const docs of [dense, sparse, [0], [999]]) {
      const text = bitsCodec.encode(bitmapOf(docs, 1000));
      const back = decode(text);
      expect(back.count).toBe(docs.length);
      for (let doc = 0; doc < 1000; doc++) expect(hasBit(back, doc), `${doc}`).toBe(docs.includes(doc));
      expect(hasBit(back, 1000)).toBe(false);
      expect(hasBit(back, -1)).toBe(false);
    }
    expect(JSON.parse(bitsCodec.encode(bitmapOf(dense, 1000)))).toMatch(/^b125:/);
    expect(JSON.parse(bitsCodec.encode(bitmapOf(sparse, 1000)))).toMatch(/^g125:/);
  });

  it("say whether they hold any document of a range, and drop documents without touching the one read", () => {
    const bitmap = bitmapOf([3, 17, 40], 64);
    const cases: [number, number, boolean][] = [
      [0, 2, false],
      [0, 3, true],
      [4, 16, false],
      [4, 17, true],
      [18, 39, false],
      [9, 15, false],
      [40, 40, true],
      [41, 200, false],
      [-5, 3, true],
      [17, 3, false],
    ];
    for (const [first, last, holds] of cases) expect(holdsAny(bitmap, first, last), `${first}-${last}`).toBe(holds);
    const fewer = without(bitmap, new Set([17, 5]));
    expect([fewer.count, hasBit(fewer, 17), hasBit(fewer, 3)]).toEqual([2, false, true]);
    expect([bitmap.count, hasBit(bitmap, 17)]).toEqual([3, true]);
    expect(without(bitmap, new Set([5]))).toBe(bitmap);
  });

  it("refuse what is no bitmap: another mark, a length the bits do not have, a document past the end", () => {
    for (const bad of ['"x2:AAA"', '"b3:AAA"', '"b2:A*A"', "[1]", '"g1:CA"', '"b2"']) expect(() => decode(bad), bad).toThrow();
    expect(decode('"b2:AAA"').count).toBe(0);
  });
});

// 200 documents, one a day; "zz" in every one, "yy" in every fourth, "ww" in all (three times in the even ones); entity "e-all" in all, "e-half" in the even
// ones, "e-few" in the first ten. Heads of 24 postings and chunks of 7: "e-all" and "e-half" have 5 chunks or more.
const documents = Array.from({ length: 200 }, (_, i) => ({
  id: `d${i}`,
  title: `t${i}`,
  body: `zz ${i % 4 === 0 ? "yy" : ""} ${i % 2 === 0 ? "ww ww ww" : "ww"}`,
  date: `2021-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
  meta: { category: i % 2 === 0 ? "even" : "odd" },
}));
const byDocument = documents.map((_, i) => [
  { id: "e-all", name: "E all", type: "place" as const },
  ...(i % 2 === 0 ? [{ id: "e-half", name: "E half", type: "place" as const }] : []),
  ...(i < 10 ? [{ id: "e-few", name: "E few", type: "place" as const }] : []),
]);
/** The manifest as a build of before bitmaps wrote it: its lists are read whole. */
const withoutBits = (manifest: Manifest): Manifest => {
  const { bitsFrom: _, ...layout } = manifest.layout;
  return { ...manifest, layout };
};
const built = () =>
  buildBundle({ documents, entities: [], byDocument }, { shards: 8, head: 24, tailChunk: 7, builtAt: "t", facets: ["category"] });

describe("a bitmap's key", () => {
  it("names its list in one file name whatever the term holds, and none for a term too long for one", () => {
    for (const term of ["united-states", "f:section:news/world", "f:section:..", "f:section:économie", "f:x:中国新闻"]) {
      const p = bitsPart(term) as string;
      expect(p, term).toMatch(/^[A-Za-z0-9_-]{1,200}$/);
      expect(new TextDecoder().decode(Buffer.from(p, "base64url")), term).toBe(term);
    }
    expect(bitsPart("f:section:news")).not.toBe(bitsPart("f:section:news/world"));
    expect(bitsPart(`f:section:${"x".repeat(140)}`)).toBeDefined();
    expect(bitsPart(`f:section:${"中".repeat(50)}`)).toBeUndefined();
  });
});

describe("a bundle's bitmaps", () => {
  it("are written for entity lists of BITS_FROM_CHUNKS chunks or more, and said so in the layout", async () => {
    const bundle = await built();
    const { version, layout } = bundle.manifest;
    expect(layout.bitsFrom).toBe(BITS_FROM_CHUNKS);
    const half = bundle.values.get(bundleKey(version, "bits", part("e-half")));
    expect(half).toBeDefined();
    const bitmap = decode(half as string);
    expect(bitmap.count).toBe(100);
    // Documents are numbered by date, as given here.
    for (let doc = 0; doc < 200; doc++) expect(hasBit(bitmap, doc)).toBe(doc % 2 === 0);
    expect(decode(bundle.values.get(bundleKey(version, "bits", part("e-all"))) as string).count).toBe(200);
    // Too short a list, and words' lists, have none.
    expect(bundle.values.has(bundleKey(version, "bits", part("e-few")))).toBe(false);
    // A facet's values are lists of the entity field too.
    expect(decode(bundle.values.get(bundleKey(version, "bits", part("f:category:odd"))) as string).count).toBe(100);
    expect([...bundle.values.keys()].filter((k) => k.includes("/bits/"))).toHaveLength(4);
    // A language's list is read by lang= filters alone, as a list: no bitmap, however long.
    const mixed = await buildBundle(
      {
        documents: documents.map((d, i) => ({ ...d, ...(i % 2 === 0 ? { lang: "de" } : {}) })),
        entities: [],
        byDocument: documents.map(() => []),
      },
      { shards: 8, head: 24, tailChunk: 7, builtAt: "t" },
    );
    const keys = [...mixed.values.keys()];
    expect(keys.some((k) => k.endsWith(`/bits/${part(languageTerm("de"))}`) || k.endsWith(`/bits/${part(languageTerm("en"))}`))).toBe(
      false,
    );
    expect(keys.some((k) => k.endsWith(`/bits/${part("f:category:odd")}`))).toBe(false);
    // Without long lists, none, and no mention in the layout (a bundle as it was built before them).
    const small = await buildBundle(
      { documents: documents.slice(0, 20), entities: [], byDocument: byDocument.slice(0, 20) },
      { builtAt: "t" },
    );
    expect(small.manifest.layout.bitsFrom).toBeUndefined();
  });

  it("let a search by relevance with a long entity read one key for it, none of its chunks, and answer as the list read whole", async () => {
    const bundle = await built();
    const { version } = bundle.manifest;
    const chunkOf = (term: string) => {
      const layout = bundle.manifest.layout;
      const shard = JSON.parse(bundle.values.get(bundleKey(version, "term", shardOf(term, layout.term))) as string) as TermShard;
      return new Set((shard.entity?.find((e) => e[0] === term)?.[3] ?? []).map(([n]) => bundleKey(version, "tail", n)));
    };
    const entityChunks = chunkOf("e-half");
    expect(entityChunks.size).toBeGreaterThanOrEqual(BITS_FROM_CHUNKS);
    for (const q of ["ww entity:e-half", "yy entity:e-half", "yy t8 entity:e-half", "t4 entity:e-half", "ww entity:e-half entity:e-few"]) {
      const mem = memoryBundle(bundle);
      const reader = mem.coldReader();
      const params = { q, limit: 10, offset: 0, group: false, facets: "none" } as const;
      const result = await search(bundleEngine(reader), reader, params);
      expect(
        mem.reads.filter((k) => k.includes("/bits/")),
        q,
      ).toEqual([bundleKey(version, "bits", part("e-half"))]);
      expect(
        mem.reads.filter((k) => entityChunks.has(k)),
        q,
      ).toEqual([]);
      // The same page and count as a bundle without bitmaps, which reads the entity's whole list.
      const plain = memoryBundle({ ...bundle, manifest: withoutBits(bundle.manifest) });
      const plainReader = plain.coldReader();
      const expected = await search(bundleEngine(plainReader), plainReader, params);
      expect(plain.reads.filter((k) => entityChunks.has(k)).length, q).toBeGreaterThan(0);
      expect(
        result.hits.map((h) => h.id),
        q,
      ).toEqual(expected.hits.map((h) => h.id));
      expect(result.total, q).toBe(expected.total);
      expect(result.approximate, q).toBe(expected.approximate);
      expect(result.hits.every((h) => Number(h.id.slice(1)) % 2 === 0)).toBe(true);
    }
  });

  it("let through only the documents in every list, two lists with bitmaps", async () => {
    // Without bitmaps their 36 chunks are over the budget: the answer is the bitmaps' alone, every hit in both lists.
    const mem = memoryBundle(await built());
    const reader = mem.coldReader();
    const both = await search(bundleEngine(reader), reader, {
      q: "ww entity:e-all entity:e-half",
      limit: 20,
      offset: 0,
      group: false,
      facets: "none",
    });
    expect(mem.reads.filter((k) => k.includes("/bits/"))).toHaveLength(2);
    expect(both.hits).toHaveLength(20);
    expect(both.hits.every((h) => Number(h.id.slice(1)) % 2 === 0)).toBe(true);
    expect(both.total).toBeLessThanOrEqual(100);
  });

  it("read only the words' chunks where the entity's bitmap has documents (an entity of a few months), as its list would", async () => {
    // 1,000 documents a day apart; "e-early" in the first 150 only; every word in every document.
    const days = Array.from({ length: 1000 }, (_, i) => ({
      id: `d${i}`,
      title: `t${i}`,
      body: `zz ${i % 3 === 0 && i >= 150 ? "ww ww ww" : "ww"}`,
      date: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      meta: {},
    }));
    const early = days.map((_, i) => (i < 150 ? [{ id: "e-early", name: "E early", type: "place" as const }] : []));
    const long = await buildBundle(
      { documents: days, entities: [], byDocument: early },
      { shards: 8, head: 24, tailChunk: 16, builtAt: "t" },
    );
    expect(long.values.has(bundleKey(long.manifest.version, "bits", part("e-early")))).toBe(true);
    for (const q of ["ww entity:e-early", "zz entity:e-early"]) {
      const params = { q, limit: 20, offset: 0, group: false, facets: "none" } as const;
      const mem = memoryBundle(long);
      const reader = mem.coldReader();
      const result = await search(bundleEngine(reader), reader, params);
      const plainMem = memoryBundle({ ...long, manifest: withoutBits(long.manifest) });
      const plainReader = plainMem.coldReader();
      const expected = await search(bundleEngine(plainReader), plainReader, params);
      expect(
        result.hits.map((h) => h.id),
        q,
      ).toEqual(expected.hits.map((h) => h.id));
      expect([result.total, result.approximate], q).toEqual([expected.total, expected.approximate]);
      expect(result.approximate, q).toBe(false);
      // The words' chunks of its first 150 documents, not the 60-odd of the whole archive (the budget is 24).
      const chunks = (m: typeof mem) => m.reads.filter((k) => k.includes("/tail/")).length;
      expect(chunks(mem), q).toBeLessThan(chunks(plainMem));
    }
  });

  it("are never asked for a list that has none: a language named as an entity", async () => {
    const mixed = await buildBundle(
      {
        documents: documents.map((d, i) => ({ ...d, ...(i % 2 === 0 ? { lang: "de" } : {}) })),
        entities: [],
        byDocument: documents.map(() => [{ id: "e-all", name: "E all", type: "place" as const }]),
      },
      { shards: 8, head: 24, tailChunk: 7, builtAt: "t" },
    );
    const mem = memoryBundle(mixed);
    const reader = mem.coldReader();
    const [term] = parseQuery("ww entity:lang:en").entities;
    expect(term).toBe(languageTerm("en"));
    const result = await search(bundleEngine(reader), reader, {
      q: "ww entity:lang:en",
      limit: 5,
      offset: 0,
      group: false,
      facets: "none",
    });
    expect(result.hits.every((h) => Number(h.id.slice(1)) % 2 === 1)).toBe(true);
    expect(result.hits).toHaveLength(5);
    expect(mem.reads.filter((k) => k.includes(`/bits/${part(languageTerm("en"))}`))).toEqual([]);
  });

  it("test a facet's values by relevance as an entity's, any of them", async () => {
    const bundle = await built();
    for (const [q, even] of [
      ["ww category:even", true],
      ["ww category:odd", false],
    ] as const) {
      const mem = memoryBundle(bundle);
      const reader = mem.coldReader();
      const result = await search(bundleEngine(reader), reader, { q, limit: 3, offset: 0, group: false, facets: "none" });
      expect(mem.reads.filter((k) => k.includes("/bits/"))).toEqual([
        bundleKey(bundle.manifest.version, "bits", part(`f:category:${even ? "even" : "odd"}`)),
      ]);
      expect(result.hits).toHaveLength(3);
      expect(
        result.hits.every((h) => Number(h.id.slice(1)) % 2 === (even ? 0 : 1)),
        q,
      ).toBe(true);
    }
    const mem = memoryBundle(bundle);
    const reader = mem.coldReader();
    const both = await search(bundleEngine(reader), reader, {
      q: "ww",
      limit: 3,
      offset: 0,
      group: false,
      facets: "none",
      fields: { category: ["even", "odd"] },
    });
    expect(both.hits).toHaveLength(3);
    expect(mem.reads.filter((k) => k.includes("/bits/"))).toHaveLength(2);
  });

  it("read the words' chunks, and count exactly when every list is whole", async () => {
    const bundle = await built();
    const mem = memoryBundle(bundle);
    const reader = mem.coldReader();
    // "zz" is in every document, the odd ones (shorter) first: its heads hold few even ones.
    const deep = await search(bundleEngine(reader), reader, { q: "zz entity:e-half", limit: 15, offset: 0, group: false, facets: "none" });
    expect(deep.hits).toHaveLength(15);
    expect(deep.hits.every((h) => Number(h.id.slice(1)) % 2 === 0)).toBe(true);
    expect(mem.reads.filter((k) => k.includes("/tail/")).length).toBeGreaterThan(0);
    // A word of four documents (its head, no tails) and a long entity: every list whole, the count exact.
    const reader2 = memoryBundle(bundle).coldReader();
    const exact = await search(bundleEngine(reader2), reader2, {
      q: "t4 entity:e-half",
      limit: 10,
      offset: 0,
      group: false,
      facets: "none",
    });
    expect(exact.hits.map((h) => h.id)).toEqual(["d4"]);
    expect(exact.total).toBe(1);
    expect(exact.approximate).toBe(false);
    const none = await search(bundleEngine(reader2), reader2, {
      q: "t5 entity:e-half",
      limit: 10,
      offset: 0,
      group: false,
      facets: "none",
    });
    expect(none.hits).toEqual([]);
    expect(none.total).toBe(0);
  });

  it("are not read in date order, nor for an entity alone", async () => {
    const bundle = await built();
    for (const [q, sort] of [
      ["ww entity:e-half", "date"],
      ["entity:e-half", "relevance"],
    ] as const) {
      const mem = memoryBundle(bundle);
      const reader = mem.coldReader();
      const result = await search(bundleEngine(reader), reader, { q, limit: 3, offset: 0, group: false, facets: "none", sort });
      expect(
        mem.reads.filter((k) => k.includes("/bits/")),
        q,
      ).toEqual([]);
      expect(result.hits.map((h) => h.id)).toEqual(["d198", "d196", "d194"]);
    }
  });
});

describe("an entity filter with a bitmap", () => {
  it("allows the bitmap's documents and those of the list's slots (a delta's), within the other entities'", async () => {
    const refs: TailRef[] = [0, 1, 2, 3, 4].map((n) => [n, n * 10, n * 10 + 9]);
    const postings = new Map<string, TermPostings>([
      // Base documents 0–49 in the bitmap; 120 is a delta's, in the slots only.
      [
        "big",
        {
          title: [],
          text: [],
          entity: [[0, 120]],
          count: { title: 0, text: 0, entity: 30 },
          tails: { title: [], text: [], entity: refs },
        },
      ],
      [
        "small",
        {
          title: [],
          text: [],
          entity: [[2, 3, 120, 121]],
          count: { title: 0, text: 0, entity: 4 },
          tails: { title: [], text: [], entity: [] },
        },
      ],
    ]);
    const bitsRead: string[][] = [];
    const source: PostingSource = {
      documents: 200,
      bitsFrom: 5,
      postings: async () => new Map(),
      tails: async () => new Map<number, SparsePostings>(),
      async bits(terms) {
        bitsRead.push(terms);
        return new Map([["big", bitmapOf([0, 2, 4, 40], 50)]]);
      },
    };
    const engine = { postings: source } as unknown as Engine;
    const context = { engine, postings, tails: new TailLoader(source, postings) };
    const scope = await entityFilter(["big", "small"], undefined, false, false, true).narrow(context, { partial: false });
    expect(bitsRead).toEqual([["big"]]);
    expect(scope.allowed).toEqual(new Set([2, 3, 120, 121]));
    const allow = allows(scope) as (doc: number) => boolean;
    expect([0, 2, 3, 4, 40, 120, 121].filter(allow)).toEqual([2, 120]);
    // Not by relevance (`test` false): the list's chunks are read instead.
    const reads: number[][] = [];
    const chunked: PostingSource = {
      ...source,
      async tails(r) {
        reads.push(r.map(([n]) => n));
        return new Map();
      },
    };
    await entityFilter(["big"]).narrow({ engine, postings, tails: new TailLoader(chunked, postings) }, { partial: false });
    expect(reads).toEqual([[4, 3, 2, 1, 0]]);
    expect(bitsRead).toHaveLength(1);
  });
});

describe("bitmaps in workerd, read from local KV", () => {
  let worker: TestWorker;
  let bundle: Awaited<ReturnType<typeof built>>;
  beforeAll(async () => {
    bundle = await built();
    worker = await startWorker();
    await worker.load(bundle);
  });
  afterAll(() => worker?.dispose());

  it("answers a search by relevance with a long entity or facet value as the Node engine does", async () => {
    const cases: [string, string, Record<string, string[]> | undefined][] = [
      ["/search?q=ww+entity:e-half&limit=10&facets=none", "ww entity:e-half", undefined],
      ["/search?q=yy&category=even&limit=10&facets=none", "yy", { category: ["even"] }],
    ];
    for (const [path, q, fields] of cases) {
      const { status, body } = await worker.json(path);
      expect(status, path).toBe(200);
      const answer = body as { total: number; hits: { id: string }[] };
      const reader = memoryBundle(bundle).coldReader();
      const expected = await search(bundleEngine(reader), reader, {
        q,
        limit: 10,
        offset: 0,
        facets: "none",
        ...(fields ? { fields } : {}),
      });
      expect(
        answer.hits.map((h) => h.id),
        path,
      ).toEqual(expected.hits.map((h) => h.id));
      expect(answer.total, path).toBe(expected.total);
      expect(answer.hits.length).toBeGreaterThan(0);
      expect(
        answer.hits.every((h) => Number(h.id.slice(1)) % 2 === 0),
        path,
      ).toBe(true);
    }
  });

  it("reads the bitmap from KV: without it, the search is a 503 that names the key", async () => {
    const other = await startWorker();
    try {
      await other.load(bundle);
      const key = bundleKey(bundle.manifest.version, "bits", part("e-all"));
      await other.kv.delete(key);
      const { status, body } = await other.json("/search?q=ww+entity:e-all&facets=none");
      expect(status).toBe(503);
      expect((body as { error: { code: string; message: string } }).error).toMatchObject({ code: "bundle_key_missing" });
      expect((body as { error: { message: string } }).error.message).toContain(key);
    } finally {
      await other.dispose();
    }
  });
});
