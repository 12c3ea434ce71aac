/**
 * @module Near-duplicates (found at build by MinHash over shingles, folded in /search, listed by /documents/:id) and
 * related articles (`/documents/:id/similar`); in Node and in workerd.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { nearDuplicates, SIGNATURE, signatureOf, signaturesOf, similarity } from "../src/build/duplicates";
import { buildFromInputs } from "../src/build/pipeline";
import { type FieldPostings, MAX_SIMILAR, similarDocuments } from "../src/build/similar";
import { foldWords } from "../src/format/analyzer";
import { bm25 } from "../src/format/scoring";
import { parseServerTiming } from "../src/worker/http/server-timing";

const FIXTURE = "test/fixtures/duplicates/stories.jsonl";
type Story = { id: string; title: string; body: string; date: string };
const stories = readFileSync(FIXTURE, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Story);
const numberOf = (id: string) => stories.findIndex((s) => s.id === id);
const timesOf = (docs: Story[]) => Float64Array.from(docs, (d) => Date.parse(d.date));

/** One Worker in workerd over the fixture, for every test of this file that asks (started once). */
let started: Promise<TestWorker> | undefined;
const fixtureWorker = (): Promise<TestWorker> =>
  (started ??= (async () => {
    const { bundle } = await buildFromInputs([FIXTURE], { builtAt: "2026-01-01T00:00:00.000Z", entities: false });
    const worker = await startWorker();
    await worker.load(bundle);
    return worker;
  })());
afterAll(async () => (await started)?.dispose());

describe("near-duplicates at build", () => {
  const signatures = signaturesOf(stories);
  const of = (i: number) => signatures.subarray(i * SIGNATURE, (i + 1) * SIGNATURE);

  it("estimates the likeness of two texts' shingles: 1 for the same words, about 0 for another story", () => {
    const a = numberOf("rotterdam-strike");
    expect(similarity(of(a), signatureOf([...foldWords(stories[a]?.title ?? ""), ...foldWords(stories[a]?.body ?? "")]))).toBe(1);
    expect(similarity(of(a), of(numberOf("eindhoven-chips")))).toBeLessThan(0.1);
    // A corrected figure and an added sentence: still most shingles in common.
    expect(similarity(of(a), of(numberOf("rotterdam-strike-update")))).toBeGreaterThanOrEqual(0.7);
  });

  it("groups a story with its re-runs, named by the lowest document number, and leaves other stories alone", () => {
    const group = nearDuplicates(signatures, { times: timesOf(stories) });
    expect([...group]).toEqual([0, 0, 0, -1, -1, -1]);
  });

  it("keeps a group within two days: the same weekly bulletin a week later is news, undated copies are grouped", () => {
    const [week9, week10] = [numberOf("throughput-week-9"), numberOf("throughput-week-10")];
    expect(similarity(of(week9), of(week10))).toBeGreaterThanOrEqual(0.7);
    expect(nearDuplicates(signatures, { times: timesOf(stories) })[week10]).toBe(-1);
    // The same texts with no dates: nothing says they are a week apart.
    expect(nearDuplicates(signatures)[week10]).toBe(week9);
    // A chain of daily copies never spans more than the window from the group's first document.
    const daily = Array.from({ length: 5 }, (_, d) => ({ ...(stories[week9] as Story), date: `2026-03-0${d + 1}T12:00:00Z` }));
    const chained = nearDuplicates(signaturesOf(daily), { times: timesOf(daily) });
    expect([...chained]).toEqual([0, 0, 0, 3, 3]);
  });

  it("groups very short texts only when their words are the same", () => {
    const short = [
      { title: "Acme sets dividend", body: "Qtly div 12 cts vs 12 cts prior" },
      { title: "Acme sets dividend", body: "Qtly div 12 cts vs 12 cts prior" },
      { title: "Zenith sets dividend", body: "Qtly div 12 cts vs 12 cts prior" },
      { title: "Hi", body: "Ok" },
      { title: "Hi", body: "No" },
    ];
    expect([...nearDuplicates(signaturesOf(short))]).toEqual([0, 0, -1, -1, -1]);
  });

  it("gives the same signatures on every run", () => {
    expect([...signaturesOf(stories)]).toEqual([...signatures]);
  });
});

