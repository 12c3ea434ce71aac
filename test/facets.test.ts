/** @module Record fields as facets: declared at build (`--facet`), filtered by parameter or in `q`, counted in `facets`; in Node and in workerd. */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";
import { BundleBuildError, facetValues } from "../src/build/write";
import { fieldTerm, MAX_FACET_VALUES } from "../src/format/bundle";
import { parseQuery } from "../src/search/parse-query";
import { normalizeRequest } from "../src/worker/http/caching";

const FIXTURE = "test/fixtures/facets";

describe("facets at build and in the query language", () => {
  it("takes a record's strings, numbers and lists as its values, folding case and width for the index", () => {
    expect(
      facetValues({ section: "Politics", source: ["Le Monde", "Wire", "wire"], year: 2026, x: { a: 1 } }, [
        "section",
        "source",
        "year",
        "x",
      ]),
    ).toEqual({
      section: ["Politics"],
      source: ["Le Monde", "Wire"],
      year: ["2026"],
    });
    expect(facetValues({}, ["section"])).toBeUndefined();
    expect(fieldTerm("source", "Le  Monde")).toBe(fieldTerm("source", "le monde"));
  });

  it("reads name:value in q only for the bundle's facets, quoted values included", () => {
    expect(parseQuery('fees section:business source:"Le Monde"', ["section", "source"]).fields).toEqual([
      ["section", "business"],
      ["source", "Le Monde"],
    ]);
    // Without the facet declared, it is words as before.
    const plain = parseQuery("fees section:business");
    expect(plain.fields).toBeUndefined();
    expect(plain.clauses.flatMap((c) => c.words)).toContain("business");
  });

  it("refuses a facet name that is no lower-case word, or names a parameter", async () => {
    for (const name of ["Section", "news_desk", "lang", "q", ""]) {
      const error = await buildFromInputs([FIXTURE], { entities: false, facets: [name] }).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(BundleBuildError);
      expect((error as BundleBuildError).code).toBe("facet_invalid");
    }
  });

  it("keys the cache by the bundle's facets, and by no other parameter", () => {
    const key = (path: string, facets?: string[]) => normalizeRequest(new URL(`http://x${path}`), facets);
    expect(key("/search?q=fees&section=politics", ["section"])).not.toBe(key("/search?q=fees&section=business", ["section"]));
    expect(key("/search?q=fees&color=red", ["section"])).toBe(key("/search?q=fees", ["section"]));
  });
});

describe("facets in /search, in workerd", () => {
  let worker: TestWorker;
  beforeAll(async () => {
    const { bundle } = await buildFromInputs([FIXTURE], {
      builtAt: "2026-01-01T00:00:00.000Z",
      entities: false,
      facets: ["section", "source"],
    });
    worker = await startWorker();
    await worker.load(bundle);
  });
  afterAll(() => worker?.dispose());

  type Answer = { total: number; hits: { id: string }[]; facets: Record<string, { value: string; count: number }[]> };
  const ids = async (path: string) => ((await worker.json(path)).body as Answer).hits.map((h) => h.id).sort();

  it("counts each facet's values among the best matches, spellings folded", async () => {
    const { body } = await worker.json("/search?q=harbour");
    const facets = (body as Answer).facets;
    expect(facets.section).toEqual([
      { value: "Business", count: 2 },
      { value: "Politics", count: 2 },
    ]);
    expect(facets.source).toEqual([
      { value: "Wire", count: 3 },
      { value: "Le Monde", count: 2 },
    ]);
  });

  it("filters by a facet's values (any of them), by parameter or in q, and combines facets", async () => {
    expect(await ids("/search?q=harbour&section=politics")).toEqual(["vote-1", "vote-2"]);
    expect(await ids("/search?q=harbour&section=POLITICS&section=business")).toEqual(["fees-1", "fees-2", "vote-1", "vote-2"]);
    expect(await ids("/search?q=harbour+section:business")).toEqual(["fees-1", "fees-2"]);
    expect(await ids(`/search?q=${encodeURIComponent('harbour source:"le monde"')}&section=business`)).toEqual(["fees-1"]);
    // A facet alone: every document with the value, newest first.
    expect(await ids("/search?q=section:business")).toEqual(["fees-1", "fees-2"]);
  });

  it("refuses a parameter naming no facet (naming those it reads), and too many values", async () => {
    const unknown = await worker.json("/search?q=harbour&color=red");
    expect(unknown.status).toBe(400);
    const { error } = unknown.body as { error: { code: string; message: string } };
    expect(error.code).toBe("bad_request");
    expect(error.message).toContain('"color"');
    expect(error.message).toContain("section, source");
    const many = Array.from({ length: 11 }, (_, i) => `section=s${i}`).join("&");
    const { status, body } = await worker.json(`/search?q=harbour&${many}`);
    expect([status, (body as { error: { code: string } }).error.code]).toEqual([400, "bad_request"]);
  });

  it("lists the bundle's facets among /search's parameters in /openapi.json", async () => {
    const { body } = await worker.json("/openapi.json");
    type Parameter = { name: string; in: string; schema: { type: string; maxItems: number } };
    const parameters = (body as { paths: Record<string, { get: { parameters: Parameter[] } }> }).paths["/search"]?.get.parameters ?? [];
    expect(parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["q", "limit", "section", "source"]));
    const section = parameters.find((p) => p.name === "section");
    expect(section).toMatchObject({ in: "query", schema: { type: "array", maxItems: MAX_FACET_VALUES } });
    // Other routes do not take them.
    const suggest = (body as { paths: Record<string, { get: { parameters: Parameter[] } }> }).paths["/suggest"]?.get.parameters ?? [];
    expect(suggest.map((p) => p.name)).not.toContain("section");
    // The answer's facets declare them: each value with its count.
    const answer = (
      body as { components: { schemas: Record<string, { properties: Record<string, { properties: Record<string, unknown> }> }> } }
    ).components.schemas.SearchResponse;
    expect(answer?.properties.facets?.properties.section).toMatchObject({ type: "array", items: { required: ["value", "count"] } });
  });
});
