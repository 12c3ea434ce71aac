/** @module `/entities/:id` over time: its timeline of documents a month, and `recent` by date, or by mentions in an archive without dates; in workerd. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";
import { monthly } from "../src/worker/routes/entities";

type EntityPage = {
  id: string;
  timeline: { month: string; documents: number }[];
  recent: { id: string }[];
  recent_order: string;
  top_documents?: string[];
  documents: { ids: string[] };
};

describe("an entity's timeline", () => {
  it("fills the months between, across a year's end, and is empty without dates", () => {
    expect(
      monthly([
        ["2025-11", 2],
        ["2026-01", 1],
      ]),
    ).toEqual([
      { month: "2025-11", documents: 2 },
      { month: "2025-12", documents: 0 },
      { month: "2026-01", documents: 1 },
    ]);
    expect(monthly([])).toEqual([]);
  });
});

describe("/entities/:id over time, in workerd", () => {
  let dated: TestWorker;
  let undated: TestWorker;
  beforeAll(async () => {
    dated = await startWorker();
    await dated.load((await buildFromInputs(["test/fixtures/timeline"], { builtAt: "2026-02-01T00:00:00.000Z" })).bundle);
    undated = await startWorker();
    await undated.load((await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" })).bundle);
  });
  afterAll(async () => {
    await dated?.dispose();
    await undated?.dispose();
  });

  it("gives a dated entity its documents a month and its newest documents", async () => {
    const { status, body } = await dated.json("/entities/ursula-brandt");
    expect(status).toBe(200);
    const page = body as EntityPage;
    expect(page.timeline).toEqual([
      { month: "2025-11", documents: 1 },
      { month: "2025-12", documents: 0 },
      { month: "2026-01", documents: 2 },
    ]);
    expect(page.recent_order).toBe("date");
    expect(page.recent.map((r) => r.id)).toEqual(["brandt-interview", "brandt-bonds", "brandt-budget"]);
    // The interview names her four times: first of the documents naming her most.
    expect(page.top_documents?.[0]).toBe("brandt-interview");
  });

  it("lists the documents naming an entity most in an archive without dates, and says so", async () => {
    const { body } = await undated.json("/entities/taliban");
    const page = body as EntityPage;
    expect(page.timeline).toEqual([]);
    expect(page.recent_order).toBe("mentions");
    const expected = page.top_documents ?? page.documents.ids;
    expect(page.recent.map((r) => r.id)).toEqual(expected.slice(0, 10));
    expect(page.recent.length).toBeGreaterThan(0);
  });

  it("lists trending entities by how much more they appear in the window than before, and refuses what cannot apply", async () => {
    type List = { total: number; entities: { id: string; trend?: { recent: number; before: number; score: number } }[] };
    const month = (await dated.json("/entities?trending=30")).body as List;
    // Two documents in the 30 days before 25 January, one in the 38 days before those: (2 + 1) / (1 × 30 / 38.4 + 1).
    expect(month.entities.map((e) => e.id)).toEqual(["ursula-brandt", "vienna"]);
    expect(month.entities[0]?.trend).toEqual({ recent: 2, before: 1, score: 1.68 });
    const places = (await dated.json("/entities?trending=30&type=place")).body as List;
    expect(places.entities.map((e) => e.id)).toEqual(["vienna"]);
    // 90 days reach back past the oldest document: nothing to compare with, no list.
    expect((await dated.json("/entities?trending=90")).body).toMatchObject({ total: 0, entities: [] });
    const codeOf = async (path: string, worker = dated) => {
      const { status, body } = await worker.json(path);
      return [status, (body as { error?: { code: string } }).error?.code];
    };
    expect(await codeOf("/entities?trending=15")).toEqual([400, "bad_request"]);
    expect(await codeOf("/entities?trending=30&q=brandt")).toEqual([400, "bad_request"]);
    expect(await codeOf("/entities?trending=30", undated)).toEqual([400, "dates_unavailable"]);
  });

  it("orders an entity alone by mentions in an archive without dates, and says how hits are ordered", async () => {
    type Answer = { order: string; hits: { id: string }[] };
    const alone = (await undated.json("/search?q=entity:taliban")).body as Answer;
    const page = (await undated.json("/entities/taliban")).body as EntityPage;
    expect(alone.order).toBe("mentions");
    expect(alone.hits.map((h) => h.id)).toEqual((page.top_documents ?? page.documents.ids).slice(0, alone.hits.length));
    expect(((await undated.json("/search?q=kabul")).body as Answer).order).toBe("relevance");
    const dated_ = (await dated.json("/search?q=entity:ursula-brandt")).body as Answer;
    // With dates, an entity alone is newest first, and says so; so is any query of filters alone.
    expect([dated_.order, dated_.hits.map((h) => h.id)]).toEqual(["date", ["brandt-interview", "brandt-bonds", "brandt-budget"]]);
    expect(((await dated.json("/search?q=from:2020")).body as Answer).order).toBe("date");
    expect(((await dated.json("/search?q=brandt&sort=date")).body as Answer).order).toBe("date");
  });
});
