import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";

const SEED_A = "000_956f74d6789d3da8"; // Security Council, Norway, Estonia, Kandahar and Herat
const SEED_B = "004_7eada462969b83a1"; // Blinken, Kazakh, Kirby
/** What "kabul " finds in this corpus, best first. */
const KABUL = ["cafe-notes", "xss-script", SEED_B, SEED_A, "xss-link"];

let worker: TestWorker;
const search = (q: string) => `/search?q=${encodeURIComponent(q)}`;
/** An answer without what differs between two spellings of one query: the echoed query and the time taken. */
const meaning = ({ query: _query, took_ms: _took, ...rest }: Record<string, unknown>) => rest;
const ids = async (q: string, extra = "") => {
  const { body } = await worker.json(`/search?q=${encodeURIComponent(q)}${extra}`);
  return body.hits.map((h: { id: string }) => h.id);
};

beforeAll(async () => {
  const { bundle } = await buildFromInputs(["seeds", "test/fixtures/corpus", "test/fixtures/ranking"], {
    builtAt: "2026-01-01T00:00:00.000Z",
  });
  worker = await startWorker();
  await worker.load(bundle);
});
afterAll(() => worker?.dispose());

describe("the query language", () => {
  it('"exact phrase": a document holding the phrase outranks one with the words apart', async () => {
    expect((await ids('"supply chain" ')).slice(0, 2)).toEqual(["phrase-together", "phrase-apart"]);
    // phrase-apart holds "chain" twice, so by its words alone it scores higher.
    const { body } = await worker.json("/search?q=supply+chain+&limit=2");
    expect(body.hits.map((h: { id: string }) => h.id).sort()).toEqual(["phrase-apart", "phrase-together"]);
  });
  it("-excluded drops documents holding the word", async () => {
    const all = await ids("kabul ");
    expect(all).toEqual(KABUL);
    // Only the article naming the Kazakh minister is left out; the others keep their order.
    expect(await ids("kabul -kazakh ")).toEqual(all.filter((id: string) => id !== SEED_B));
  });
  it("a OR b matches either word", async () => {
    expect((await ids("estonia OR tleuberdi ")).sort()).toEqual([SEED_A, SEED_B]);
    expect(await ids("estonia tleuberdi ")).toHaveLength(2); // partial matches still come after
  });
  it("title:word matches titles only", async () => {
    expect(await ids("title:kazakh ")).toEqual([SEED_B]);
    expect(await ids("title:norway ")).toEqual([]);
  });
  it("from: and to: keep documents dated in the range", async () => {
    expect(await ids("kabul from:2021-08-17 to:2021-08-17 ")).toEqual(["xss-link"]);
    expect((await ids("kabul from:2021-08 ")).sort()).toEqual(["xss-link", "xss-script"]);
  });
  it("entity:<id> and the entity= parameter keep documents mentioning the entity", async () => {
    expect(await ids("afghanistan entity:antony-blinken ")).toEqual([SEED_B]);
    expect(await ids("afghanistan ", "&entity=antony-blinken")).toEqual([SEED_B]);
    expect(await ids("entity:antony-blinken")).toEqual([SEED_B]); // a filter alone lists the entity's documents
  });
  it("a trailing * or the word being typed matches as a prefix", async () => {
    expect(await ids("tleub* ")).toEqual([SEED_B]);
    expect(await ids("tleub")).toEqual([SEED_B]);
    expect(await ids("tleub ")).toEqual([]);
  });
  it("stems words, and still prefers the word as typed", async () => {
    expect(await ids("evacuations ")).toEqual(["xss-script"]); // "Evacuation flights"
  });
  it("reads malformed syntax leniently, as the well-formed query it stands for", async () => {
    // [malformed, the same query well formed, documents it matches, offset]
    const cases: [string, string, number, number?][] = [
      ['"unclosed kabul', '"unclosed kabul"', 5], // an unclosed quote runs to the end
      ['"supply chain', '"supply chain"', 3, 1], // ... and is still a phrase (past the first page, only the phrase orders hits)
      ['kabul "embassy', "kabul embassy ", 5], // a one-word phrase is the word
      ['kabul "" embassy ', "kabul embassy ", 5], // an empty phrase is nothing
      ["kabul kabul ", "kabul ", 5], // a repeated word counts once
      ["kabul - ", "kabul ", 5], // a lone - is ignored
      ["- kabul", "kabul", 5],
      ["title: kabul", "kabul", 5], // an operator with nothing after it is ignored
      ["entity: kabul", "kabul", 5],
      ["from: kabul", "kabul", 5],
      ["OR kabul OR", "kabul", 5], // OR with nothing on one side
      ["estonia OR OR tleuberdi ", "estonia OR tleuberdi ", 2],
      [`${"kabul OR ".repeat(30)}herat `, "kabul OR herat ", 5], // a long chain of one word
      ["from:garbage kabul", "from garbage kabul", 5], // no date: plain words
      ["from:banana kabul", "from banana kabul", 5],
      ["to:banana kabul", "to banana kabul", 5],
      // "kaza" being typed finds "Kazakh" (a prefix); an emoji, a control character or a quote after it ends the word.
      ["kaza 🙂", "kaza ", 0],
      ["kaza\u0007", "kaza ", 0],
      ['kaza"', "kaza ", 0],
      ["kabul 🙂", "kabul ", 5],
      ["kabul\u0000embassy", "kabul embassy", 5], // a control character separates words
      ["kabul\tembassy ", "kabul embassy ", 5],
    ];
    for (const [malformed, wellFormed, total, offset = 0] of cases) {
      const page = `&offset=${offset}`;
      const [a, b] = await Promise.all([worker.json(search(malformed) + page), worker.json(search(wellFormed) + page)]);
      expect(a.status, JSON.stringify(malformed)).toBe(200);
      expect(a.body.query).toBe(malformed);
      expect(meaning(a.body), JSON.stringify(malformed)).toEqual(meaning(b.body));
      expect(b.body.total, wellFormed).toBe(total);
      expect(b.body.hits, wellFormed).toHaveLength(total - offset);
    }
    expect(await ids("kaza")).toEqual([SEED_B]);
  });
  it("answers malformed syntax that leaves nothing to search with no hits", async () => {
    const none = {
      order: "relevance",
      total: 0,
      total_approximate: false,
      corrected: null,
      facets: { person: [], organization: [], place: [], lang: [], dates: [] },
      facets_exhaustive: true,
      hits: [],
    };
    for (const q of ["-", "- -", '"', '""', "title:", "entity:", "lang:", "from:", "OR", "🙂", "\u0001", "to:banana", "-kabul -embassy"]) {
      const { status, body } = await worker.json(search(q));
      expect(status, JSON.stringify(q)).toBe(200);
      expect(body.query).toBe(q);
      expect(meaning(body), JSON.stringify(q)).toEqual(none);
    }
  });
  it("refuses an OR chain of too many distinct words with its code, and answers one within bounds", async () => {
    const chain = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" OR ");
    const within = await worker.json(search(`${chain(20)} OR kandahar `));
    expect(within.status).toBe(200);
    expect(within.body.hits.map((h: { id: string }) => h.id)).toEqual([SEED_A]);
    expect(meaning(within.body)).toEqual(meaning((await worker.json(search("kandahar "))).body));
    const { status, body } = await worker.json(search(chain(40)));
    expect(status).toBe(400);
    expect(body).toEqual({
      error: {
        code: "query_too_complex",
        message: "The query needs at least 40 index terms (its distinct words and filters); at most 32 are allowed.",
      },
    });
  });
});

