/** @module The one analyzer, at build and at query time: fold case and diacritics, split into words, drop stop words, stem. */
import { stemmer as arabic } from "@orama/stemmers/arabic";
import { stemmer as dutch } from "@orama/stemmers/dutch";
import { stemmer as french } from "@orama/stemmers/french";
import { stemmer as german } from "@orama/stemmers/german";
import { stemmer as italian } from "@orama/stemmers/italian";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as russian } from "@orama/stemmers/russian";
import { stemmer as spanish } from "@orama/stemmers/spanish";
import { stemmer as swedish } from "@orama/stemmers/swedish";
import { stemmer as turkish } from "@orama/stemmers/turkish";
import { stemmer } from "stemmer";
import { stopWords } from "./stop-words";

/**
 * Letters written with a dot after each, two or more ("U.S.", "U.K.", "e.g.", "J.P."), or with a dot and a space
 * after each but the last, which has its dot too ("J. P.", "J. R. R."; not "World War I. A new…"): one word, folded
 * to its letters ("us", "jp"), so "U.S." and "US", "J. P. Morgan" and "J.P. Morgan" are the same words at build and at
 * query time. Not inside a longer run of words and dots ("reuters.com"). Marks may follow a letter (the text before
 * folding holds them).
 */
export const DOTTED_LETTERS = String.raw`(?<![\p{L}\p{N}\p{M}.])(?:(?:\p{L}\p{M}*\.)+\p{L}\p{M}*\.?|\p{L}\p{M}*\.(?: \p{L}\p{M}*\.)+)(?![\p{L}\p{N}\p{M}])`;
const WORD = new RegExp(`${DOTTED_LETTERS}|[\\p{L}\\p{N}]+`, "gu");

/**
 * A word `DOTTED_LETTERS` matched, as its letters ("U.S." → "US", "J. P." → "JP"); any other word as it is.
 * @example
 * undotted("U.S."); // "US"
 */
export const undotted = (word: string): string => (word.includes(".") ? word.replace(/[. ]/gu, "") : word);
const MARKS = /\p{M}+/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const ASCII = /^[\u0000-\u007f]*$/;
/** Longest word indexed; longer runs (hashes, base64) are cut. */
export const MAX_WORD = 40;

/** Whether a text is plain ASCII: it then folds by lower case alone, with no Unicode decomposition. */
export const isAscii = (text: string): boolean => ASCII.test(text);

/**
 * Letters of the scripts written without spaces between words (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar):
 * a text holding one is split into words by ICU's dictionaries (`Intl.Segmenter`) before it is folded.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Whether a text holds letters of a script written without spaces (see `wordSegments`). */
export const isUnspaced = (text: string): boolean => UNSPACED.test(text);

let segmenter: Intl.Segmenter | undefined;

/**
 * A text holding a script written without spaces, cut into ICU's word segments (`Intl.Segmenter`, granularity
 * `word`; the locale changes nothing for these scripts), each with its offset; what lies between words comes as
 * segments too. Node and workerd both carry ICU, so the build and the Worker cut alike (`test/languages.test.ts`
 * checks it through the Worker).
 * @example
 * wordSegments("中国经济增长放缓").map((s) => s.segment); // ["中国", "经济", "增长", "放", "缓"]
 */
export function wordSegments(text: string): { segment: string; index: number }[] {
  segmenter ??= new Intl.Segmenter("en", { granularity: "word" });
  return Array.from(segmenter.segment(text), ({ segment, index }) => ({ segment, index }));
}

/** Folds one run of text (no unspaced script, or one of its word segments) into `out`. */
function foldInto(text: string, out: string[] = []): string[] {
  // Plain ASCII needs no Unicode decomposition (the common case, and the cheap one).
  const folded = isAscii(text) ? text.toLowerCase() : text.normalize("NFKD").replace(MARKS, "").toLowerCase();
  for (const m of folded.matchAll(WORD)) {
    const word = undotted(m[0]);
    out.push(word.length > MAX_WORD ? word.slice(0, MAX_WORD) : word);
  }
  return out;
}

/**
 * Folds one of `wordSegments`' segments, which is cut already: `foldWords` without segmenting it again.
 * @example
 * foldSegment("經濟"); // ["經濟"]
 */
export const foldSegment = (segment: string): string[] => foldInto(segment);

/**
 * The longest of some words (the first of equals): a query's or a slug's most telling one, whose name groups list
 * fewest entities.
 * @example
 * longestWord(["state", "dep"]); // "state"
 */
