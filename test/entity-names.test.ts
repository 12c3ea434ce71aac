import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildBundle } from "../src/build/write";
import { foldWords } from "../src/format/analyzer";
import { bundleKey } from "../src/format/bundle";
import { shardOf } from "../src/format/hash";
import { BundleReader } from "../src/format/reader";
import type { EntityRecord, SourceDocument } from "../src/format/schema";
import { LruCache } from "../src/kv/lru-cache";
import { newReadStats } from "../src/kv/source";
import { memoryBundle } from "./helpers/memory-bundle";

// Words that share their first letters, so that small caps cut groups at two, three and more letters.
// Long words beside short ones of the same letters ("Jackson", "Jacobson"), so that a group between the first letters'
// and a whole word's lists all its entities and the groups past it do not exist.
const pool = [
  "Ka",
  "Kab",
  "Kabul",
  "Kabulistan",
  "Kabuki",
  "Kabir",
  "Kabila",
  "Kaa",
  "Kal",
  "Ja",
  "Jap",
  "Japan",
  "Janet",
  "Jack",
  "Jackson",
  "Jacks",
  "Jacob",
  "Jacobson",
  "John",
  "Johnson",
  "Johnsonville",
];
const types = ["person", "organization", "place"] as const;

const nameArb = fc.array(fc.constantFrom(...pool), { minLength: 1, maxLength: 3 }).map((words) => words.join(" "));
const entitiesArb = fc.array(
  fc.record({
    name: nameArb,
    aliases: fc.array(nameArb, { maxLength: 2 }),
    type: fc.constantFrom(...types),
    mentions: fc.integer({ min: 1, max: 40 }),
  }),
  { minLength: 1, maxLength: 40 },
);

const documents: SourceDocument[] = [{ id: "d", title: "A day", body: "Nothing much.", date: "2026-01-02", meta: {} }];

function records(generated: { name: string; aliases: string[]; type: (typeof types)[number]; mentions: number }[]): EntityRecord[] {
  return generated.map((e, i) => ({
    id: `e${String(i).padStart(2, "0")}`,
    name: e.name,
    type: e.type,
    aliases: e.aliases.filter((a) => a !== e.name).map((name) => ({ name, count: 1 })),
    roles: [],
    mentions: e.mentions,
    documents: { count: 1, ids: ["d"] },
    related: [],
  }));
}

/** The entities with a name or alias word starting with `word`, most mentioned first (ties by id). */
function withWord(entities: EntityRecord[], word: string): EntityRecord[] {
  return entities
    .filter((e) => [e.name, ...e.aliases.map((a) => a.name)].some((n) => foldWords(n).some((w) => w.startsWith(word))))
    .sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
}

describe("name groups of more entities than a group lists", () => {
  it("list every entity with a word starting with the word asked for, or its most mentioned and the group's counts", async () => {
    let cutCases = 0;
    let wholeCases = 0;
    await fc.assert(
      fc.asyncProperty(entitiesArb, fc.integer({ min: 1, max: 6 }), async (generated, cap) => {
        const entities = records(generated);
        const bundle = await buildBundle(
          { documents, entities, byDocument: [[]] },
          { nameGroupEntries: cap, builtAt: "2026-01-02T00:00:00Z" },
        );
        const mem = memoryBundle(bundle);
        const asked = new Set(
          pool.flatMap((w) => [2, 3, 4, 5, 7, 9, 12].map((n) => w.toLowerCase().slice(0, n)).filter((p) => p.length >= 2)),
        );
        for (const word of asked) {
          const want = withWord(entities, word);
          const { entities: got, cut } = await mem.coldReader().entitiesWithWord(word);
          // A group lists the entities of its letters, which may be fewer than the word's: the caller filters.
          const mine = got.filter(([name, , , , others]) => [name, ...others].some((n) => foldWords(n).some((w) => w.startsWith(word))));
          if (cut) {
            cutCases++;
            expect(mine).toHaveLength(got.length);
            // The most mentioned, and of each type the most mentioned, in order.
            expect(
              mine.slice(0, cap).map((e) => e[1]),
              word,
            ).toEqual(want.slice(0, cap).map((e) => e.id));
            for (const type of types) {
              const ofType = want.filter((e) => e.type === type);
              expect(
                mine.filter((e) => e[2] === type).map((e) => e[1]),
                `${word} ${type}`,
              ).toEqual(ofType.slice(0, cap).map((e) => e.id));
            }
            const order = mine.map((e) => e[3]);
            expect(order).toEqual([...order].sort((a, b) => b - a));
            expect(cut.count, word).toBe(want.length);
            for (const type of types) expect(cut.types[type] ?? 0, `${word} ${type}`).toBe(want.filter((e) => e.type === type).length);
          } else {
            wholeCases++;
            expect(
              mine.map((e) => e[1]),
              word,
            ).toEqual(want.map((e) => e.id));
          }
        }
      }),
      { numRuns: 60, seed: 20261206 },
    );
    expect(cutCases).toBeGreaterThan(50);
    expect(wholeCases).toBeGreaterThan(50);
  });
});

