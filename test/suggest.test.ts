import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { type Bundle, buildBundle } from "../src/build/write";
import { bundleKey } from "../src/format/bundle";
import type { EntityRecord, SourceDocument } from "../src/format/schema";
import { bundleEngine } from "../src/search/bundle-engine";
import { search } from "../src/search/engine";
import { suggest, typedHead } from "../src/search/suggest";
import { memoryBundle } from "./helpers/memory-bundle";

interface Fixture {
  documents: SourceDocument[];
  entities: Pick<EntityRecord, "id" | "name" | "type" | "mentions">[];
}

let bundle: Bundle;
beforeAll(async () => {
  const fixture = JSON.parse(readFileSync("test/fixtures/typeahead/corpus.json", "utf8")) as Fixture;
  const entities = fixture.entities.map((e) => ({ ...e, aliases: [], roles: [], documents: { count: 1, ids: ["embassy"] }, related: [] }));
  bundle = await buildBundle({ documents: fixture.documents, entities, byDocument: fixture.documents.map(() => []) }, { builtAt: "t" });
});

async function suggested(q: string, limit = 5) {
  const memory = memoryBundle(bundle);
  const reader = memory.coldReader();
  const found = await suggest(bundleEngine(reader), reader, q, limit);
  const prefixReads = memory.reads.filter((k) => k.startsWith(bundleKey(bundle.manifest.version, "prefix")));
  return { ...found, prefixReads };
}

/** The titles a search for the same query finds, the reference for the suggestions' titles. */
async function searchedTitles(q: string, limit = 5) {
  const reader = memoryBundle(bundle).coldReader();
  return (await search(bundleEngine(reader), reader, { q, limit, offset: 0 })).hits.map((h) => ({ id: h.id, title: h.title }));
}

const entity = (id: string, name: string, type: string, mentions: number) => ({ id, name, type, mentions });
const kabirKhan = entity("kabir-khan", "Kabir Khan", "person", 9);
const kabulAirport = entity("kabul-airport", "Kabul Airport", "place", 5);
const khanKabulCo = entity("khan-kabul-co", "Khan Kabul Co", "organization", 1);
const securityCouncil = entity("security-council", "Security Council", "organization", 7);
const councilOfEurope = entity("council-of-europe", "Council of Europe", "organization", 20);

