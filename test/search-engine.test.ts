/** @module The search as a user meets it: hits, snippets, paging, phrases, facets, corrections, recency, filters alone, exclusions and the query's bounds. */
import { describe, expect, it } from "vitest";
import { joinedTerms } from "../src/build/flex-export";
import { buildBundle } from "../src/build/write";
import { AppError } from "../src/errors";
import { bundleKey, MANIFEST_DATE_RUNS } from "../src/format/bundle";
import type { EntityRef, SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { FACET_SAMPLE, MAX_EXPANSIONS, MAX_TERMS, matchQuery, type SearchParams, search } from "../src/search/engine";
import { parseQuery } from "../src/search/parse-query";
import { memoryBundle } from "./helpers/memory-bundle";
import { judge, referenceSearch } from "./helpers/reference-search";

interface Doc {
  title: string;
  body: string;
  date?: string;
  url?: string;
  entities?: EntityRef[];
}

const place = (id: string): EntityRef => ({ id, name: id[0]?.toUpperCase() + id.slice(1), type: "place" });
const org = (id: string): EntityRef => ({ id, name: id.toUpperCase(), type: "organization" });

/** A bundle of documents (given in date order, so numbered as given), searched with a cold reader each time. */
async function corpus(docs: Doc[], options: { head?: number; tailChunk?: number; shards?: number } = {}) {
  const documents: SourceDocument[] = docs.map((d, i) => ({
    id: `d${i}`,
    title: d.title,
    body: d.body,
    ...(d.date ? { date: d.date } : {}),
    ...(d.url ? { url: d.url } : {}),
    meta: {},
  }));
  const bundle = await buildBundle(
    { documents, entities: [], byDocument: docs.map((d) => d.entities ?? []) },
    { builtAt: "t", ...options },
  );
  const mem = memoryBundle(bundle);
  return {
    engine: () => bundleEngine(mem.coldReader()),
    /** A search with a cold reader, and the keys it read. */
    searchCounted: async (params: Partial<SearchParams> & { q: string }) => {
      const reader = mem.coldReader();
      const result = await search(bundleEngine(reader), reader, { limit: 10, offset: 0, group: false, ...params });
      return { result, keys: reader.stats.keys };
    },
    search: (params: Partial<SearchParams> & { q: string }) => {
      const reader = mem.coldReader();
      // These corpora repeat a few words: near-duplicates by design, folded only where a test asks (duplicates.test.ts).
      return search(bundleEngine(reader), reader, { limit: 10, offset: 0, group: false, ...params });
    },
    match: (q: string, options: Parameters<typeof matchQuery>[2] = {}) =>
      matchQuery(bundleEngine(mem.coldReader()), parseQuery(q), options),
    oracle: referenceSearch(
      docs.map((d) => ({ title: d.title, body: d.body, date: d.date, entities: (d.entities ?? []).map((e) => e.id) })),
    ),
  };
}

const news: Doc[] = [
  {
    title: "Embassy in Kabul closes",
    body: "The embassy in Kabul closed its doors on Monday. Staff left the city.",
    date: "2021-08-01",
    url: "https://example.org/1",
    entities: [place("kabul")],
  },
  {
    title: "Council meets",
    body: "The security council met to discuss Kabul and the embassy staff.",
    date: "2021-08-02",
    entities: [place("kabul"), org("un")],
  },
  {
    title: "Markets",
    body: "Oil prices rose while the council of ministers met in Herat.",
    date: "2021-08-03",
    entities: [place("herat")],
  },
  { title: "Theatre", body: "A kabuki theatre opened near the kabob shop.", date: "2021-08-04", entities: [org("un")] },
];

describe("hits: what a search returns for each document", () => {
  it("gives each hit its id, title, url, date, score to four decimals, a marked snippet and its entities", async () => {
    const { search: run, match } = await corpus(news);
    const result = await run({ q: "kabul embassy " });
    const best = await match("kabul embassy ");
    expect(result.total).toBe(2);
    expect(result.approximate).toBe(false);
    expect(result.corrected).toBeNull();
    expect(result.query).toBe("kabul embassy ");
    expect(result.hits.map((h) => [h.id, h.title, h.url, h.date])).toEqual([
      ["d0", "Embassy in Kabul closes", "https://example.org/1", "2021-08-01"],
      ["d1", "Council meets", null, "2021-08-02"],
    ]);
    for (const hit of result.hits) expect(hit.score).toBe(Math.round(hit.score * 1e4) / 1e4);
    // The first document has both words side by side in its title and text: the rerank only raises its lead.
    expect(result.hits[0]?.score).toBeGreaterThan(result.hits[1]?.score ?? 0);
    expect(result.hits[0]?.score).toBeGreaterThanOrEqual(Math.round((best.candidates[0]?.score ?? 0) * 1e4) / 1e4);
    expect(result.hits[0]?.snippet).toBe("The <mark>embassy</mark> in <mark>Kabul</mark> closed its doors on Monday. Staff left the city.");
    expect(result.hits[1]?.snippet).toBe("The security council met to discuss <mark>Kabul</mark> and the <mark>embassy</mark> staff.");
    expect(result.hits[1]?.entities).toEqual([place("kabul"), org("un")]);
  });

  it("lists at most eight entities of a hit", async () => {
    const many = Array.from({ length: 11 }, (_, i) => place(`city${String.fromCharCode(97 + i)}`));
    const { search: run } = await corpus([{ title: "Tour", body: "A tour of many cities.", entities: many }]);
    const result = await run({ q: "tour " });
    expect(result.hits[0]?.entities).toEqual(many.slice(0, 8));
    expect(result.hits[0]?.date).toBeNull();
    expect(result.hits[0]?.url).toBeNull();
  });

  it("marks the completions of the word being typed in the snippet", async () => {
    const { search: run } = await corpus(news);
    const result = await run({ q: "kab" });
    expect(result.total).toBe(3);
    const theatre = result.hits.find((h) => h.id === "d3");
    expect(theatre?.snippet).toBe("A <mark>kabuki</mark> theatre opened near the <mark>kabob</mark> shop.");
    // An excluded prefix is not marked.
    const excluded = await run({ q: "embassy -kab*" });
    expect(excluded.hits.map((h) => h.snippet)).toEqual([
      "The <mark>embassy</mark> in Kabul closed its doors on Monday. Staff left the city.",
      "The security council met to discuss Kabul and the <mark>embassy</mark> staff.",
    ]);
  });
});

describe("queries that ask for nothing", () => {
  it("answers only exclusions with nothing", async () => {
    const { search: run } = await corpus(news);
    expect(await run({ q: "-kabul " })).toEqual({
      query: "-kabul ",
      order: "relevance",
      total: 0,
      approximate: false,
      facets: { person: [], organization: [], place: [], lang: [], dates: [] },
      fieldFacets: {},
      facetsExhaustive: true,
      corrected: null,
      hits: [],
    });
  });

  it("answers filters alone with every document they allow, newest first", async () => {
    const { search: run } = await corpus(news);
    const ids = async (params: Partial<SearchParams> & { q: string }) => (await run(params)).hits.map((h) => h.id);
    expect(await ids({ q: "entity:kabul " })).toEqual(["d1", "d0"]);
    expect(await ids({ q: "", entities: ["un"] })).toEqual(["d3", "d1"]);
    expect(await ids({ q: "from:2021-08-03 " })).toEqual(["d3", "d2"]);
    expect(await ids({ q: "to:2021-08-02 " })).toEqual(["d1", "d0"]);
    expect(await ids({ q: "-theatre entity:un " })).toEqual(["d1"]);
    expect(await ids({ q: "from:2021-08-02 to:2021-08-03 entity:kabul " })).toEqual(["d1"]);
    const dated = await run({ q: "from:2021-08-02 " });
    expect(dated.total).toBe(3);
    expect(dated.hits.map((h) => h.score)).toEqual([0, 0, 0]);
  });

  it("finds nothing in dates with no documents", async () => {
    const { search: run } = await corpus(news);
    const result = await run({ q: "from:2022 " });
    expect(result.total).toBe(0);
    expect(result.hits).toEqual([]);
  });
});

/** Documents numbered by date, one a day, their text given; the same words in all unless told. */
const days = (n: number, body: (i: number) => string, title = (i: number) => `report ${i}`): Doc[] =>
  Array.from({ length: n }, (_, i) => ({
    title: title(i),
    body: body(i),
    date: new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10),
  }));

