import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";
import type { AppError } from "../src/errors";
import { bundleEngine } from "../src/search/bundle-engine";
import { search } from "../src/search/engine";
import { parseQuery } from "../src/search/parse-query";
import { suggest } from "../src/search/suggest";
import { normalizeRequest } from "../src/worker/http/caching";
import { memoryBundle } from "./helpers/memory-bundle";

let worker: TestWorker;

beforeAll(async () => {
  ({ worker } = await startWorkerWith(["seeds"]));
});
afterAll(() => worker?.dispose());

const SEED_A = "000_956f74d6789d3da8";
const SEED_B = "004_7eada462969b83a1";
type Answer = { query: string; total: number; took_ms?: number; hits: { id: string }[] };
/** An answer without what may differ between two requests for it: the time taken and the echoed spelling of q. */
const meaning = ({ took_ms: _took, query: _query, ...rest }: Answer) => rest;

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

  it("gives each parameter of /entities, and each document and entity, its own ETag", async () => {
    const changes: [string, string][] = [
      ["/entities?type=person&limit=3", "/entities?type=place&limit=3"],
      ["/entities?q=blin", "/entities?q=kirb"],
      ["/entities?limit=3", "/entities?limit=2"],
      ["/entities?limit=3", "/entities?limit=3&offset=1"],
      [`/documents/${SEED_A}`, `/documents/${SEED_B}`],
      ["/entities/kabul", "/entities/herat"],
    ];
    for (const [first, changed] of changes) {
      const etag = (await worker.fetch(first)).headers.get("etag") as string;
      const res = await worker.fetch(changed, { headers: { "If-None-Match": etag } });
      expect(res.status, changed).toBe(200);
      expect(res.headers.get("etag")).not.toBe(etag);
      expect(await res.json()).toEqual(await (await worker.fetch(changed)).json());
    }
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
    expect(key("/search?limit=5&q=Kabul%20%20Embassy&utm=1")).toBe("/search?q=kabul%20embassy&limit=5");
    expect(key("/search?q=kab")).not.toBe(key("/search?q=kab%20"));
  });
});

const key = (s: string) => normalizeRequest(new URL(`http://x${s}`));