describe("suggestions", () => {
  it("complete the word being typed from the dictionary, most frequent first", async () => {
    const found = await suggested("kab");
    expect(found.query).toBe("kab");
    expect(found.terms).toEqual([
      { text: "kabul", documents: 4 },
      { text: "kabuki", documents: 1 },
    ]);
  });

  it("complete a two-letter start from its own group", async () => {
    expect((await suggested("ka")).terms).toEqual([
      { text: "kabul", documents: 4 },
      { text: "kabuki", documents: 1 },
      { text: "kandahar", documents: 1 },
    ]);
  });

  it("offer only the words starting with everything typed", async () => {
    expect((await suggested("kabul")).terms).toEqual([{ text: "kabul", documents: 4 }]);
    expect((await suggested("kabuk")).terms).toEqual([{ text: "kabuki", documents: 1 }]);
    expect((await suggested("kabx")).terms).toEqual([]);
  });

  it("fold what is typed before completing it, leading spaces left out", async () => {
    expect((await suggested("KAB")).terms.map((t) => t.text)).toEqual(["kabul", "kabuki"]);
    expect((await suggested("  kab")).terms.map((t) => t.text)).toEqual(["kabul", "kabuki"]);
  });

  it("repeat the words typed before the last one, as typed", async () => {
    // Counted with the words before: each is in one document with "security".
    expect((await suggested("SECURITY  co")).terms).toEqual([
      { text: "SECURITY coalition", documents: 1 },
      { text: "SECURITY council", documents: 1 },
    ]);
    expect((await suggested("kabul OR kan")).terms).toEqual([{ text: "kabul OR kandahar", documents: 1 }]);
  });

  it("keep an operator or a minus joined to the word it applies to", async () => {
    expect((await suggested("title:kab")).terms.map((t) => t.text)).toEqual(["title:kabul", "title:kabuki"]);
    expect((await suggested('"security council" -coa')).terms.map((t) => t.text)).toEqual(['"security council" -coalition']);
  });

  it("list entities with a word starting with what is typed, most mentioned first", async () => {
    expect((await suggested("kab")).entities).toEqual([kabirKhan, kabulAirport, khanKabulCo]);
    expect((await suggested("kabu")).entities).toEqual([kabulAirport, khanKabulCo]);
    expect((await suggested("co")).entities).toEqual([councilOfEurope, securityCouncil, khanKabulCo]);
  });

  it("list only the entities whose names hold a word starting with each word typed before", async () => {
    expect((await suggested("security co")).entities).toEqual([securityCouncil]);
    expect((await suggested("kabir kh")).entities).toEqual([kabirKhan]);
    expect((await suggested("kab kh")).entities).toEqual([kabirKhan, khanKabulCo]);
    expect((await suggested("security europe co")).entities).toEqual([]);
  });

  it("give the titles of the best matches for the query as its first completion has it, or as it stands", async () => {
    for (const q of ["kab", "security co", "kabul emb"]) {
      const found = await suggested(q);
      expect(found.titles, q).toEqual(await searchedTitles(`${found.terms[0]?.text} `));
    }
    // Finished, or with no completion: the query as it stands.
    for (const q of ["kab ", "zzq"]) expect((await suggested(q)).titles, q).toEqual(await searchedTitles(q));
    expect((await suggested("security co")).titles).toEqual([
      { id: "council", title: "Security council meets" },
      { id: "coalition", title: "Coalition talks" },
    ]);
  });

  it("read the metadata of the titles they give only: no facet sample, no date runs", async () => {
    // 40 dated documents all matching: a search with facets reads the metadata of its best 20 and the date runs.
    const documents: SourceDocument[] = Array.from({ length: 40 }, (_, i) => ({
      id: `d${i}`,
      title: `Kabul report ${i}`,
      body: `Kabul ${"news ".repeat(i % 7)}today.`,
      date: `2021-01-${String(1 + (i % 28)).padStart(2, "0")}`,
      meta: {},
    }));
    documents.sort((a, b) => (a.date as string).localeCompare(b.date as string) || a.id.localeCompare(b.id));
    const dated = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
    const memory = memoryBundle(dated);
    const reader = memory.coldReader();
    const found = await suggest(bundleEngine(reader), reader, "kab", 5);
    expect(found.titles).toHaveLength(5);
    const version = dated.manifest.version;
    const number = new Map(documents.map((d, i) => [d.id, i]));
    const size = dated.manifest.layout.metaSize;
    const buckets = new Set(found.titles.map((t) => bundleKey(version, "meta", Math.floor((number.get(t.id) as number) / size))));
    expect(new Set(memory.reads.filter((k) => k.includes("/meta/")))).toEqual(buckets);
    expect(memory.reads).not.toContain(bundleKey(version, "dates"));
  });

  it("give no titles when asked for none, and read nothing for them", async () => {
    for (const q of ["kab", "security co", "kabul emb"]) {
      const memory = memoryBundle(bundle);
      const reader = memory.coldReader();
      const without = await suggest(bundleEngine(reader), reader, q, 5, { titles: false });
      const { prefixReads: _, ...whole } = await suggested(q);
      expect(without, q).toEqual({ ...whole, titles: [] });
      expect(whole.titles.length, q).toBeGreaterThan(0);
      expect(
        memory.reads.filter((k) => k.includes("/meta/")),
        q,
      ).toEqual([]);
    }
  });

  it("give at most `limit` of each", async () => {
    const found = await suggested("kab", 1);
    expect(found.terms).toEqual([{ text: "kabul", documents: 4 }]);
    expect(found.entities).toEqual([kabirKhan]);
    expect(found.titles).toEqual(await searchedTitles("kabul ", 1));
    expect(found.titles).toHaveLength(1);
  });

  it("complete nothing once the word is finished, and read no completions for it", async () => {
    const found = await suggested("kab ");
    expect(found).toMatchObject({ terms: [], entities: [] });
    expect(found.prefixReads).toEqual([]);
    expect((await suggested("kab.")).terms).toEqual([]);
  });

  it("complete nothing from one letter, and read no completions for it", async () => {
    expect(await suggested("s")).toMatchObject({ terms: [], entities: [], prefixReads: [] });
    const found = await suggested("k");
    expect(found).toMatchObject({ terms: [], entities: [] });
    expect(found.prefixReads).toEqual([]);
    expect((await suggested("kab")).prefixReads).toHaveLength(1);
  });

  it("are empty when nothing is typed but symbols", async () => {
    for (const q of ["", "  ", "!!", '"']) {
      expect(await suggested(q)).toEqual({ query: q, terms: [], entities: [], titles: [], prefixReads: [] });
    }
  });
});