describe("paging", () => {
  it("returns the pages of one ranking, deeper than the facets' sample", async () => {
    // Every document holds the word a different number of times, so that the ranking is strict.
    const docs = days(40, (i) => `${"alpha ".repeat(1 + (i % 7))}filler ${"words ".repeat(i % 5)}`);
    const { search: run, match } = await corpus(docs);
    const all = (await match("alpha ", { want: 40 })).candidates.map((c) => `d${c.doc}`);
    for (const [offset, limit] of [
      [0, 10],
      [10, 10],
      [25, 5],
      [35, 10],
    ] as const) {
      const page = await run({ q: "alpha ", offset, limit });
      expect(page.total).toBe(40);
      expect(page.hits.map((h) => h.id)).toEqual(all.slice(offset, offset + limit));
    }
  });

  it("pages in date order without reranking, newest first", async () => {
    const docs = days(30, (i) => (i % 3 === 0 ? "alpha beta" : "alpha gamma beta"));
    const { search: run } = await corpus(docs);
    const first = await run({ q: "alpha beta ", sort: "date", limit: 5 });
    expect(first.hits.map((h) => h.id)).toEqual(["d29", "d28", "d27", "d26", "d25"]);
    const deeper = await run({ q: "alpha beta ", sort: "date", offset: 22, limit: 5 });
    expect(deeper.hits.map((h) => h.id)).toEqual(["d7", "d6", "d5", "d4", "d3"]);
  });
});