describe("typo tolerance", () => {
  it("finds the seed articles for kabull, kabol and talliban, and says what it corrected", async () => {
    // "kabull" stems to "kabul" already; "kabol" needs a correction.
    expect(await ids("kabull ")).toEqual(KABUL);
    expect((await worker.json("/search?q=kabull+")).body.corrected).toBeNull();
    // A correction finds what the right word finds, in the same order, scored lower than the word itself.
    const kabul = await worker.json("/search?q=kabol+");
    const exact = await worker.json("/search?q=kabul+");
    expect(kabul.body.hits.map((h: { id: string }) => h.id)).toEqual(KABUL);
    expect(kabul.body.corrected).toBe("kabul");
    expect(kabul.body.total).toBe(exact.body.total);
    kabul.body.hits.forEach((h: { score: number }, i: number) => {
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThan(exact.body.hits[i].score);
    });
    const taliban = await worker.json("/search?q=talliban+");
    expect(taliban.body.hits.map((h: { id: string }) => h.id)).toEqual([SEED_A, SEED_B]);
    expect(taliban.body.corrected).toBe("taliban");
  });
  it("does not correct words that match", async () => {
    expect((await worker.json("/search?q=kabul+")).body.corrected).toBeNull();
  });
});

describe("news options", () => {
  it("sort=date puts the newest first", async () => {
    const { body } = await worker.json("/search?q=kabul+&sort=date");
    const dates = body.hits.map((h: { date: string | null }) => h.date).filter(Boolean);
    expect(dates).toEqual(["2021-08-17", "2021-08-16"]);
    // Then the undated ones, by relevance.
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual(["xss-link", "xss-script", "cafe-notes", SEED_B, SEED_A]);
    expect(body.total).toBe(5);
  });
  it("recency= lifts recent documents above older equally relevant ones", async () => {
    const plain = await ids("harvest report ");
    const recent = await ids("harvest report ", "&recency=30");
    expect(plain).toEqual(["harvest-old", "harvest-new", "xss-script", SEED_B, SEED_A]);
    expect(recent).toEqual(["harvest-new", "harvest-old", "xss-script", SEED_B, SEED_A]);
  });
});
