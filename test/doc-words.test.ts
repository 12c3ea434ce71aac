import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldWords, stem } from "../src/bundle/analyzer";
import type { DocMeta } from "../src/bundle/schema";
import { analyzeDoc, textWords } from "../src/search/doc-words";

const meta = (title: string, text: string): DocMeta => ({ id: "d", title, text, entities: [], bucket: 0 });

// Text with ASCII words and punctuation, long runs (cut at 40), and characters that fold: accents, ligatures, ™, marks.
const piece = fc.constantFrom(
  "Kabul",
  "EMBASSY",
  "U.S.",
  "x".repeat(45),
  "Café",
  "ﬁnance",
  "™",
  "e\u0301",
  "½",
  " ",
  "\n",
  "-",
  "42",
  "Ünïcödé",
);
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));

describe("a document's analyzed words", () => {
  it("are the folded words and stems of title and text, as foldWords reads them whole", () => {
    fc.assert(
      fc.property(text, text, (title, body) => {
        const words = analyzeDoc(meta(title, body));
        const folded = foldWords(`${title}\n${body}`);
        expect(words.folded).toEqual(folded);
        expect(words.stems).toEqual(folded.map(stem));
      }),
      { numRuns: 500 },
    );
  });

  it("keep each word of the text with its offsets, folded as foldWords folds it alone", () => {
    fc.assert(
      fc.property(text, (body) => {
        for (const word of textWords(body)) {
          const source = body.slice(word.start, word.end);
          expect(word.folded).toEqual(foldWords(source));
          expect(word.stems).toEqual(word.folded.map(stem));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("cut long ASCII runs and lower their case", () => {
    const [word] = textWords(`ABC${"d".repeat(50)} end`);
    expect(word?.folded).toEqual([`abc${"d".repeat(37)}`]);
    expect(textWords("Kabul")[0]).toEqual({ start: 0, end: 5, folded: ["kabul"], stems: ["kabul"] });
  });
});
