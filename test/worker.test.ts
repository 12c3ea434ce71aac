import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFromInputs } from "../scripts/lib/pipeline";
import { bundleKey, LIVE_MANIFEST_KEY } from "../src/bundle/format";
import { shardOf } from "../src/bundle/hash";
import type { Bundle } from "../src/bundle/write";
import { startWorker, type TestWorker } from "./helpers/worker";

const SEED_A = "000_956f74d6789d3da8";
const SEED_B = "004_7eada462969b83a1";

let seeds: Bundle;
let worker: TestWorker;

beforeAll(async () => {
  seeds = (await buildFromInputs(["seeds"], { builtAt: "2026-01-01T00:00:00.000Z" })).bundle;
  worker = await startWorker();
  await worker.load(seeds);
});
afterAll(() => worker?.dispose());

const serverTimingKeys = (headers: Headers) => Number(/(\d+) keys/.exec(headers.get("server-timing") ?? "")?.[1]);

describe("search over the seed articles, in workerd with local KV", () => {
  it("finds both seed articles for 'kabul embassy', with marked snippets", async () => {
    const { status, body } = await worker.json("/search?q=kabul+embassy");
    expect(status).toBe(200);
    expect(body.query).toBe("kabul embassy");
    expect(body.total).toBe(2);
    expect(body.hits.map((h: { id: string }) => h.id).sort()).toEqual([SEED_A, SEED_B]);
    for (const hit of body.hits) {
      expect(hit.snippet).toMatch(/<mark>Kabul<\/mark>/i);
      expect(typeof hit.score).toBe("number");
      expect(hit).toHaveProperty("url", null);
      expect(Array.isArray(hit.entities)).toBe(true);
    }
    expect(typeof body.took_ms).toBe("number");
  });

  it("counts the entities of the matching documents in facets, per type", async () => {
    const { body } = await worker.json("/search?q=kabul+embassy");
    expect(body.total_approximate).toBe(false);
    expect(body.facets_exhaustive).toBe(true);
    type Facet = { id: string; name: string; type: string; count: number };
    const byName = (type: string) => new Map((body.facets[type] as Facet[]).map((f) => [f.name, f]));
    expect(byName("place").get("Kabul")).toMatchObject({ type: "place", count: 2 });
    expect(byName("person").get("John Kirby")).toMatchObject({ type: "person", count: 2 });
    expect(byName("organization").get("Reuters")?.count).toBeGreaterThanOrEqual(1);
    for (const type of ["person", "organization", "place"]) {
      const counts = (body.facets[type] as Facet[]).map((f) => f.count);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      for (const f of body.facets[type] as Facet[]) expect(f.type).toBe(type);
    }
    // Filtering by a facet's entity keeps only its documents.
    const kirby = byName("person").get("John Kirby") as Facet;
    const filtered = await worker.json(`/search?q=kabul&entity=${kirby.id}`);
    expect(filtered.body.total).toBe(2);
  });

  it("ranks documents matching every term before partial matches", async () => {
    const { body } = await worker.json("/search?q=kazakh+security+");
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual([SEED_B, SEED_A]);
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
  });

  it("puts documents holding an exact phrase first", async () => {
    const { body } = await worker.json(`/search?q=${encodeURIComponent('"security council"')}`);
    expect(body.hits[0].id).toBe(SEED_A);
    expect(body.hits[0].snippet).toContain("<mark>Security</mark> <mark>Council</mark>");
  });

  it("pages with limit and offset", async () => {
    const first = await worker.json("/search?q=afghanistan&limit=1");
    const second = await worker.json("/search?q=afghanistan&limit=1&offset=1");
    expect(first.body.hits).toHaveLength(1);
    expect(second.body.hits).toHaveLength(1);
    expect(first.body.hits[0].id).not.toBe(second.body.hits[0].id);
    expect(first.body.total).toBe(2);
  });

  it("answers a query with no indexed words with no hits", async () => {
    const { status, body } = await worker.json("/search?q=%21%21%21");
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 0, hits: [] });
  });

  it("reports KV reads and cache hits in Server-Timing", async () => {
    const res = await worker.fetch("/search?q=kabul");
    expect(res.headers.get("server-timing")).toMatch(
      /kv;dur=\d+;desc="\d+ keys, \d+ bytes, \d+ round trips", isolate;desc="\d+ cached values", edge;desc="(hit|miss)"/,
    );
  });

  it("shares one KV read between concurrent cold requests for the same shards", async () => {
    const cold = await startWorker();
    try {
      await cold.load(seeds);
      await cold.fetch("/health"); // warm the manifest only
      const responses = await Promise.all(Array.from({ length: 5 }, () => cold.fetch("/search?q=guterres+")));
      const reads = responses.map((r) => serverTimingKeys(r.headers));
      expect(reads.reduce((a, b) => a + b, 0)).toBe(Math.max(...reads));
      expect(Math.max(...reads)).toBeGreaterThan(0);
    } finally {
      await cold.dispose();
    }
  });
});

