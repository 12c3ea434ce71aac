import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { SearchResponse } from "../src/worker/api/schemas";
import { apiError, createClient } from "../src/worker/client";

let worker: TestWorker;

beforeAll(async () => {
  ({ worker } = await startWorkerWith(["seeds"]));
});
afterAll(() => worker?.dispose());

describe("the OpenAPI document", () => {
  it("is served as OpenAPI 3.1 and describes every route with its parameters", async () => {
    const { status, body } = await worker.json("/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths).sort()).toEqual([
      "/documents/{id}",
      "/documents/{id}/similar",
      "/entities",
      "/entities/{id}",
      "/health",
      "/search",
      "/suggest",
    ]);
    const params = body.paths["/search"].get.parameters
      .filter((p: { in: string }) => p.in === "query")
      .map((p: { name: string }) => p.name);
    expect(params.sort()).toEqual(["entity", "facets", "group", "lang", "limit", "offset", "q", "recency", "sort"]);
    // The reads of the bundle answer with an ETag and a 304 when If-None-Match names it; /health does not.
    for (const path of ["/search", "/suggest", "/documents/{id}", "/documents/{id}/similar", "/entities", "/entities/{id}"]) {
      const read = body.paths[path].get;
      expect(
        read.parameters.filter((p: { in: string }) => p.in === "header").map((p: { name: string }) => p.name),
        path,
      ).toEqual(["If-None-Match"]);
      expect(Object.keys(read.responses["200"].headers).sort(), path).toEqual(["Cache-Control", "ETag", "Server-Timing"]);
      expect(read.responses["304"].description, path).toMatch(/^Not modified/);
    }
    expect(body.paths["/health"].get.responses["304"]).toBeUndefined();
    expect(body.components.schemas.Error.properties.error.properties.code.enum).toContain("limit_out_of_range");
    expect(body.paths["/documents/{id}"].get.parameters[0]).toEqual({
      schema: { type: "string", minLength: 1, maxLength: 512, example: "004_7eada462969b83a1" },
      required: true,
      name: "id",
      in: "path",
    });
    expect(body.paths["/search"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/SearchResponse",
    });
    // Every reference names a component the document holds.
    const refs = [...JSON.stringify(body).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of new Set(refs)) expect(Object.keys(body.components.schemas)).toContain(ref?.replace("#/components/schemas/", ""));
  });

  it("names the origin it was asked on as its server, and may be cached for five minutes (it follows the bundle's facets)", async () => {
    const at = async (origin: string) => {
      const res = (await worker.mf.dispatchFetch(`${origin}/openapi.json`)) as unknown as Response;
      return { res, body: (await res.json()) as { servers: { url: string }[]; paths: object } };
    };
    const [a, b, again] = [
      await at("https://search.example.com"),
      await at("https://edge-search.acme.workers.dev"),
      await at("https://search.example.com"),
    ];
    expect(a.body.servers).toEqual([{ url: "https://search.example.com" }]);
    expect(b.body.servers).toEqual([{ url: "https://edge-search.acme.workers.dev" }]);
    expect(again.body).toEqual(a.body);
    expect({ ...b.body, servers: [] }).toEqual({ ...a.body, servers: [] });
    for (const { res } of [a, b, again]) {
      expect(res.headers.get("cache-control")).toBe("public, max-age=300");
      expect(res.headers.get("content-type")).toBe("application/json");
    }
  });
});

describe("the typed client", () => {
  it("calls the Worker and gets typed answers that match the response schema", async () => {
    const api = createClient("http://localhost", {
      fetch: (input: RequestInfo | URL, init?: RequestInit) =>
        worker.fetch(new URL(String(input)).pathname + new URL(String(input)).search, init),
    });
    const res = await api.search.$get({ query: { q: "kabul embassy", limit: 5 } });
    expect(res.status).toBe(200);
    // Throws unless the answer has the response schema's shape.
    const body = SearchResponse.parse(await res.json());
    expect(body).toMatchObject({ query: "kabul embassy", total: 2, corrected: null });
    expect(body.hits.map((h) => h.id)).toEqual(["000_956f74d6789d3da8", "004_7eada462969b83a1"]);
  });

  it("encodes path parameters, and reads an error answer's code", async () => {
    const paths: string[] = [];
    const api = createClient("http://localhost", {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(String(input));
        paths.push(url.pathname);
        return worker.fetch(url.pathname + url.search, init);
      },
    });
    const ok = await api.documents[":id"].$get({ param: { id: "000_956f74d6789d3da8" } });
    expect(ok.status).toBe(200);
    // An id holding "/" is one id, not a path: "x/similar" is no document (not the similar list of "x").
    const res = await api.documents[":id"].$get({ param: { id: "000_956f74d6789d3da8/similar" } });
    expect(paths.at(-1)).toBe("/documents/000_956f74d6789d3da8%2Fsimilar");
    expect(res.status).toBe(404);
    expect(await apiError(res)).toMatchObject({ code: "document_not_found" });
  });
});

describe("request bounds", () => {
  const cases: [string, string][] = [
    ["/search?q=kabul&sort=oldest", "bad_request"],
    ["/search?q=kabul&recency=0", "bad_request"],
    ["/search?q=kabul&entity=a&entity=b&entity=c&entity=d&entity=e&entity=f", "bad_request"],
    ["/search?q=kabul&q=embassy", "bad_request"],
    ["/entities?type=planet", "type_unknown"],
    ["/entities?offset=99999", "offset_out_of_range"],
  ];
  for (const [path, code] of cases) {
    it(`${path} → ${code}`, async () => {
      const { status, body } = await worker.json(path);
      expect(status).toBe(400);
      expect(body.error.code).toBe(code);
    });
  }
});

describe("the demo page", () => {
  it("is served with security headers", async () => {
    const res = await worker.fetch("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("object-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  });
});
