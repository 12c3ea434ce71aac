/** @module A fast word splitter for the tagger: CoNLL-like tokens ("U.S.", "Clinton" + "'s", "1,000") with offsets and sentences. */
import { unwrap } from "../unwrap";

/** One word or punctuation mark of a text. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations that keep their full stop: "Mr. Smith" is one name, not a sentence end. */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof st sen rep gov gen col lt capt adm sgt jr sr inc corp co ltd bros mt ft no vs
   jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.u`.split(/\s+/u),
);

// A dotted acronym (U.S., U.N.); a clitic written apart ("'s" after a space, as CoNLL does); a word or number with
// inner hyphens, apostrophes or ampersands (Kilroy-Silk, O'Neill, AT&T, 12-year-old) and, between digits, inner
// separators (1,000.5, 1996-08-22, 10:30); or any other single non-space character.
const TOKEN =
  /(?:\p{L}\.){2,}|['’](?:s|S|re|ve|ll|d|m|t)\b|n['’]t\b|[\p{L}\p{M}\p{N}]+(?:(?:[-'’&]|(?<=\p{N})[.,:/](?=\p{N}))[\p{L}\p{M}\p{N}]+)*|\S/gu;
const POSSESSIVE = /['’][sS]$/u;
const ENDS = new Set([".", "!", "?"]);
const QUOTE = /^["”'’]$/u;

/**
 * Splits a text into sentences of words. A line break ends a sentence (hard-wrapped text is joined first, see
 * `unwrap`), and so does ".", "!" or "?" before a capital, a quote or a digit. Offsets are into `text`.
 * @example
 * splitSentences("Mr. Blair met U.S. officials. Clinton's aides came.").map((s) => s.map((w) => w.text));
 * // [["Mr.", "Blair", "met", "U.S.", "officials", "."], ["Clinton", "'s", "aides", "came", "."]]
 */
export function splitSentences(original: string): Word[][] {
  const text = unwrap(original);
  const sentences: Word[][] = [];
  let sentence: Word[] = [];
  let last = 0;
  const close = () => {
    if (sentence.length > 0) sentences.push(sentence);
    sentence = [];
  };
  const pattern = new RegExp(TOKEN);
  let newline = text.indexOf("\n");
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    let word = match[0];
    const start = match.index;
    // The first line break at or after `last`, looked for again only once `last` has passed it.
    if (newline !== -1 && newline < last) newline = text.indexOf("\n", last);
    if (newline !== -1 && newline < start) close();
    const previous = sentence[sentence.length - 1];
    const closingQuote = word.length === 1 && QUOTE.test(word) && /^[ \t]*(?:\n|$)/u.test(text.slice(start + 1, start + 40));
    if (previous && previous.text.length === 1 && ENDS.has(previous.text) && /^[\p{Lu}\p{N}"“'‘(]/u.test(word) && !closingQuote) close();
    else if (previous?.text.endsWith(".") && previous.text.length > 2 && /^\p{Lu}/u.test(word)) {
      // "... the U.S. The next" ends a sentence after a dotted acronym only before a common-looking sentence start.
      if (/^(?:The|A|An|In|It|He|She|They|But|This|That)$/u.test(word)) close();
    }
    let end = start + word.length;
    if (text[end] === "." && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) {
      word += ".";
      end++;
    }
    const possessive = word.length > 2 && POSSESSIVE.test(word) ? 2 : 0;
    if (possessive) {
      sentence.push({ text: word.slice(0, -2), start, end: end - 2 });
      sentence.push({ text: word.slice(-2), start: end - 2, end });
    } else sentence.push({ text: word, start, end });
    last = end;
    pattern.lastIndex = end;
  }
  close();
  return sentences;
}