describe("suggest", () => {
  it("completes the word being typed from the term dictionary", async () => {
    const { status, body } = await worker.json("/suggest?q=tali");
    expect(status).toBe(200);
    expect(body.terms[0]).toEqual({ text: "taliban", documents: 2 });
    expect(body.titles.length).toBeGreaterThan(0);
  });
  it("keeps the words already typed in the completion", async () => {
    const { body } = await worker.json("/suggest?q=security+coun");
    expect(body.terms.map((t: { text: string }) => t.text)).toContain("security council");
  });
});

describe("documents", () => {
  it("returns a whole document with its metadata", async () => {
    const { status, body } = await worker.json(`/documents/${SEED_B}`);
    expect(status).toBe(200);
    expect(body.title).toBe("US Secretary of State, Kazakh Counterpart Discuss Afghanistan");
    expect(body.body).toContain("Mukhtar Tleuberdi");
    expect(body).toHaveProperty("meta");
    expect(body).toHaveProperty("entities");
  });
  it("lists the document's mentions with offsets into its text, each naming its entity", async () => {
    for (const id of [SEED_A, SEED_B]) {
      const { body } = await worker.json(`/documents/${id}`);
      expect(body.mentions.length).toBeGreaterThan(10);
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
    expect(body.entities.length).toBeGreaterThan(0);
    const mentions = body.entities.map((e: { mentions: number }) => e.mentions);
    expect([...mentions].sort((a, b) => b - a)).toEqual(mentions);
    const places = await worker.json("/entities?type=place");
    expect(places.body.entities.every((e: { type: string }) => e.type === "place")).toBe(true);
    expect((await worker.json("/entities?type=planet")).body.error.code).toBe("type_unknown");
  });
  it("returns one entity record by id, and 404 for an unknown one", async () => {
    const { body: list } = await worker.json("/entities?limit=1");
    const { status, body } = await worker.json(`/entities/${list.entities[0].id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: list.entities[0].id, name: list.entities[0].name });
    expect(body.documents.count).toBeGreaterThan(0);
    expect((await worker.json("/entities/no-such-entity")).body.error.code).toBe("entity_not_found");
  });
  it("matches names and aliases by prefix with q, most mentioned first", async () => {
    const { body } = await worker.json("/entities?q=blin");
    expect(body.entities.map((e: { id: string }) => e.id)).toEqual(["antony-blinken"]);
    expect(body.total).toBe(1);
    // Every word must start a word of one name: "state dep" is the State Department, "dep" alone more.
    const state = await worker.json("/entities?q=state+dep");
    expect(state.body.entities.map((e: { id: string }) => e.id)).toContain("state-department");
    const dep = await worker.json("/entities?q=dep");
    expect(dep.body.total).toBeGreaterThan(state.body.total);
    const mentions = dep.body.entities.map((e: { mentions: number }) => e.mentions);
    expect([...mentions].sort((a, b) => b - a)).toEqual(mentions);
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
  it("names the bundle version and counts", async () => {
    const { status, body } = await worker.json("/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", version: seeds.manifest.version, documents: 2, built_at: "2026-01-01T00:00:00.000Z" });
  });
});

describe("bad requests get a 400 with a code", () => {
  const cases: [string, string][] = [
    ["/search", "query_missing"],
    ["/search?q=%20%20", "query_missing"],
    [`/search?q=${"a".repeat(600)}`, "query_too_long"],
    ["/search?q=kabul&limit=0", "limit_out_of_range"],
    ["/search?q=kabul&limit=101", "limit_out_of_range"],
    ["/search?q=kabul&limit=ten", "limit_out_of_range"],
    ["/search?q=kabul&offset=-1", "offset_out_of_range"],
    [`/search?q=${Array.from({ length: 40 }, (_, i) => `w${i}`).join("+")}`, "query_too_complex"],
    ["/suggest", "query_missing"],
  ];
  for (const [path, code] of cases) {
    it(`${path.slice(0, 50)} → ${code}`, async () => {
      const { status, body } = await worker.json(path);
      expect(status).toBe(400);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(0);
    });
  }
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
