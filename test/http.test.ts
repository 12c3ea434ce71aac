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

// A repeat is answered by the isolate's answer cache first; with it off (ANSWER_CACHE_MB = 0), or in another
// isolate, by the edge cache. Both paths must keep the same guarantees.
describe.each<{ name: string; bindings: Record<string, string>; repeat: string }>([
  // The live manifest read at every request, so a new version is seen at once.
  { name: "the isolate's answer cache", bindings: { MANIFEST_TTL_S: "0" }, repeat: "isolate" },
  { name: "the edge cache (answer cache off)", bindings: { MANIFEST_TTL_S: "0", ANSWER_CACHE_MB: "0" }, repeat: "hit" },
])("repeated requests answered by $name", ({ bindings, repeat }) => {
  let cached: TestWorker;
  beforeAll(async () => {
    ({ worker: cached } = await startWorkerWith(["seeds"], { bindings }));
  });
  afterAll(() => cached?.dispose());
  const served = `edge;desc="${repeat}"`;

  it("serves a repeated search from the cache, whatever the parameter order and case", async () => {
    const first = await cached.fetch("/search?q=Taliban+forces&limit=3");
    expect(first.headers.get("server-timing")).toContain('edge;desc="miss"');
    expect(first.headers.get("server-timing")).toMatch(/search;dur=\d+/);
    const second = await cached.fetch("/search?limit=3&q=taliban%20%20FORCES");
    expect(second.headers.get("server-timing")).toContain(served);
    expect(second.headers.get("server-timing")).not.toMatch(/search;dur=/);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(second.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    const [a, b] = (await Promise.all([second.json(), first.json()])) as { hits: unknown[]; total: number }[];
    expect(a?.hits).toEqual(b?.hits);
    expect(a?.total).toBe(b?.total);
  });

  it("never serves a bad request another request's cached answer", async () => {
    const valid = await cached.fetch("/search?q=b%20kabul");
    expect(valid.status).toBe(200);
    expect((await cached.fetch("/search?q=b%20kabul")).headers.get("server-timing")).toContain(served);
    const res = await cached.fetch(`/search?q=b${"%20".repeat(600)}kabul`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("query_too_long");
  });

  it("echoes each request's own query from the cache", async () => {
    const first = await cached.fetch("/search?q=Kabul+Embassy&limit=4");
    expect(((await first.json()) as { query: string }).query).toBe("Kabul Embassy");
    for (const q of ["Kabul+Embassy", "kabul%20%20embassy", "KABUL+EMBASSY"]) {
      const res = await cached.fetch(`/search?limit=4&q=${q}`);
      expect(res.headers.get("server-timing")).toContain(served);
      const body = (await res.json()) as { query: string; hits: unknown[] };
      expect(body.query).toBe(decodeURIComponent(q.replace(/\+/g, " ")));
      expect(body.hits.length).toBeGreaterThan(0);
    }
    await cached.fetch("/suggest?q=Tal");
    const suggest = await cached.fetch("/suggest?q=tal");
    expect(suggest.headers.get("server-timing")).toContain(served);
    expect(((await suggest.json()) as { query: string }).query).toBe("tal");
  });

  it("answers 304 to a repeat that names the answer's ETag", async () => {
    const first = await cached.fetch("/search?q=embassy");
    const again = await cached.fetch("/search?q=embassy", { headers: { "If-None-Match": first.headers.get("etag") as string } });
    expect(again.status).toBe(304);
  });

  it("never serves an answer of an earlier bundle version", async () => {
    const before = (await (await cached.fetch("/search?q=tleuberdi&limit=1")).json()) as { total: number };
    expect(before.total).toBeGreaterThan(0);
    expect((await cached.fetch("/search?q=tleuberdi&limit=1")).headers.get("server-timing")).toContain(served);
    // A new version without the article naming Tleuberdi: the live manifest moves, and the same request is searched again.
    const { bundle } = await buildFromInputs(["seeds/000_956f74d6789d3da8.txt"], { builtAt: "2026-02-01T00:00:00.000Z" });
    await cached.load(bundle);
    const after = await cached.fetch("/search?q=tleuberdi&limit=1");
    expect(after.headers.get("server-timing")).toContain('edge;desc="miss"');
    expect(((await after.json()) as { total: number }).total).toBe(0);
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
