import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldWords, stem } from "../src/format/analyzer";
import type { DocMeta } from "../src/format/schema";
import { analyzeDoc, initialsOf, textWords } from "../src/search/doc-words";

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
        expect(words.stems).toEqual(folded.map((w) => stem(w)));
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
          expect(word.stems).toEqual(word.folded.map((w) => stem(w)));
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

  it("stem a word into a term that begins with the word's first letter (what skipping words by initials relies on)", () => {
    const word = fc.stringMatching(/^[a-z]{1,20}(?:ies|ied|y|ing|ed|ational|ization|iveness|fulness|s|e)?$/);
    fc.assert(
      fc.property(word, (w) => {
        expect(stem(w)[0]).toBe(w[0]);
      }),
      { numRuns: 5000 },
    );
  });

  const corpora = ["../shared/corpora/reuters21578.jsonl", "../shared/corpora/scifact/corpus.jsonl"].filter((f) => existsSync(f));
  it.skipIf(corpora.length === 0)("stem every word of the shared news and science corpora into a term with its first letter", () => {
    const words = new Set<string>();
    for (const file of corpora) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (!line.trim()) continue;
        const d = JSON.parse(line) as { title?: string; text?: string; body?: string };
        for (const w of foldWords(`${d.title ?? ""} ${d.text ?? d.body ?? ""}`)) words.add(w);
      }
    }
    expect(words.size).toBeGreaterThan(50_000);
    const broken = [...words].filter((w) => stem(w)[0] !== w[0]);
    expect(broken).toEqual([]);
  });

  it("given initials, stem only the words that may match them, and stem those as without initials", () => {
    fc.assert(
      fc.property(text, text, fc.array(fc.constantFrom("kabul", "embassi", "cafe", "42", "x"), { maxLength: 3 }), (title, body, terms) => {
        const initials = initialsOf(terms);
        const all = analyzeDoc(meta(title, body));
        const some = analyzeDoc(meta(title, body), initials);
        expect(some.folded).toEqual(all.folded);
        some.stems.forEach((s, i) => {
          const full = all.stems[i] as string;
          expect(s).toBe(initials.has(full[0] as string) ? full : "");
          if ((terms as string[]).includes(full)) expect(s).toBe(full);
        });
        some.text.forEach((w, i) => {
          expect(w.stems).toEqual((all.text[i]?.stems ?? []).map((s) => (initials.has(s[0] as string) ? s : "")));
        });
      }),
      { numRuns: 500 },
    );
  });
});
