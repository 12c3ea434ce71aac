import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FlexIndexes } from "../src/build/flex-export";
import { buildBundle, splitPostings } from "../src/build/write";
import { AppError } from "../src/errors";
import { stem } from "../src/format/analyzer";
import { bundleKey, languageTerm, type SparsePostings, type TermEntry, type TermShard } from "../src/format/bundle";
import { shardOf } from "../src/format/hash";
import type { SourceDocument } from "../src/format/schema";
import { bitsPart } from "../src/format/values/bits";
import { tailCodec } from "../src/format/values/tail";
import { bundleEngine } from "../src/search/bundle-engine";
import { type Engine, type MatchOptions, matchQuery, recentOfEntity, search } from "../src/search/engine";
import { settled } from "../src/search/match";
import { parseQuery } from "../src/search/parse-query";
import { type TermPostings, wholeIndexPostings } from "../src/search/postings";
import { docsOf } from "../src/search/rank";
import { EXACT_DATE_CHUNKS, MAX_TAIL_CHUNKS } from "../src/search/tails";
import { memoryBundle } from "./helpers/memory-bundle";
import { judge, referenceSearch } from "./helpers/reference-search";

/** The tail chunks (by number) of terms in some fields that hold any of some documents, read from the stored shards. */
function tailIndex(bundle: Awaited<ReturnType<typeof buildBundle>>) {
  const { version, layout } = bundle.manifest;
  return (terms: string[], fields: ("text" | "title" | "entity")[], docs: number[]): number[] => {
    const out: number[] = [];
    for (const term of terms) {
      const shard = JSON.parse(bundle.values.get(bundleKey(version, "term", shardOf(term, layout.term))) as string) as TermShard;
      for (const field of fields) {
        const entry = shard[field]?.find((e) => e[0] === term);
        if (entry?.length !== 4) continue;
        for (const [n, first, last] of entry[3]) if (docs.some((d) => d >= first && d <= last)) out.push(n);
      }
    }
    return out;
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Small heads and chunks, so that generated corpora of a few dozen documents have long lists with several chunks.
const HEAD = 4;
const CHUNK = 9;

// "zz" is in every document, "yy" in most, the rest rarer.
const words = ["zz", "yy", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];
const wordArb = fc
  .integer({ min: 0, max: 99 })
  .map((n) => words[Math.min(words.length - 1, Math.floor((n / 100) ** 2 * words.length))] as string);
const docArb = fc.record({
  title: fc.array(wordArb, { minLength: 1, maxLength: 3 }).map((w) => w.join(" ")),
  body: fc.array(wordArb, { minLength: 1, maxLength: 20 }).map((w) => `zz ${w.join(" ")}`),
  day: fc.integer({ min: 1, max: 28 }),
  entity: fc.constantFrom("e-all", "e-all e-some", "e-all e-some e-few"),
});
const corpusArb = fc.array(docArb, { minLength: 25, maxLength: 90 });

interface Corpus {
  documents: SourceDocument[];
  entityIds: string[][];
}

type GeneratedDoc = typeof docArb extends fc.Arbitrary<infer T> ? T : never;

function toCorpus(docs: GeneratedDoc[]): Corpus {
  // Dated in input order, so the bundle numbers documents as given.
  const sorted = [...docs].sort((a, b) => a.day - b.day);
  return {
    documents: sorted.map((d, i) => ({
      id: `d${i}`,
      title: d.title,
      body: d.body,
      date: `2021-08-${String(d.day).padStart(2, "0")}`,
      meta: {},
    })),
    entityIds: sorted.map((d) => d.entity.split(" ")),
  };
}

async function bundled({ documents, entityIds }: Corpus) {
  const refs = entityIds.map((ids) => ids.map((id) => ({ id, name: id, type: "place" as const })));
  return buildBundle({ documents, entities: [], byDocument: refs }, { shards: 8, head: HEAD, tailChunk: CHUNK, builtAt: "t" });
}

/** One unsharded FlexSearch index per field, every posting in it. */
function reference({ documents, entityIds }: Corpus): Engine {
  const indexed = documents.map((d, i) => ({ title: d.title, body: d.body, entities: entityIds[i] ?? [] }));
  const indexes = new FlexIndexes(FlexIndexes.measure(indexed));
  for (const [i, d] of indexed.entries()) indexes.add(i, d);
  const runs: [string, number][] = [];
  documents.forEach((d, i) => {
    if (runs.at(-1)?.[0] !== d.date) runs.push([d.date as string, i]);
  });
  return {
    postings: wholeIndexPostings(indexes, documents.length),
    completions: async () => [],
    dictionary: async () => [],
    dates: async () => runs,
  };
}

const queryArb = fc.tuple(
  fc.subarray(words, { minLength: 1, maxLength: 3 }),
  fc.integer({ min: 1, max: 28 }),
  fc.integer({ min: 0, max: 10 }),
);

describe("long posting lists: heads in the shards, tails in chunks", () => {
  it("splits a list into its best postings and the rest in document order", () => {
    expect(splitPostings([[4, 7], null, [1, 2, 3]], 3)).toEqual({
      head: [
        [0, [4, 7]],
        [2, [1]],
      ],
      tail: [
        [2, 2],
        [3, 2],
      ],
      count: 5,
    });
    expect(splitPostings([[4, 7], null, [1]], 0)).toEqual({
      head: [
        [0, [4, 7]],
        [2, [1]],
      ],
      tail: [],
      count: 3,
    });
  });

  it("stores the head, the count and the chunks of a long list, and every posting exactly once", async () => {
    const corpus = toCorpus(fc.sample(corpusArb, { numRuns: 1, seed: 11 })[0] ?? []);
    const bundle = await bundled(corpus);
    const { version, layout } = bundle.manifest;
    const shard = JSON.parse(bundle.values.get(bundleKey(version, "term", shardOf("zz", layout.term))) as string) as TermShard;
    const entry = shard.text?.find((e) => e[0] === "zz") as TermEntry;
    expect(entry).toHaveLength(4);
    const [, head, count, refs] = entry as [string, [number, number[]][], number, [number, number, number][]];
    expect(count).toBe(corpus.documents.length);
    expect(head.flatMap(([, ids]) => ids)).toHaveLength(HEAD);
    const all = [...head.flatMap(([, ids]) => ids)];
    let previous = -1;
    for (const [n, first, last] of refs) {
      const chunk = tailCodec.parse(JSON.parse(bundle.values.get(bundleKey(version, "tail", n)) as string));
      const docs = chunk.flatMap(([, ids]) => ids).sort((a, b) => a - b);
      expect(docs[0]).toBe(first);
      expect(docs.at(-1)).toBe(last);
      expect(first).toBeGreaterThan(previous);
      previous = last;
      all.push(...docs);
    }
    expect(all.sort((a, b) => a - b)).toEqual(corpus.documents.map((_, i) => i));
    expect(layout.tail).toBeGreaterThan(refs.length);
    // On the Free plan, lists are not split: the bundle stays within its writes.
    const free = await buildBundle(
      { documents: corpus.documents, entities: [], byDocument: corpus.documents.map(() => []) },
      { profile: "free" },
    );
    expect(free.manifest.layout.tail).toBe(0);
  });

  it("answers dated, entity-filtered and date-ordered queries as the oracle does whenever their chunks fit the budget: exactly, or in date order past EXACT_DATE_CHUNKS its page exactly", async () => {
    // Per kind of case: how many had to be exact (the chunks they need fit the budget), and how many were.
    const kinds = ["dated", "entity", "long entity", "date order", "entity, date order", "dated, entity, date order"] as const;
    const mustExact = Object.fromEntries(kinds.map((k) => [k, 0])) as Record<(typeof kinds)[number], number>;
    let newestFirstCases = 0;
    let deferredCases = 0;
    let bitsCases = 0;
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.array(queryArb, { minLength: 4, maxLength: 8 }), async (docs, queries) => {
        const corpus = toCorpus(docs);
        const bundle = await bundled(corpus);
        const mem = memoryBundle(bundle);
        const whole = reference(corpus);
        const oracle = referenceSearch(corpus.documents.map((d, i) => ({ ...d, entities: corpus.entityIds[i] })));
        const chunksOf = tailIndex(bundle);
        const bits = new Set([...bundle.values.keys()].flatMap((k) => (k.includes("/bits/") ? [k.split("/bits/")[1] as string] : [])));
        const long = bits.has(bitsPart("e-some") as string) ? "e-some" : "e-all";
        if (bits.has(bitsPart(long) as string)) bitsCases++;
        const dated = (from?: string, to?: string) =>
          corpus.documents.flatMap((d, i) => ((!from || (d.date as string) >= from) && (!to || (d.date as string) <= to) ? [i] : []));
        const holding = (entity: string) => corpus.entityIds.flatMap((ids, i) => (ids.includes(entity) ? [i] : []));
        for (const [terms, day, span] of queries) {
          const from = `2021-08-${String(day).padStart(2, "0")}`;
          const to = `2021-08-${String(Math.min(28, day + span)).padStart(2, "0")}`;
          const stems = terms.map((w) => stem(w));
          // The chunks each case needs: of its terms (text and title) where its documents are, and of its entity.
          const cases: [(typeof kinds)[number], string, MatchOptions, number[]][] = [
            ["dated", `${terms.join(" ")} from:${from} to:${to}`, { want: 10 }, chunksOf(stems, ["text", "title"], dated(from, to))],
            [
              "entity",
              terms.join(" "),
              { want: 10, entities: ["e-few"] },
              [...chunksOf(["e-few"], ["entity"], dated()), ...chunksOf(stems, ["text", "title"], holding("e-few"))],
            ],
            // A list of BITS_FROM_CHUNKS chunks or more ("e-some" in corpora of about 75 documents and more, "e-all"
            // in those of 41) is tested by its bitmap: none of its chunks is read, only the words'.
            [
              "long entity",
              terms.join(" "),
              { want: 10, entities: [long] },
              [
                ...(bits.has(bitsPart(long) as string) ? [] : chunksOf([long], ["entity"], dated())),
                ...chunksOf(stems, ["text", "title"], holding(long)),
              ],
            ],
            ["date order", terms.join(" "), { want: 10, order: "date" }, chunksOf(stems, ["text", "title"], dated())],
            [
              "entity, date order",
              terms.join(" "),
              { want: 10, order: "date", entities: ["e-all"] },
              [...chunksOf(["e-all"], ["entity"], dated()), ...chunksOf(stems, ["text", "title"], holding("e-all"))],
            ],
            [
              "dated, entity, date order",
              `${terms.join(" ")} to:${from}`,
              { want: 10, order: "date", entities: ["e-some"] },
              [
                ...chunksOf(["e-some"], ["entity"], dated(undefined, from)),
                ...chunksOf(
                  stems,
                  ["text", "title"],
                  dated(undefined, from).filter((d) => holding("e-some").includes(d)),
                ),
              ],
            ],
          ];
          // The date-ordered cases' entity chunks in their dates, and their term chunks in their dates.
          const entityChunks: Partial<Record<(typeof kinds)[number], number[]>> = {
            "entity, date order": chunksOf(["e-all"], ["entity"], dated()),
            "dated, entity, date order": chunksOf(["e-some"], ["entity"], dated(undefined, from)),
          };
          const datedTermChunks: Partial<Record<(typeof kinds)[number], number[]>> = {
            "entity, date order": chunksOf(stems, ["text", "title"], dated()),
            "dated, entity, date order": chunksOf(stems, ["text", "title"], dated(undefined, from)),
          };
          // The term chunks of the date-ordered cases where the documents they allow are.
          const termChunks: Partial<Record<(typeof kinds)[number], number[]>> = {
            "date order": chunksOf(stems, ["text", "title"], dated()),
            "entity, date order": chunksOf(stems, ["text", "title"], holding("e-all")),
            "dated, entity, date order": chunksOf(
              stems,
              ["text", "title"],
              dated(undefined, from).filter((d) => holding("e-some").includes(d)),
            ),
          };
          for (const [kind, q, options, needed] of cases) {
            const parsed = parseQuery(q);
            const got = await matchQuery(bundleEngine(mem.coldReader()), parsed, options);
            // In date order, a query whose term chunks are more than EXACT_DATE_CHUNKS reads them newest first, only
            // until its page is settled: the page is the oracle's, the count an estimate. So does one whose entity's
            // chunks (in its dates) are, with the term chunks of those dates, not only those holding the entity's.
            const dateOrder = options.order === "date";
            const entityLong = dateOrder && new Set(entityChunks[kind]).size > EXACT_DATE_CHUNKS;
            const newestFirst = dateOrder && (entityLong || new Set(termChunks[kind]).size > EXACT_DATE_CHUNKS);
            const fits =
              new Set(entityLong ? [...(entityChunks[kind] ?? []), ...(datedTermChunks[kind] ?? [])] : needed).size <= MAX_TAIL_CHUNKS;
            if (entityLong && fits) deferredCases++;
            if (fits) {
              mustExact[kind]++;
              if (newestFirst) {
                newestFirstCases++;
                const want = oracle(parsed, options);
                expect(
                  got.candidates.map((c) => c.doc),
                  `${kind}: ${q}`,
                ).toEqual(want.ranked.slice(0, 10).map((s) => s.doc));
                if (got.approximate) continue;
              } else expect(got.approximate, `${kind}: ${q}`).toBe(false);
            }
            if (got.approximate) {
              // An estimate by design: still only real matches, in the filters.
              const all = new Set(oracle(parsed, options).ranked.map((s) => s.doc));
              for (const c of got.candidates) expect(all.has(c.doc)).toBe(true);
              continue;
            }
            expect(judge(got, oracle(parsed, options), 10, options.order), `${kind}: ${q}`).toEqual([]);
            const want = await matchQuery(whole, parsed, options);
            expect(got.candidates).toEqual(want.candidates);
            expect(got.total).toBe(want.total);
          }
        }
      }),
      { numRuns: 15, seed: 20261122 },
    );
    // Enough cases of every kind had to be exact for the property to say something about each.
    for (const kind of kinds) expect(mustExact[kind], kind).toBeGreaterThan(20);
    // And enough date-ordered ones were read newest first, their page checked against the oracle's.
    expect(newestFirstCases).toBeGreaterThan(10);
    expect(deferredCases).toBeGreaterThan(5);
    // And some corpora tested their long entity by its bitmap.
    expect(bitsCases).toBeGreaterThan(3);
  });

  it("reads an entity's list newest first with the words' in date order, and settles only past its unread chunks too", async () => {
    // 100 documents with "zz" (a head of 4, chunks of 10); entity "e" in 89-99 and in old ones: its head holds 99-91
    // and 89, its last chunk 36-44 and 90. Once "zz"'s two newest chunks are read, 10 allowed documents are newer
    // than any unread chunk of "zz"'s, 89 the last: only the entity's unread chunk (up to 90) says 90 comes first.
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const zzChunks = [...range(0, 8).map((k) => range(4 + 10 * k, 13 + 10 * k)), range(94, 99)];
    const eChunks = [range(0, 8), range(9, 17), range(18, 26), range(27, 35), [...range(36, 44), 90]];
    const chunks = new Map<number, SparsePostings>();
    const refs = (lists: number[][]): [number, number, number][] =>
      lists.map((docs) => {
        const n = chunks.size;
        chunks.set(n, [[0, docs]]);
        return [n, docs[0] as number, docs.at(-1) as number];
      });
    const empty = { title: [], text: [], entity: [] };
    const postings = new Map([
      [
        "zz",
        {
          title: [],
          text: [[0, 1, 2, 3]],
          entity: [],
          count: { title: 0, text: 100, entity: 0 },
          tails: { ...empty, text: refs(zzChunks) },
        },
      ],
      [
        "e",
        {
          title: [],
          text: [],
          entity: [[...range(91, 99), 89]],
          count: { title: 0, text: 0, entity: 55 },
          tails: { ...empty, entity: refs(eChunks) },
        },
      ],
    ]) as Map<string, TermPostings>;
    const engine: Engine = {
      postings: {
        documents: 100,
        postings: async (terms) => new Map(terms.map((t) => [t, structuredClone(postings.get(t) as TermPostings)])),
        tails: async (asked) => new Map(asked.map(([n]) => [n, structuredClone(chunks.get(n) as SparsePostings)])),
      },
      completions: async () => [],
      dictionary: async () => [],
      dates: async () => [["2021-08-01", 0]],
    };
    const got = await matchQuery(engine, parseQuery("zz "), { want: 10, order: "date", entities: ["e"] });
    expect(got.candidates.map((c) => c.doc)).toEqual(range(90, 99).reverse());
  });

  it("reads newest first as far as the page needs with an excluded word, a short word beside a long one, or filters", async () => {
    // "zz" in all 300 documents, "gg" in the oldest 4 and the newest 60: "zz -gg" by date is 239 down to 235.
    const n = 300;
    const documents = Array.from({ length: n }, (_, i) => ({
      id: `d${i}`,
      title: `t${i}`,
      body: `zz report ${i < 4 || i >= n - 60 ? "gg" : "other"}`,
      date: `2021-08-${String(1 + Math.floor(i / 11)).padStart(2, "0")}`,
      meta: {},
    }));
    const mem = memoryBundle(
      await buildBundle(
        { documents, entities: [], byDocument: documents.map(() => []) },
        { shards: 8, head: 4, tailChunk: 20, builtAt: "t" },
      ),
    );
    const reader = mem.coldReader();
    const excluded = await search(bundleEngine(reader), reader, {
      q: "zz -gg",
      limit: 5,
      offset: 0,
      sort: "date",
      group: false,
      facets: "none",
    });
    expect(excluded.hits.map((h) => h.id)).toEqual(["d239", "d238", "d237", "d236", "d235"]);
    // The estimate leaves out the excluded word's share: 300 less its 64.
    expect(excluded).toMatchObject({ approximate: true, total: 236 });

    // A synthetic engine: "zz" in documents 0-999 (a head of 4, chunks of 10), "ff" in the newest 3 (no tail), "e" in
    // every document, German ("lang:de") in 10.
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const tens = [...range(0, 98).map((k) => range(4 + 10 * k, 13 + 10 * k)), range(994, 999)];
    const chunks = new Map<number, SparsePostings>();
    const refs = (lists: number[][]): [number, number, number][] =>
      lists.map((docs) => {
        const c = chunks.size;
        chunks.set(c, [[0, docs]]);
        return [c, docs[0] as number, docs.at(-1) as number];
      });
    const none = { title: [], text: [], entity: [] };
    const lists = new Map<string, TermPostings>([
      ["zz", { ...none, text: [[0, 1, 2, 3]], count: { title: 0, text: 1000, entity: 0 }, tails: { ...none, text: refs(tens) } }],
      ["ff", { ...none, text: [[997, 998, 999]], count: { title: 0, text: 3, entity: 0 }, tails: none }],
      ["e", { ...none, entity: [[0, 1, 2, 3]], count: { title: 0, text: 0, entity: 1000 }, tails: { ...none, entity: refs(tens) } }],
      [
        languageTerm("de"),
        { ...none, entity: [[...range(0, 4), ...range(995, 999)]], count: { title: 0, text: 0, entity: 10 }, tails: none },
      ],
    ] as [string, TermPostings][]);
    let read = 0;
    const engine: Engine = {
      postings: {
        documents: 1000,
        postings: async (terms) =>
          new Map(terms.filter((t) => lists.has(t)).map((t) => [t, structuredClone(lists.get(t) as TermPostings)])),
        tails: async (asked) => {
          read += asked.length;
          return new Map(asked.map(([c]) => [c, structuredClone(chunks.get(c) as SparsePostings)]));
        },
      },
      completions: async () => [],
      dictionary: async () => [],
      dates: async () => [
        ["2021-08-01", 0],
        ["2021-08-02", 500],
      ],
      languages: ["en"],
      documentLanguages: { en: 990, de: 10 },
    };
    // Every clause counts for the tiers while reading newest first: "zz ff" is settled by the first round trip.
    const mixed = await matchQuery(engine, parseQuery("zz ff "), { want: 3, order: "date" });
    expect(mixed.candidates.map((c) => c.doc)).toEqual([999, 998, 997]);
    expect(read).toBe(2);
    // The dates once in the count: half the archive; a language's share of it.
    const dated = await matchQuery(engine, parseQuery("zz entity:e from:2021-08-02 "), { want: 3, order: "date" });
    expect(dated.candidates.map((c) => c.doc)).toEqual([999, 998, 997]);
    expect(dated.total).toBe(500);
    const german = await matchQuery(engine, parseQuery("zz entity:e lang:de "), { want: 3, order: "date" });
    expect(german.candidates.map((c) => c.doc)).toEqual([999, 998, 997]);
    expect(german.total).toBe(10);
  });

  it("lists entities alone newest first: a sparse list's wide chunk read in time, a count no larger than a list's", async () => {
    const n = 1000;
    const day = (i: number) => `20${10 + Math.floor(i / 100)}-01-${String(1 + Math.floor((i % 100) / 4)).padStart(2, "0")}`;
    const documents = Array.from({ length: n }, (_, i) => ({ id: `d${i}`, title: `t ${i}`, body: `report ${i}`, date: day(i), meta: {} }));
    // "ea" in every document; "eb" in the first 300 and every tenth of the newest 100 (its newest chunk reaches from
    // 292 to 990); "ec" in the newest 40 only.
    const eb = (i: number) => i < 300 || (i >= 900 && i % 10 === 0);
    const place = (id: string) => ({ id, name: id, type: "place" as const });
    const byDocument = documents.map((_, i) => [place("ea"), ...(eb(i) ? [place("eb")] : []), ...(i >= n - 40 ? [place("ec")] : [])]);
    const mem = memoryBundle(
      await buildBundle({ documents, entities: [], byDocument }, { shards: 8, head: 4, tailChunk: 9, builtAt: "t" }),
    );
    const listed = async (q: string) => {
      const reader = mem.coldReader();
      return search(bundleEngine(reader), reader, { q, limit: 10, offset: 0, sort: "date", group: false, facets: "none" });
    };
    const sparse = await listed("entity:ea entity:eb");
    expect(sparse.hits.map((h) => h.id)).toEqual(range(0, 9).map((k) => `d${990 - 10 * k}`));
    const recent = await listed("entity:ea entity:ec");
    expect(recent.hits.map((h) => h.id)).toEqual(range(0, 9).map((k) => `d${999 - k}`));
    expect(recent.total).toBeLessThanOrEqual(40);
  });

  it("checks an excluded word newest first within the budget, and counts it out of an estimated total", async () => {
    // "zz" in all 400 documents, "gg" in the newest 160: "zz -gg" by date is 239 down, 240 documents in all.
    const n = 400;
    const documents = Array.from({ length: n }, (_, i) => ({
      id: `d${i}`,
      title: `t${i}`,
      body: `zz report ${i >= n - 160 ? "gg" : "other"}`,
      date: `2021-${String(1 + Math.floor(i / 40)).padStart(2, "0")}-${String(1 + Math.floor((i % 40) / 2)).padStart(2, "0")}`,
      meta: {},
    }));
    const mem = memoryBundle(
      await buildBundle(
        { documents, entities: [], byDocument: documents.map(() => []) },
        { shards: 8, head: 4, tailChunk: 20, builtAt: "t" },
      ),
    );
    for (const limit of [10, 60]) {
      const reader = mem.coldReader();
      const r = await search(bundleEngine(reader), reader, { q: "zz -gg", limit, offset: 0, sort: "date", group: false, facets: "none" });
      expect(r.hits.map((h) => h.id)).toEqual(range(0, limit - 1).map((k) => `d${239 - k}`));
      if (r.approximate) expect(Math.abs(r.total - 240)).toBeLessThanOrEqual(24);
      else expect(r.total).toBe(240);
    }
  });

  it("settles a date-ordered page only when its last document matches every clause and is newer than any unread chunk", () => {
    const page = (last: number, matched: number) => Array.from({ length: 10 }, (_, i) => ({ doc: last + 9 - i, matched }));
    expect(settled(page(20, 2), 10, 2, 19)).toBe(true);
    expect(settled(page(20, 2), 10, 2, -1)).toBe(true);
    // An unread chunk may hold the last document itself, or one newer: either may come before it.
    expect(settled(page(20, 2), 10, 2, 20)).toBe(false);
    expect(settled(page(20, 2), 10, 2, 23)).toBe(false);
    // A document matching one clause of two: an unread one matching both comes first.
    expect(settled(page(20, 1), 10, 2, 5)).toBe(false);
    expect(settled(page(20, 2).slice(0, 9), 10, 2, -1)).toBe(false);
  });

  it("keeps results and ranks rare words first when a common word has only its head loaded", async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.integer({ min: 1, max: HEAD }), async (generated, rareCount) => {
        // "foxtrot" in a few documents only: its list fits its head.
        const docs = generated.map((d, i) => ({
          ...d,
          title: d.title.replaceAll("foxtrot", "echo"),
          body: `${d.body.replaceAll("foxtrot", "echo")}${i % 5 === 0 && i / 5 < rareCount ? " foxtrot" : ""}`,
        }));
        const corpus = toCorpus(docs);
        const mem = memoryBundle(await bundled(corpus));
        const whole = reference(corpus);
        const rare = (await whole.postings.postings(["foxtrot"])).get("foxtrot");
        const rareDocs = docsOf(rare?.text ?? []);
        const got = await matchQuery(bundleEngine(mem.coldReader()), parseQuery("zz foxtrot"), { want: HEAD });
        expect(got.groups.map((g) => g.common)).toEqual([true, false]);
        // The documents of the rare word come first, all of them, then the common word's best.
        const firsts = got.candidates.slice(0, rareDocs.size).map((c) => c.doc);
        expect(new Set(firsts)).toEqual(rareDocs);
        // The estimate is the whole count: every document holds "zz".
        expect(got.total).toBe(corpus.documents.length);
      }),
      { numRuns: 15, seed: 5 },
    );
  });

  it("reads chunks for pages deeper than the heads reach", async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.constantFrom("zz", "yy", "zz yy"), async (docs, q) => {
        const corpus = toCorpus(docs);
        const mem = memoryBundle(await bundled(corpus));
        const whole = await matchQuery(reference(corpus), parseQuery(q), { want: 1000 });
        const want = Math.min(whole.total, 30);
        const got = await matchQuery(bundleEngine(mem.coldReader()), parseQuery(q), { want });
        expect(got.candidates).toHaveLength(want);
        const all = new Set(whole.candidates.map((c) => c.doc));
        for (const c of got.candidates) expect(all.has(c.doc)).toBe(true);
      }),
      { numRuns: 20, seed: 3 },
    );
  });

  it("never returns a document holding an excluded word, whichever chunk holds it", async () => {
    await fc.assert(
      fc.asyncProperty(
        corpusArb,
        fc.constantFrom("yy", "zz", "alpha"),
        fc.constantFrom("bravo", "charlie", "zz"),
        async (docs, excluded, word) => {
          const corpus = toCorpus(docs);
          const mem = memoryBundle(await bundled(corpus));
          const whole = reference(corpus);
          const banned = docsOf((await whole.postings.postings([excluded])).get(excluded)?.text ?? []);
          try {
            const got = await matchQuery(bundleEngine(mem.coldReader()), parseQuery(`${word} -${excluded}`), { want: 10 });
            for (const c of got.candidates) expect(banned.has(c.doc)).toBe(false);
            const want = await matchQuery(whole, parseQuery(`${word} -${excluded}`), { want: 10 });
            if (!got.approximate) expect(got.candidates).toEqual(want.candidates);
          } catch (error) {
            // The only way out: too many chunks to check in one request.
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe("query_too_broad");
          }
        },
      ),
      { numRuns: 30, seed: 9 },
    );
  });
});

