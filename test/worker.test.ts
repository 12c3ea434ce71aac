import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker, type TestWorker } from "../scripts/shared/local-worker";
import { buildFromInputs } from "../src/build/pipeline";
import type { Bundle } from "../src/build/write";
import { type ErrorCode, errors } from "../src/errors";
import { bundleKey, FORMAT_VERSION, LIVE_MANIFEST_KEY } from "../src/format/bundle";
import { shardOf } from "../src/format/hash";
import { parseServerTiming } from "../src/worker/http/server-timing";
import { startFaultyWorker } from "./helpers/faulty-worker";

const SEED_A = "000_956f74d6789d3da8";
const SEED_B = "004_7eada462969b83a1";
const TITLE_A = "Two countries of the 15-member United Nations Security Council are mulling a formal statement to condemn the Taliban…";
const TITLE_B = "US Secretary of State, Kazakh Counterpart Discuss Afghanistan";

let seeds: Bundle;
let worker: TestWorker;

beforeAll(async () => {
  seeds = (await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" })).bundle;
  worker = await startWorker();
  await worker.load(seeds);
});
afterAll(() => worker?.dispose());

const serverTimingKeys = (headers: Headers) => Number(parseServerTiming(headers.get("server-timing"))?.keys);
type Hit = { id: string; score: number; entities: { id: string; name: string; type: string }[] };
/** Scores are positive and finite, and never rise down the list. */
function expectRanked(hits: Hit[]) {
  const scores = hits.map((h) => h.score);
  for (const score of scores) {
    expect(Number.isFinite(score)).toBe(true);
    expect(score).toBeGreaterThan(0);
  }
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
}
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe("search over the seed articles, in workerd with local KV", () => {
  it("finds both seed articles for 'kabul embassy', with marked snippets", async () => {
    const { status, body } = await worker.json("/search?q=kabul+embassy");
    expect(status).toBe(200);
    expect(body.query).toBe("kabul embassy");
    expect(body.total).toBe(2);
    // The article with both words in one passage first, as the README shows.
    expect(body.hits.map((h: Hit) => [h.id, h.score])).toEqual([
      [SEED_A, 1.4489],
      [SEED_B, 0.2857],
    ]);
    expectRanked(body.hits);
    expect(body.hits.map((h: { title: string }) => h.title)).toEqual([TITLE_A, TITLE_B]);
    for (const hit of body.hits) {
      expect(hit.snippet).toMatch(/<mark>Kabul<\/mark>/i);
      expect(hit).toMatchObject({ url: null, date: null });
      // A hit lists the first 8 entities of its document.
      const doc = await worker.json(`/documents/${hit.id}`);
      expect(hit.entities).toEqual(doc.body.entities.slice(0, 8));
    }
    // Most named in the article first, then as it first names them.
    expect(body.hits[0].entities).toEqual([
      { id: "taliban", name: "Taliban", type: "organization" },
      { id: "afghanistan", name: "Afghanistan", type: "place" },
      { id: "united-nations-security-council", name: "United Nations Security Council", type: "organization" },
      { id: "united-states", name: "United States", type: "place" },
      { id: "united-nations", name: "United Nations", type: "organization" },
      { id: "kabul", name: "Kabul", type: "place" },
      { id: "reuters", name: "Reuters", type: "organization" },
      { id: "islamic-emirate-of-afghanistan", name: "Islamic Emirate of Afghanistan", type: "organization" },
    ]);
    expect(Number.isInteger(body.took_ms) && body.took_ms >= 0).toBe(true);
  });

  it("counts the entities of the matching documents in facets, per type", async () => {
    const { body } = await worker.json("/search?q=kabul+embassy");
    expect(body.total_approximate).toBe(false);
    expect(body.facets_exhaustive).toBe(true);
    type Facet = { id: string; name: string; type: string; count: number };
    const byName = (type: string) => new Map((body.facets[type] as Facet[]).map((f) => [f.name, f]));
    expect(byName("place").get("Kabul")).toMatchObject({ type: "place", count: 2 });
    expect(byName("person").get("John Kirby")).toMatchObject({ type: "person", count: 2 });
    expect(byName("organization").get("Reuters")?.count).toBe(1);
    // Both articles match: each entity counted in the documents naming it, 10 a type at most.
    const counts = (type: string) => (body.facets[type] as Facet[]).map((f) => `${f.id} ${f.count}`);
    expect(counts("person")).toEqual(["john-kirby 2", "antonio-guterres 1", "antony-blinken 1", "joe-biden 1", "mukhtar-tleuberdi 1"]);
    expect(counts("organization")).toEqual([
      "pentagon 2",
      "state-department 2",
      "taliban 2",
      "united-nations 2",
      "central-command 1",
      "department-of-defense 1",
      "government-of-afghanistan 1",
      "islamic-emirate-of-afghanistan 1",
      "reuters 1",
      "united-nations-security-council 1",
    ]);
    expect(counts("place")).toEqual([
      "afghanistan 2",
      "kabul 2",
      "united-states 2",
      "estonia 1",
      "hamid-karzai-international-airport 1",
      "herat 1",
      "kandahar 1",
      "middle-east 1",
      "norway 1",
    ]);
    for (const type of ["person", "organization", "place"]) {
      const counts = (body.facets[type] as Facet[]).map((f) => f.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      for (const f of body.facets[type] as Facet[]) expect(f.type).toBe(type);
    }
    // Asked for none, the same hits with every facet empty; an unknown value is the caller's error.
    const none = await worker.json("/search?q=kabul+embassy&facets=none");
    expect(none.status).toBe(200);
    expect({ ...none.body.facets }).toEqual({ person: [], organization: [], place: [], lang: [], dates: [] });
    expect(none.body.facets_exhaustive).toBe(false);
    expect(none.body.hits).toEqual(body.hits);
    expect(none.body.total).toBe(body.total);
    const bogus = await worker.json("/search?q=kabul&facets=some");
    expect(bogus.status).toBe(400);
    expect(bogus.body.error.code).toBe("bad_request");
    // Filtering by a facet's entity keeps only its documents.
    const kirby = byName("person").get("John Kirby") as Facet;
    const filtered = await worker.json(`/search?q=kabul&entity=${kirby.id}`);
    expect(filtered.body.total).toBe(2);
    const blinken = await worker.json("/search?q=kabul&entity=antony-blinken");
    expect(blinken.body.total).toBe(1);
    expect(ids(blinken.body.hits)).toEqual([SEED_B]);
    // An alias's slug filters as the entity's id does (as /entities/blinken finds Antony Blinken), in q too; an id
    // that names no entity is an error, not an empty page.
    for (const path of ["/search?q=kabul&entity=blinken", "/search?q=kabul+entity:Blinken"]) {
      const alias = await worker.json(path);
      expect([path, alias.status, ids(alias.body.hits)]).toEqual([path, 200, [SEED_B]]);
    }
    const unknown = await worker.json("/search?q=kabul&entity=nobody-we-know");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({ code: "entity_unknown", message: 'No entity of this archive has the id "nobody-we-know".' });
  });

  it("ranks documents matching every term before partial matches", async () => {
    const { body } = await worker.json("/search?q=kazakh+security+");
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual([SEED_B, SEED_A]);
    expect(body.total).toBe(2);
    expectRanked(body.hits);
    const { body: one } = await worker.json("/search?q=norway+estonia");
    expect(one.hits.map((h: { id: string }) => h.id)).toEqual([SEED_A]);
  });

  it("matches the last word as a prefix while typing", async () => {
    const { body } = await worker.json("/search?q=tleuber");
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual([SEED_B]);
    expect(body.hits[0].snippet).toContain("<mark>Tleuberdi</mark>");
    const { body: done } = await worker.json("/search?q=tleuber+");
    expect(done.total).toBe(0);
  });

  it("folds case and diacritics", async () => {
    const { body } = await worker.json(`/search?q=${encodeURIComponent("KÁBUL ")}`);
    expect(body.total).toBe(2);
    expect(body.hits).toEqual((await worker.json("/search?q=kabul+")).body.hits);
  });

  it("puts documents holding an exact phrase first", async () => {
    const { body } = await worker.json(`/search?q=${encodeURIComponent('"security council"')}`);
    // The other article has "security" but not the phrase: after it.
    expect(ids(body.hits)).toEqual([SEED_A, SEED_B]);
    expectRanked(body.hits);
    expect(body.hits[0].snippet).toContain("<mark>Security</mark> <mark>Council</mark>");
  });

  it("pages with limit and offset", async () => {
    const all = await worker.json("/search?q=afghanistan&limit=2");
    const first = await worker.json("/search?q=afghanistan&limit=1");
    const second = await worker.json("/search?q=afghanistan&limit=1&offset=1");
    expect(ids(all.body.hits)).toEqual([SEED_B, SEED_A]);
    expectRanked(all.body.hits);
    expect(first.body.hits).toEqual(all.body.hits.slice(0, 1));
    expect(second.body.hits).toEqual(all.body.hits.slice(1, 2));
    expect([first.body.total, second.body.total]).toEqual([2, 2]);
    expect((await worker.json("/search?q=afghanistan&offset=2")).body).toMatchObject({ total: 2, hits: [] });
  });

  it("answers a query with no indexed words with no hits", async () => {
    const { status, body } = await worker.json("/search?q=%21%21%21");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 0, hits: [] });
  });

  it("reports KV reads and cache hits in Server-Timing", async () => {
    const res = await worker.fetch("/search?q=kabul");
    const timing = parseServerTiming(res.headers.get("server-timing"));
    expect(timing).toBeDefined();
    expect(["hit", "miss"]).toContain(timing?.edge);
    expect(timing?.searchMs === undefined || timing.searchMs >= 0).toBe(true);
    // What was read and what the cache held add up to the values a search of one word needs: at least its shard.
    expect((timing?.keys ?? 0) + (timing?.cachedValues ?? 0)).toBeGreaterThanOrEqual(1);
  });

  it("shares one KV read between concurrent cold requests for the same shards", async () => {
    const cold = await startFaultyWorker();
    try {
      await cold.load(seeds);
      await cold.json("/health"); // warm the manifest only
      // Every read takes 300 ms, so the five requests are surely all waiting at once; each its own request (the first
      // answer cannot serve the others) for one word's shard and one document.
      await cold.fault("delay", "", "300");
      const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => cold.json(`/search?q=guterres+&limit=${i + 1}`)));
      for (const { body } of responses) expect(ids(body.hits)).toEqual([SEED_B]);
      const reads = responses.map((r) => serverTimingKeys(r.headers));
      // As many keys in all as one request alone reads in a fresh isolate.
      const alone = await startWorker();
      try {
        await alone.load(seeds);
        await alone.fetch("/health");
        const once = serverTimingKeys((await alone.fetch("/search?q=guterres+")).headers);
        expect(once).toBe(2); // the word's term shard, and the hit's metadata
        expect(reads.reduce((a, b) => a + b, 0)).toBe(once);
      } finally {
        await alone.dispose();
      }
    } finally {
      await cold.dispose();
    }
  });
});