describe("the cache key", () => {
  // Every parameter of each route (as its OpenAPI description lists them), with a request and the same request with only
  // that parameter changed; a parameter added to a route without a row here fails the test.
  const routes: { path: string; base: string; changed: Record<string, string> }[] = [
    {
      path: "/search",
      base: "q=kabul&limit=5&offset=0&entity=kabul&lang=en&sort=relevance&recency=30&group=true&facets=sample",
      changed: {
        q: "q=herat",
        limit: "limit=6",
        offset: "offset=1",
        entity: "entity=taliban",
        lang: "lang=de",
        sort: "sort=date",
        recency: "recency=31",
        group: "group=false",
        facets: "facets=all",
      },
    },
    { path: "/suggest", base: "q=tal&limit=5&titles=true", changed: { q: "q=tali", limit: "limit=4", titles: "titles=false" } },
    {
      path: "/entities",
      base: "type=person&q=blin&limit=5&offset=0&trending=30",
      changed: { type: "type=place", q: "q=kir", limit: "limit=6", offset: "offset=1", trending: "trending=7" },
    },
  ];
  const withParam = (query: string, param: string, value: string) =>
    query
      .split("&")
      .map((p) => (p.startsWith(`${param}=`) ? value : p))
      .join("&");

  for (const { path, base, changed } of routes) {
    it(`${path}: changing any one parameter changes the key`, async () => {
      const { body: openapi } = await worker.json("/openapi.json");
      // The query's parameters (If-None-Match is a header, answered before the key matters).
      const params: string[] = openapi.paths[path].get.parameters
        .filter((p: { in: string }) => p.in === "query")
        .map((p: { name: string }) => p.name);
      expect(Object.keys(changed).sort()).toEqual([...params].sort());
      const keys = new Set([key(`${path}?${base}`)]);
      for (const param of params) {
        const other = key(`${path}?${withParam(base, param, changed[param] as string)}`);
        expect(other, param).not.toBe(key(`${path}?${base}`));
        keys.add(other);
      }
      expect(keys.size).toBe(params.length + 1);
    });
  }

  it("keeps every value of a repeated entity", () => {
    const one = key("/search?q=kabul&entity=john-kirby");
    const two = key("/search?q=kabul&entity=john-kirby&entity=antony-blinken");
    expect(two).not.toBe(one);
    expect(two).not.toBe(key("/search?q=kabul&entity=antony-blinken"));
    expect(one).not.toBe(key("/search?q=kabul"));
  });

  it("tells a path from another, and an id from another", () => {
    expect(key("/documents/004_7eada462969b83a1")).not.toBe(key("/documents/000_956f74d6789d3da8"));
    expect(key("/entities/kabul")).not.toBe(key("/entities/herat"));
    expect(key("/search?q=tal")).not.toBe(key("/suggest?q=tal"));
    expect(key("/entities?q=kabul")).not.toBe(key("/entities/kabul"));
  });

  it("ignores parameter order, q's case and runs of spaces (and parameters the routes refuse before any cache)", () => {
    const reference = key("/search?q=kabul%20embassy&limit=5&entity=kabul");
    expect(key("/search?entity=kabul&limit=5&q=kabul%20embassy")).toBe(reference);
    expect(key("/search?q=kabul%20embassy&utm_source=news&limit=5&entity=kabul&fbclid=x")).toBe(reference);
    expect(key("/search?q=%20KABUL%20%20%09Embassy&limit=5&entity=kabul")).toBe(reference);
    expect(key("/suggest?q=Tal")).toBe(key("/suggest?q=tal"));
  });

  it("keeps q's spelling where the answer depends on it", () => {
    expect(key("/search?q=kab")).not.toBe(key("/search?q=kab%20")); // the word being typed is a prefix
    expect(key("/search?q=kabul%20OR%20herat")).not.toBe(key("/search?q=kabul%20or%20herat")); // OR is an operator only in capitals
    expect(key("/suggest?q=Security%20coun")).not.toBe(key("/suggest?q=security%20coun")); // completions repeat the words before as typed
  });

  // Two spellings of q that share a key must be answered alike: each is read as the key's own q is, and the engine's
  // answers to the two are the same (the Worker runs the same engine).
  it("gives two spellings of q one key only when the engine reads and answers them alike", async () => {
    const { bundle } = await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" });
    const reader = memoryBundle(bundle).coldReader();
    const engine = bundleEngine(reader);
    const keyQ = (path: string, q: string) => new URL(`http://x${key(`${path}?q=${encodeURIComponent(q)}`)}`).searchParams.get("q") ?? "";
    const answers = async (q: string) => {
      // The seeds have no dates: a date range in q is refused, alike for both spellings.
      const result = await search(engine, reader, { q, limit: 5, offset: 0 }).catch((e: AppError) => ({ query: q, error: e.code }));
      const { query: _s, ...searched } = result;
      const { query: _t, ...suggested } = await suggest(engine, reader, q, 5);
      return { searched, suggested };
    };
    const sameAnswers = async (q: string) => {
      for (const path of ["/search", "/suggest"]) {
        const folded = keyQ(path, q);
        expect(keyQ(path, folded), JSON.stringify(q)).toBe(folded);
        expect(parseQuery(folded), `${path} ${JSON.stringify(q)}`).toEqual(parseQuery(q));
        const [a, b] = await Promise.all([answers(q), answers(folded)]);
        expect(path === "/search" ? a.searched : a.suggested, `${path} ${JSON.stringify(q)}`).toEqual(
          path === "/search" ? b.searched : b.suggested,
        );
      }
    };
    // Spellings found to share a key with another meaning: İ lowercases to i and a combining mark (a word no longer
    // being typed), Ϲ to a sigma that folds apart from its capital's, Σ by its neighbours in the whole query (here
    // final, after TITLE:, but not in the word), OR beside a curly quote, a completion's typed words.
    const found = ["ESTONİ", "Ϲ", "TITLE:Σ1kabul", "\u201cthe\u201dOR", "SECURITY coun", " security  Coun"];
    for (const q of [...found, "Kabul Embassy", "kabul OR herat", "Tal"]) {
      await sameAnswers(q);
    }
    const words = ["kabul", "Kabul", "TALI", "coun", "the", "OR", "or", "Or", "İ", "Ϲ", "ϲ", "i\u0307", "Σ", "é", "e\u0301", "1"];
    const syntax = [" ", "  ", "\t", "\u00a0", '"', "\u201c", "\u201d", "-", "*", "title:", "TITLE:", "entity:kabul", "from:2021"];
    const spelling = fc.array(fc.constantFrom(...words, ...syntax), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(""));
    await fc.assert(fc.asyncProperty(spelling, sameAnswers), { numRuns: 300, seed: 8 });
  });
});

