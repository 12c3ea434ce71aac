import { describe, expect, it } from "vitest";
import { LruCache } from "../src/kv/lru-cache";
import { parseQuery } from "../src/search/parse-query";
import { escapeHtml, makeSnippet } from "../src/search/snippet";

describe("query parsing", () => {
  it("folds case and diacritics", () => {
    expect(parseQuery("KABUL Café ").terms.map((t) => t.term)).toEqual(["kabul", "cafe"]);
  });
  it("treats the word being typed as a prefix, and a finished one as a word", () => {
    expect(parseQuery("kabul emb").terms).toEqual([
      { term: "kabul", prefix: false },
      { term: "emb", prefix: true },
    ]);
    expect(parseQuery("kabul emb ").terms.at(-1)).toEqual({ term: "emb", prefix: false });
  });
  it("reads a trailing * as a prefix anywhere", () => {
    expect(parseQuery("sec* council ").terms[0]).toEqual({ term: "sec", prefix: true });
  });
  it("keeps quoted phrases, and reads an unclosed quote to the end", () => {
    expect(parseQuery('"security council" taliban ').phrases).toEqual([["security", "council"]]);
    expect(parseQuery('taliban "islamic emirate').phrases).toEqual([["islamic", "emirate"]]);
    expect(parseQuery("“curly quotes” here ").phrases).toEqual([["curly", "quotes"]]);
  });
  it("never throws on symbols alone", () => {
    expect(parseQuery('" - * ( ) "').terms).toEqual([]);
  });
});

describe("snippets", () => {
  const matcher = { exact: new Set(["kabul", "embassy"]), prefixes: [] };
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
    expect(makeSnippet("Kabul and Kandahar", { exact: new Set(), prefixes: ["kan"] })).toBe("Kabul and <mark>Kandahar</mark>");
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