describe("term shards are read by binary search", () => {
  it("refuses a shard whose terms are out of order (a term would be silently missed)", async () => {
    const corpus = toCorpus(fc.sample(corpusArb, { numRuns: 1, seed: 4 })[0] ?? []);
    const bundle = await bundled(corpus);
    const { version, layout } = bundle.manifest;
    const key = bundleKey(version, "term", shardOf("alpha", layout.term));
    const shard = JSON.parse(bundle.values.get(key) as string) as TermShard;
    expect(shard.text?.length).toBeGreaterThan(1);
    shard.text?.reverse();
    bundle.values.set(key, JSON.stringify(shard));
    const reader = memoryBundle(bundle).coldReader();
    await expect(bundleEngine(reader).postings.postings(["alpha"])).rejects.toMatchObject({ code: "bundle_key_corrupt" });
  });
});

describe("the date histogram of a search that read long lists in part", () => {
  it("counts the days read whole as they are, and scales the rest up to the estimated total", async () => {
    let checked = 0;
    let wholeDays = 0;
    await fc.assert(
      fc.asyncProperty(corpusArb, async (generated) => {
        const corpus = toCorpus(generated);
        const mem = memoryBundle(await bundled(corpus));
        const params = { q: "zz ", limit: 10, offset: 0, sort: "date" as const, group: false };
        const reader = mem.coldReader();
        const got = await search(bundleEngine(reader), reader, params);
        const match = await matchQuery(bundleEngine(mem.coldReader()), parseQuery("zz "), { want: 20, order: "date" });
        if (!got.approximate || match.wholeAbove === undefined) return;
        checked++;
        const want = await search(reference(corpus), mem.coldReader(), params);
        // Each day whose first document is above where every match was read: exact.
        const firstOf = new Map<string, number>();
        corpus.documents.forEach((d, i) => {
          if (!firstOf.has(d.date as string)) firstOf.set(d.date as string, i);
        });
        const whole = got.facets.dates.filter((b) => (firstOf.get(b.period) ?? -1) > (match.wholeAbove as number));
        if (whole.length > 0) wholeDays++;
        for (const bar of whole) expect(bar).toEqual(want.facets.dates.find((b) => b.period === bar.period));
        // The rest scaled: the bars add up to the total, give or take half a document a bar (each is rounded).
        const sum = got.facets.dates.reduce((n, b) => n + b.count, 0);
        expect(Math.abs(sum - got.total)).toBeLessThanOrEqual(got.facets.dates.length / 2);
        const read = match.docs?.length ?? 0;
        if (read < got.total) expect(sum).toBeGreaterThan(read);
      }),
      { numRuns: 60, seed: 20261206 },
    );
    expect(checked).toBeGreaterThan(5);
    expect(wholeDays).toBeGreaterThan(5);
  });
});

