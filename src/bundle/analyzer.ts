/** @module The one analyzer, at build and at query time: fold case and diacritics, split into words, drop stop words, stem. */
import { stemmer } from "stemmer";
import { stopWords } from "./stop-words";

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const ASCII = /^[\u0000-\u007f]*$/;
/** Longest word indexed; longer runs (hashes, base64) are cut. */
const MAX_WORD = 40;

/**
 * Folds text and splits it into words: lower case, diacritics removed, letters and digits only.
 * @example
 * foldWords("Café U.S.’s KABUL"); // ["cafe", "u", "s", "s", "kabul"]
 */
export function foldWords(text: string): string[] {
  // Plain ASCII needs no Unicode decomposition (the common case, and the cheap one).
  const folded = ASCII.test(text) ? text.toLowerCase() : text.normalize("NFKD").replace(MARKS, "").toLowerCase();
  const out: string[] = [];
  for (const m of folded.matchAll(WORD)) out.push(m[0].length > MAX_WORD ? m[0].slice(0, MAX_WORD) : m[0]);
  return out;
}

const stems = new Map<string, string>();

/**
 * The index term of a folded word: its Porter stem (memoized), or the word itself when it holds a digit.
 * @example
 * stem("evacuated"); // "evacu"
 */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = /\d/.test(word) || word.length < 3 ? word : stemmer(word);
    if (stems.size < 200_000) stems.set(word, s);
  }
  return s;
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

/**
 * The index terms of a text, in order: folded words, stop words dropped, stemmed.
 * @example
 * analyze("The embassies in Kabul"); // ["embassi", "kabul"]
 */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const word of foldWords(text)) if (!stopWords.has(word)) out.push(stem(word));
  return out;
}
