import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildBundle } from "../src/build/write";
import type { DocMeta } from "../src/format/schema";
import { LruCache } from "../src/kv/lru-cache";
import { bundleEngine } from "../src/search/bundle-engine";
import { countFacets, FACET_SAMPLE, FACET_VALUES, search } from "../src/search/engine";
import { type Clause, parseQuery } from "../src/search/parse-query";
import { escapeHtml, makeSnippet } from "../src/search/snippet";
import { formatServerTiming, parseServerTiming } from "../src/worker/http/server-timing";
import { memoryBundle } from "./helpers/memory-bundle";

const words = (q: string) => parseQuery(q).clauses.map((c) => c.words.join("|"));
const clause = (word: string, more: Partial<Clause> = {}): Clause => ({
  words: [word],
  prefix: false,
  field: "text",
  negated: false,
  ...more,
});

describe("query parsing", () => {
  it("folds case and diacritics", () => {
    expect(words("KABUL Café ")).toEqual(["kabul", "cafe"]);
  });
  it("treats the word being typed as a prefix, and a finished one as a word", () => {
    expect(parseQuery("kabul emb").clauses).toEqual([clause("kabul"), clause("emb", { prefix: true })]);
    expect(parseQuery("kabul emb ").clauses.at(-1)).toEqual(clause("emb"));
  });
  it("reads a trailing * as a prefix anywhere", () => {
    expect(parseQuery("sec* council ").clauses[0]).toEqual(clause("sec", { prefix: true }));
  });
  it("keeps quoted phrases, stop words included, and reads an unclosed quote to the end", () => {
    expect(parseQuery('"security council" taliban ').phrases).toEqual([["security", "council"]]);
    expect(parseQuery('taliban "islamic emirate of afghanistan').phrases).toEqual([["islamic", "emirate", "of", "afghanistan"]]);
    expect(parseQuery("“curly quotes” here ").phrases).toEqual([["curly", "quotes"]]);
  });
  it("reads -word as an exclusion, and ignores a lone -", () => {
    expect(parseQuery("kabul -taliban - ").clauses).toEqual([clause("kabul"), clause("taliban", { negated: true })]);
  });
  it("joins words around OR into one clause", () => {
    expect(words("kandahar OR herat kabul ")).toEqual(["kandahar|herat", "kabul"]);
  });
  it("reads title:, entity:, from: and to:, and an empty operator as nothing", () => {
    const parsed = parseQuery("title:kabul entity:John-Kirby from:2021-08 to:2021 title: ");
    expect(parsed.clauses).toEqual([clause("kabul", { field: "title" })]);
    expect(parsed.entities).toEqual(["john-kirby"]);
    expect(parsed).toMatchObject({ from: "2021-08-01", to: "2021-12-31" });
  });
  it("reads an unknown name: as words", () => {
    expect(words("foo:bar ")).toEqual(["foo", "bar"]);
  });
  it("drops stop words unless nothing else is left", () => {
    expect(words("the embassy of kabul ")).toEqual(["embassy", "kabul"]);
    expect(words("the ")).toEqual(["the"]);
  });
  it("never throws on symbols alone", () => {
    expect(parseQuery('" - * ( ) "').clauses).toEqual([]);
  });
});