describe("suggest", () => {
  it("completes the word being typed from the term dictionary", async () => {
    const { status, body } = await worker.json("/suggest?q=tali");
    expect(status).toBe(200);
    expect(body).toEqual({
      query: "tali",
      terms: [{ text: "taliban", documents: 2 }],
      entities: [{ id: "taliban", name: "Taliban", type: "organization", mentions: 9 }],
      titles: [
        { id: SEED_A, title: TITLE_A },
        { id: SEED_B, title: TITLE_B },
      ],
    });
    expect((await worker.json("/suggest?q=tali&limit=1")).body.titles).toEqual([{ id: SEED_A, title: TITLE_A }]);
    // Without titles, the rest as it was.
    const untitled = await worker.json("/suggest?q=tali&titles=false");
    expect(untitled.body).toEqual({ ...body, titles: [] });
    expect((await worker.json("/suggest?q=tali&titles=no")).status).toBe(400);
  });
  it("keeps the words already typed in the completion, as typed", async () => {
    const { body } = await worker.json("/suggest?q=Security+coun");
    // By the documents holding "security" and the completion (its stem: "countries" is found with "country"), then
    // by the completion's own frequency: "country" is in both articles.
    expect(body.terms).toEqual([
      { text: "Security country", documents: 2 },
      { text: "Security countries", documents: 2 },
      { text: "Security council", documents: 1 },
      { text: "Security counterpart", documents: 1 },
    ]);
    expect(ids(body.entities)).toEqual(["united-nations-security-council"]);
  });
});