describe("the rerank of the first page", () => {
  // Same words, same lengths: BM25 ties them, and the document number breaks the tie. Only the rerank sees that the
  // later one has the words side by side.
  const docs: Doc[] = [
    { title: "one", body: "security is the first word and council the last", date: "2021-01-01" },
    { title: "two", body: "the first word and the last security council", date: "2021-01-02" },
  ];

  it("puts words side by side first on the first page", async () => {
    const { search: run, match } = await corpus(docs);
    const matched = await match("security council ");
    expect(matched.candidates.map((c) => c.doc)).toEqual([0, 1]);
    expect(matched.candidates[0]?.score).toBeCloseTo(matched.candidates[1]?.score ?? 0, 5);
    expect((await run({ q: "security council " })).hits.map((h) => h.id)).toEqual(["d1", "d0"]);
  });

  it("keeps the engine's order on later pages, in date order, and for one word", async () => {
    const { search: run } = await corpus(docs);
    expect((await run({ q: "security council ", offset: 1, limit: 1 })).hits.map((h) => h.id)).toEqual(["d1"]);
    expect((await run({ q: "security council ", sort: "date" })).hits.map((h) => h.id)).toEqual(["d1", "d0"]);
    const single = await run({ q: "security " });
    expect(single.hits.map((h) => h.id)).toEqual(["d0", "d1"]);
  });
});

describe("quoted phrases", () => {
  // The phrase's words in both documents; the first repeats them apart (a higher BM25), the second has them in order.
  const docs: Doc[] = [
    { title: "a", body: "council members and security staff, council and security again", date: "2021-01-01" },
    { title: "b", body: "the security council voted today on a resolution", date: "2021-01-02" },
    { title: "c", body: "the council alone", date: "2021-01-03" },
  ];

  it("puts the documents holding the phrase itself first, past the first page too", async () => {
    const { search: run, match } = await corpus(docs);
    expect((await match('"security council" ')).candidates.map((c) => c.doc)).toEqual([0, 1, 2]);
    const ids = async (params: Partial<SearchParams>) => (await run({ q: '"security council" ', ...params })).hits.map((h) => h.id);
    expect(await ids({ limit: 1 })).toEqual(["d1"]);
    expect(await ids({ offset: 1, limit: 1 })).toEqual(["d0"]);
    expect(await ids({ offset: 2, limit: 1 })).toEqual(["d2"]);
    expect((await run({ q: '"security council" ' })).total).toBe(3);
  });

  it("keeps the documents holding the phrase first when the first page is reranked", async () => {
    // The words side by side but in the other order, in the title and the body: a higher score and the same closeness.
    const { search: run } = await corpus([
      {
        title: "Cut rate, rates cut",
        body: "Banks cut rates again: a cut rate, rates cut everywhere as rate cuts spread.",
        date: "2021-01-01",
      },
      { title: "June decision", body: "The central bank made a rate cut in June, officials said.", date: "2021-01-02" },
    ]);
    expect((await run({ q: '"rate cut" ' })).hits.map((h) => h.id)).toEqual(["d1", "d0"]);
  });

  it("does not reorder by phrase in date order, nor for words in another order", async () => {
    const { search: run } = await corpus(docs);
    expect((await run({ q: '"security council" ', sort: "date" })).hits.map((h) => h.id)).toEqual(["d1", "d0", "d2"]);
    expect((await run({ q: '"council security" ', offset: 1, limit: 1 })).hits.map((h) => h.id)).toEqual(["d1"]);
  });

  it("checks twice the page's depth for the phrase", async () => {
    // 30 documents with the words apart and a higher score, and the phrase in the last one, 31st by its words alone.
    const apart = days(30, () => "council council security security apart");
    const { search: run, match } = await corpus([...apart, { title: "z", body: "the security council met at last", date: "2021-03-01" }]);
    expect((await match('"security council" ', { want: 31 })).candidates.at(-1)?.doc).toBe(30);
    // A page of 15: the best 30 are checked, and the phrase is not among them.
    expect((await run({ q: '"security council" ', limit: 15 })).hits.map((h) => h.id)).not.toContain("d30");
    // A page of 16: the best 32 are, and it is on the page.
    expect((await run({ q: '"security council" ', limit: 16 })).hits.map((h) => h.id)).toContain("d30");
  });
});

