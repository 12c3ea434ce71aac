/** @module The one analyzer, at build and at query time: fold case and diacritics, split into words, drop stop words, stem. */
import { stemmer } from "stemmer";
import { stopWords } from "./stop-words";

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const ASCII = /^[\u0000-\u007f]*$/;
/** Longest word indexed; longer runs (hashes, base64) are cut. */
export const MAX_WORD = 40;

/** Whether a text is plain ASCII: it then folds by lower case alone, with no Unicode decomposition. */
export const isAscii = (text: string): boolean => ASCII.test(text);

/**
 * Folds text and splits it into words: lower case, diacritics removed, letters and digits only.
 * @example
 * foldWords("Café U.S.’s KABUL"); // ["cafe", "u", "s", "s", "kabul"]
 */
export function foldWords(text: string): string[] {
  // Plain ASCII needs no Unicode decomposition (the common case, and the cheap one).
  const folded = isAscii(text) ? text.toLowerCase() : text.normalize("NFKD").replace(MARKS, "").toLowerCase();
  const out: string[] = [];
  for (const m of folded.matchAll(WORD)) out.push(m[0].length > MAX_WORD ? m[0].slice(0, MAX_WORD) : m[0]);
  return out;
}

/**
 * Stems already computed, in two generations of at most `STEM_MEMO` words each: when the newer one is full
 * it becomes the older one and the oldest is dropped, so the words in use stay memoized and 10,000 hostile
 * queries of made-up words cannot grow the isolate's heap (the memo is outside its cache budget).
 */
const STEM_MEMO = 16_384;
let stems = new Map<string, string>();
let olderStems = new Map<string, string>();

/**
 * The index term of a folded word: its Porter stem (memoized), or the word itself when it holds a digit.
 * @example
 * stem("evacuated"); // "evacu"
 */
export function stem(word: string): string {
  const known = stems.get(word);
  if (known !== undefined) return known;
  // A word cut from a longer text may keep that whole text alive: the memo holds a copy.
  const own = word.length >= 13 ? word.split("").join("") : word;
  const s = olderStems.get(word) ?? (/\d/.test(own) || own.length < 3 ? own : stemmer(own));
  if (stems.size >= STEM_MEMO) {
    olderStems = stems;
    stems = new Map();
  }
  stems.set(own, s);
  return s;
}

/** Words the stem memo holds (at most twice `STEM_MEMO`). */
export function stemMemoSize(): number {
  return stems.size + olderStems.size;
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
  return analyzeWords(foldWords(text));
}

/**
 * The index terms of words already folded (`foldWords`): stop words dropped, stemmed.
 * @example
 * analyzeWords(["the", "embassies"]); // ["embassi"]
 */
export function analyzeWords(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) if (!stopWords.has(word)) out.push(stem(word));
  return out;
}

/**
 * How many index terms a text has (as many as `analyze` returns), without stemming them.
 * @example
 * countTerms("The embassies in Kabul"); // 2
 */
export function countTerms(text: string): number {
  let n = 0;
  for (const word of foldWords(text)) if (!stopWords.has(word)) n++;
  return n;
}
