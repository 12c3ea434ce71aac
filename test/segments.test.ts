/**
 * @module A living archive: a base and the deltas of several updates (new documents, corrections, withdrawals) answer
 * as a build of the final documents does, for generated corpora and generated edit scripts; and bad updates write
 * nothing.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { keptVersions } from "../scripts/deploy/version-list";
import { fileKvSource, writeBundle } from "../src/build/bundle-files";
import { asRecord, liveDocuments } from "../src/build/compact";
import { deltaMetaSize, deltaShardBytes, planLayout } from "../src/build/layout";
import { buildFromInputs } from "../src/build/pipeline";
import { readTrendTable, retimed, type TrendEntity, type TrendTable, trendingPages, writeTrendTable } from "../src/build/trends";
import { UpdateError, updateArchive } from "../src/build/update";
import { buildBundle } from "../src/build/write";
import { foldWords } from "../src/format/analyzer";
import type { Manifest } from "../src/format/bundle";
import { trendingList } from "../src/format/bundle";
import { BundleReader, readManifest } from "../src/format/reader";
import { isDeflated } from "../src/format/values/deflated";
import { LruCache } from "../src/kv/lru-cache";
import { newReadStats } from "../src/kv/source";
import { bundleEngine } from "../src/search/bundle-engine";
import { search } from "../src/search/engine";
import { suggest } from "../src/search/suggest";

const root = mkdtempSync(join(tmpdir(), "segments-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Doc {
  id: string;
  title: string;
  body: string;
  date: string;
}

const WORDS = ["harbour", "strike", "ferry", "berth", "crane", "union", "cargo", "tanker", "pilot", "tariff", "quay", "dredge"];
const PEOPLE = ["Maren Holt", "Jonas Berg", "Ida Lund", "Erik Dahl"];
const PLACES = ["Aalborg", "Esbjerg", "Rotterdam", "Hamburg"];
const day = (n: number) => `2026-03-${String(1 + (n % 28)).padStart(2, "0")}`;

/** A document of generated words, naming a person and a place, on day `n`. */
const docArb = (n: number) =>
  fc
    .record({
      words: fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 9 }),
      person: fc.constantFrom(...PEOPLE),
      place: fc.constantFrom(...PLACES),
      title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    })
    .map(({ words, person, place, title }) => ({
      title: `${title.join(" ")} ${n}`,
      body: `${person} said in ${place} that the ${words.join(" ")} would go on. The ${words[0]} report ${n} followed.`,
      date: day(n),
    }));

/**
 * A base, then updates: new documents (later days), corrections and withdrawals of documents live before each, and
 * whether it folds the deltas before it.
 */
