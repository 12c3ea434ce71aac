import { describe, expect, it } from "vitest";
import { initialsOf, textWords } from "../src/search/doc-words";

describe("the words of a snippet source", () => {
  it("keep every word with its offsets, accented and folding ones included", () => {
    expect(textWords("Café Kabul ½ naïve")).toEqual([
      { start: 0, end: 4, folded: ["cafe"], stems: ["cafe"] },
      { start: 5, end: 10, folded: ["kabul"], stems: ["kabul"] },
      { start: 11, end: 12, folded: ["1", "2"], stems: ["1", "2"] },
      { start: 13, end: 18, folded: ["naive"], stems: ["naiv"] },
    ]);
  });

  it("leave unstemmed the words no term can begin, given the terms' initials", () => {
    expect(textWords("Embassies in Kabul, Café", new Set(["k", "c"]))).toEqual([
      { start: 0, end: 9, folded: ["embassies"], stems: [""] },
      { start: 10, end: 12, folded: ["in"], stems: [""] },
      { start: 13, end: 18, folded: ["kabul"], stems: ["kabul"] },
      { start: 20, end: 24, folded: ["cafe"], stems: ["cafe"] },
    ]);
  });
});

describe("the initials of terms", () => {
  it("are the first letters of the terms, each once, an empty term adding none", () => {
    expect(initialsOf(["kabul", "", "embassi", "kandahar"])).toEqual(new Set(["k", "e"]));
    expect(initialsOf([])).toEqual(new Set());
  });
});
