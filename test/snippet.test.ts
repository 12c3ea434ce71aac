import { describe, expect, it } from "vitest";
import { textWords } from "../src/search/doc-words";
import { escapeHtml, makeSnippet, matchWords } from "../src/search/snippet";

const kabul = { stems: new Set(["kabul"]), prefixes: [] };
const filler = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`).join(" ");

describe("snippet windows", () => {
  it("mark a hyphenated word the search found written together, and not the same words apart", () => {
    const ceasefire = { stems: new Set(["ceasefir"]), prefixes: [] };
    expect(makeSnippet("A cease-fire was agreed.", ceasefire)).toBe("A <mark>cease</mark>-<mark>fire</mark> was agreed.");
    expect(makeSnippet("They cease fire at dawn.", ceasefire)).toBe("They cease fire at dawn.");
  });

  it("mark letters written with dots as the one word they fold to", () => {
    const us = { stems: new Set(["us"]), prefixes: [] };
    expect(makeSnippet("The U.S. and the US agreed; U. S. Steel and the bus did not.", us)).toBe(
      "The <mark>U.S.</mark> and the <mark>US</mark> agreed; <mark>U. S.</mark> Steel and the bus did not.",
    );
  });

  it("keep a short text whole, its punctuation included", () => {
    expect(makeSnippet('"Kabul," he said.', kabul)).toBe("&quot;<mark>Kabul</mark>,&quot; he said.");
  });

  it("start at the text's beginning when the first window holds the best match, and say the text goes on", () => {
    const text = `${filler(0, 20)} Kabul ${filler(21, 41)}`;
    expect(makeSnippet(text, kabul)).toBe(`${filler(0, 20)} <mark>Kabul</mark> ${filler(21, 32)} …`);
  });

  it("start four words before a later match, and say text was left out before it", () => {
    const text = `${filler(0, 12)} Kabul ${filler(13, 23)}`;
    expect(makeSnippet(text, kabul, 8)).toBe("… w8 w9 w10 w11 <mark>Kabul</mark> w13 w14 w15 …");
  });

  it("run to the end of the text, its last punctuation included, when the window reaches it", () => {
    const text = `${filler(0, 12)} Kabul w13 w14.`;
    expect(makeSnippet(text, kabul, 8)).toBe("… w8 w9 w10 w11 <mark>Kabul</mark> w13 w14.");
  });

  it("hold exactly `size` words when the text goes on both sides", () => {
    const text = `${filler(0, 10)} Kabul ${filler(11, 30)}`;
    expect(makeSnippet(text, kabul, 5)).toBe("… w6 w7 w8 w9 <mark>Kabul</mark> …");
    expect(makeSnippet(text, kabul, 6)).toBe("… w6 w7 w8 w9 <mark>Kabul</mark> w11 …");
  });

  it("prefer the window with more distinct terms over one with more matches of one term", () => {
    const matcher = { stems: new Set(["kabul", "embassi"]), prefixes: [] };
    const text = `Kabul Kabul Kabul ${filler(0, 10)} embassy in Kabul ${filler(10, 20)}`;
    expect(makeSnippet(text, matcher, 6)).toBe("… w6 w7 w8 w9 <mark>embassy</mark> in …");
  });

  it("prefer the words as typed over completions, and matched words side by side over scattered ones", () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(" ");
    const text = `Bird watchers saw a flurry ${filler(40)} the bird flu spread ${filler(40)}`;
    // "flu" typed, its completion "flurry" matched too: the passage with "bird flu" wins, not the earlier one.
    const matcher = { stems: new Set(["bird", "flu", "flurri"]), prefixes: ["flu"], exact: new Set(["bird", "flu"]) };
    expect(makeSnippet(text, matcher, 12)).toContain("<mark>bird</mark> <mark>flu</mark>");
    expect(makeSnippet(text, matcher, 12)).not.toContain("flurry");
    // The two words apart, then side by side: the phrase wins though both windows hold both words.
    const apart = `Kabul ${filler(5)} embassy ${filler(40)} the Kabul embassy closed ${filler(40)}`;
    const both = { stems: new Set(["kabul", "embassi"]), prefixes: [] };
    expect(makeSnippet(apart, both, 12)).toContain("<mark>Kabul</mark> <mark>embassy</mark> closed");
  });

  it("end with … and never mid-word when the text is the start of a longer one", () => {
    const text = "The embassy in Kabul closed on Sunday after the city fell to the Tali";
    const matcher = { stems: new Set(["kabul"]), prefixes: [] };
    expect(makeSnippet(text, matcher, 32, undefined, true)).toBe(
      "The embassy in <mark>Kabul</mark> closed on Sunday after the city fell to the …",
    );
    expect(makeSnippet(text, matcher, 32)).toBe("The embassy in <mark>Kabul</mark> closed on Sunday after the city fell to the Tali");
  });

  it("collapse runs of white space, and trim them", () => {
    expect(makeSnippet("  Kabul\n\n  embassy\tclosed  ", kabul)).toBe("<mark>Kabul</mark> embassy closed");
  });

  it("are the first 200 characters, escaped, of a text without words", () => {
    expect(makeSnippet(`<${"-".repeat(300)}`, kabul)).toBe(`&lt;${"-".repeat(199)}`);
    expect(makeSnippet("", kabul)).toBe("");
  });

  it("use the words given instead of splitting the text again", () => {
    const text = "Kabul embassy";
    const tokens = textWords("Herat embassy");
    expect(makeSnippet(text, { stems: new Set(["herat"]), prefixes: [] }, 32, tokens)).toBe("<mark>Kabul</mark> embassy");
  });
});

describe("matched words", () => {
  it("match by stem first, then by a typed prefix", () => {
    const matcher = { stems: new Set(["kabul"]), prefixes: ["kab", "emb"] };
    expect(matchWords("Kabul kabuki embassy herat", matcher)).toEqual([
      { start: 0, end: 5, match: "kabul", exact: true },
      { start: 6, end: 12, match: "kab" },
      { start: 13, end: 20, match: "emb" },
      { start: 21, end: 26, match: undefined },
    ]);
  });

  it("match a word that folds into several when any part matches, keeping the first part's match", () => {
    const at = (stems: string[]) => matchWords("Add ½ cup", { stems: new Set(stems), prefixes: [] })[1];
    expect(at(["1"])).toEqual({ start: 4, end: 5, match: "1", exact: true });
    expect(at(["2"])).toEqual({ start: 4, end: 5, match: "2", exact: true });
    expect(at(["1", "2"])).toEqual({ start: 4, end: 5, match: "1", exact: true });
    expect(makeSnippet("Add ½ cup", { stems: new Set(["1"]), prefixes: [] })).toBe("Add <mark>½</mark> cup");
  });
});

describe("escaping", () => {
  it("turns every HTML-significant character into an entity", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    expect(escapeHtml("plain")).toBe("plain");
  });

  it("escapes the text between and inside marks", () => {
    expect(makeSnippet("a<b Kabul&Co>", kabul)).toBe("a&lt;b <mark>Kabul</mark>&amp;Co&gt;");
  });
});