describe("documents", () => {
  it("returns a whole document with its metadata", async () => {
    const { status, body } = await worker.json(`/documents/${SEED_B}`);
    expect(status).toBe(200);
    // A headline first line is the title; the rest of the file is the body.
    const [headline, ...rest] = readFileSync(`seeds/${SEED_B}.txt`, "utf8").split("\n");
    expect(body).toMatchObject({ id: SEED_B, title: headline, body: rest.join("\n"), date: null, url: null, meta: {} });
    expect(body.title).toBe(TITLE_B);
    expect(ids(body.entities)).toEqual([
      "afghanistan",
      "kabul",
      "united-states",
      "antonio-guterres",
      "taliban",
      "state-department",
      "antony-blinken",
      "john-kirby",
      "mukhtar-tleuberdi",
      "government-of-afghanistan",
      "united-nations",
      "pentagon",
      "central-command",
      "hamid-karzai-international-airport",
      "us-marines",
      "us-army",
    ]);
    expect(body.entities.find((e: { id: string }) => e.id === "antony-blinken")).toEqual({
      id: "antony-blinken",
      name: "Antony Blinken",
      type: "person",
    });
    // A first line that is no headline stays in the body, and the title is its first sentence, shortened.
    const a = await worker.json(`/documents/${SEED_A}`);
    expect(a.body.body).toBe(readFileSync(`seeds/${SEED_A}.txt`, "utf8"));
    expect(a.body.title).toBe(TITLE_A);
  });
  it("lists the document's mentions with offsets into its text, each naming its entity", async () => {
    // Every mention of every entity is in one of the two documents: the counts of /entities add up.
    const perEntity = new Map<string, { mentions: number; documents: Set<string> }>();
    for (const [id, count] of [
      [SEED_A, 42],
      [SEED_B, 32],
    ] as const) {
      const { body } = await worker.json(`/documents/${id}`);
      expect(body.mentions).toHaveLength(count);
      for (const m of body.mentions as { entity: string }[]) {
        const seen = perEntity.get(m.entity) ?? { mentions: 0, documents: new Set<string>() };
        seen.mentions++;
        seen.documents.add(id);
        perEntity.set(m.entity, seen);
      }
      // The document's entities are the ones it mentions.
      expect(ids(body.entities).sort()).toEqual([...new Set(body.mentions.map((m: { entity: string }) => m.entity))].sort());
      let previous = -1;
      for (const m of body.mentions.filter((m: { field: string }) => m.field === "body")) {
        expect(m.start).toBeGreaterThanOrEqual(previous);
        previous = m.start;
        const text = body.body.slice(m.start, m.end);
        // The span is a name: it starts with a capital letter or a digit and the entity's record knows it.
        expect(text).toMatch(/^[\p{Lu}\d]/u);
        const record = seeds.values.get(bundleKey(seeds.manifest.version, "entity", shardOf(m.entity, seeds.manifest.layout.entity)));
        const entity = (JSON.parse(record as string) as Record<string, { type: string; aliases: { name: string }[]; name: string }>)[
          m.entity
        ];
        expect(entity?.type).toBe(m.type);
        const names = [entity?.name, ...(entity?.aliases.map((a) => a.name) ?? [])].map((n) => n?.toLowerCase());
        expect(names.some((n) => n && (n.includes(text.toLowerCase()) || text.toLowerCase().includes(n)))).toBe(true);
      }
    }
    const { body: list } = await worker.json("/entities?limit=100");
    expect(list.total).toBe(perEntity.size);
    for (const e of list.entities as { id: string; mentions: number; documents: number }[]) {
      expect([e.id, e.mentions, e.documents]).toEqual([e.id, perEntity.get(e.id)?.mentions, perEntity.get(e.id)?.documents.size]);
    }
    const { body } = await worker.json(`/documents/${SEED_A}`);
    const kabul = body.mentions.find(
      (m: { start: number; end: number; field: string }) => m.field === "body" && body.body.slice(m.start, m.end) === "Kabul",
    );
    expect(kabul?.type).toBe("place");
  });

  it("answers 404 with a code for an unknown id", async () => {
    const { status, body } = await worker.json("/documents/nope");
    expect(status).toBe(404);
    expect(body.error.code).toBe("document_not_found");
  });
});

