import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFromInputs } from "../scripts/lib/pipeline";
import { normalizeRequest } from "../src/http/caching";
import { startWorker, startWorkerWith, type TestWorker } from "./helpers/worker";

let worker: TestWorker;

beforeAll(async () => {
  ({ worker } = await startWorkerWith(["seeds"]));
});
afterAll(() => worker?.dispose());

describe("HTTP caching", () => {
  it("gives reads an ETag and Cache-Control with stale-while-revalidate", async () => {
    const res = await worker.fetch("/search?q=kabul");
    expect(res.headers.get("etag")).toMatch(/^W\/"[0-9a-f]{16}-[0-9a-z]+"$/);
    expect(res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
  });

  it("answers 304 to If-None-Match with the current ETag", async () => {
    const first = await worker.fetch("/entities?limit=3");
    const etag = first.headers.get("etag") as string;
    const again = await worker.fetch("/entities?limit=3", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await worker.fetch("/entities?limit=4", { headers: { "If-None-Match": etag } });
    expect(other.status).toBe(200);
  });

  it("serves a repeated search from the edge cache, whatever the parameter order and case", async () => {
    const first = await worker.fetch("/search?q=Taliban+forces&limit=3");
    expect(first.headers.get("server-timing")).toContain('edge;desc="miss"');
    expect(first.headers.get("server-timing")).toMatch(/search;dur=\d+/);
    const second = await worker.fetch("/search?limit=3&q=taliban%20%20FORCES");
    expect(second.headers.get("server-timing")).toContain('edge;desc="hit"');
    const [a, b] = (await Promise.all([second.json(), first.json()])) as { hits: unknown[] }[];
    expect(a?.hits).toEqual(b?.hits);
  });

  it("revalidates only a valid request: a bad one gets its 400 with its code, whatever If-None-Match says", async () => {
    // The padded q folds to the same cache key (and ETag) as a valid one, but is over 512 characters.
    const valid = await worker.fetch("/search?q=a%20kabul");
    const etag = valid.headers.get("etag") as string;
    const padded = `/search?q=a${"%20".repeat(600)}kabul`;
    for (const inm of ["*", etag, `"x", ${etag}`]) {
      const res = await worker.fetch(padded, { headers: { "If-None-Match": inm } });
      expect(res.status, inm).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, inm).toBe("query_too_long");
    }
    for (const [path, code] of [
      ["/search?q=kabul&limit=0", "limit_out_of_range"],
      ["/search?q=", "query_missing"],
      ["/entities?type=planet", "type_unknown"],
    ]) {
      const res = await worker.fetch(path as string, { headers: { "If-None-Match": "*" } });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, path).toBe(code);
    }
  });

  it("never serves a bad request another request's edge-cached answer", async () => {
    const valid = await worker.fetch("/search?q=b%20kabul");
    expect(valid.status).toBe(200);
    expect((await worker.fetch("/search?q=b%20kabul")).headers.get("server-timing")).toContain('edge;desc="hit"');
    const res = await worker.fetch(`/search?q=b${"%20".repeat(600)}kabul`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("query_too_long");
  });

  it("answers If-None-Match: * with 304 only when the answer exists", async () => {
    const star = { headers: { "If-None-Match": "*" } };
    const search = await worker.fetch("/search?q=kabul&limit=7", star);
    expect(search.status).toBe(304);
    expect(search.headers.get("etag")).toMatch(/^W\/"/);
    expect((await worker.fetch("/documents/004_7eada462969b83a1", star)).status).toBe(304);
    const missing = await worker.fetch("/documents/no-such-document", star);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("document_not_found");
    expect((await worker.fetch("/entities/no-such-entity", star)).status).toBe(404);
  });

  it("echoes each request's own query, even from the edge cache", async () => {
    const first = await worker.fetch("/search?q=Kabul+Embassy&limit=4");
    expect(((await first.json()) as { query: string }).query).toBe("Kabul Embassy");
    for (const q of ["kabul%20%20embassy", "KABUL+EMBASSY"]) {
      const res = await worker.fetch(`/search?limit=4&q=${q}`);
      expect(res.headers.get("server-timing")).toContain('edge;desc="hit"');
      const body = (await res.json()) as { query: string; hits: unknown[] };
      expect(body.query).toBe(decodeURIComponent(q.replace(/\+/g, " ")));
      expect(body.hits.length).toBeGreaterThan(0);
    }
    await worker.fetch("/suggest?q=Tal");
    const suggest = await worker.fetch("/suggest?q=tal");
    expect(suggest.headers.get("server-timing")).toContain('edge;desc="hit"');
    expect(((await suggest.json()) as { query: string }).query).toBe("tal");
  });

  it("never caches errors", async () => {
    const res = await worker.fetch("/search?q=kabul&limit=0");
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("etag")).toBeNull();
  });

  it("keys the cache by request: parameters sorted, q folded, a trailing space kept", () => {
    const key = (s: string) => normalizeRequest(new URL(`http://x${s}`));
    expect(key("/search?limit=5&q=Kabul%20%20Embassy&utm=1")).toBe("/search?q=kabul%20embassy&limit=5");
    expect(key("/search?q=kab")).not.toBe(key("/search?q=kab%20"));
  });
});

describe("CORS", () => {
  it("allows any origin by default", async () => {
    const res = await worker.fetch("/search?q=kabul", { headers: { Origin: "https://news.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toContain("Server-Timing");
  });

  it("answers a preflight", async () => {
    const res = await worker.fetch("/search?q=kabul", {
      method: "OPTIONS",
      headers: { Origin: "https://news.example", "Access-Control-Request-Method": "GET" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toContain("GET");
  });

  it("allows only the listed origins when configured, and varies on Origin", async () => {
    const { bundle } = await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" });
    const strict = await startWorker({ bindings: { ALLOWED_ORIGINS: "https://a.example, https://b.example" } });
    try {
      await strict.load(bundle);
      const ok = await strict.fetch("/search?q=kabul", { headers: { Origin: "https://b.example" } });
      expect(ok.headers.get("access-control-allow-origin")).toBe("https://b.example");
      expect(ok.headers.get("vary")).toContain("Origin");
      const no = await strict.fetch("/search?q=kabul", { headers: { Origin: "https://evil.example" } });
      expect(no.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await strict.dispose();
    }
  });
});