export function longestWord(words: readonly string[]): string {
  return words.reduce((a, b) => (b.length > a.length ? b : a), "");
}

/**
 * Folds text and splits it into words: lower case, diacritics removed, letters and digits only. A text holding a
 * script written without spaces is first cut into words by `wordSegments` (before its marks are removed: Thai
 * vowels are marks), and each is folded alone.
 * @example
 * foldWords("Café U.S.’s KABUL"); // ["cafe", "us", "s", "kabul"]
 * foldWords("中国经济增长"); // ["中国", "经济", "增长"]
 */
export function foldWords(text: string): string[] {
  const out: string[] = [];
  if (isAscii(text) || !UNSPACED.test(text)) foldInto(text, out);
  else for (const { segment } of wordSegments(text)) foldInto(segment, out);
  return out;
}

/**
 * Stems already computed, in two generations of at most `STEM_MEMO` words each: when the newer one is full
 * it becomes the older one and the oldest is dropped, so the words in use stay memoized and 10,000 hostile
 * queries of made-up words cannot grow the isolate's heap (the memo is outside its cache budget). A word stemmed
 * by another stemmer than Porter's is memoized under the stemmer's language and the word.
 */
const STEM_MEMO = 16_384;
let stems = new Map<string, string>();
let olderStems = new Map<string, string>();

/** The language a text is analyzed as when none is said: English (Porter's stemmer for the Latin script). */
export const DEFAULT_LANGUAGE = "en";

/** Snowball stemmers of languages written in the Latin script, by ISO 639-1 code; Porter's is English's. */
const LATIN_STEMMERS: Record<string, (word: string) => string> = {
  en: stemmer,
  de: german,
  fr: french,
  es: spanish,
  it: italian,
  pt: portuguese,
  nl: dutch,
  sv: swedish,
  tr: turkish,
};

/** The languages with a stemmer of their own: a document in another is stemmed by its script's default. */
export const STEMMED_LANGUAGES: readonly string[] = [...Object.keys(LATIN_STEMMERS), "ru", "ar"];

/**
 * The index term of a folded word in a document of language `lang` (an ISO 639-1 code; English when not said):
 * its stem (memoized), or the word itself when it holds a digit. The stemmer follows the word's script first
 * (Snowball's Russian for Cyrillic, Snowball's Arabic for the Arabic script), then, for the Latin script, the
 * language: its Snowball stemmer (German, French, Spanish, Italian, Portuguese, Dutch, Swedish, Turkish), else
 * Porter's English. Words of other scripts are their own stem.
 * @example
 * stem("evacuated"); // "evacu"
 * stem("wirtschaftlichen", "de"); // "wirtschaft"
 */
export function stem(word: string, lang: string = DEFAULT_LANGUAGE): string {
  const latin = word.charCodeAt(0) < 0x400;
  const own = latin ? (LATIN_STEMMERS[lang] ?? stemmer) : stemmerOf(word);
  const key = own === stemmer || !latin ? word : `${lang}:${word}`;
  const known = stems.get(key);
  if (known !== undefined) return known;
  // A word cut from a longer text may keep that whole text alive: the memo holds a copy.
  const copy = word.length >= 13 ? word.split("").join("") : word;
  const ownKey = key === word ? copy : `${lang}:${copy}`;
  const s = olderStems.get(key) ?? (/\d/.test(copy) || copy.length < 3 ? copy : own(copy));
  if (stems.size >= STEM_MEMO) {
    olderStems = stems;
    stems = new Map();
  }
  stems.set(ownKey, s);
  return s;
}

/**
 * The index terms a query word may be in a bundle holding documents of `languages`: its stem in each, in that order,
 * without repeats.
 * @example
 * stemsOf("wirtschaftlichen", ["en", "de"]); // ["wirtschaftlichen", "wirtschaft"]
 */