describe("on *.workers.dev, where the Cache API stores nothing", () => {
  let worker: TestWorker;
  beforeAll(async () => {
    ({ worker } = await startWorkerWith(["seeds"], { bindings: { ANSWER_CACHE_MB: "0" } }));
  });
  afterAll(() => worker?.dispose());

  it("neither fills nor asks the edge cache, and answers as anywhere else", async () => {
    const at = (host: string) => worker.mf.dispatchFetch(`https://${host}/search?q=taliban+forces`) as unknown as Promise<Response>;
    const first = await at("edge-search.acme.workers.dev");
    const again = await at("edge-search.acme.workers.dev");
    for (const res of [first, again]) expect(res.headers.get("server-timing")).toContain('edge;desc="none"');
    expect(again.headers.get("cache-control")).toBe(first.headers.get("cache-control"));
    expect(meaning((await again.json()) as Answer)).toEqual(meaning((await first.json()) as Answer));
    // A route or custom domain: the same request is stored, and the repeat is the edge cache's.
    expect((await at("search.example.com")).headers.get("server-timing")).toContain('edge;desc="miss"');
    expect((await at("search.example.com")).headers.get("server-timing")).toContain('edge;desc="hit"');
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
    const [a, b] = (await Promise.all([second.json(), first.json()])) as [Answer, Answer];
    expect(meaning(a)).toEqual(meaning(b));
    expect(a).toMatchObject({ query: "taliban  FORCES", total: 2 });
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
    const first = (await (await cached.fetch("/search?q=Kabul+Embassy&limit=4")).json()) as Answer;
    expect(first.query).toBe("Kabul Embassy");
    expect(first.hits.map((h) => h.id)).toEqual([SEED_A, SEED_B]);
    for (const q of ["Kabul+Embassy", "kabul%20%20embassy", "KABUL+EMBASSY"]) {
      const res = await cached.fetch(`/search?limit=4&q=${q}`);
      expect(res.headers.get("server-timing")).toContain(served);
      const body = (await res.json()) as Answer;
      expect(body.query).toBe(decodeURIComponent(q.replace(/\+/g, " ")));
      expect(meaning(body)).toEqual(meaning(first));
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
    const before = (await (await cached.fetch("/search?q=tleuberdi&limit=1")).json()) as Answer;
    expect(before.total).toBe(1);
    expect(before.hits.map((h) => h.id)).toEqual([SEED_B]);
    expect((await cached.fetch("/search?q=tleuberdi&limit=1")).headers.get("server-timing")).toContain(served);
    // A new version without the article naming Tleuberdi: the live manifest moves, and the same request is searched again.
    const { bundle } = await buildFromInputs(["seeds/000_956f74d6789d3da8.txt"], { builtAt: "2026-02-01T00:00:00.000Z" });
    await cached.load(bundle);
    const after = await cached.fetch("/search?q=tleuberdi&limit=1");
    expect(after.headers.get("server-timing")).toContain('edge;desc="miss"');
    expect(((await after.json()) as { total: number }).total).toBe(0);
  });
});

// A request that differs from a cached one in one parameter gets its own answer, whichever cache holds the other's.
describe.each<{ name: string; bindings: Record<string, string>; repeat: string }>([
  { name: "the isolate's answer cache", bindings: {}, repeat: "isolate" },
  { name: "the edge cache (answer cache off)", bindings: { ANSWER_CACHE_MB: "0" }, repeat: "hit" },
])("one parameter changed after a cached answer, with $name", ({ bindings, repeat }) => {
  let cached: TestWorker;
  // Answers each request once, so from no cache: what the changed request must get.
  let reference: TestWorker;
  beforeAll(async () => {
    // The ranking fixtures are dated, so sort and recency change answers.
    const { bundle } = await buildFromInputs(["seeds", "test/fixtures/ranking"], { builtAt: "2026-01-01T00:00:00.000Z" });
    [cached, reference] = await Promise.all([startWorker({ bindings }), startWorker({ bindings: { ANSWER_CACHE_MB: "0" } })]);
    await Promise.all([cached.load(bundle), reference.load(bundle)]);
  });
  afterAll(() => Promise.all([cached?.dispose(), reference?.dispose()]));
  const served = `edge;desc="${repeat}"`;

  const changes: [param: string, cached: string, changed: string][] = [
    ["q", "/search?q=kabul+", "/search?q=herat+"],
    ["q, a trailing space", "/search?q=tleuber", "/search?q=tleuber+"],
    ["q, OR in capitals", "/search?q=estonia+or+tleuberdi+", "/search?q=estonia+OR+tleuberdi+"],
    ["limit", "/search?q=kabul+&limit=2", "/search?q=kabul+&limit=1"],
    ["offset", "/search?q=kabul+", "/search?q=kabul+&offset=1"],
    ["entity", "/search?q=kabul+", "/search?q=kabul+&entity=antony-blinken"],
    ["entity, repeated", "/search?q=kabul+&entity=john-kirby", "/search?q=kabul+&entity=john-kirby&entity=antony-blinken"],
    ["sort", "/search?q=harvest+report+", "/search?q=harvest+report+&sort=date"],
    ["recency", "/search?q=harvest+report+", "/search?q=harvest+report+&recency=30"],
    ["suggest q", "/suggest?q=tal", "/suggest?q=kab"],
    ["suggest q, the words before the last in another case", "/suggest?q=SECURITY+coun", "/suggest?q=security+coun"],
    ["suggest limit", "/suggest?q=tal&limit=2", "/suggest?q=tal&limit=1"],
  ];
  it.each(changes)("%s", async (_param, first, changed) => {
    const kept = (await (await cached.fetch(first)).json()) as Answer;
    expect((await cached.fetch(first)).headers.get("server-timing")).toContain(served);
    const res = await cached.fetch(changed);
    expect(res.headers.get("server-timing")).toContain('edge;desc="miss"');
    const body = (await res.json()) as Answer;
    const own = await reference.fetch(changed);
    expect(own.headers.get("server-timing")).toContain('edge;desc="miss"');
    expect(meaning(body)).toEqual(meaning((await own.json()) as Answer));
    expect(meaning(body)).not.toEqual(meaning(kept));
    // The first answer is still the first request's.
    const again = await cached.fetch(first);
    expect(again.headers.get("server-timing")).toContain(served);
    expect(meaning((await again.json()) as Answer)).toEqual(meaning(kept));
  });

  it("serves the same request in another order from the cache, and never an unknown parameter", async () => {
    const first = (await (await cached.fetch("/search?q=kandahar+&limit=3")).json()) as Answer;
    expect(first.hits.map((h) => h.id)).toEqual([SEED_A]);
    const res = await cached.fetch("/search?limit=3&q=kandahar+");
    expect(res.headers.get("server-timing")).toContain(served);
    expect(meaning((await res.json()) as Answer)).toEqual(meaning(first));
    const unknown = await cached.fetch("/search?q=kandahar+&utm_source=news&limit=3");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    expect(unknown.headers.get("cache-control")).toBe("no-store");
  });
});

describe("CORS", () => {
  it("allows any origin by default", async () => {
    const res = await worker.fetch("/search?q=kabul", { headers: { Origin: "https://news.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toContain("Server-Timing");
    // A page's Resource Timing (and the Server-Timing entries in it) sees the answer's timings.
    expect(res.headers.get("timing-allow-origin")).toBe("*");
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
      expect(ok.headers.get("timing-allow-origin")).toBe("https://b.example");
      const no = await strict.fetch("/search?q=kabul", { headers: { Origin: "https://evil.example" } });
      expect(no.headers.get("access-control-allow-origin")).toBeNull();
      expect(no.headers.get("timing-allow-origin")).toBeNull();
    } finally {
      await strict.dispose();
    }
  });
});