describe("snippets", () => {
  const matcher = { stems: new Set(["kabul", "embassi"]), prefixes: [] };
  it("marks every matched word, whatever its case", () => {
    expect(makeSnippet("The Embassy in KABUL closed.", matcher)).toBe("The <mark>Embassy</mark> in <mark>KABUL</mark> closed.");
  });
  it("escapes document text so that markup in it stays inert", () => {
    const snippet = makeSnippet('<img src=x onerror=alert(1)> Kabul <script>alert("x")</script>', matcher);
    expect(snippet).not.toContain("<img");
    expect(snippet).not.toContain("<script");
    expect(snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    expect(snippet).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
  it("picks the passage holding the most query terms", () => {
    const filler = Array.from({ length: 80 }, (_, i) => `w${i}`).join(" ");
    const snippet = makeSnippet(`Kabul ${filler} the embassy in Kabul reopened ${filler}`, matcher);
    expect(snippet).toContain("<mark>embassy</mark> in <mark>Kabul</mark>");
    expect(snippet.startsWith("…")).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
  });
  it("marks words starting with the typed prefix", () => {
    expect(makeSnippet("Kabul and Kandahar", { stems: new Set(), prefixes: ["kan"] })).toBe("Kabul and <mark>Kandahar</mark>");
  });
  it("starts at the window a scan of every window picks: most distinct terms, then most neighbours matching two terms, then most matches, earliest on ties", () => {
    // The reference: every start (the first word or a matched one), its window counted from scratch.
    const reference = (tokens: string[], size: number) => {
      const marked = tokens.map((t) => (t === "kabul" || t === "embassy" || t === "closed" ? t : undefined));
      let best = 0;
      let bestScore = -1;
      marked.forEach((m, i) => {
        if (!m && i > 0) return;
        const span = marked.slice(i, i + size);
        const window = span.filter(Boolean);
        const adjacent = span.filter((m, k) => k > 0 && m && span[k - 1] && span[k - 1] !== m).length;
        // Every term here is a word as typed (no completions): distinct terms count twice over.
        const distinct = new Set(window).size;
        const score = distinct * 10_000 + distinct * 100 + Math.min(adjacent, 9) * 10 + Math.min(window.length, 9);
        if (score > bestScore) [best, bestScore] = [i, score];
      });
      return best;
    };
    const terms = { stems: new Set(["kabul", "embassi", "close"]), prefixes: [] };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("kabul", "embassy", "closed", "a", "b", "c", "d"), { maxLength: 60 }),
        fc.integer({ min: 2, max: 12 }),
        (tokens, size) => {
          const text = tokens.join(" ");
          const start = Math.max(0, reference(tokens, size) - 4);
          const expected = tokens.slice(start, start + size).join(" ");
          expect(
            makeSnippet(text, terms, size)
              .replace(/<\/?mark>/g, "")
              .replace(/^… | …$/g, ""),
          ).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });
  it("escapes quotes and ampersands", () => {
    expect(escapeHtml(`a&b "c" 'd'`)).toBe("a&amp;b &quot;c&quot; &#39;d&#39;");
  });
});

describe("the isolate cache", () => {
  const load = (calls: string[][]) => async (keys: string[]) => {
    calls.push(keys);
    return new Map(keys.map((k) => [k, { value: k.toUpperCase(), size: 10 }]));
  };
  it("stays within its byte budget, dropping the least recently used", async () => {
    const cache = new LruCache<string>(30);
    const calls: string[][] = [];
    await cache.load(["a", "b", "c"], load(calls));
    cache.get("a");
    await cache.load(["d"], load(calls));
    expect(cache.bytes).toBeLessThanOrEqual(30);
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("A");
  });
  it("shares one load between concurrent requests for the same key", async () => {
    const cache = new LruCache<string>(1000);
    const calls: string[][] = [];
    const [x, y] = await Promise.all([cache.load(["a", "b"], load(calls)), cache.load(["b", "c"], load(calls))]);
    expect(x).toEqual(["A", "B"]);
    expect(y).toEqual(["B", "C"]);
    expect(calls).toEqual([["a", "b"], ["c"]]);
  });
  it("does not cache a failed load", async () => {
    const cache = new LruCache<string>(1000);
    await expect(cache.load(["a"], async () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.load(["a"], load([]))).toEqual(["A"]);
  });
});

describe("facets", () => {
  const meta = (entities: [string, "person" | "organization" | "place"][]): DocMeta => ({
    id: "d",
    title: "",
    text: "",
    bucket: 0,
    entities: entities.map(([id, type]) => ({ id, name: id.toUpperCase(), type })),
  });

  it("counts each entity once a document, per type, most frequent first", () => {
    const facets = countFacets([
      meta([
        ["kabul", "place"],
        ["kabul", "place"],
        ["kirby", "person"],
      ]),
      meta([
        ["kabul", "place"],
        ["herat", "place"],
      ]),
      meta([["herat", "place"]]),
      meta([["nato", "organization"]]),
    ]);
    expect(facets.place).toEqual([
      { id: "herat", name: "HERAT", type: "place", count: 2 },
      { id: "kabul", name: "KABUL", type: "place", count: 2 },
    ]);
    expect(facets.person).toEqual([{ id: "kirby", name: "KIRBY", type: "person", count: 1 }]);
    expect(facets.organization.map((f) => f.id)).toEqual(["nato"]);
  });

  it("lists at most FACET_VALUES a type", () => {
    const many = Array.from({ length: FACET_VALUES + 5 }, (_, i) => meta([[`p${i}`, "person"]]));
    expect(countFacets(many).person).toHaveLength(FACET_VALUES);
  });

  it("counts the best FACET_SAMPLE matches and says when that is not all of them", async () => {
    const documents = Array.from({ length: FACET_SAMPLE + 10 }, (_, i) => ({
      id: `d${i}`,
      title: "t",
      body: `common word ${i}`,
      meta: {},
    }));
    const byDocument = documents.map((_, i) => [{ id: i % 2 ? "odd" : "even", name: i % 2 ? "Odd" : "Even", type: "place" as const }]);
    const bundle = await buildBundle({ documents, entities: [], byDocument }, { builtAt: "t" });
    const reader = memoryBundle(bundle).coldReader();
    const all = await search(bundleEngine(reader), reader, { q: "common", limit: 5, offset: 0 });
    expect(all.total).toBe(FACET_SAMPLE + 10);
    expect(all.facetsExhaustive).toBe(false);
    expect(all.facets.place.reduce((n, f) => n + f.count, 0)).toBe(FACET_SAMPLE);
    const one = await search(bundleEngine(reader), reader, { q: "common entity:odd", limit: 5, offset: 0 });
    expect(one.facets.place.map((f) => [f.id, f.count])).toEqual([["odd", Math.min(FACET_SAMPLE, (FACET_SAMPLE + 10) / 2)]]);
    expect(one.facetsExhaustive).toBe(one.total <= FACET_SAMPLE);
  });
});

describe("Server-Timing", () => {
  it("reads back what it writes, with and without a search", () => {
    const t = { kvMs: 12, keys: 3, bytes: 4567, roundTrips: 2, cachedValues: 5, edge: "miss", searchMs: 1, totalMs: 20 };
    expect(parseServerTiming(formatServerTiming(t))).toEqual(t);
    // On Cloudflare the clock stops between I/O: the two clock readings that count CPU say they are local.
    expect(formatServerTiming(t)).toContain('search;dur=1;desc="local clock only", total;dur=20;desc="I/O waits only on Cloudflare"');
    const { searchMs: _, ...noSearch } = t;
    expect(parseServerTiming(formatServerTiming({ ...noSearch, edge: "hit" }))).toEqual({ ...noSearch, edge: "hit" });
    expect(parseServerTiming("total;dur=3")).toBeUndefined();
    expect(parseServerTiming(null)).toBeUndefined();
    // Values read from the Worker's Static Assets are named so: they are not KV reads.
    const assets = { ...t, store: "assets" as const };
    expect(formatServerTiming(assets)).toMatch(/^assets;dur=12;desc="3 keys/);
    expect(parseServerTiming(formatServerTiming(assets))).toEqual(assets);
  });
});