describe("the name groups a word reads", () => {
  // 8,000 others, so that the groups spread over 16 name shards.
  const entities = records([
    ...["Kabul", "Kabul Bank", "Kabuki", "Kabir", "Kabila"].map((name, i) => ({
      name,
      aliases: [],
      type: "place" as const,
      mentions: 10 - i,
    })),
    ...Array.from({ length: 8000 }, () => ({ name: "Other", aliases: [], type: "person" as const, mentions: 1 })),
  ]);
  it("are its first letters' and its whole word's in one round trip, or its first letters' alone in a bundle of before cut groups", async () => {
    const bundle = await buildBundle({ documents, entities, byDocument: [[]] }, { nameGroupEntries: 2, builtAt: "2026-01-02T00:00:00Z" });
    const shards = bundle.manifest.layout.names;
    const shard = (group: string) => bundleKey(bundle.manifest.version, "names", shardOf(group, shards));
    expect(new Set(["kab", "kabul", "kabi", "kabila"].map(shard)).size).toBe(4);
    const mem = memoryBundle(bundle);
    const stats = newReadStats();
    // "kab" is cut (5 entities), "kabu" too (3), "kabul" lists its 2: read with "kab", in one round trip.
    const { entities: kabul, cut } = await new BundleReader(mem.source, new LruCache(1 << 24), bundle.manifest, stats).entitiesWithWord(
      "kabul",
    );
    expect(kabul.map((e) => e[0])).toEqual(["Kabul", "Kabul Bank"]);
    expect(cut).toBeUndefined();
    expect(stats).toMatchObject({ roundTrips: 1, keys: 2 });
    // "kabila" has no group ("kabi" lists its 2, Kabir and Kabila): "kab" is cut, so one more round trip reads "kabi".
    const more = newReadStats();
    const { entities: kabila } = await new BundleReader(mem.source, new LruCache(1 << 24), bundle.manifest, more).entitiesWithWord(
      "kabila",
    );
    expect(kabila.map((e) => e[0])).toEqual(["Kabir", "Kabila"]);
    expect(more).toMatchObject({ roundTrips: 2, keys: 3 });
    expect(mem.reads.slice(-3)).toEqual([shard("kab"), shard("kabila"), shard("kabi")]);
    expect(bundle.manifest.layout.nameGroupsCut).toEqual(["kab", "oth"]);
    // A word of a three-letter group that is not cut: that group alone.
    const whole = newReadStats();
    await new BundleReader(mem.source, new LruCache(1 << 24), bundle.manifest, whole).entitiesWithWord("kalamata");
    expect(whole).toMatchObject({ roundTrips: 1, keys: 1 });
    // A bundle of before cut groups: the first letters' group alone.
    const { nameGroupsCut: _, ...older } = bundle.manifest.layout;
    const oldStats = newReadStats();
    await new BundleReader(mem.source, new LruCache(1 << 24), { ...bundle.manifest, layout: older }, oldStats).entitiesWithWord("kabul");
    expect(oldStats).toMatchObject({ roundTrips: 1, keys: 1 });
    expect(mem.reads.at(-1)).toBe(shard("kab"));
  });
});

describe("/entities?q= over cut name groups, in workerd", () => {
  let worker: TestWorker;
  // 7 "Kab…" entities, 3 a group: "ka", "kab" and "kabi" are cut; "kabu", "kabir" and "kabil" list theirs whole.
  const entities = records([
    { name: "Kabul Office", aliases: [], type: "organization", mentions: 30 },
    { name: "Kabul Office Annex", aliases: [], type: "organization", mentions: 29 },
    { name: "Kabuki Hall", aliases: [], type: "organization", mentions: 28 },
    ...[20, 19, 18].map((mentions) => ({ name: `Kabir Singh ${mentions}`, aliases: [], type: "person" as const, mentions })),
    { name: "Kabila", aliases: ["Joseph Kabila"], type: "person", mentions: 1 },
  ]);
  beforeAll(async () => {
    const bundle = await buildBundle({ documents, entities, byDocument: [[]] }, { nameGroupEntries: 3, builtAt: "2026-01-02T00:00:00Z" });
    worker = await startWorker();
    await worker.load(bundle);
  }, 60_000);
  afterAll(async () => worker?.dispose());

  const list = async (query: string) => {
    const res = await worker.fetch(`/entities?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as { total: number; total_approximate?: boolean; entities: { id: string; mentions: number }[] };
  };

  it("counts every entity of a cut group a word spells out, and lists its most mentioned, and of each type", async () => {
    const kab = await list("q=kab");
    expect(kab.total).toBe(7);
    expect(kab.total_approximate).toBeUndefined();
    expect(kab.entities.map((e) => e.mentions)).toEqual([30, 29, 28, 20, 19, 18]);
    // Past the listed ones: empty pages, the count still whole.
    expect(await list("q=kab&offset=6")).toMatchObject({ total: 7, entities: [] });
    const people = await list("q=ka&type=person");
    expect(people.total).toBe(4);
    expect(people.entities.map((e) => e.mentions)).toEqual([20, 19, 18]);
  });

  it("reads a longer word's group, which lists its entities whole", async () => {
    const kabu = await list("q=kabu");
    expect(kabu).toMatchObject({ total: 3 });
    expect(kabu.total_approximate).toBeUndefined();
    expect(kabu.entities.map((e) => e.mentions)).toEqual([30, 29, 28]);
    expect((await list("q=kabir%20singh")).total).toBe(3);
    // "jos kabila": the longest word's group ("kab" is cut, "kabila" has none: "kabi", found between them) finds Joseph Kabila.
    expect((await list("q=jos%20kabila")).entities.map((e) => e.id)).toEqual([entities[6]?.id]);
  });

  it("says when a total of several words is only what a cut group's most mentioned hold", async () => {
    const office = await list("q=kab%20of");
    expect(office.total_approximate).toBe(true);
    expect(office.entities.map((e) => e.mentions)).toEqual([30, 29]);
  });

  it("finds an entity by the slug of an alias in a group one letter longer", async () => {
    const res = await worker.fetch("/entities/joseph-kabila");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(entities[6]?.id);
  });
});