describe("facets", () => {
  it("count the best matches' entities and say when they saw every match", async () => {
    const { search: run } = await corpus(news);
    const result = await run({ q: "kabul " });
    expect(result.facets).toEqual({
      person: [],
      organization: [{ ...org("un"), count: 1 }],
      place: [{ ...place("kabul"), count: 2 }],
      lang: [{ lang: "en", count: 2 }],
      // Both matches, by day: dated by the date runs, with no metadata.
      dates: [
        { period: "2021-08-01", count: 1 },
        { period: "2021-08-02", count: 1 },
      ],
    });
    expect(result.facetsExhaustive).toBe(true);
  });

  it("count the best FACET_SAMPLE even when the page is smaller, and are exhaustive exactly when that is every match", async () => {
    const n = FACET_SAMPLE + 1;
    const docs = days(n, (i) => `alpha ${"beta ".repeat(i)}`).map((d, i) => ({ ...d, entities: [place(`p${i % 3}`)] }));
    const { search: run } = await corpus(docs);
    const one = await run({ q: "alpha ", limit: 1 });
    expect(one.facets.place.reduce((s, f) => s + f.count, 0)).toBe(FACET_SAMPLE);
    expect(one.facetsExhaustive).toBe(false);
    const fewer = await run({ q: "alpha to:2021-01-20 ", limit: 1 });
    expect(fewer.total).toBe(FACET_SAMPLE);
    expect(fewer.facetsExhaustive).toBe(true);
    expect(fewer.facets.place.map((f) => [f.id, f.count])).toEqual([
      ["p0", 7],
      ["p1", 7],
      ["p2", 6],
    ]);
  });

  it("count the listed entities over every match when asked (facets=all), with the tail chunks they need", async () => {
    const n = 3 * FACET_SAMPLE + 5;
    // p0 is in every other document, p1 in every third: the best FACET_SAMPLE hold them in other proportions.
    const docs = days(n, (i) => `alpha ${"beta ".repeat(i % 9)}`).map((d, i) => ({
      ...d,
      entities: [place(i % 2 === 0 ? "p0" : "px"), ...(i % 3 === 0 ? [place("p1")] : [])],
    }));
    const every = (k: number) => Array.from({ length: n }, (_, i) => i).filter((i) => i % k === 0).length;
    const { search: run } = await corpus(docs);
    const sampled = await run({ q: "alpha ", limit: 1 });
    expect(sampled.facetsExhaustive).toBe(false);
    const all = await run({ q: "alpha ", limit: 1, facets: "all" });
    const counts = Object.fromEntries(all.facets.place.map((f) => [f.id, f.count]));
    expect(counts.p0).toBe(every(2));
    expect(counts.p1).toBe(every(3));
    expect(all.facets.place.map((f) => f.count)).toEqual([...all.facets.place.map((f) => f.count)].sort((a, b) => b - a));
    expect(all.facetsExhaustive).toBe(true);
    // With heads of 4 postings the query's own list is read in part: the counts are at most the truth, and say so.
    const { search: partial } = await corpus(docs, { head: 4, tailChunk: 4 });
    const some = await partial({ q: "alpha ", limit: 1, facets: "all" });
    expect(some.facetsExhaustive).toBe(false);
    for (const f of some.facets.place) expect(f.count).toBeLessThanOrEqual(counts[f.id] ?? Number.POSITIVE_INFINITY);
  });
});

describe("date runs", () => {
  it("travel in the manifest when they are few, so a search reads no key for them; many are read with the metadata", async () => {
    for (const [n, inManifest] of [
      [10, true],
      [MANIFEST_DATE_RUNS + 6, false],
    ] as const) {
      const documents: SourceDocument[] = days(n, (i) => `alpha ${"beta ".repeat(i % 5)}`).map((d, i) => ({
        id: `d${i}`,
        title: d.title,
        body: d.body,
        date: d.date as string,
        meta: {},
      }));
      const bundle = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
      expect(bundle.manifest.dates?.length, String(n)).toBe(inManifest ? n : undefined);
      const mem = memoryBundle(bundle);
      const reader = mem.coldReader();
      const result = await search(bundleEngine(reader), reader, { q: "alpha ", limit: 3, offset: 0 });
      // The histogram counts every match either way; the key is read only when the manifest has no runs.
      expect(result.facets.dates.reduce((sum, p) => sum + p.count, 0)).toBe(n);
      expect(mem.reads.includes(bundleKey(bundle.manifest.version, "dates")), String(n)).toBe(!inManifest);
      expect(bundle.values.has(bundleKey(bundle.manifest.version, "dates"))).toBe(true);
    }
  });
});