describe("an entity's newest documents (an entity page's recent list)", () => {
  it("are the ones reading its whole list gives, read newest chunks first only as far as the page needs", async () => {
    let longLists = 0;
    let pairs = 0;
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.integer({ min: 1, max: 30 }), async (generated, limit) => {
        const corpus = toCorpus(generated);
        const bundle = await bundled(corpus);
        const mem = memoryBundle(bundle);
        const whole = reference(corpus);
        for (const id of ["e-all", "e-some", "e-few"]) {
          const params = { ...recentOfEntity(id, true), limit };
          const want = await search(whole, mem.coldReader(), params);
          const reader = mem.coldReader();
          const got = await search(bundleEngine(reader), reader, params);
          expect(
            got.hits.map((h) => h.id),
            id,
          ).toEqual(want.hits.map((h) => h.id));
          // Every candidate the match keeps, not only the page: the last of them are the first a wrong stop misses.
          const options = { want: limit, order: "date" as const, entities: [id] };
          const all = await matchQuery(whole, parseQuery(""), options);
          const newest = await matchQuery(bundleEngine(mem.coldReader()), parseQuery(""), { ...options, newestOnly: true });
          expect(newest.candidates, id).toEqual(all.candidates);
          // /search with the entity alone: newest first too once its list is more than EXACT_DATE_CHUNKS chunks,
          // the same page, and the list's count for a total.
          const plain = await matchQuery(bundleEngine(mem.coldReader()), parseQuery(`entity:${id}`), { want: limit, order: "date" });
          expect(plain.candidates, id).toEqual(all.candidates);
          expect(plain.total, id).toBe(all.total);
          if (plain.approximate) longLists++;
        }
        // Two entities alone: both lists newest first, the page the whole read's.
        const both = { want: limit, order: "date" as const };
        const pair = await matchQuery(bundleEngine(mem.coldReader()), parseQuery("entity:e-all entity:e-some"), both);
        expect(pair.candidates).toEqual((await matchQuery(whole, parseQuery("entity:e-all entity:e-some"), both)).candidates);
        if (pair.approximate) pairs++;
      }),
      { numRuns: 25, seed: 20261206 },
    );
    expect(longLists).toBeGreaterThan(5);
    expect(pairs).toBeGreaterThan(5);
  });
});
