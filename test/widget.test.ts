/** @module `/widget.js` and the demo page at `/`, served by the real Worker in workerd; the widget's size budget. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget, GZIP_BUDGET, WidgetBudgetError } from "../scripts/build/build-widget";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";
import { widgetHash, widgetJs } from "../src/widget/generated/widget.gen";

let worker: TestWorker;

beforeAll(async () => {
  worker = await startWorker();
  await worker.load((await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" })).bundle);
});
afterAll(() => worker?.dispose());

describe("GET /favicon.ico", () => {
  it("is the demo page's icon, an SVG, not a 404", async () => {
    const res = await worker.fetch("/favicon.ico");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(await res.text()).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});

describe("GET /widget.js", () => {
  it("serves the built widget as JavaScript, with its content hash as the ETag", async () => {
    const res = await worker.fetch("/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("etag")).toBe(`"${widgetHash}"`);
    expect(await res.text()).toBe(widgetJs);
    expect(widgetJs).toContain("edge-search");
  });

  it("is cached for a year, immutable, only when asked for by its hash", async () => {
    const pinned = await worker.fetch(`/widget.js?v=${widgetHash}`);
    expect(pinned.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    for (const path of ["/widget.js", "/widget.js?v=0000000000000000"]) {
      const res = await worker.fetch(path);
      expect(res.headers.get("cache-control")).toBe("public, max-age=300, must-revalidate");
      expect(await res.text()).toBe(widgetJs);
    }
  });

  it("answers 304 without a body when the browser already has it", async () => {
    for (const tag of [`"${widgetHash}"`, `W/"${widgetHash}"`, `"other", "${widgetHash}"`, "*"]) {
      const res = await worker.fetch("/widget.js", { headers: { "If-None-Match": tag } });
      expect(res.status).toBe(304);
      expect(res.headers.get("etag")).toBe(`"${widgetHash}"`);
      expect(await res.text()).toBe("");
    }
    const stale = await worker.fetch("/widget.js", { headers: { "If-None-Match": '"0000000000000000"' } });
    expect(stale.status).toBe(200);
  });

  it("may be loaded as a module script by any site", async () => {
    const res = await worker.fetch("/widget.js", { headers: { Origin: "https://news.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /", () => {
  it("is a demo page embedding this version of the widget over the live index", async () => {
    const res = await worker.fetch("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain(`<script type="module" src="/widget.js?v=${widgetHash}"></script>`);
    expect(html).toMatch(/<edge-search [^>]*placeholder="Search the archive"/);
  });

  it("shows the two lines to paste, for this Worker's origin, escaped", async () => {
    const html = await (await worker.fetch("/")).text();
    const code = /<code id="snippet">([^<]*)<\/code>/.exec(html)?.[1];
    expect(code).toBe(
      "&lt;script type=&quot;module&quot; src=&quot;http://localhost/widget.js&quot;&gt;&lt;/script&gt;\n" +
        "&lt;edge-search endpoint=&quot;http://localhost&quot; placeholder=&quot;Search the archive&quot;&gt;&lt;/edge-search&gt;",
    );
    expect(html).toMatch(/<button type="button" id="copy">Copy<\/button>/);
  });
});

describe("the API answers in the shapes the widget reads (src/widget/types.ts)", () => {
  it("/search hits and /suggest lists", async () => {
    const { body: search } = await worker.json("/search?q=kabul");
    expect(Object.keys(search).sort()).toEqual([
      "corrected",
      "facets",
      "facets_exhaustive",
      "hits",
      "order",
      "query",
      "took_ms",
      "total",
      "total_approximate",
    ]);
    for (const hit of search.hits) {
      expect(Object.keys(hit).sort()).toEqual([
        "date",
        "duplicate_ids",
        "duplicates",
        "entities",
        "id",
        "lang",
        "score",
        "snippet",
        "title",
        "url",
      ]);
      for (const entity of hit.entities) expect(Object.keys(entity).sort()).toEqual(["id", "name", "type"]);
    }
    const { body: suggest } = await worker.json("/suggest?q=kab");
    expect(Object.keys(suggest).sort()).toEqual(["entities", "query", "terms", "titles"]);
    for (const entity of suggest.entities) expect(Object.keys(entity).sort()).toEqual(["id", "mentions", "name", "type"]);
  });
});

describe("the size budget", () => {
  it(`the minified widget is at most ${GZIP_BUDGET / 1024} KB gzipped`, async () => {
    const built = await buildWidget({ write: false });
    expect(built.gzipBytes).toBeLessThanOrEqual(GZIP_BUDGET);
    expect(built.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(built.js).toBe(widgetJs);
  });

  it("the build fails above the budget, saying by how much", async () => {
    const error = await buildWidget({ write: false, budget: 1024 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WidgetBudgetError);
    expect((error as Error).message).toMatch(/widget\.js is \d+\.\d KB gzipped, over its budget of 1\.0 KB/);
  });
});