describe("facets=none", () => {
  it("answers the same hits, total and order with every facet empty, reading only the page's metadata", async () => {
    const n = 3 * FACET_SAMPLE + 5;
    const docs = days(n, (i) => `alpha ${"beta ".repeat(i % 9)} gamma${i}`).map((d, i) => ({ ...d, entities: [place(`p${i % 3}`)] }));
    const { searchCounted } = await corpus(docs);
    for (const params of [
      { q: "alpha ", limit: 5 },
      { q: "alpha beta ", limit: 10, group: true },
      { q: "alpha ", limit: 3, offset: 4, sort: "date" as const },
    ]) {
      const sampled = await searchCounted(params);
      const none = await searchCounted({ ...params, facets: "none" });
      const { facets, fieldFacets, facetsExhaustive, ...rest } = none.result;
      const { facets: sampledFacets, fieldFacets: _, facetsExhaustive: __, ...sampledRest } = sampled.result;
      expect(rest, params.q).toEqual(sampledRest);
      expect(sampledFacets.place.length).toBeGreaterThan(0);
      expect(sampledFacets.dates.length).toBeGreaterThan(0);
      expect(facets).toEqual({ person: [], organization: [], place: [], lang: [], dates: [] });
      expect(fieldFacets).toEqual({});
      expect(facetsExhaustive).toBe(false);
      // Metadata buckets of 4: the page's against the best 20's (5 keys fewer at least here), and no date runs.
      expect(none.keys, params.q).toBeLessThanOrEqual(sampled.keys - 5);
    }
  });
});