export function stemsOf(word: string, languages: readonly string[]): string[] {
  if (languages.length <= 1) return [stem(word, languages[0])];
  const out: string[] = [];
  for (const lang of languages) {
    const s = stem(word, lang);
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

/** A language is analyzed as itself when it holds this share of a bundle's documents… */
export const MIN_LANGUAGE_SHARE = 0.01;
/** …or this many of them. */
export const MIN_LANGUAGE_DOCUMENTS = 1000;

/**
 * The languages a bundle's documents are analyzed in, given how many documents each language has: its main
 * language (the one with most documents, undetermined ones aside; English when none is determined) first, then
 * every other language holding `MIN_LANGUAGE_SHARE` of the documents or `MIN_LANGUAGE_DOCUMENTS`, most first. A
 * query is stemmed in each (so a query reads one index term more a word for each language whose stemmer gives
 * another form); a document of a language not among them (a few articles, or one the detector got wrong) is analyzed
 * as the main language, as undetermined ones are.
 * @example
 * analysisLanguages({ en: 16243, und: 2797, de: 1 }); // ["en"]
 * analysisLanguages({ de: 700, en: 300, und: 5 }); // ["de", "en"]
 */
export function analysisLanguages(counts: Readonly<Record<string, number>>): string[] {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const ranked = Object.entries(counts)
    .filter(([lang]) => lang !== "und")
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const main = ranked[0]?.[0] ?? DEFAULT_LANGUAGE;
  const others = ranked.slice(1).filter(([, n]) => n >= MIN_LANGUAGE_DOCUMENTS || n >= MIN_LANGUAGE_SHARE * total);
  return [main, ...others.map(([lang]) => lang)];
}

/**
 * The language a document of language `lang` is analyzed in, in a bundle analyzed in `languages`
 * (`analysisLanguages`): its own when it is one of them, else the bundle's main language.
 * @example
 * analysisLanguage("nl", ["en"]); // "en"
 */
export const analysisLanguage = (lang: string | undefined, languages: readonly string[]): string =>
  lang !== undefined && languages.includes(lang) ? lang : (languages[0] ?? DEFAULT_LANGUAGE);

const CYRILLIC = /^\p{Script=Cyrillic}/u;
const ARABIC = /^\p{Script=Arabic}/u;

/**
 * The stemmer for a folded word of a script other than Latin: Snowball's Russian for Cyrillic, Snowball's Arabic
 * for the Arabic script, else Porter's English (which changes nothing in those scripts).
 */
function stemmerOf(word: string): (word: string) => string {
  if (CYRILLIC.test(word)) return russian;
  if (ARABIC.test(word)) return arabic;
  return stemmer;
}

/**
 * Whether a word's stem starts with the word's first letter: Porter and the Snowball stemmers of the Latin and
 * Cyrillic scripts only cut endings; the Arabic one also cuts prefixes (the article, conjunctions), so an Arabic
 * word is stemmed whatever its first letter.
 */
export const stemKeepsInitial = (word: string): boolean => !ARABIC.test(word);

/** Words the stem memo holds (at most twice `STEM_MEMO`). */
export function stemMemoSize(): number {
  return stems.size + olderStems.size;
}

export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

/**
 * The index terms of a text in language `lang` (English when not said), in order: folded words, stop words dropped,
 * stemmed (see `stem`).
 * @example
 * analyze("The embassies in Kabul"); // ["embassi", "kabul"]
 */
export function analyze(text: string, lang?: string): string[] {
  return analyzeWords(foldWords(text), lang);
}

/** A word of letters joined by hyphens, in two or three parts ("cease-fire", "co-operation", "e-mail"). */
export const HYPHENATED = /(?<![\p{L}\p{N}\-‐])\p{L}+(?:[-‐]\p{L}+){1,2}(?![-‐]?[\p{L}\p{N}])/gu;

/**
 * A hyphenated word written together and folded, as the build indexes it beside its parts and a query's hyphenated
 * word also matches it: of two or three parts of letters, four letters or more, not after a stop word ("no-one" and
 * "so-called" are no "noon" and "socal"); undefined for any other word. The one rule both sides follow.
 * @example
 * joinedWord("Cease-fire"); // "ceasefire"
 * joinedWord("no-one"); // undefined
 */
export function joinedWord(word: string): string | undefined {
  const parts = word.split(/[-‐]/u);
  if (parts.length < 2 || parts.length > 3 || !parts.every((part) => /^\p{L}+$/u.test(part))) return undefined;
  if (isStopWord(foldWords(parts[0] as string)[0] ?? "")) return undefined;
  const [joined] = foldWords(parts.join(""));
  return joined && joined.length >= 4 ? joined : undefined;
}

/**
 * The index terms of words already folded (`foldWords`) in language `lang`: stop words dropped, stemmed.
 * @example
 * analyzeWords(["the", "embassies"]); // ["embassi"]
 */
export function analyzeWords(words: string[], lang?: string): string[] {
  const out: string[] = [];
  for (const word of words) if (!stopWords.has(word)) out.push(stem(word, lang));
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