const scriptArb = fc.record({
  base: fc.array(fc.nat(9), { minLength: 3, maxLength: 8 }).chain((days) => fc.tuple(...days.sort((a, b) => a - b).map((d) => docArb(d)))),
  updates: fc.array(
    fc.record({
      added: fc.array(fc.nat(3), { maxLength: 3 }),
      // Late documents: any day of the base's, often older than the archive's newest.
      late: fc.array(fc.nat(9), { maxLength: 2 }),
      corrections: fc.array(
        fc.record({
          pick: fc.nat(50),
          words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
          // A correction of the date too, sometimes: the document moves in time.
          redate: fc.option(fc.nat(9), { nil: undefined }),
        }),
        { maxLength: 2 },
      ),
      withdrawals: fc.array(fc.nat(50), { maxLength: 2 }),
      merge: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  seed: fc.nat(1000),
});

const jsonl = (docs: Doc[]) => `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`;

async function open(dir: string): Promise<BundleReader> {
  const source = await fileKvSource(dir);
  return new BundleReader(source, new LruCache(1 << 26), await readManifest(source), newReadStats());
}

/** What two readers answer alike: searches' matching documents and totals, date order, documents, entities, completions. */
async function answers(reader: BundleReader, ids: string[], entityIds: string[]) {
  const out: Record<string, unknown> = {};
  const queries = [
    ...WORDS,
    "harbour strike",
    "ferry -cargo",
    "report",
    "said",
    "entity:aalborg",
    "entity:maren-holt harbour",
    "from:2026-03-05 report",
    "to:2026-03-06",
    '"the harbour"',
    '"news came"',
  ];
  for (const q of queries) {
    for (const sort of ["relevance", "date"] as const) {
      const r = await search(bundleEngine(reader), reader, { q, limit: 50, offset: 0, sort, group: false, facets: "none" });
      const hits = r.hits.map((h) => h.id);
      out[`${sort} ${q}`] = { total: r.total, hits: sort === "date" ? hits : [...hits].sort() };
    }
  }
  for (const id of ids) {
    const doc = await reader.document(id);
    out[`doc ${id}`] = doc ? { title: doc.title, body: doc.body, date: doc.date, entities: doc.entities, mentions: doc.mentions } : null;
  }
  for (const id of entityIds) {
    const e = await reader.entity(id);
    out[`entity ${id}`] = e
      ? {
          name: e.name,
          type: e.type,
          mentions: e.mentions,
          documents: e.documents,
          aliases: e.aliases,
          first: e.first_seen,
          last: e.last_seen,
        }
      : null;
  }
  // Name groups (what /entities?q= reads): each segment's entry of an entity, the newest one's first.
  for (const word of ["ma", "mar", "maren", "holt", "aal", "ro", "rotterdam", "zz"]) {
    const { entities: named, cut } = await reader.entitiesWithWord(word);
    const mine = named.filter(([name, , , , others]) => [name, ...others].some((n) => foldWords(n).some((w) => w.startsWith(word))));
    out[`named ${word}`] = { entities: mine.map(([, id, type, mentions]) => [id, type, mentions]).sort(), cut: cut?.count };
  }
  const { documents, dated, entities } = reader.counts;
  out.counts = { documents, dated, entities };
  for (const list of ["all", "person", "place"]) {
    const page = await reader.entityPage(list, 0);
    out[`list ${list}`] = page ? { total: page.total, items: page.items.map((i) => [i.id, i.mentions, i.documents]) } : null;
  }
  // Trending lists move with the newest document: an update recomputes them whole.
  for (const list of ["trending-7-all", "trending-7-person", "trending-7-place", "trending-30-all"]) {
    const page = await reader.entityPage(list, 0);
    out[`list ${list}`] = page
      ? { total: page.total, items: page.items.map((i) => [i.id, i.name, i.type, i.mentions, i.documents, i.trend]) }
      : null;
  }
  for (const prefix of ["ha", "fer", "aal", "ro", "mar"]) {
    const s = await suggest(bundleEngine(reader), reader, prefix, 5, { titles: false });
    out[`suggest ${prefix}`] = { terms: s.terms, entities: s.entities };
  }
  return out;
}

describe("updates: a base and its deltas answer as one build of the final documents", () => {
  it("holds for generated archives and edit scripts (new documents, corrections, withdrawals)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scriptArb, async ({ base, updates }) => {
        const dir = join(root, `run-${run++}`);
        let next = 0;
        const live: Doc[] = base.map((d) => ({ ...d, id: `d${next++}` }));
        writeFileSync(join(root, "base.jsonl"), jsonl(live));
        const built = await buildFromInputs([join(root, "base.jsonl")], { builtAt: "t", entities: true });
        await writeBundle(built.bundle, dir);
        let newest = Math.max(...base.map((d) => Number(d.date.slice(-2)) - 1));
        const withdrawnEver: string[] = [];
        for (const [u, step] of updates.entries()) {
          const corrections = step.corrections
            .map(({ pick, words, redate }) => ({ doc: live[pick % live.length] as Doc, words, redate }))
            .filter(({ doc }, i, all) => doc && all.findIndex((c) => c.doc.id === doc.id) === i)
            // A correction drops words and may name another place: postings and records both change.
            .map(({ doc, words, redate }) => ({
              ...doc,
              body: `${doc.body.split(" said")[0]} said in ${PLACES[words.length % PLACES.length]} that ${words.join(" ")} news came.`,
              date: redate === undefined ? doc.date : day(redate),
            }));
          const added = step.added.map((k) => {
            newest = Math.min(27, newest + k);
            const n = newest;
            return {
              id: `d${next++}`,
              title: `${WORDS[n % WORDS.length]} update ${u} ${n}`,
              body: `${PEOPLE[n % 4]} said in ${PLACES[(n + u) % 4]} that pilots met about the ${WORDS[(n + 3) % WORDS.length]}.`,
              date: day(n),
            };
          });
          const late = step.late.map((n) => ({
            id: `d${next++}`,
            title: `${WORDS[n % WORDS.length]} late ${u} ${n}`,
            body: `${PEOPLE[(n + 1) % 4]} said in ${PLACES[(n + 2) % 4]} that a late ${WORDS[(n + 5) % WORDS.length]} report came.`,
            date: day(n),
          }));
          added.push(...late);
          const corrected = new Set(corrections.map((c) => c.id));
          // At least one document stays: a build of none is no archive.
          const withdrawn = [
            ...new Set(step.withdrawals.map((w) => live[w % live.length]?.id).filter((id): id is string => !!id && !corrected.has(id))),
          ].slice(0, Math.max(0, live.length + added.length - 1));
          if (corrections.length + added.length + withdrawn.length === 0) continue;
          // Withdrawals as ids to delete, or (every other update) as records that say so.
          const asRecords = u % 2 === 1;
          const records = [...corrections, ...added, ...(asRecords ? withdrawn.map((id) => ({ id, deleted: true })) : [])];
          writeFileSync(join(root, "update.jsonl"), `${records.map((d) => JSON.stringify(d)).join("\n")}\n`);
          await updateArchive(dir, records.length > 0 ? [join(root, "update.jsonl")] : [], {
            withdraw: asRecords ? [] : withdrawn,
            builtAt: "t",
            mergeDeltas: step.merge,
          });
          // A correction of the date withdraws the document and adds it anew, before the update's new ones.
          const redated = corrections.filter((c) => live.find((d) => d.id === c.id)?.date !== c.date);
          for (const c of corrections) live[live.findIndex((d) => d.id === c.id)] = c;
          for (const id of [...withdrawn, ...redated.map((c) => c.id)])
            live.splice(
              live.findIndex((d) => d.id === id),
              1,
            );
          // The archive's documents dated after the oldest added one come again after it, before the update's own of
          // a same date: the archive stays in date order.
          const own = [...redated, ...added];
          const cut = own.map((d) => d.date).sort()[0] ?? "\uffff";
          const followers = live.filter((d) => d.date > cut);
          live.splice(
            0,
            live.length,
            ...live.filter((d) => d.date <= cut),
            ...[...followers, ...own].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
          );
          withdrawnEver.push(...withdrawn);
        }
        // One build of the final documents, in the order the archive has them.
        writeFileSync(join(root, "final.jsonl"), jsonl(live));
        const full = await buildFromInputs([join(root, "final.jsonl")], { builtAt: "t", entities: true });
        const fullDir = `${dir}-full`;
        await writeBundle(full.bundle, fullDir);
        const entityIds = full.bundle.manifest.counts.entities > 0 ? [...new Set([...(await entityIdsOf(fullDir)), "nobody"])] : [];
        const ids = [...live.map((d) => d.id), ...withdrawnEver];
        const [want, got] = [await answers(await open(fullDir), ids, entityIds), await answers(await open(dir), ids, entityIds)];
        expect(got).toEqual(want);
        // Compacted: the live documents read back from the segments build the very bundle one build makes.
        const compacted = await liveDocuments(dir);
        expect(compacted.map((d) => d.id)).toEqual(live.map((d) => d.id));
        writeFileSync(join(root, "compact.jsonl"), `${compacted.map((d) => JSON.stringify(asRecord(d))).join("\n")}\n`);
        const again = await buildFromInputs([join(root, "compact.jsonl")], { builtAt: "t", entities: true });
        expect(again.bundle.manifest.version).toBe(full.bundle.manifest.version);
      }),
      { numRuns: 100, seed: 23 },
    );
  }, 240_000);
});

