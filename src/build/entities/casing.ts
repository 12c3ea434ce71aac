/** @module How an archive writes a word where case means something: what tells a capitalised common noun from a name. */
import type { EntityDocument } from "./types";

const WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;
/** Between two words, what ends a sentence or a line: the next word's capital then says nothing. */
const BOUNDARY = new Set([...'.!?:;"“”(\n'].map((c) => c.charCodeAt(0)));

function boundaryBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BOUNDARY.has(text.charCodeAt(i))) return true;
  return false;
}

/** Lowercase sightings a word needs at least: one or two may be a typo or a web address. */
export const LOWERCASE_AT_LEAST = 3;

/**
 * Of `words` (lowercase), those the documents' bodies write in lowercase (`LOWERCASE_AT_LEAST` times at least) more
 * often than with a capital inside a sentence: "cattle" and "class", capitalised at the start of a table row, are
 * common nouns; "Reagan" is never written in lowercase. A capital after a sentence's end or a line break, and a word
 * in capitals, count for neither.
 * @example
 * writtenLowercase([{ body: "Cattle 120 vs 110\ncattle, cattle and cattle" }], new Set(["cattle"])); // Set {"cattle"}
 */
export function writtenLowercase(docs: readonly Pick<EntityDocument, "body">[], words: ReadonlySet<string>): Set<string> {
  const capital = new Map<string, number>();
  const lower = new Map<string, number>();
  if (words.size === 0) return new Set();
  for (const { body } of docs) {
    let end = -1;
    for (const match of body.matchAll(WORD)) {
      const word = match[0];
      const at = match.index;
      const from = end;
      end = at + word.length;
      const folded = word.toLowerCase();
      if (!words.has(folded)) continue;
      const after = from < 0 || boundaryBetween(body, from, at);
      if (word === folded) lower.set(folded, (lower.get(folded) ?? 0) + 1);
      else if (!after && word !== word.toUpperCase()) capital.set(folded, (capital.get(folded) ?? 0) + 1);
    }
  }
  const out = new Set<string>();
  for (const [word, n] of lower) if (n >= LOWERCASE_AT_LEAST && n > (capital.get(word) ?? 0)) out.add(word);
  return out;
}

/**
 * Whether a text writes `word` as given (case and all) as a whole word, once at least: in one document, "electric" of
 * "an electric utility" says "Electric" is a common noun there.
 * @example
 * writesWord("Electric Co raised its electric rates.", "electric"); // true
 */
export function writesWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    const before = text[at - 1];
    const after = text[at + word.length];
    if ((before === undefined || !/[\p{L}\p{N}]/u.test(before)) && (after === undefined || !/[\p{L}\p{N}]/u.test(after))) return true;
  }
  return false;
}