describe("typo corrections", () => {
  it("searches the nearest known word and says what it searched", async () => {
    const { search: run, match } = await corpus(news);
    const result = await run({ q: "embasy kabul " });
    expect(result.corrected).toBe("embassy kabul");
    expect(result.hits.map((h) => h.id)).toEqual(["d0", "d1"]);
    const matched = await match("embasy kabul ");
    expect(matched.corrected).toBe("embassy kabul");
    expect(matched.groups[0]?.variants).toEqual(
      new Map([
        ["embasi", 1],
        ["embassi", 0.7],
      ]),
    );
  });

  it("corrects a letter left out or mistyped among a word's first three, from the near lists of the prefix groups", async () => {
    const docs: Doc[] = [0, 1, 2, 3].map((i) => ({
      title: `Report ${i}`,
      body: `Floods in Kenya and a Samsung plant; Odinga spoke ${i}.`,
    }));
    const { match, search: run } = await corpus(docs);
    for (const [typo, word] of [
      ["knya ", "kenya"],
      ["kanya ", "kenya"],
      ["smsung ", "samsung"],
      ["odnga ", "odinga"],
      ["oodinga ", "odinga"],
    ] as const)
      expect([typo, (await match(typo)).corrected]).toEqual([typo, word]);
    expect((await run({ q: "knya floods " })).hits).toHaveLength(4);
  });

  it("corrects neither known words, short words, nor clauses of several words", async () => {
    const { match } = await corpus(news);
    expect((await match("kabul ")).corrected).toBeUndefined();
    expect((await match("kabl ")).corrected).toBe("kabul");
    expect((await match("oyl ")).corrected).toBeUndefined();
    // "emba OR sy" would read "embasy" if its words were joined without the OR.
    expect((await match("emba OR sy ")).corrected).toBeUndefined();
    expect((await match("emba OR sy ")).groups[0]?.word).toBe("emba OR sy");
    // Excluded words are left out of the corrected query.
    expect((await match("embasy -oil ")).corrected).toBe("embassy");
  });

  it("joins an unknown word to its neighbour, and splits words run together, before correcting a typo", async () => {
    const docs: Doc[] = [
      { title: "Heatwave grips Delhi", body: "A heatwave closed schools in Delhi as power demand peaked." },
      { title: "Stock market falls", body: "The stock market fell as oil prices rose in Delhi." },
      { title: "Oil prices and heat", body: "Oil output fell; prices of power rose with the heat and market demand." },
      { title: "Embassy", body: "The embassy in Delhi reopened; an emb and an asy are stray tokens." },
    ];
    const { match, search: run } = await corpus(docs);
    // "wave" is in no document, "heatwave" is: the two words are one.
    const heat = await match("heat wave ");
    expect(heat.corrected).toBe("heatwave");
    expect(heat.candidates[0]?.doc).toBe(0);
    expect(heat.candidates[0]?.matched).toBe(2);
    // Known words are not joined: "oil prices" is two words in the archive.
    expect((await match("oil prices ")).corrected).toBeUndefined();
    // Run together: both halves known, the word not.
    const stock = await run({ q: "stockmarket " });
    expect(stock.corrected).toBe("stock market");
    expect(stock.hits.map((h) => h.id)).toEqual(["d1", "d2"]);
    expect((await match("oilprices delhi ")).corrected).toBe("oil prices delhi");
    // A typo of a more common word than the halves it could be split into is a typo.
    expect((await match("embasy ")).corrected).toBe("embassy");
    // Clauses of several words (OR) are neither joined nor split.
    expect((await match("stock OR market ")).corrected).toBeUndefined();
  });

  it("corrects a typo one edit from a known word rather than split it, and reranks a split word's halves as typed", async () => {
    const docs: Doc[] = [
      { title: "Tools", body: "A useful tool for the market in Delhi." },
      { title: "Use", body: "Full use of the market and the stock in Delhi." },
      { title: "Power", body: "The full use of power and the stock market." },
      { title: "Stock market", body: "The stock market in Delhi rose; Delhi traders cheered." },
    ];
    const { match } = await corpus(docs);
    // "use" and "full" are each in more documents than "useful": a typo one edit away still wins.
    expect((await match("usefull ")).corrected).toBe("useful");
    const split = await match("stockmarket delhi ");
    expect(split.corrected).toBe("stock market delhi");
    expect(split.groups.map((g) => g.typed)).toEqual([["stock"], ["market"], ["delhi"]]);
  });

  it("reads a query of many hyphenated words as their parts when their joined forms do not fit the bound on terms", async () => {
    const { match } = await corpus(news);
    const words = Array.from({ length: 11 }, (_, i) => `wk${String.fromCharCode(97 + i)}-wl${String.fromCharCode(97 + i)}`);
    const many = await match(`${words.join(" ")} `);
    expect(many.groups).toHaveLength(22);
  });

  it("matches a hyphenated word written together, and a word written together hyphenated", async () => {
    const docs: Doc[] = [
      { title: "Truce holds", body: "A cease-fire was agreed on Monday in the north." },
      { title: "Results", body: "Pretax profit rose 12% in the year." },
      { title: "Tax", body: "A tax cut before the vote." },
    ];
    const { match } = await corpus(docs);
    // The build indexes "cease-fire" as "ceasefire" too (and as its two words, as before).
    const truce = await match("ceasefire ");
    expect(truce.candidates.map((c) => c.doc)).toEqual([0]);
    expect(truce.corrected).toBeUndefined();
    expect((await match("cease fire ")).candidates[0]?.doc).toBe(0);
    // A query's hyphenated word also matches it written as one: "pre-tax" finds "pretax", matching both of its clauses.
    const pretax = await match("pre-tax ");
    expect(pretax.candidates[0]).toMatchObject({ doc: 1, matched: 2 });
    expect(parseQuery("pre-tax cut").clauses.map((c) => c.compound)).toEqual(["pretax", "pretax", undefined]);
    // Not after a stop word: "no-one" is no "noon".
    expect(joinedTerms("No-one signed the cease-fire.")).toEqual(["ceasefir"]);
  });

  it("reads letters written with dots as the word they spell, in the text and in the query", async () => {
    const docs: Doc[] = [
      { title: "Sanctions", body: "The U.S. imposed sanctions on Monday." },
      { title: "Trade", body: "US exports rose in March." },
      { title: "Tariffs", body: "The U.K. and the E.U. talked about steel." },
    ];
    const { match, search: run } = await corpus(docs);
    // "US" finds the text that writes "U.S.", and "U.S." the one that writes "US".
    expect((await match("US sanctions ")).candidates.map((c) => [c.doc, c.matched])).toEqual([
      [0, 2],
      [1, 1],
    ]);
    expect((await match("U.S. ")).candidates.map((c) => c.doc).sort()).toEqual([0, 1]);
    expect((await match("uk ")).candidates.map((c) => c.doc)).toEqual([2]);
    expect((await run({ q: "US sanctions" })).hits[0]?.snippet).toBe("The <mark>U.S.</mark> imposed <mark>sanctions</mark> on Monday.");
  });

  it("adds no correction beyond the query's bound on terms", async () => {
    const words = Array.from(
      { length: MAX_TERMS - 1 },
      (_, i) => `zq${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`,
    );
    const { match } = await corpus(news);
    // 30 unknown words and a typo: 31 terms, room for one correction, the typo's.
    const room = words.slice(1).join(" ");
    expect((await match(`${room} embasy `)).corrected).toBe(`${room} embassy`);
    // 31 unknown words and a typo: no room left.
    const full = await match(`${words.join(" ")} embasy `);
    expect(full.corrected).toBeUndefined();
    expect(full.groups.at(-1)?.variants).toEqual(new Map([["embasi", 1]]));
  });
});

