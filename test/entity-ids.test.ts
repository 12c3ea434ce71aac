/** @module Entity ids of names in other scripts: readable slugs in the Worker's URLs and filters, not "entity", "entity-2". */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { slugify } from "../src/format/slug";

let worker: TestWorker;
beforeAll(async () => {
  ({ worker } = await startWorkerWith(["test/fixtures/scripts"]));
}, 60_000);
afterAll(() => worker?.dispose());

describe("entity ids of names in other scripts", () => {
  it("keep the name's letters, lowercase where the script has case, and drop only Latin accents", () => {
    expect(slugify("Владимир Путин")).toBe("владимир-путин");
    expect(slugify("习近平")).toBe("习近平");
    // A Devanagari vowel sign is part of its word; an Arabic name keeps its letters.
    expect(slugify("नरेंद्र मोदी")).toBe("नरेंद्र-मोदी");
    expect(slugify("محمد بن سلمان")).toBe("محمد-بن-سلمان");
    expect(slugify("Zürich–Genève")).toBe("zurich-geneve");
  });

  it("are distinct and served at their own URLs, as filters too", async () => {
    const { body } = await worker.json("/entities?type=person");
    const ids = body.entities.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining(["владимир-путин", "си-цзиньпин"]));
    const page = await worker.json(`/entities/${encodeURIComponent("владимир-путин")}`);
    expect([page.status, page.body.name, page.body.documents.count]).toEqual([200, "Владимир Путин", 2]);
    const filtered = await worker.json(`/search?q=energy&entity=${encodeURIComponent("си-цзиньпин")}`);
    expect(filtered.body.hits.map((h: { id: string }) => h.id).sort()).toEqual(["summit-1", "summit-2"]);
    const inQuery = await worker.json(`/search?q=${encodeURIComponent("energy entity:Владимир-Путин")}`);
    expect(inQuery.body.total).toBe(2);
  });
});