describe("near-duplicates in /search and /documents/:id, in workerd", () => {
  let worker: TestWorker;
  beforeAll(async () => {
    worker = await fixtureWorker();
  });

  type Hit = { id: string; duplicates: number; duplicate_ids: string[] };
  const strike = ["rotterdam-strike", "rotterdam-strike-update", "rotterdam-strike-rerun"];

  it("folds a story's re-runs into its best-ranked hit, which counts and lists them", async () => {
    const { status, body } = await worker.json("/search?q=dockers+strike+pay");
    expect(status).toBe(200);
    const hits = (body as { hits: Hit[] }).hits;
    const shown = hits.filter((h) => strike.includes(h.id));
    expect(shown).toHaveLength(1);
    const [hit] = shown as [Hit];
    expect(hit.duplicates).toBe(2);
    expect([hit.id, ...hit.duplicate_ids].sort()).toEqual([...strike].sort());
    // The folded page still fills up with the other matches.
    expect(hits.map((h) => h.id)).toContain("eindhoven-chips");
  });

  it("shows every document with group=false, each still listing its near-duplicates", async () => {
    const { body } = await worker.json("/search?q=dockers+strike+pay&group=false");
    const hits = (body as { hits: Hit[] }).hits;
    expect(hits.filter((h) => strike.includes(h.id)).map((h) => h.duplicates)).toEqual([2, 2, 2]);
    const bulletin = (await worker.json("/search?q=throughput+bulletin")).body as { hits: Hit[] };
    // A weekly bulletin is no duplicate of last week's: both shown, neither lists the other.
    expect(bulletin.hits.map((h) => [h.id, h.duplicates]).sort()).toEqual([
      ["throughput-week-10", 0],
      ["throughput-week-9", 0],
    ]);
  });

  it("pages over groups: the second page of one hit is the next story, not a re-run", async () => {
    const first = (await worker.json("/search?q=rotterdam&limit=1")).body as { hits: Hit[] };
    const second = (await worker.json("/search?q=rotterdam&limit=1&offset=1")).body as { hits: Hit[] };
    const both = [...first.hits, ...second.hits].map((h) => h.id);
    expect(both.filter((id) => strike.includes(id)).length).toBeLessThanOrEqual(1);
    expect(new Set(both).size).toBe(2);
  });

  it("gives the dates of every match by day, the days between at 0, with no read but the metadata's", async () => {
    const res = await worker.fetch("/search?q=rotterdam");
    const body = (await res.json()) as {
      total: number;
      total_approximate: boolean;
      facets: { dates: { period: string; count: number }[] };
    };
    expect(body.facets.dates.map((b) => b.period)).toEqual([
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
    ]);
    expect(body.facets.dates.map((b) => b.count)).toEqual([3, 2, 0, 0, 0, 0, 0, 1]);
    // Every match, the folded duplicates too: the histogram counts documents, as `total` does.
    expect(body.facets.dates.reduce((n, b) => n + b.count, 0)).toBe(body.total);
  });

  it("lists a document's group on /documents/:id", async () => {
    const { status, body } = await worker.json("/documents/rotterdam-strike-update");
    expect(status).toBe(200);
    const doc = body as Hit;
    expect(doc.duplicates).toBe(2);
    expect([...doc.duplicate_ids].sort()).toEqual(["rotterdam-strike", "rotterdam-strike-rerun"]);
    const alone = (await worker.json("/documents/eindhoven-chips")).body as Hit;
    expect([alone.duplicates, alone.duplicate_ids]).toEqual([0, []]);
  });

  it("refuses a group other than true or false", async () => {
    for (const bad of ["yes", "0", "", "TRUE"]) {
      const { status, body } = await worker.json(`/search?q=rotterdam&group=${bad}`);
      expect(status).toBe(400);
      expect((body as { error: { code: string } }).error.code).toBe("bad_request");
    }
  });
});