describe("completions of the word being typed", () => {
  it("count a completion at 0.8 of the word itself", async () => {
    const { match } = await corpus(news);
    const typed = await match("embass");
    const whole = await match("embassy ");
    expect(typed.groups[0]?.variants.get("embassi")).toBe(0.8);
    expect(typed.candidates.map((c) => c.doc)).toEqual(whole.candidates.map((c) => c.doc));
    for (const [i, c] of typed.candidates.entries()) expect(c.score).toBeCloseTo(0.8 * (whole.candidates[i]?.score ?? 0), 5);
  });

  it("keeps a word typed whole at its own weight", async () => {
    const { match } = await corpus(news);
    const got = await match("kabul");
    expect(got.groups[0]?.variants.get("kabul")).toBe(1);
    // Finished, it is not completed: "kabuki" is not one of its terms.
    expect([...(await match("kabul ")).groups[0]!.variants.keys()]).toEqual(["kabul"]);
  });

  it("never lets a rare completion outweigh the word typed: a document naming it once ranks below those naming the word", async () => {
    // "blair" in 30 documents (more weight, less idf), "blairite" once: the whole word's documents come first.
    const docs: Doc[] = [
      ...Array.from({ length: 30 }, (_, i) => ({ title: `Report ${i}`, body: `Blair spoke in parliament about the budget number ${i}.` })),
      { title: "Leadership", body: "A Blairite minister resigned on Friday after a long dispute about the leadership of the party." },
    ];
    const { match } = await corpus(docs);
    const typed = await match("blair", { want: 31 });
    expect(typed.groups[0]?.variants.get("blairit")).toBe(0.8);
    expect(typed.candidates.at(-1)?.doc).toBe(30);
    expect(typed.total).toBe(31);
  });

  it(`tries the ${MAX_EXPANSIONS} most frequent completions`, async () => {
    // kaba in 10 documents, kabb in 9, … kabj in 1: the two rarest are not tried.
    const letters = "abcdefghij";
    const docs: Doc[] = [...letters].flatMap((l, k) => Array.from({ length: 10 - k }, () => ({ title: "x", body: `kab${l}` })));
    const { match } = await corpus(docs);
    const got = await match("kab", { want: 100 });
    expect([...got.groups[0]!.variants.keys()].sort()).toEqual(["kab", ..."abcdefgh"].map((l, i) => (i === 0 ? l : `kab${l}`)).sort());
    expect(got.total).toBe(10 + 9 + 8 + 7 + 6 + 5 + 4 + 3);
  });
});

describe("recency", () => {
  // Same text everywhere: BM25 ties them all, so only the boost orders them.
  const docs: Doc[] = [
    { title: "note", body: "alpha" },
    { title: "note", body: "alpha", date: "2021-08-01" },
    { title: "note", body: "alpha", date: "2021-08-01" },
    { title: "note", body: "alpha", date: "2021-08-11" },
    { title: "note", body: "alpha", date: "2021-08-21" },
    { title: "note", body: "alpha", date: "2021-08-21" },
  ];

  it("halves the bonus of a document for every half-life it is older than the newest, undated ones at half", async () => {
    const { match } = await corpus(docs);
    const plain = await match("alpha ", { want: 10 });
    const base = plain.candidates[0]?.score ?? 0;
    expect(plain.candidates.every((c) => c.score === base)).toBe(true);
    const boosted = await match("alpha ", { want: 10, recencyDays: 10 });
    const factor = Object.fromEntries(boosted.candidates.map((c) => [c.doc, c.score / base]));
    expect(factor[5]).toBeCloseTo(1, 6);
    expect(factor[4]).toBeCloseTo(1, 6);
    expect(factor[3]).toBeCloseTo(0.75, 6);
    expect(factor[2]).toBeCloseTo(0.625, 6);
    expect(factor[1]).toBeCloseTo(0.625, 6);
    expect(factor[0]).toBeCloseTo(0.5, 6);
    expect(boosted.candidates.map((c) => c.doc)).toEqual([4, 5, 3, 1, 2, 0]);
    const slower = await match("alpha ", { want: 10, recencyDays: 20 });
    expect((slower.candidates.find((c) => c.doc === 1)?.score ?? 0) / base).toBeCloseTo(0.5 + 0.5 * 2 ** -1, 6);
  });
});