describe("updates: long lists read in part over withdrawn documents", () => {
  it("count the withdrawn documents out of an estimated total", async () => {
    // 80 documents naming "e", its list a head of 4 and chunks of 9; 10 of its old documents withdrawn.
    const documents = Array.from({ length: 80 }, (_, i) => ({
      id: `w${i}`,
      title: `t ${i}`,
      body: `zz report ${i}`,
      date: `2021-08-${String(1 + Math.floor(i / 3)).padStart(2, "0")}`,
      meta: {},
    }));
    const byDocument = documents.map(() => [{ id: "e", name: "e", type: "place" as const }]);
    const dir = join(root, "withdrawn-tails");
    await writeBundle(await buildBundle({ documents, entities: [], byDocument }, { shards: 8, head: 4, tailChunk: 9, builtAt: "t" }), dir);
    await updateArchive(dir, [], { withdraw: Array.from({ length: 10 }, (_, i) => `w${10 + i}`), builtAt: "t" });
    const reader = await open(dir);
    for (const q of ["entity:e", "zz"]) {
      const r = await search(bundleEngine(reader), reader, { q, limit: 5, offset: 0, sort: "date", group: false, facets: "none" });
      expect(
        r.hits.map((h) => h.id),
        q,
      ).toEqual(["w79", "w78", "w77", "w76", "w75"]);
      expect(r.approximate, q).toBe(true);
      expect(r.total, q).toBe(70);
    }
  });
});