describe("the words typed before the last one", () => {
  it("are what precedes the last run of letters, without the space before it", () => {
    expect(typedHead("Security coun")).toBe("Security");
    expect(typedHead("Security   coun")).toBe("Security");
    expect(typedHead('"security council" -tal')).toBe('"security council" -');
    expect(typedHead("title:kab")).toBe("title:");
    expect(typedHead("Café 2021")).toBe("Café");
    expect(typedHead("cafe\u0301")).toBe("");
  });

  it("are empty for a single word or a finished query", () => {
    expect(typedHead("coun")).toBe("");
    expect(typedHead("")).toBe("");
    expect(typedHead("security council ")).toBe("");
    expect(typedHead("security council.")).toBe("");
  });
});

describe("titles as the word being typed completes", () => {
  it("follow its most frequent completion, not a rarer one whose idf ranks it first", async () => {
    const gordon = (i: number): SourceDocument => ({
      id: `gordon-${i}`,
      title: `Gordon Brown on the budget ${i}`,
      body: `Gordon Brown spoke about the budget, part ${i}.`,
      meta: {},
    });
    const gorges: SourceDocument = {
      id: "gorges",
      title: "Three Gorges dam",
      body: "The Three Gorges dam on the Yangtze is full.",
      meta: {},
    };
    const documents = [...Array.from({ length: 6 }, (_, i) => gordon(i)), gorges];
    const built = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
    const reader = memoryBundle(built).coldReader();
    const found = await suggest(bundleEngine(reader), reader, "gor", 3);
    expect(found.terms[0]).toEqual({ text: "gordon", documents: 6 });
    expect(found.titles.map((t) => t.id)).not.toContain("gorges");
    expect(found.titles).toHaveLength(3);
    // The search for what was typed ranks the rare word first: what the titles used to show.
    const again = memoryBundle(built).coldReader();
    const typed = await search(bundleEngine(again), again, { q: "gor", limit: 3, offset: 0 });
    expect(typed.hits[0]?.id).toBe("gorges");
  });
});

describe("completions after other words", () => {
  it("go by the documents holding the words before and the completion, with that count, and drop those holding none", async () => {
    const doc = (id: string, body: string): SourceDocument => ({ id, title: id, body, meta: {} });
    const documents = [
      ...Array.from({ length: 3 }, (_, i) => doc(`blair-${i}`, `Tony Blair spoke to MPs, session ${i}.`)),
      ...Array.from({ length: 6 }, (_, i) => doc(`black-${i}`, `Black clouds over the harbour, day ${i}.`)),
      doc("blamed", "Tony blamed the weather."),
    ];
    const built = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
    const reader = memoryBundle(built).coldReader();
    const found = await suggest(bundleEngine(reader), reader, "tony bl", 5);
    // "black" is the most frequent completion of "bl", but never with "tony".
    expect(found.terms).toEqual([
      { text: "tony blair", documents: 3 },
      { text: "tony blamed", documents: 1 },
    ]);
    // The titles are the search's for "tony blair": the three holding both words first.
    expect(
      found.titles
        .slice(0, 3)
        .map((t) => t.id)
        .sort(),
    ).toEqual(["blair-0", "blair-1", "blair-2"]);
    // Alone, "bl" completes by frequency.
    const alone = memoryBundle(built).coldReader();
    expect((await suggest(bundleEngine(alone), alone, "bl", 5)).terms[0]).toEqual({ text: "black", documents: 6 });
  });

  it("count the documents of every language, each stemming the words as its own", async () => {
    const doc = (id: string, body: string, lang: string): SourceDocument => ({ id, title: id, body, lang, meta: {} });
    const documents = [
      ...Array.from({ length: 4 }, (_, i) =>
        doc(`en-${i}`, `Striker Jonas Müller scored twice for the club, match report ${i}, and the fans sang.`, "en"),
      ),
      ...Array.from({ length: 3 }, (_, i) =>
        doc(`de-${i}`, `Der Stürmer Jonas Müller traf zweimal für den Verein, Bericht ${i}, und die Fans sangen laut.`, "de"),
      ),
    ];
    const built = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) }, { builtAt: "t" });
    expect(built.manifest.engine.languages).toEqual(["en", "de"]);
    const reader = memoryBundle(built).coldReader();
    const found = await suggest(bundleEngine(reader), reader, "jonas mu", 5);
    expect(found.terms[0]).toEqual({ text: "jonas muller", documents: 7 });
  });
});