describe("entities", () => {
  it("lists entities, most mentioned first, and filters by type", async () => {
    const { status, body } = await worker.json("/entities?limit=5");
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: "all", total: 27 });
    expect(body.entities.map((e: { id: string; mentions: number }) => `${e.id} ${e.mentions}`)).toEqual([
      "afghanistan 11",
      "taliban 9",
      "kabul 7",
      "united-states 7",
      "united-nations-security-council 5",
    ]);
    const all = await worker.json("/entities?limit=100");
    const mentions = all.body.entities.map((e: { mentions: number }) => e.mentions);
    expect([...mentions].sort((a, b) => b - a)).toEqual(mentions);
    expect(all.body.entities.slice(0, 5)).toEqual(body.entities);
    expect((await worker.json("/entities?limit=5&offset=5")).body.entities).toEqual(all.body.entities.slice(5, 10));
    const places = await worker.json("/entities?type=place");
    expect(places.body).toMatchObject({ type: "place", total: 9 });
    expect(ids(places.body.entities)).toEqual([
      "afghanistan",
      "kabul",
      "united-states",
      "estonia",
      "hamid-karzai-international-airport",
      "herat",
      "kandahar",
      "middle-east",
      "norway",
    ]);
    expect(places.body.entities).toEqual(all.body.entities.filter((e: { type: string }) => e.type === "place"));
    expect((await worker.json("/entities?type=planet")).body.error.code).toBe("type_unknown");
  });
  it("returns one entity record by id, and 404 for an unknown one", async () => {
    const { body: list } = await worker.json("/entities?limit=1");
    expect(ids(list.entities)).toEqual(["afghanistan"]);
    const { status, body } = await worker.json(`/entities/${list.entities[0].id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: "afghanistan", name: "Afghanistan", type: "place", mentions: 11 });
    expect(body.documents).toEqual({ count: 2, ids: [SEED_A, SEED_B] });
    expect(body.documents.count).toBe(list.entities[0].documents);
    expect(body.aliases).toEqual([{ name: "Afghanistan", count: 11 }]);
    expect((await worker.json("/entities/no-such-entity")).body.error.code).toBe("entity_not_found");
  });
  it("matches names and aliases by prefix with q, most mentioned first", async () => {
    const { body } = await worker.json("/entities?q=blin");
    expect(body.entities.map((e: { id: string }) => e.id)).toEqual(["antony-blinken"]);
    expect(body.total).toBe(1);
    // Every word must start a word of one name: "state dep" is the State Department, "dep" alone more.
    const state = await worker.json("/entities?q=state+dep");
    expect(ids(state.body.entities)).toEqual(["state-department"]);
    expect(state.body.total).toBe(1);
    const dep = await worker.json("/entities?q=dep");
    expect(dep.body.entities.map((e: { id: string; mentions: number }) => `${e.id} ${e.mentions}`)).toEqual([
      "state-department 3",
      "department-of-defense 1",
    ]);
    expect(dep.body.total).toBe(2);
    // Within a type, and at least two letters.
    expect((await worker.json("/entities?q=kabul&type=person")).body.total).toBe(0);
    expect((await worker.json("/entities?q=kabul&type=place")).body.entities[0].id).toBe("kabul");
    expect((await worker.json("/entities?q=k")).body.error.code).toBe("bad_request");
  });
  it("answers an alias id or another case with the canonical record, and lists its newest documents", async () => {
    for (const id of ["ANTONY-BLINKEN", "Antony-Blinken", "blinken"]) {
      const { status, body } = await worker.json(`/entities/${id}`);
      expect(status).toBe(200);
      expect(body.id).toBe("antony-blinken");
    }
    const { body } = await worker.json("/entities/john-kirby");
    expect(body.recent.map((d: { id: string }) => d.id).sort()).toEqual([SEED_A, SEED_B]);
    const dates = body.recent.map((d: { date: string | null }) => d.date ?? "");
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});

describe("health", () => {
  it("names the bundle version and counts, never from a cache", async () => {
    const { status, body, headers } = await worker.json("/health");
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(body).toEqual({
      status: "ok",
      version: seeds.manifest.version,
      format: FORMAT_VERSION,
      built_at: "2026-01-01T00:00:00.000Z",
      documents: 2,
      entities: 27,
      store: "kv",
      deltas: [],
    });
  });
});

describe("bad requests get a 400 with a code", () => {
  const cases: [string, ErrorCode, string?][] = [
    ["/search", "query_missing"],
    ["/search?q=%20%20", "query_missing"],
    [`/search?q=${"a".repeat(600)}`, "query_too_long"],
    ["/search?q=kabul&limit=0", "limit_out_of_range"],
    ["/search?q=kabul&limit=101", "limit_out_of_range"],
    ["/search?q=kabul&limit=ten", "limit_out_of_range"],
    // Decimal digits only: hexadecimal, exponents and fractions are no count.
    ["/search?q=kabul&limit=0x10", "limit_out_of_range"],
    ["/search?q=kabul&limit=1e1", "limit_out_of_range"],
    ["/search?q=kabul&offset=-0", "offset_out_of_range", "Parameter offset must be an integer from 0 to 10000."],
    // Each route's own range.
    ["/suggest?q=ka&limit=21", "limit_out_of_range", "Parameter limit must be an integer from 1 to 20."],
    [`/documents/${SEED_A}/similar?limit=6`, "limit_out_of_range", "Parameter limit must be an integer from 1 to 5."],
    ["/search?q=kabul&offset=-1", "offset_out_of_range", "Parameter offset must be an integer from 0 to 10000."],
    ["/entities?offset=999999", "offset_out_of_range", "Parameter offset must be an integer from 0 to 10000."],
    [
      `/search?q=${Array.from({ length: 40 }, (_, i) => `w${i}`).join("+")}`,
      "query_too_complex",
      "The query needs at least 40 index terms (its distinct words and filters); at most 32 are allowed.",
    ],
    ["/suggest", "query_missing"],
  ];
  for (const [path, code, message] of cases) {
    it(`${path.slice(0, 50)} → ${code}`, async () => {
      const { status, body } = await worker.json(path);
      expect(status).toBe(400);
      expect(body).toEqual({ error: { code, message: message ?? errors[code].message } });
    });
  }
  it("refuses a parameter its route does not read, naming it and those the route reads, on every route", async () => {
    const cases: [string, string, string][] = [
      ["/search?q=kabul&limt=5", "limt", "q, limit, offset"],
      ["/search?q=kabul&Q=kabul", "Q", "q, limit"],
      ["/suggest?q=ka&utm_source=news", "utm_source", "q, limit"],
      [`/documents/${SEED_A}?full=1`, "full", "reads none"],
      [`/documents/${SEED_A}/similar?count=3`, "count", "limit"],
      ["/entities?kind=person", "kind", "type"],
      ["/entities/kabul?x=", "x", "reads none"],
    ];
    for (const [path, name, reads] of cases) {
      const { status, body } = await worker.json(path);
      expect([path, status, body.error.code]).toEqual([path, 400, "bad_request"]);
      expect(body.error.message).toContain(`Unknown parameter "${name}"`);
      expect(body.error.message).toContain(reads);
    }
    // A bad value is named before an unknown parameter; /health takes anything (probes add their own).
    expect((await worker.json("/search?q=kabul&limit=0&limt=5")).body.error.code).toBe("limit_out_of_range");
    expect((await worker.json("/health?probe=1")).status).toBe(200);
  });
  it("takes an empty count as none (the default), and keeps no error in any cache", async () => {
    const { status, body } = await worker.json("/search?q=kabul&limit=&offset=");
    expect([status, body.hits.length]).toEqual([200, 2]);
    for (const path of ["/search?q=kabul&limit=0", "/nope"]) {
      const res = await worker.fetch(path);
      expect([path, res.status >= 400, res.headers.get("cache-control")]).toEqual([path, true, "no-store"]);
    }
  });
  it("answers a route asked with another method than GET or HEAD with 405 and the methods it takes", async () => {
    for (const [method, path] of [
      ["POST", "/search?q=kabul"],
      ["DELETE", `/documents/${SEED_A}`],
      ["PUT", "/entities"],
    ] as const) {
      const res = await worker.fetch(path, { method });
      expect([method, path, res.status, res.headers.get("allow")]).toEqual([method, path, 405, "GET, HEAD, OPTIONS"]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    }
    expect((await worker.fetch("/nope", { method: "POST" })).status).toBe(404);
  });
  it("answers unknown routes with a 404 JSON error", async () => {
    const { status, body } = await worker.json("/nope");
    expect(status).toBe(404);
    expect(body.error.code).toBe("not_found");
  });
});

describe("a missing or broken bundle gets a 503 with its own code", () => {
  async function withWorker(setup: (w: TestWorker) => Promise<void>, check: (w: TestWorker) => Promise<void>) {
    const w = await startWorker();
    try {
      await setup(w);
      await check(w);
    } finally {
      await w.dispose();
    }
  }

  it("no bundle loaded", () =>
    withWorker(
      async () => {},
      async (w) => {
        const { status, body } = await w.json("/search?q=kabul");
        expect(status).toBe(503);
        expect(body.error.code).toBe("bundle_not_loaded");
      },
    ));

  it("a bundle format this Worker cannot read", () =>
    withWorker(
      async (w) => w.kv.put(LIVE_MANIFEST_KEY, JSON.stringify({ ...seeds.manifest, format: 999 })),
      async (w) => {
        const { status, body } = await w.json("/health");
        expect(status).toBe(503);
        expect(body.error.code).toBe("bundle_unsupported");
      },
    ));

  it("a shard missing from KV, and recovery once it is back", () =>
    withWorker(
      async (w) => {
        await w.load(seeds);
      },
      async (w) => {
        const keys = [...seeds.values.keys()].filter((k) => k.includes("/term/"));
        const saved = new Map<string, string>();
        for (const k of keys) {
          saved.set(k, seeds.values.get(k) as string);
          await w.kv.delete(k);
        }
        const { status, body } = await w.json("/search?q=kabul");
        expect(status).toBe(503);
        expect(body.error.code).toBe("bundle_key_missing");
        for (const [k, v] of saved) await w.kv.put(k, v);
        expect((await w.json("/search?q=kabul")).body.total).toBe(2);
      },
    ));

  it("a corrupt shard", () =>
    withWorker(
      async (w) => {
        await w.load(seeds);
        for (const k of [...seeds.values.keys()].filter((k) => k.includes("/term/"))) await w.kv.put(k, '{"title": [["kab');
      },
      async (w) => {
        const { status, body } = await w.json("/search?q=kabul");
        expect(status).toBe(503);
        expect(body.error.code).toBe("bundle_key_corrupt");
      },
    ));

  it("a manifest naming a version whose keys are absent", () =>
    withWorker(
      async (w) => w.kv.put(LIVE_MANIFEST_KEY, seeds.values.get(bundleKey(seeds.manifest.version, "manifest")) as string),
      async (w) => {
        const { status, body } = await w.json("/search?q=kabul");
        expect(status).toBe(503);
        expect(body.error.code).toBe("bundle_version_missing");
      },
    ));
});

describe("an archive without dates, in workerd", () => {
  let undated: TestWorker;
  beforeAll(async () => {
    const { bundle } = await buildFromInputs(["test/fixtures/undated/news.jsonl"], { builtAt: "2026-01-01T00:00:00.000Z" });
    undated = await startWorker();
    await undated.load(bundle);
  });
  afterAll(() => undated?.dispose());

  it("answers sort=date, recency and from:/to: with 400 dates_unavailable, and the rest as usual", async () => {
    for (const query of ["q=london&sort=date", "q=london&recency=30", "q=london%20from%3A2005", "q=london%20to%3A2005-01"]) {
      const { status, body } = await undated.json(`/search?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.code, query).toBe("dates_unavailable");
    }
    const { status, body } = await undated.json("/search?q=london%20");
    expect(status).toBe(200);
    expect(ids(body.hits).sort()).toEqual(["bbc-001", "bbc-002"]);
    // A typeahead over a date range still completes, with no titles.
    const typed = await undated.json("/suggest?q=from%3A2005%20lon");
    expect(typed.status).toBe(200);
    expect(typed.body.terms.map((t: { text: string }) => t.text)).toContain("from:2005 london");
    expect(typed.body.titles).toEqual([]);
  });

  it("lists an entity's documents without dates on its page instead of failing", async () => {
    const { status, body } = await undated.json("/entities/london");
    expect(status).toBe(200);
    expect(ids(body.recent).sort()).toEqual(["bbc-001", "bbc-002"]);
  });
});
