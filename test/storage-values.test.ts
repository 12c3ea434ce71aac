/** @module Values read from storage: a tail chunk that is not what its term shard says is refused, and the isolate cache counts its bytes right. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deflateValue } from "../src/build/deflate";
import { buildEntities } from "../src/build/entities/merge";
import { buildBundle } from "../src/build/write";
import { bundleKey, type TermShard } from "../src/format/bundle";
import { shardOf } from "../src/format/hash";
import { checkChunk } from "../src/format/reader";
import { inflateValue, isDeflated } from "../src/format/values/deflated";
import { entityCodec, packEntity } from "../src/format/values/entity";
import { prefixCodec } from "../src/format/values/prefix";
import { LruCache } from "../src/kv/lru-cache";
import { bundleEngine } from "../src/search/bundle-engine";
import { matchQuery } from "../src/search/engine";
import { parseQuery } from "../src/search/parse-query";

import { memoryBundle } from "./helpers/memory-bundle";

/** Twelve documents holding "embassy", with heads of 2 postings and chunks of 3: "embassy" has 4 tail chunks. */
async function tailBundle() {
  const documents = Array.from({ length: 12 }, (_, i) => ({
    id: `d${i}`,
    title: `report ${i}`,
    body: `embassy ${"statement ".repeat(i % 4)}`,
    date: `2021-08-${String(i + 1).padStart(2, "0")}`,
    meta: {},
  }));
  const bundle = await buildBundle(
    { documents, entities: [], byDocument: documents.map(() => []) },
    { head: 2, tailChunk: 3, builtAt: "t" },
  );
  const { version, layout } = bundle.manifest;
  const shard = JSON.parse(bundle.values.get(bundleKey(version, "term", shardOf("embassi", layout.term))) as string) as TermShard;
  const entry = shard.text?.find((e) => e[0] === "embassi");
  if (entry?.length !== 4) throw new Error("expected a tail");
  return { bundle, refs: entry[3] };
}

/**
 * The last tail chunk of `tailBundle` stored as `value`: a search that reads it is `bundle_key_corrupt`, and, the chunk
 * uploaded again (`fixed` of its good text), the same reader reads it again (no failure is cached).
 */
async function refusedThenRead(value: string, fixed: (good: string) => string): Promise<void> {
  const { bundle, refs } = await tailBundle();
  const [n] = refs.at(-1) as [number, number, number];
  const key = bundleKey(bundle.manifest.version, "tail", n);
  const good = fixed(bundle.values.get(key) as string);
  bundle.values.set(key, value);
  const mem = memoryBundle(bundle);
  const reader = mem.coldReader();
  const q = parseQuery("embassy from:2021-08-10 ");
  await expect(matchQuery(bundleEngine(reader), q, { want: 20 })).rejects.toMatchObject({ code: "bundle_key_corrupt" });
  mem.source.getMany = async (keys) => new Map(keys.map((k) => [k, k === key ? good : (bundle.values.get(k) ?? null)]));
  const again = await matchQuery(bundleEngine(reader), q, { want: 20 });
  expect(again.candidates.map((c) => c.doc).sort((a, b) => a - b)).toEqual([9, 10, 11]);
}

