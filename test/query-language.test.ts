import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFromInputs } from "../scripts/lib/pipeline";
import { startWorker, type TestWorker } from "./helpers/worker";

const SEED_A = "000_956f74d6789d3da8"; // Security Council, Norway, Estonia, Kandahar and Herat
const SEED_B = "004_7eada462969b83a1"; // Blinken, Kazakh, Kirby

let worker: TestWorker;
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
    expect(await ids("kabul ")).toEqual(expect.arrayContaining([SEED_A, SEED_B]));
    const without = await ids("kabul -kazakh ");
    expect(without).toContain(SEED_A);
    expect(without).not.toContain(SEED_B);
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
    expect(await ids("evacuations ")).toEqual(expect.arrayContaining(["xss-script"]));
  });
  it("reads malformed syntax leniently", async () => {
    for (const q of ['"unclosed kabul', "kabul - ", "title: kabul", "OR kabul OR", "from:garbage kabul"]) {
      const { status, body } = await worker.json(`/search?q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(body.total).toBeGreaterThan(0);
    }
  });
});

describe("typo tolerance", () => {
  it("finds the seed articles for kabull, kabol and talliban, and says what it corrected", async () => {
    // "kabull" stems to "kabul" already; "kabol" needs a correction.
    expect(await ids("kabull ")).toEqual(expect.arrayContaining([SEED_A, SEED_B]));
    const kabul = await worker.json("/search?q=kabol+");
    expect(kabul.body.hits.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([SEED_A, SEED_B]));
    expect(kabul.body.corrected).toBe("kabul");
    const taliban = await worker.json("/search?q=talliban+");
    expect(taliban.body.hits.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([SEED_A, SEED_B]));
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
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates.length).toBeGreaterThan(1);
  });
  it("recency= lifts recent documents above older equally relevant ones", async () => {
    const plain = await ids("harvest report ");
    const recent = await ids("harvest report ", "&recency=30");
    expect(plain[0]).toBe("harvest-old");
    expect(recent[0]).toBe("harvest-new");
  });
});
