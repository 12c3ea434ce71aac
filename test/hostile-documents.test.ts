import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";

let worker: TestWorker;

beforeAll(async () => {
  ({ worker } = await startWorkerWith(["test/fixtures/corpus"]));
});
afterAll(() => worker?.dispose());

/** The snippet with our own <mark> tags removed must hold no markup at all. */
const inert = (html: string) => html.replace(/<\/?mark>/g, "");

describe("documents holding HTML and script", () => {
  it("are indexed and searchable", async () => {
    const { body } = await worker.json("/search?q=kabul+embassy");
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining(["xss-script", "xss-link", "cafe-notes"]));
  });

  it("come out inert in snippets", async () => {
    const { body } = await worker.json("/search?q=kabul+embassy+statement&limit=10");
    for (const hit of body.hits) {
      expect(inert(hit.snippet)).not.toMatch(/[<>]/);
      expect(hit.snippet).not.toMatch(/<(script|img|svg|a|style)\b/i);
    }
    const xss = body.hits.find((h: { id: string }) => h.id === "xss-script");
    expect(xss.snippet).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("keep their date, url and extra fields", async () => {
    const { body } = await worker.json("/documents/xss-script");
    expect(body).toMatchObject({ date: "2021-08-16", url: "https://example.com/xss-script", meta: { section: "world" } });
  });
});

describe("the other input formats", () => {
  it("takes a markdown headline as the title", async () => {
    const { body } = await worker.json("/search?q=brent+crude");
    expect(body.hits[0]).toMatchObject({ id: "oil-prices", title: "Oil prices rise in Asian trade" });
  });
  it("folds diacritics in documents as in queries", async () => {
    const { body } = await worker.json("/search?q=cafe+resumes+");
    expect(body.hits[0].id).toBe("cafe-notes");
    expect(body.hits[0].snippet).toContain("<mark>café</mark>");
  });
});