describe("the query's bounds", () => {
  const distinct = (n: number) => Array.from({ length: n }, (_, i) => `w${i}x`);

  it(`refuses a query of more than ${MAX_TERMS} terms before reading anything`, async () => {
    const { match } = await corpus(news);
    await expect(match(`${distinct(MAX_TERMS).join(" ")} `)).resolves.toMatchObject({ total: 0 });
    const refused = match(`${distinct(MAX_TERMS + 1).join(" ")} `);
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({
      code: "query_too_complex",
      message: `The query needs at least ${MAX_TERMS + 1} index terms (its distinct words and filters); at most ${MAX_TERMS} are allowed.`,
    });
    // Entities are terms too.
    await expect(match(`${distinct(MAX_TERMS).join(" ")} entity:kabul `)).rejects.toMatchObject({ code: "query_too_complex" });
    // A word and its plural are one term.
    await expect(match(`${distinct(MAX_TERMS - 1).join(" ")} embassy embassies `)).resolves.toMatchObject({ total: 2 });
  });

  it("counts a prefix's completions and the excluded words against the bound", async () => {
    const { match } = await corpus(news);
    // 30 words and "kab", which completes to kabul, kabuki and kabob: 34 terms.
    await expect(match(`${distinct(30).join(" ")} kab`)).rejects.toMatchObject({
      code: "query_too_complex",
      message: `The query needs 34 index terms; at most ${MAX_TERMS} are allowed.`,
    });
    await expect(match(`${distinct(28).join(" ")} kab`)).resolves.toMatchObject({ total: 3 });
    await expect(match(`${distinct(29).join(" ")} -kab* kabul `)).resolves.toMatchObject({ total: 2 });
  });
});

describe("exclusions", () => {
  it("leaves out every document holding an excluded word, as the oracle does", async () => {
    const { match, oracle } = await corpus(news);
    for (const q of ["kabul -staff ", "council -oil ", "kabul OR council -security "]) {
      const got = await match(q, { want: 10 });
      expect(judge(got, oracle(parseQuery(q), { want: 10 }), 10), q).toEqual([]);
    }
  });

  it("reads the chunks of a long excluded list that could hold the page's documents", async () => {
    // "beta" in every third document; small heads and one-document chunks put most of its list in its tail.
    const docs = days(30, (i) => (i % 3 === 0 ? "alpha beta" : `alpha ${"gamma ".repeat(i % 4)}`));
    const { match, oracle } = await corpus(docs, { head: 2, tailChunk: 1 });
    const got = await match("alpha -beta ", { want: 5 });
    const allowed = new Set(oracle(parseQuery("alpha -beta "), { want: 30 }).ranked.map((s) => s.doc));
    expect(allowed.size).toBe(20);
    expect(got.candidates).toHaveLength(5);
    for (const c of got.candidates) expect(allowed.has(c.doc)).toBe(true);
  });

  it("refuses an excluded word in too many documents to check within one request", async () => {
    // Every document holds both words, one a chunk: a page of 20 needs 20 chunks of "alpha", then 20 of "beta".
    const docs = days(60, (i) => `alpha beta ${"gamma ".repeat(i % 3)}`);
    const { match } = await corpus(docs, { head: 1, tailChunk: 1 });
    await expect(match("alpha -beta ", { want: 10 })).resolves.toMatchObject({ candidates: [] });
    const refused = match("alpha -beta ", { want: 20 });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({
      code: "query_too_broad",
      message: "An excluded word is in too many documents to check in one request: narrow the query.",
    });
  });
});

describe("an archive without dates", () => {
  const undated: Doc[] = [
    { title: "Budget plans", body: "The budget plans were set out in London." },
    { title: "Spending record", body: "The spending record was defended in London." },
  ];

  it("refuses date order, recency and date ranges with dates_unavailable, and answers the rest", async () => {
    const { search: run } = await corpus(undated);
    const refused = async (params: Partial<SearchParams> & { q: string }) => {
      const error = await run(params).catch((e: unknown) => e);
      expect(error, JSON.stringify(params)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("dates_unavailable");
    };
    await refused({ q: "london ", sort: "date" });
    await refused({ q: "london ", recencyDays: 30 });
    await refused({ q: "london from:2021-08 " });
    await refused({ q: "london to:2021 " });
    expect((await run({ q: "london " })).total).toBe(2);
    // One dated document is enough for dates to mean something.
    const { search: dated } = await corpus([...undated, { title: "Later", body: "London again.", date: "2021-08-01" }]);
    expect((await dated({ q: "london ", sort: "date" })).hits[0]?.title).toBe("Later");
  });
});
