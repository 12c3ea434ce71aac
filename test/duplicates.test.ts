/** @module Near-duplicates: found at build (MinHash over shingles), folded in /search, listed by /documents/:id; in Node and in workerd. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { nearDuplicates, SIGNATURE, signatureOf, signaturesOf, similarity } from "../src/build/duplicates";
import { buildFromInputs } from "../src/build/pipeline";
import { foldWords } from "../src/format/analyzer";

const FIXTURE = "test/fixtures/duplicates/stories.jsonl";
type Story = { id: string; title: string; body: string; date: string };
const stories = readFileSync(FIXTURE, "utf8")
  .trim()
  .split("\n")
  .map((line) => JSON.parse(line) as Story);
const numberOf = (id: string) => stories.findIndex((s) => s.id === id);
const timesOf = (docs: Story[]) => Float64Array.from(docs, (d) => Date.parse(d.date));

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
    const { bundle } = await buildFromInputs([FIXTURE], { builtAt: "2026-01-01T00:00:00.000Z", entities: false });
    worker = await startWorker();
    await worker.load(bundle);
  });
  afterAll(() => worker?.dispose());

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