describe("related articles at build", () => {
  /** A field whose terms are held by the given documents, all in the heaviest slot. */
  const field = (terms: Record<string, number[]>): FieldPostings => ({
    entries: Object.entries(terms).map(([term, docs]) => [term, [docs]]),
    params: bm25.text,
    keep: (term) => !/\d/.test(term),
  });
  const none = (n: number) => new Int32Array(n).fill(-1);

  it("relates documents sharing two distinctive terms, not one: one rare name in common is a coincidence", () => {
    const similar = similarDocuments([field({ copper: [0, 1, 2], comex: [0, 1], horizon: [0, 3], filler: [3, 4] })], 6, none(6));
    expect(similar[0]?.map(([n]) => n)).toEqual([1]);
    expect(similar[1]?.map(([n]) => n)).toEqual([0]);
    // Document 3 shares only "horizon" with 0, and 2 only "copper".
    expect(similar[3]).toEqual([]);
    expect(similar[2]).toEqual([]);
  });

  it("leaves out numbers, the document itself and its near-duplicates, and shows a group once", () => {
    const terms = { copper: [0, 1, 2, 3], comex: [0, 1, 2, 3], futures: [0, 1, 2, 3], "1987": [0, 4], "15.25": [0, 4] };
    // 1 and 2 are one story; 3 is a copy of 0.
    const group = Int32Array.from([0, 1, 1, 0, -1]);
    const similar = similarDocuments([field(terms)], 5, group);
    expect(similar[0]?.map(([n]) => n)).toEqual([1]);
    expect(similar[4]).toEqual([]);
    for (const [n, score] of similar.flat()) {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(Math.max(...similar.map((l) => l.length))).toBeLessThanOrEqual(MAX_SIMILAR);
  });
});

describe("/documents/:id/similar, in workerd", () => {
  let worker: TestWorker;
  beforeAll(async () => {
    worker = await fixtureWorker();
  });

  type Similar = { id: string; similar: { id: string; title: string; score: number; snippet: string; duplicates: number }[] };

  it("lists a document's related articles, most similar first, in two round trips when cold", async () => {
    const res = await worker.fetch("/documents/throughput-week-10/similar");
    expect(res.status).toBe(200);
    const body = (await res.json()) as Similar;
    expect(body.id).toBe("throughput-week-10");
    expect(body.similar.map((h) => h.id)).toEqual(["throughput-week-9"]);
    expect(body.similar[0]?.score).toBeGreaterThan(0.3);
    expect(body.similar[0]?.snippet).toMatch(/^Container throughput at the Port of Rotterdam/);
    const timing = parseServerTiming(res.headers.get("server-timing"));
    // The live manifest, then the id shard with its related lists, then the articles' metadata.
    expect(timing?.roundTrips).toBeLessThanOrEqual(3);
    const again = parseServerTiming((await worker.fetch("/documents/throughput-week-9/similar")).headers.get("server-timing"));
    expect(again?.roundTrips).toBeLessThanOrEqual(2);
  });

  it("never lists the document's own near-duplicates", async () => {
    for (const id of ["rotterdam-strike", "rotterdam-strike-update", "rotterdam-strike-rerun"]) {
      const { body } = await worker.json(`/documents/${id}/similar`);
      expect((body as Similar).similar.map((h) => h.id).filter((s) => s.startsWith("rotterdam-strike"))).toEqual([]);
    }
  });

  it("answers 404 for an unknown document and 400 for a limit outside 1–5", async () => {
    const missing = await worker.json("/documents/no-such-story/similar");
    expect([missing.status, (missing.body as { error: { code: string } }).error.code]).toEqual([404, "document_not_found"]);
    for (const limit of ["0", "6", "x"]) {
      const bad = await worker.json(`/documents/throughput-week-10/similar?limit=${limit}`);
      expect([bad.status, (bad.body as { error: { code: string } }).error.code]).toEqual([400, "limit_out_of_range"]);
    }
    const one = await worker.json("/documents/throughput-week-10/similar?limit=1");
    expect((one.body as Similar).similar).toHaveLength(1);
  });
});
