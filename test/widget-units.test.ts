/** @module The widget's pure parts, in Node: snippet reading, keyboard moves, links it may follow, its cache. */
import { describe, expect, it } from "vitest";
import { Lru } from "../src/widget/cache";
import { formatDate, plural, safeUrl } from "../src/widget/format";
import { moveActive } from "../src/widget/keyboard";
import { answerView } from "../src/widget/present";
import { decodeEntities, snippetSegments } from "../src/widget/snippet";

describe("reading a snippet as text", () => {
  it("keeps <mark> runs and decodes the five escapes elsewhere", () => {
    expect(snippetSegments("the <mark>Kabul</mark> embassy &lt;img src=x onerror=alert(1)&gt; &quot;a&quot; &#39;b&#39; &amp;")).toEqual([
      { text: "the ", mark: false },
      { text: "Kabul", mark: true },
      { text: " embassy <img src=x onerror=alert(1)> \"a\" 'b' &", mark: false },
    ]);
  });
  it("decodes once: an escaped escape stays text", () => {
    expect(decodeEntities("&amp;lt;script&amp;gt;")).toBe("&lt;script&gt;");
    expect(decodeEntities("&amp;lt;")).toBe("&lt;");
    expect(decodeEntities("&nbsp; &#60; &unknown;")).toBe("&nbsp; &#60; &unknown;");
  });
  it("treats any other tag-like text as text", () => {
    expect(snippetSegments("<b>bold</b> <mark onclick=x>no</mark>")).toEqual([{ text: "<b>bold</b> <mark onclick=x>no", mark: false }]);
  });
  it("marks runs next to each other and at the edges", () => {
    expect(snippetSegments("<mark>Security</mark> <mark>Council</mark>")).toEqual([
      { text: "Security", mark: true },
      { text: " ", mark: false },
      { text: "Council", mark: true },
    ]);
  });
});

describe("the active option under ↑/↓/Home/End", () => {
  it("↓ and ↑ step and wrap around", () => {
    expect(moveActive("ArrowDown", -1, 3)).toBe(0);
    expect(moveActive("ArrowDown", 2, 3)).toBe(0);
    expect(moveActive("ArrowUp", -1, 3)).toBe(2);
    expect(moveActive("ArrowUp", 0, 3)).toBe(2);
    expect(moveActive("ArrowUp", 2, 3)).toBe(1);
  });
  it("Home and End jump only once an option is active (before that they move the caret)", () => {
    expect(moveActive("Home", 2, 3)).toBe(0);
    expect(moveActive("End", 0, 3)).toBe(2);
    expect(moveActive("Home", -1, 3)).toBeUndefined();
    expect(moveActive("End", -1, 3)).toBeUndefined();
  });
  it("nothing moves in an empty list, or for other keys", () => {
    expect(moveActive("ArrowDown", -1, 0)).toBeUndefined();
    expect(moveActive("a", 1, 3)).toBeUndefined();
  });
});

describe("links and labels", () => {
  it("follows only http(s) urls, resolved against the page", () => {
    expect(safeUrl("https://example.com/a", "https://site.example/")).toBe("https://example.com/a");
    expect(safeUrl("/2021/08/kabul", "https://site.example/search")).toBe("https://site.example/2021/08/kabul");
    for (const url of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "vbscript:x", null, ""]) {
      expect(safeUrl(url, "https://site.example/")).toBeUndefined();
    }
  });
  it("writes dates in the reader's locale, and other text as given", () => {
    expect(formatDate("2021-08-16")).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }).format(Date.UTC(2021, 7, 16)),
    );
    expect(formatDate("Monday")).toBe("Monday");
  });
  it("counts in words", () => {
    expect(plural(1, "result")).toBe("1 result");
    expect(plural(1200, "result")).toBe(`${(1200).toLocaleString()} results`);
  });
});

describe("the live region's count", () => {
  const answer = (total: number, approximate?: boolean) => ({
    search: { query: "oil", total, took_ms: 1, hits: [], ...(approximate === undefined ? {} : { total_approximate: approximate }) },
    suggest: { query: "oil", terms: [], entities: [], titles: [] },
  });
  it("says an estimate is one, and names the query so that the same count is announced again", () => {
    expect(answerView(answer(1200, true), false).live).toBe(`about ${(1200).toLocaleString()} results for \u201coil\u201d`);
    expect(answerView(answer(3, false), false).live).toBe("3 results for \u201coil\u201d");
    expect(answerView(answer(3), false).live).toBe("3 results for \u201coil\u201d");
    expect(answerView(answer(3), false).status).toBe("3 results");
  });
});

describe("the answer cache", () => {
  it("forgets the least recently used entry first", () => {
    const cache = new Lru<number>(2);
    cache.set("a", 1);
    cache.set("b", 2);
    cache.get("a");
    cache.set("c", 3);
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual([1, undefined, 3]);
  });
});