describe("tail chunks", () => {
  it("are read for a date range, and give every dated document", async () => {
    const { bundle, refs } = await tailBundle();
    expect(refs).toHaveLength(4);
    const got = await matchQuery(bundleEngine(memoryBundle(bundle).coldReader()), parseQuery("embassy from:2021-08-02 to:2021-08-11 "), {
      want: 20,
    });
    expect(got.approximate).toBe(false);
    expect(got.total).toBe(10);
    expect(got.candidates.map((c) => c.doc).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  // The last chunk covers documents 9 to 11 (of 0 to 11).
  const garbled = [
    '{"a":1}',
    '[[0,"x"]]',
    '[[0,[9,"10"]]]',
    "[1,2]",
    '"text"',
    "null",
    '[["0",[9]]]',
    "[[0,[9,10",
    "[[0,[3]]]",
    "[[0,[12]]]",
    "[[99,[9]]]",
    "[[-1,[9]]]",
    "[[0,[9.5]]]",
  ];
  for (const value of garbled) {
    it(`refuse a garbled value (${value}) as bundle_key_corrupt, and read it again once fixed`, () =>
      refusedThenRead(value, (good) => good));
  }

  it("are checked against the range their term shard gives them", () => {
    expect(() => checkChunk([[2, [40, 41]]], [7, 40, 41])).not.toThrow();
    expect(() => checkChunk([[23, [40]]], [7, 40, 41])).not.toThrow();
    for (const bad of [[[2, [39]]], [[2, [42]]], [[24, [40]]], [[-1, [40]]], [[0.5, [40]]], [[2, [40.5]]]] as [number, number[]][][]) {
      expect(() => checkChunk(bad, [7, 40, 41]), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: "bundle_key_corrupt" }));
    }
  });
});

describe("the isolate cache's byte count", () => {
  it("replacing a key counts its new size only", () => {
    const cache = new LruCache<string>(100);
    cache.set("a", "A", 40);
    cache.set("a", "A2", 30);
    expect(cache.bytes).toBe(30);
    expect(cache.size).toBe(1);
    for (let i = 0; i < 10; i++) cache.set("a", `A${i}`, 40);
    expect(cache.bytes).toBe(40);
    expect(cache.get("a")).toBe("A9");
    cache.set("b", "B", 60);
    expect(cache.bytes).toBe(100);
    expect([cache.get("a"), cache.get("b")]).toEqual(["A9", "B"]);
    // A value bigger than the budget replaces nothing: the key's old value is dropped, not kept stale.
    cache.set("a", "huge", 101);
    expect(cache.get("a")).toBeUndefined();
    expect(cache.bytes).toBe(60);
  });

  it("agrees with a plain model of least-recently-used eviction over any sequence of sets, gets and deletes", () => {
    const op = fc.oneof(
      fc.record({ set: fc.constantFrom("a", "b", "c", "d", "e"), size: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ get: fc.constantFrom("a", "b", "c", "d", "e") }),
      fc.record({ drop: fc.constantFrom("a", "b", "c", "d", "e") }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.array(op, { maxLength: 60 }), (budget, ops) => {
        const cache = new LruCache<string>(budget);
        // The model: keys in order of use, oldest first.
        let model: { key: string; size: number; value: string }[] = [];
        ops.forEach((o, i) => {
          if ("set" in o) {
            cache.set(o.set, `v${i}`, o.size);
            model = model.filter((e) => e.key !== o.set);
            if (o.size <= budget) model.push({ key: o.set, size: o.size, value: `v${i}` });
            while (model.reduce((n, e) => n + e.size, 0) > budget) model.shift();
          } else if ("drop" in o) {
            cache.delete(o.drop);
            model = model.filter((e) => e.key !== o.drop);
          } else {
            const found = model.find((e) => e.key === o.get);
            expect(cache.get(o.get)).toBe(found?.value);
            if (found) model = [...model.filter((e) => e !== found), found];
          }
          expect(cache.bytes).toBe(model.reduce((n, e) => n + e.size, 0));
          expect(cache.size).toBe(model.length);
        });
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe("deflated values (a delta's term shards and metadata buckets)", () => {
  it("inflate to the text they were made of", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 400 }), async (text) => {
        const stored = deflateValue(text);
        expect(isDeflated(stored)).toBe(true);
        expect(await inflateValue(stored)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("are read as the JSON they hold, their stored bytes counted", async () => {
    const { bundle } = await tailBundle();
    const { version, layout } = bundle.manifest;
    const q = parseQuery("embassy from:2021-08-10 ");
    const plain = memoryBundle(bundle).coldReader();
    const want = await matchQuery(bundleEngine(plain), q, { want: 20 });
    const key = bundleKey(version, "term", shardOf("embassi", layout.term));
    const original = bundle.values.get(key) as string;
    const stored = deflateValue(original);
    bundle.values.set(key, stored);
    const reader = memoryBundle(bundle).coldReader();
    const got = await matchQuery(bundleEngine(reader), q, { want: 20 });
    expect(got.candidates).toEqual(want.candidates);
    expect(stored.length).toBeLessThan(original.length);
    expect(reader.stats.bytes - plain.stats.bytes).toBe(stored.length - original.length);
  });

  const garbled = [
    "~",
    "~!!!",
    `~${Buffer.from("not deflate").toString("base64")}`,
    () => deflateValue("[[0,[9]]]").slice(0, 6),
    () => deflateValue("[[0,[9"),
  ];
  for (const make of garbled) {
    const value = typeof make === "string" ? make : make();
    it(`refuse a garbled deflated value (${value}) as bundle_key_corrupt, and read it again once fixed`, () =>
      refusedThenRead(value, deflateValue));
  }
});

describe("entity shards read from their text", () => {
  it("find every record JSON.parse finds, and give it back the same, whatever the keys and values", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: "grapheme" }), fc.jsonValue()), fc.boolean(), (shard, spaced) => {
        const text = spaced ? JSON.stringify(shard, null, 2) : JSON.stringify(shard);
        const read = entityCodec.fromText?.(text);
        const parsed = JSON.parse(text) as Record<string, unknown>;
        expect(read?.keys().sort()).toEqual(Object.keys(parsed).sort());
        for (const id of Object.keys(parsed)) expect(read?.get(id)).toEqual(parsed[id]);
      }),
      { numRuns: 300 },
    );
  });

  it("give a record with its first document ids only, whether stored documents last or not", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme" }), { maxLength: 30 }),
        fc.nat(40),
        fc.boolean(),
        fc.string({ unit: "grapheme" }),
        fc.array(fc.string(), { maxLength: 3 }),
        (ids, maxIds, last, alias, sameAs) => {
          const record = {
            id: "kabul",
            name: "Kabul",
            type: "place" as const,
            aliases: [{ name: alias, count: 2 }],
            roles: [],
            mentions: ids.length,
            documents: { count: ids.length, ids },
            related: [{ id: "taliban", name: "Taliban", type: "organization" as const, weight: 3 }],
            timeline: [["2021-08", 2]] as [string, number][],
            // A registry's field, last in a record of before: it ends with "]}}" as documents last do.
            wikidata: { id: "Q5838", sameAs },
          };
          const packed = packEntity(record);
          // As packEntity writes it (documents last, the bundle's layout says so), or as records were written before
          // (documents in the middle, the registry's field last).
          const { wikidata, ...rest } = packed as typeof packed & { wikidata: unknown };
          const stored = last ? packed : { ...rest, wikidata };
          const shard = entityCodec.fromText?.(JSON.stringify({ other: { id: "other" }, kabul: stored, zz: 1 }));
          const want = { ...packed, documents: { count: ids.length, ids: ids.slice(0, maxIds) } };
          expect(shard?.capped("kabul", maxIds, last)).toEqual(want);
          // A record of before read as one of now would lose what follows its documents: not when the layout says so.
          if (!last) expect(shard?.capped("kabul", maxIds, false)).toEqual(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leave to JSON.parse what does not scan, and never throw on it", () => {
    for (const text of ["{oops", "null", "[]", '{"a":1', '{"a" 1}', '{"a":1}x', "", '{"a":"\\"}']) {
      expect(entityCodec.fromText?.(text), text).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(() => entityCodec.fromText?.(`{${text}`)).not.toThrow();
      }),
    );
  });
});

describe("prefix shards read from their text", () => {
  it("give each group as JSON.parse does, and refuse one that is no group", () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ unit: "grapheme", maxLength: 3 }),
          fc.record({
            terms: fc.array(fc.tuple(fc.string(), fc.nat())),
            entities: fc.array(fc.tuple(fc.string(), fc.string(), fc.constantFrom("person", "place"), fc.nat())),
          }),
        ),
        (shard) => {
          const text = JSON.stringify(shard);
          const read = prefixCodec.fromText?.(text);
          for (const [group, value] of Object.entries(shard)) expect(read?.get(group)).toEqual(value);
          expect(read?.get("not a group of it")).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
    const shard = prefixCodec.fromText?.('{"em":{"terms":5,"entities":[]},"ka":{"terms":[],"entities":[]}}');
    expect(shard?.get("ka")).toEqual({ terms: [], entities: [] });
    expect(() => shard?.get("em")).toThrow();
    for (const group of [
      '{"terms":[null],"entities":[]}',
      '{"terms":[5],"entities":[]}',
      '{"terms":[],"entities":[null]}',
      '{"terms":[["a","1"]],"entities":[]}',
    ]) {
      expect(() => prefixCodec.fromText?.(`{"em":${group}}`)?.get("em"), group).toThrow();
    }
  });

  it("a group that is no group is bundle_key_corrupt for a completion, and read again once fixed", async () => {
    const documents = ["embassy staff", "embargo lifted", "emergency talks"].map((body, i) => ({
      id: `d${i}`,
      title: body,
      body,
      meta: {},
    }));
    const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
    const { version, layout } = bundle.manifest;
    const key = bundleKey(version, "prefix", shardOf("em", layout.prefix));
    const good = bundle.values.get(key) as string;
    const groups = JSON.parse(good) as Record<string, unknown>;
    expect(Object.keys(groups)).toContain("em");
    bundle.values.set(key, JSON.stringify({ ...groups, em: { terms: "embassy", entities: [] } }));
    const mem = memoryBundle(bundle);
    const reader = mem.coldReader();
    await expect(reader.prefixGroups(["em"])).rejects.toMatchObject({ code: "bundle_key_corrupt" });
    mem.source.getMany = async (keys) => new Map(keys.map((k) => [k, k === key ? good : (bundle.values.get(k) ?? null)]));
    expect((await reader.prefixGroups(["em"])).get("em")?.terms.map(([word]) => word)).toEqual(
      expect.arrayContaining(["embassy", "embargo", "emergency"]),
    );
  });
});

describe("an entity page's documents", () => {
  it("are the first of them, with their count, read from a bundle that writes records documents last", async () => {
    const documents = Array.from({ length: 6 }, (_, i) => ({
      id: `d${i}`,
      title: `Harbour ${i}`,
      body: `Maren Holt said in Aalborg that berth ${i} opens.`,
      date: `2026-03-0${i + 1}`,
      meta: {},
    }));
    const entities = buildEntities(documents);
    const bundle = await buildBundle({ documents, ...entities }, { builtAt: "t" });
    expect(bundle.manifest.layout.entityIdsLast).toBe(true);
    expect(bundle.manifest.layout.nameGroupsCut).toEqual([]);
    const reader = memoryBundle(bundle).coldReader();
    const whole = await reader.findEntity("maren-holt");
    expect(whole?.documents).toEqual({ count: 6, ids: ["d0", "d1", "d2", "d3", "d4", "d5"] });
    const page = await reader.findEntity("maren-holt", 2);
    expect(page).toEqual({ ...whole, documents: { count: 6, ids: ["d0", "d1"] } });
  });
});