describe("updates: membership bitmaps of the base", () => {
  it("test the base's documents, and a delta's are found in the list's slots; withdrawn ones never", async () => {
    // 200 documents, the even ones in category "even": its list (a head of 24, chunks of 7) has a bitmap.
    const documents = Array.from({ length: 200 }, (_, i) => ({
      id: `b${i}`,
      title: `t${i}`,
      body: `zz ${i % 2 === 0 ? "ww ww ww" : "ww"}`,
      date: `2021-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
      meta: { category: i % 2 === 0 ? "even" : "odd" },
    }));
    const byDocument = documents.map(() => []);
    const dir = join(root, "bits-update");
    const base = await buildBundle(
      { documents, entities: [], byDocument },
      { shards: 8, head: 24, tailChunk: 7, builtAt: "t", facets: ["category"] },
    );
    expect(base.manifest.layout.bitsFrom).toBeGreaterThan(0);
    await writeBundle(base, dir);
    writeFileSync(
      join(root, "bits-update.jsonl"),
      `${JSON.stringify({ id: "n1", title: "fresh news", body: "ww ww ww ww fresh", date: "2021-09-01", category: "even" })}\n`,
    );
    await updateArchive(dir, [join(root, "bits-update.jsonl")], { withdraw: ["b198"], builtAt: "t", entities: false });
    const reader = await open(dir);
    // The live manifest keeps the base's layout: the bitmaps are read.
    expect(reader.manifest.layout.bitsFrom).toBe(base.manifest.layout.bitsFrom);
    const asked: string[] = [];
    const bits = reader.bits.bind(reader);
    reader.bits = (terms) => {
      asked.push(...terms);
      return bits(terms);
    };
    const run = (q: string, limit = 10) => search(bundleEngine(reader), reader, { q, limit, offset: 0, group: false, facets: "none" });
    expect((await run("fresh category:even")).hits.map((h) => h.id)).toEqual(["n1"]);
    expect((await run("fresh category:odd")).hits).toEqual([]);
    const all = await run("ww category:even", 200);
    const ids = all.hits.map((h) => h.id);
    expect(ids).toContain("n1");
    expect(ids).not.toContain("b198");
    expect(ids.filter((id) => id !== "n1").every((id) => Number(id.slice(1)) % 2 === 0)).toBe(true);
    expect(all.total).toBe(100);
    expect(asked).toEqual(["f:category:even", "f:category:odd", "f:category:even"]);
    // A correction keeps its number: b100 (even) corrected to odd is no longer the base bitmap's "even" document.
    writeFileSync(
      join(root, "bits-correction.jsonl"),
      `${JSON.stringify({ id: "b100", title: "t100", body: "ww ww ww kk", date: documents[100]?.date, category: "odd" })}\n`,
    );
    await updateArchive(dir, [join(root, "bits-correction.jsonl")], { builtAt: "t", entities: false });
    const corrected = await open(dir);
    const correctedSearch = (q: string, limit = 10) =>
      search(bundleEngine(corrected), corrected, { q, limit, offset: 0, group: false, facets: "none" });
    expect((await correctedSearch("kk category:even")).hits).toEqual([]);
    expect((await correctedSearch("kk category:odd")).hits.map((h) => h.id)).toEqual(["b100"]);
    const even = await correctedSearch("ww category:even", 200);
    expect(even.hits.map((h) => h.id)).not.toContain("b100");
    expect(even.hits.length).toBe(99);
  });
});

describe("updates: a delta's keys are planned against its base", () => {
  const base = { queryBytes: 205_000, metaBucketBytes: 5_600 };

  it("makes a delta's term shards a hundredth of a cold search of the base, at least 1 KB", () => {
    expect(deltaShardBytes(undefined)).toBe(1024);
    expect(deltaShardBytes({ ...base, queryBytes: 40_000 })).toBe(1024);
    expect(deltaShardBytes(base)).toBe(2050);
    const size = { documents: 1000, terms: 20_000, entities: 3000, termBytes: 280_000, docBytes: 3e6 };
    expect(planLayout(size, "delta", undefined, undefined, base).term).toBe(Math.ceil(280_000 / 2050));
    // Against a small base, at most 320 shards while they stay under 3.5 KB.
    expect(planLayout(size, "delta").term).toBe(274);
    expect(planLayout({ ...size, termBytes: 2e6 }, "delta").term).toBe(Math.ceil(2e6 / 3584));
  });

  it("puts in a delta's metadata bucket as many documents as keep it within the base's", () => {
    expect(deltaMetaSize((n) => n * 500, undefined)).toBe(4);
    expect(deltaMetaSize((n) => n * 500, base)).toBe(11);
    expect(deltaMetaSize((n) => n * 5_000, base)).toBe(4);
    expect(deltaMetaSize((n) => n * 50, base)).toBe(32);
    const size = { documents: 1000, terms: 1, entities: 0, termBytes: 1, docBytes: 1 };
    expect(planLayout({ ...size, metaSize: 11 }, "delta", undefined, undefined, base).metaSize).toBe(11);
    expect(planLayout(size, "delta").metaSize).toBe(4);
  });

  it("answers as one build when the delta's metadata buckets are not the base's", async () => {
    const dir = join(root, "planned");
    const docs: Doc[] = Array.from({ length: 2000 }, (_, n) => ({
      id: `p${n}`,
      title: `${WORDS[n % WORDS.length]} ${WORDS[(n * 5) % WORDS.length]} ${n}`,
      body: `${PEOPLE[n % 4]} said in ${PLACES[(n >> 2) % 4]} that the ${WORDS[(n * 7) % WORDS.length]} and the ${WORDS[(n * 3) % WORDS.length]} would go on. The report ${n} followed.`,
      date: day(Math.floor(n / 80)),
    }));
    writeFileSync(join(root, "planned.jsonl"), jsonl(docs));
    await writeBundle((await buildFromInputs([join(root, "planned.jsonl")], { builtAt: "t" })).bundle, dir);
    const added: Doc[] = [0, 1, 2, 3, 4, 5].map((n) => ({
      id: `q${n}`,
      title: `harbour strike update ${n}`,
      body: `Ida Lund said in Hamburg that the harbour strike ${n} would end.`,
      date: day(27),
    }));
    writeFileSync(join(root, "planned-update.jsonl"), jsonl(added));
    await updateArchive(dir, [join(root, "planned-update.jsonl")], { builtAt: "t" });
    const live = await readManifest(await fileKvSource(dir));
    expect(live.layout.metaSize).toBe(4);
    // Its six documents in one bucket, where the base's size would put them in two.
    expect(live.deltas?.[0]?.layout.metaSize).toBeGreaterThanOrEqual(6);
    // What every query or completion reads in each delta is stored deflated (the base's values are not).
    const delta = live.deltas?.[0]?.version as string;
    const stored = readdirSync(join(dir, "kv"))
      .filter((f) => f !== "live-manifest.json")
      .flatMap((f) => JSON.parse(readFileSync(join(dir, "kv", f), "utf8")) as { key: string; value: string }[]);
    const kinds = (version: string) =>
      Object.fromEntries(
        ["term", "meta", "prefix"].map((kind) => [
          kind,
          stored.filter((e) => e.key.startsWith(`bundle/${version}/${kind}/`)).map((e) => isDeflated(e.value)),
        ]),
      );
    for (const [kind, marks] of Object.entries(kinds(delta)))
      expect([kind, marks.length > 0 && marks.every(Boolean)]).toEqual([kind, true]);
    expect(kinds(live.version).prefix?.some(Boolean)).toBe(false);

    writeFileSync(join(root, "planned-final.jsonl"), jsonl([...docs, ...added]));
    await writeBundle((await buildFromInputs([join(root, "planned-final.jsonl")], { builtAt: "t" })).bundle, `${dir}-full`);
    const ids = [...docs, ...added].map((d) => d.id);
    const entityIds = await entityIdsOf(`${dir}-full`);
    expect(await answers(await open(dir), ids, entityIds)).toEqual(await answers(await open(`${dir}-full`), ids, entityIds));
  }, 60_000);
});

async function entityIdsOf(dir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const file of readdirSync(join(dir, "kv"))) {
    for (const { key, value } of JSON.parse(readFileSync(join(dir, "kv", file), "utf8")) as { key: string; value: string }[]) {
      if (/\/entity\/\d+$/.test(key)) ids.push(...Object.keys(JSON.parse(value) as object));
    }
  }
  return ids.sort();
}

describe("updates: a body every country has", () => {
  it("goes to the archive's record of its country's, as a full build would, never to another country's or a new one", async () => {
    const docs: Doc[] = [
      {
        id: "j1",
        title: "Japan Cuts Rates",
        body: "Japan's Finance Ministry said on Monday it would cut rates. The Finance Ministry said more.",
        date: day(1),
      },
      {
        id: "b1",
        title: "Brazil Pays Its Debt",
        body: "Brazil's Finance Ministry said on Monday it would pay. The Finance Ministry said more.",
        date: day(2),
      },
    ];
    const added: Doc[] = [
      { id: "j2", title: "Japan Sells Bonds", body: "The Finance Ministry said on Tuesday it sold bonds to banks.", date: day(3) },
      { id: "b2", title: "Brazil Sells Bonds", body: "The Finance Ministry said on Tuesday it sold bonds to banks.", date: day(4) },
      { id: "j3", title: "Exports Rise", body: "The Japanese Finance Ministry said exports rose in March.", date: day(5) },
    ];
    const dir = join(root, "national");
    writeFileSync(join(root, "national-base.jsonl"), jsonl(docs));
    await writeBundle((await buildFromInputs([join(root, "national-base.jsonl")], { builtAt: "t" })).bundle, dir);
    writeFileSync(join(root, "national-update.jsonl"), jsonl(added));
    await updateArchive(dir, [join(root, "national-update.jsonl")], { builtAt: "t" });
    const reader = await open(dir);
    // Each segment holds the records it changed: the same id in the base and in the delta is one entity.
    const ids = [...new Set(await entityIdsOf(dir))];
    expect(ids.filter((id) => id.startsWith("finance-ministry"))).toEqual(["finance-ministry-brazil", "finance-ministry-japan"]);
    const documentsOf = async (id: string) => (await reader.entity(id))?.documents.ids.slice().sort();
    expect(await documentsOf("finance-ministry-japan")).toEqual(["j1", "j2", "j3"]);
    expect(await documentsOf("finance-ministry-brazil")).toEqual(["b1", "b2"]);
    // As a full build of all five says.
    writeFileSync(join(root, "national-final.jsonl"), jsonl([...docs, ...added]));
    await writeBundle((await buildFromInputs([join(root, "national-final.jsonl")], { builtAt: "t" })).bundle, `${dir}-full`);
    const full = await open(`${dir}-full`);
    expect((await full.entity("finance-ministry-japan"))?.documents.ids.slice().sort()).toEqual(["j1", "j2", "j3"]);
  }, 60_000);

  it("finds the archive's record a build named after the country's people", async () => {
    const docs: Doc[] = [
      { id: "p1", title: "Rates Cut", body: "The Japanese Finance Ministry said on Monday it would cut rates.", date: day(1) },
      { id: "p2", title: "Bonds Sold", body: "The Japanese Finance Ministry sold bonds on Tuesday.", date: day(2) },
    ];
    const added: Doc[] = [{ id: "p3", title: "Bills Sold", body: "Japan's Finance Ministry sold bills on Friday.", date: day(3) }];
    const dir = join(root, "people");
    writeFileSync(join(root, "people-base.jsonl"), jsonl(docs));
    await writeBundle((await buildFromInputs([join(root, "people-base.jsonl")], { builtAt: "t" })).bundle, dir);
    writeFileSync(join(root, "people-update.jsonl"), jsonl(added));
    await updateArchive(dir, [join(root, "people-update.jsonl")], { builtAt: "t" });
    const ids = [...new Set(await entityIdsOf(dir))].filter((id) => id.includes("finance-ministry"));
    expect(ids).toEqual(["japanese-finance-ministry"]);
    expect((await (await open(dir)).entity("japanese-finance-ministry"))?.documents.ids.slice().sort()).toEqual(["p1", "p2", "p3"]);
  }, 60_000);
});

describe("updates: what the archive decided of bodies every country has", () => {
  it("an update's story naming no country, or headlined on another, resolves as the build of the whole archive would", async () => {
    const docs: Doc[] = [
      { id: "u1", title: "Bonds Rise", body: "The U.S. Treasury said on Monday it would sell more bonds.", date: day(1) },
      { id: "u2", title: "Bills Auction", body: "The U.S. Treasury sold bills on Tuesday, traders said.", date: day(2) },
      { id: "u3", title: "Dollar Steady", body: "The United States and Canada agreed on trade rules.", date: day(3) },
      { id: "u4", title: "Notes Sold", body: "The Treasury said it sold notes to banks on Wednesday.", date: day(4) },
    ];
    const added: Doc[] = [
      { id: "n1", title: "Bills Sold", body: "The Treasury said it sold bills to banks on Thursday.", date: day(5) },
      { id: "n2", title: "Japan Raises Taxes", body: "The Treasury said on Friday it would act soon.", date: day(6) },
    ];
    const dir = join(root, "home");
    writeFileSync(join(root, "home-base.jsonl"), jsonl(docs));
    await writeBundle((await buildFromInputs([join(root, "home-base.jsonl")], { builtAt: "t" })).bundle, dir);
    // The build keeps what it decided beside the bundle, for updates (never uploaded).
    const decided = JSON.parse(readFileSync(join(dir, "kv-index", `national-${(await open(dir)).manifest.version}.json`), "utf8"));
    expect(decided).toEqual({ home: "united states", bodies: { treasury: "united states" }, written: ["united states treasury"] });
    writeFileSync(join(root, "home-update.jsonl"), jsonl(added));
    await updateArchive(dir, [join(root, "home-update.jsonl")], { builtAt: "t" });
    writeFileSync(join(root, "home-final.jsonl"), jsonl([...docs, ...added]));
    await writeBundle((await buildFromInputs([join(root, "home-final.jsonl")], { builtAt: "t" })).bundle, `${dir}-full`);
    const [updated, full] = [await open(dir), await open(`${dir}-full`)];
    for (const id of ["us-treasury", "treasury-japan"]) {
      const want = (await full.entity(id))?.documents.ids.slice().sort();
      expect([id, (await updated.entity(id))?.documents.ids.slice().sort()]).toEqual([id, want]);
    }
    expect((await full.entity("us-treasury"))?.documents.ids.slice().sort()).toEqual(["n1", "u1", "u2", "u4"]);
    expect((await full.entity("treasury-japan"))?.documents.ids).toEqual(["n2"]);
  }, 60_000);
});

describe("updates: bad input writes nothing", () => {
  const docs: Doc[] = [
    { id: "a", title: "Harbour strike", body: "Maren Holt said the strike in Aalborg would go on.", date: "2026-03-01" },
    { id: "b", title: "Ferry news", body: "Jonas Berg said the ferry to Esbjerg was late.", date: "2026-03-02" },
  ];
  async function archive(name: string): Promise<string> {
    const dir = join(root, name);
    writeFileSync(join(root, `${name}.jsonl`), jsonl(docs));
    await writeBundle((await buildFromInputs([join(root, `${name}.jsonl`)], { builtAt: "t" })).bundle, dir);
    return dir;
  }
  const snapshot = (dir: string) =>
    readdirSync(join(dir, "kv"))
      .sort()
      .map((f) => [f, readFileSync(join(dir, "kv", f), "utf8")]);

  it("refuses a late document that would move more of the archive than allowed, unknown ids to withdraw, and a missing archive", async () => {
    const dir = await archive("bad");
    const before = snapshot(dir);
    writeFileSync(join(root, "old.jsonl"), jsonl([{ id: "c", title: "Late", body: "Ida Lund in Hamburg.", date: "2026-02-01" }]));
    // Both documents of the archive are dated after it: moving more than one is refused here.
    await expect(updateArchive(dir, [join(root, "old.jsonl")], { maxMoved: 1 })).rejects.toMatchObject({ code: "update_out_of_order" });
    await expect(updateArchive(dir, [], { withdraw: ["zz"] })).rejects.toMatchObject({ code: "update_unknown_id" });
    await expect(updateArchive(join(root, "none"), [join(root, "old.jsonl")])).rejects.toBeInstanceOf(UpdateError);
    await expect(updateArchive(dir, [], { withdraw: ["a"], base: "0123456789abcdef" })).rejects.toMatchObject({
      code: "update_base_not_live",
    });
    expect(snapshot(dir)).toEqual(before);
    // With --skip-invalid the known ids are withdrawn and the unknown reported.
    const { plan } = await updateArchive(dir, [], { withdraw: ["zz", "a"], skipInvalid: true });
    expect(plan).toMatchObject({ withdrawn: 1, unknown: ["zz"] });
  });

  it("counts live documents and dated ones after withdrawing an undated document", async () => {
    const dir = join(root, "undated");
    writeFileSync(
      join(root, "undated.jsonl"),
      jsonl([...docs, { id: "u", title: "Notes", body: "Ida Lund wrote from Hamburg.", date: undefined as unknown as string }]),
    );
    await writeBundle((await buildFromInputs([join(root, "undated.jsonl")], { builtAt: "t" })).bundle, dir);
    const { live } = await updateArchive(dir, [], { withdraw: ["u"] });
    expect(live.archive).toMatchObject({ documents: 2, dated: 2 });
    const reader = await open(dir);
    expect(reader.counts).toMatchObject({ documents: 2, dated: 2 });
    expect(await reader.document("u")).toBeUndefined();
  });

  it("dates an entity again from its documents left, the undated ones numbered first, when its first and last go", async () => {
    const dir = join(root, "redated");
    const named = (id: string, date?: string) => ({ id, title: `Port ${id}`, body: `Maren Holt said in Aalborg that ${id} came.`, date });
    const all = [named("u1"), named("u2"), named("u3"), ...["01", "02", "03", "04"].map((d) => named(`d${d}`, `2026-03-${d}`))];
    writeFileSync(join(root, "redated.jsonl"), jsonl(all as Doc[]));
    await writeBundle((await buildFromInputs([join(root, "redated.jsonl")], { builtAt: "t" })).bundle, dir);
    await updateArchive(dir, [], { withdraw: ["d01", "d04"] });
    const maren = await (await open(dir)).entity("maren-holt");
    expect(maren).toMatchObject({ first_seen: "2026-03-02", last_seen: "2026-03-03" });
    expect(maren?.documents.count).toBe(5);
  });

  it("gives a company written with its legal form the record the archive has of it written without", async () => {
    const dir = join(root, "legal-form");
    const first = [
      {
        id: "c1",
        title: "Chip output",
        body: "Shares of Hanul Semiconductor rose 3% in Seoul. The chipmaker Hanul Semiconductor said demand was strong.",
        date: day(1),
      },
    ];
    writeFileSync(join(root, "legal-form.jsonl"), jsonl(first));
    await writeBundle((await buildFromInputs([join(root, "legal-form.jsonl")], { builtAt: "t" })).bundle, dir);
    writeFileSync(
      join(root, "legal-form-update.jsonl"),
      jsonl([{ id: "c2", title: "Orders", body: "Hanul Semiconductor Co Ltd won orders. Hanul Semiconductor said so.", date: day(2) }]),
    );
    await updateArchive(dir, [join(root, "legal-form-update.jsonl")]);
    const reader = await open(dir);
    const record = await reader.entity("hanul-semiconductor");
    expect(record?.documents.ids).toEqual(["c1", "c2"]);
    expect(record?.aliases.map((a) => a.name)).toContain("Hanul Semiconductor Co Ltd");
    expect(await reader.entity("hanul-semiconductor-co-ltd")).toBeUndefined();
  });

  it("keeps the related articles of documents moved after a late one, and of those that name them", async () => {
    const dir = join(root, "related-late");
    const topics: Record<string, string> = {
      harbour: "harbour dockers strike cranes berth cargo ships union pay talks",
      election: "election ballots voters turnout candidates polling stations count",
      vaccine: "vaccine doses clinics health ministry rollout nurses cold chain",
      football: "football club league striker goal coach season stadium fans",
    };
    const base: Doc[] = [];
    let d = 1;
    for (let round = 0; round < 3; round++)
      for (const [topic, words] of Object.entries(topics)) {
        base.push({
          id: `${topic}-${round}`,
          title: `${topic} ${round}`,
          body: `${words} ${words.split(" ").reverse().join(" ")} day ${d}.`,
          date: day(d),
        });
        d++;
      }
    writeFileSync(join(root, "related-late.jsonl"), jsonl(base));
    await writeBundle((await buildFromInputs([join(root, "related-late.jsonl")], { builtAt: "t" })).bundle, dir);
    const related = async () => {
      const reader = await open(dir);
      const out = new Map<string, string[]>();
      for (const { id } of base) {
        const list = (await reader.similarOf(id)) ?? [];
        const metas = await reader.metas(list.map(([n]) => n).filter((n) => reader.segments?.owner(n) ?? true));
        out.set(id, list.flatMap(([n]) => (metas.get(n) ? [(metas.get(n) as { id: string }).id] : [])).sort());
      }
      return out;
    };
    const before = await related();
    expect(before.get("football-0")).toEqual(["football-1", "football-2"]);
    // A football article dated before the last five: they come again after it, in the delta.
    writeFileSync(
      join(root, "related-late-update.jsonl"),
      jsonl([{ id: "football-late", title: "football late", body: `${topics.football}.`, date: day(8) }]),
    );
    const { plan } = await updateArchive(dir, [join(root, "related-late-update.jsonl")]);
    expect(plan.moved).toBeGreaterThan(0);
    const after = await related();
    for (const { id } of base) expect([id, after.get(id)]).toEqual([id, before.get(id)]);
  });

  it("counts a correction of a document that moves after a late one as corrected, not as moved", async () => {
    const dir = join(root, "late-correction");
    const base = [1, 3, 5, 7].map((n) => ({
      id: `p${n}`,
      title: `Port ${n}`,
      body: `Maren Holt said in Aalborg that ship ${n} came.`,
      date: day(n),
    }));
    writeFileSync(join(root, "late-correction.jsonl"), jsonl(base));
    await writeBundle((await buildFromInputs([join(root, "late-correction.jsonl")], { builtAt: "t" })).bundle, dir);
    const late = { id: "p4", title: "Port 4", body: "Ida Lund said in Esbjerg that ship 4 came.", date: day(4) };
    const fixed = { ...(base[3] as Doc), body: "Maren Holt said in Aalborg that ship 7 came late." };
    writeFileSync(join(root, "late-correction-update.jsonl"), jsonl([late, fixed]));
    const { plan } = await updateArchive(dir, [join(root, "late-correction-update.jsonl")], { withdraw: ["p1"] });
    // p5 moves after p4; p7 moves too, but as the correction it is.
    expect(plan).toMatchObject({ added: 2, moved: 1, corrected: 1, withdrawn: 1, unchanged: 0 });
  });

  it("counts a correction that changes a document's date as corrected, though it is added anew at its new place", async () => {
    const dir = join(root, "redated-correction");
    const base = [1, 2].map((n) => ({
      id: `r${n}`,
      title: `Port ${n}`,
      body: `Maren Holt said in Aalborg that ship ${n} came.`,
      date: day(n),
    }));
    writeFileSync(join(root, "redated-base.jsonl"), jsonl(base));
    await writeBundle((await buildFromInputs([join(root, "redated-base.jsonl")], { builtAt: "t" })).bundle, dir);
    writeFileSync(join(root, "redated-update.jsonl"), jsonl([{ ...(base[0] as Doc), date: day(3) }]));
    const { plan } = await updateArchive(dir, [join(root, "redated-update.jsonl")]);
    expect(plan).toMatchObject({ added: 0, corrected: 1, withdrawn: 0 });
  });

  it("writes nothing for documents the archive holds already", async () => {
    const dir = await archive("same");
    const before = snapshot(dir);
    writeFileSync(join(root, "again.jsonl"), jsonl(docs));
    const result = await updateArchive(dir, [join(root, "again.jsonl")]);
    expect(result.plan).toMatchObject({ added: 0, corrected: 0, withdrawn: 0, unchanged: 2 });
    expect(result.keys).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe("updates: related entities", () => {
  it("weigh a document that comes again unchanged (moved after a late one, or folded) once, as one build does", async () => {
    const doc = (n: number, date: string) => ({
      id: `r${n}`,
      title: `Port ${n}`,
      body: `${PEOPLE[n % 4]} met ${PEOPLE[(n + 1) % 4]} in ${PLACES[n % 3]}. ${PLACES[(n + 1) % 3]} was quiet.`,
      date,
    });
    const base = [1, 2, 3, 4, 5].map((n) => doc(n, day(n)));
    const dir = join(root, "related");
    writeFileSync(join(root, "related-base.jsonl"), jsonl(base));
    await writeBundle((await buildFromInputs([join(root, "related-base.jsonl")], { builtAt: "t" })).bundle, dir);
    // Late twice (the newest documents move each time), then a new one folding the deltas.
    const updates = [[doc(6, day(2))], [doc(7, day(1))], [doc(8, day(9))]];
    for (const [u, docs] of updates.entries()) {
      writeFileSync(join(root, "related-update.jsonl"), jsonl(docs));
      await updateArchive(dir, [join(root, "related-update.jsonl")], { builtAt: "t", mergeDeltas: u === 2 });
    }
    const all = [...base, ...updates.flat()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    writeFileSync(join(root, "related-all.jsonl"), jsonl(all));
    await writeBundle((await buildFromInputs([join(root, "related-all.jsonl")], { builtAt: "t" })).bundle, `${dir}-full`);
    const [live, full] = [await open(dir), await open(`${dir}-full`)];
    for (const id of ["maren-holt", "jonas-berg", "aalborg", "esbjerg"]) {
      const weights = async (reader: BundleReader) =>
        Object.fromEntries(((await reader.entity(id))?.related ?? []).map((r) => [r.id, r.weight]));
      expect([id, await weights(live)]).toEqual([id, await weights(full)]);
    }
  });
});

describe("prune: what a kept version stands on is kept", () => {
  const manifest = (version: string, deltas: string[] = []) =>
    ({ version, deltas: deltas.map((d) => ({ version: d })) }) as unknown as Manifest;
  const v = (version: string, live = false, madeLive?: Manifest) => ({ version, keys: [], live, ...(madeLive ? { madeLive } : {}) });

  it("keeps the live base and its deltas, and the segments of a kept delta, whatever --keep says", () => {
    // Newest first: a delta of the live base, the base, an older build with a delta of its own.
    const versions = [
      v("d2", true, manifest("b1", ["d1", "d2"])),
      v("d1", true, manifest("b1", ["d1"])),
      v("b1", true),
      v("d0", false, manifest("b0", ["d0"])),
      v("b0"),
    ];
    expect([...keptVersions(versions, 1)].sort()).toEqual(["b1", "d1", "d2"]);
    // One more build kept: the older delta, and the base it stands on with it.
    expect([...keptVersions(versions, 2)].sort()).toEqual(["b0", "b1", "d0", "d1", "d2"]);
  });
});

describe("updates: trend tables", () => {
  const entity = (id: string, name: string, times: number[]): TrendEntity => ({
    id,
    name,
    type: "place",
    mentions: times.length,
    documents: times.length,
    times,
  });

  it("count in a list's total only the entities it keeps, as many as a caller can page through", async () => {
    const dir = join(root, "trend-total");
    mkdirSync(join(dir, "kv-index"), { recursive: true });
    const day = 86_400_000;
    const newest = 400 * day;
    // 250 places in two documents each in the last week, none before: every one trends.
    const many = Array.from({ length: 250 }, (_, i) => entity(`p${String(i).padStart(3, "0")}`, `Place ${i}`, [newest - day, newest]));
    await writeTrendTable(dir, "v1", [...many, entity("old", "Old", [0])]);
    const table = (await readTrendTable(dir, "v1")) as TrendTable;
    const pages = trendingPages([{ table }], newest, 0).get(trendingList(7, "all")) ?? [];
    const listed = pages.flatMap((page) => page.items);
    expect(listed).toHaveLength(200);
    expect(pages.map((page) => page.total)).toEqual([200, 200]);
  });

  it("read back as written, ids found by binary search, names in any script", async () => {
    const dir = join(root, "trend-table");
    mkdirSync(join(dir, "kv-index"), { recursive: true });
    const written = [entity("zeta", "Zeta", [3, 1]), entity("aalborg", 'Ålborg "Havn"\nnorth', []), entity("kyiv", "Київ", [5])];
    await writeTrendTable(dir, "v1", written);
    const table = (await readTrendTable(dir, "v1")) as TrendTable;
    expect([...table.entities()].map((e) => [e.id, e.name, Array.from(e.times)])).toEqual([
      ["aalborg", 'Ålborg "Havn"\nnorth', []],
      ["kyiv", "Київ", [5]],
      ["zeta", "Zeta", [3, 1]],
    ]);
    expect(["kyiv", "zeta", "aalborg", "nobody"].map((id) => table.indexOf(id))).toEqual([1, 2, 0, -1]);
    // A damaged or missing table is none: the update keeps the base's lists.
    writeFileSync(join(dir, "kv-index", "trends-v1.bin"), "short");
    expect(await readTrendTable(dir, "v1")).toBeUndefined();
    expect(await readTrendTable(dir, "v2")).toBeUndefined();
  });

  it("take a document's time out once for each time it went, and add the new ones", () => {
    expect(retimed([1, 2, 2, 3], [2], [5])).toEqual([1, 2, 3, 5]);
    expect(retimed([1, 2], [2, 2, 9], [])).toEqual([1]);
  });

  it("leave the base's lists in place when an archive has none (built before them)", async () => {
    const dir = join(root, "no-trends");
    const docs: Doc[] = Array.from({ length: 12 }, (_, n) => ({
      id: `t${n}`,
      title: `harbour report ${n}`,
      body: `${PEOPLE[n % 2]} said in ${PLACES[n % 2]} that the harbour strike ${n} went on.`,
      date: day(n * 2),
    }));
    writeFileSync(join(root, "no-trends.jsonl"), jsonl(docs.slice(0, 10)));
    await writeBundle((await buildFromInputs([join(root, "no-trends.jsonl")], { builtAt: "t" })).bundle, dir);
    const before = await (await open(dir)).entityPage("trending-7-all", 0);
    expect(before?.total).toBeGreaterThan(0);
    for (const file of readdirSync(join(dir, "kv-index"))) if (file.startsWith("trends-")) rmSync(join(dir, "kv-index", file));
    writeFileSync(join(root, "no-trends-update.jsonl"), jsonl(docs.slice(10)));
    await updateArchive(dir, [join(root, "no-trends-update.jsonl")], { builtAt: "t" });
    expect(await (await open(dir)).entityPage("trending-7-all", 0)).toEqual(before);
  });
});
