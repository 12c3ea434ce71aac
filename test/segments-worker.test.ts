/**
 * @module An updated archive served by the Worker in workerd with local KV: new documents found, corrections read,
 * withdrawn documents gone from every route, answers cached before an update never served after it, and a missing
 * delta key a 503 with its code.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { writeBundle } from "../src/build/bundle-files";
import { buildFromInputs } from "../src/build/pipeline";
import { updateArchive } from "../src/build/update";

const root = mkdtempSync(join(tmpdir(), "segments-worker-"));
const dir = join(root, "bundle");
const jsonl = (docs: object[]) => `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`;
let worker: TestWorker;
let base: string;

const archive = [
  {
    id: "port-1",
    title: "Aalborg harbour expands",
    body: "Maren Holt said in Aalborg that two berths would be added.",
    date: "2026-03-01",
  },
  { id: "port-2", title: "Esbjerg ferry delayed", body: "Jonas Berg said in Esbjerg that the ferry was late again.", date: "2026-03-02" },
  { id: "port-3", title: "Dredging starts", body: "Ida Lund said in Aalborg that dredging of the channel starts.", date: "2026-03-03" },
];
const today = [
  { id: "port-4", title: "Tanker strike ends", body: "Erik Dahl said in Hamburg that the tanker strike ended.", date: "2026-03-04" },
  // A correction of port-1: the berths became three, and Rotterdam is named.
  {
    id: "port-1",
    title: "Aalborg harbour expands",
    body: "Maren Holt said in Aalborg that three berths would be added, as in Rotterdam.",
    date: "2026-03-01",
  },
];

beforeAll(async () => {
  writeFileSync(join(root, "archive.jsonl"), jsonl(archive));
  const built = await buildFromInputs([join(root, "archive.jsonl")], { builtAt: "2026-01-01T00:00:00.000Z" });
  await writeBundle(built.bundle, dir);
  base = built.bundle.manifest.version;
  // The manifest is read again at every request: an update is seen at once.
  worker = await startWorker({ bindings: { MANIFEST_TTL_S: "0" } });
  await worker.loadDir(dir);
}, 120_000);
afterAll(async () => {
  await worker?.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe("an archive updated with today's articles, a correction and a withdrawal", () => {
  it("answers from the base, then from the base and its delta once the update is loaded", async () => {
    const before = await worker.json("/search?q=berths");
    expect(before.body.hits.map((h: { id: string }) => h.id)).toEqual(["port-1"]);
    expect((await worker.json("/search?q=tanker")).body.total).toBe(0);

    writeFileSync(join(root, "today.jsonl"), jsonl(today));
    writeFileSync(join(root, "withdraw.txt"), "port-2\n");
    const { plan } = await updateArchive(dir, [join(root, "today.jsonl")], { withdraw: ["port-2"] });
    expect(plan).toMatchObject({ added: 1, corrected: 1, withdrawn: 1, unchanged: 0 });
    await worker.loadDir(dir);

    const health = await worker.json("/health");
    expect(health.body).toMatchObject({ version: base, documents: 3 });
    expect(health.body.deltas).toHaveLength(1);

    // New: found. Corrected: its new words found, under its own id, once.
    const tanker = await worker.json("/search?q=tanker");
    expect(tanker.body.hits.map((h: { id: string }) => h.id)).toEqual(["port-4"]);
    const three = await worker.json("/search?q=three berths");
    expect(three.body.hits.map((h: { id: string }) => h.id)).toEqual(["port-1"]);
    // The answer cached before the update is not served after it: the ETag names the live version.
    const berths = await worker.fetch("/search?q=berths");
    expect(berths.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(((await berths.json()) as { total: number }).total).toBe(1);
    // Withdrawn: gone from searches, its page, and the entity that only it named.
    const ferry = await worker.json("/search?q=ferry");
    expect(ferry.body.total).toBe(0);
    expect((await worker.json("/documents/port-2")).status).toBe(404);
    expect((await worker.json("/entities/esbjerg")).status).toBe(404);
    // Date order across segments: newest first, the correction in its own place.
    const dated = await worker.json("/search?q=said&sort=date");
    expect(dated.body.hits.map((h: { id: string }) => h.id)).toEqual(["port-4", "port-3", "port-1"]);
    expect(dated.body.total).toBe(3);
  });

  it("serves the corrected document and entity records counting the update", async () => {
    const doc = await worker.json("/documents/port-1");
    expect(doc.status).toBe(200);
    expect(doc.body.body).toContain("three berths");
    expect(doc.body.entities.map((e: { id: string }) => e.id)).toContain("rotterdam");
    const aalborg = await worker.json("/entities/aalborg");
    expect(aalborg.body.documents).toEqual({ count: 2, ids: ["port-1", "port-3"] });
    const erik = await worker.json("/entities/erik-dahl");
    expect(erik.status).toBe(200);
    expect(erik.body.recent.map((r: { id: string }) => r.id)).toEqual(["port-4"]);
    const listed = await worker.json("/entities?type=place");
    const places = listed.body.entities.map((e: { id: string }) => e.id);
    expect(places).toEqual(expect.arrayContaining(["aalborg", "hamburg", "rotterdam"]));
    expect(places).not.toContain("esbjerg");
    const suggest = await worker.json("/suggest?q=tan");
    expect(suggest.body.terms.map((t: { text: string }) => t.text)).toContain("tanker");
    expect((await worker.json("/suggest?q=ferr")).body.terms).toEqual([]);
  });

  it("answers 503 bundle_key_missing when a delta's key is missing, as for the base", async () => {
    // A fresh isolate, whose cache holds none of the delta's values.
    const fresh = await startWorker({ bindings: { MANIFEST_TTL_S: "0" } });
    try {
      await fresh.loadDir(dir);
      const delta = (await fresh.json("/health")).body.deltas[0] as string;
      const keys = (await fresh.kv.list({ prefix: `bundle/${delta}/term/` })).keys;
      expect(keys.length).toBeGreaterThan(0);
      const saved = await Promise.all(keys.map(async (k) => [k.name, await fresh.kv.get(k.name)] as const));
      await Promise.all(keys.map((k) => fresh.kv.delete(k.name)));
      const res = await fresh.json("/search?q=harbour");
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe("bundle_key_missing");
      await Promise.all(saved.map(([k, v]) => fresh.kv.put(k, v as string)));
      expect((await fresh.json("/search?q=harbour")).status).toBe(200);
    } finally {
      await fresh.dispose();
    }
  });

  it("takes a late article in its place by date: date order, date filters and entity pages as one build has them", async () => {
    // Dated before port-3 and port-4: both come again after it.
    const late = {
      id: "port-5",
      title: "Pilots meet",
      body: "Ida Lund said in Hamburg that the pilots met.",
      date: "2026-03-02T12:00:00Z",
    };
    writeFileSync(join(root, "late.jsonl"), jsonl([late]));
    const { plan } = await updateArchive(dir, [join(root, "late.jsonl")]);
    expect(plan).toMatchObject({ added: 3, moved: 2, corrected: 0, withdrawn: 0 });
    await worker.loadDir(dir);
    const ids = async (path: string) => ((await worker.json(path)).body.hits as { id: string }[]).map((h) => h.id);
    expect(await ids("/search?q=said&sort=date")).toEqual(["port-4", "port-3", "port-5", "port-1"]);
    expect(await ids("/search?q=said%20from:2026-03-03&sort=date")).toEqual(["port-4", "port-3"]);
    expect(await ids("/search?q=said%20to:2026-03-02&sort=date")).toEqual(["port-5", "port-1"]);
    expect((await worker.json("/health")).body).toMatchObject({ documents: 4 });
    // Ida Lund's documents in archive order, the late one before the one that moved after it.
    const ida = await worker.json("/entities/ida-lund");
    expect(ida.body.documents).toEqual({ count: 2, ids: ["port-5", "port-3"] });
    expect(ida.body.recent.map((r: { id: string }) => r.id)).toEqual(["port-3", "port-5"]);
    expect((await worker.json("/documents/port-3")).body.title).toBe("Dredging starts");
  });
});
