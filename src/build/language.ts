/**
 * @module A document's language, at build time: the script its letters are written in, and for scripts shared by
 * several languages (Latin, Cyrillic) which language's function words it uses. Fast (one pass over the first
 * `SAMPLE` characters) and conservative: a text that does not clearly read as one language is "und" (undetermined),
 * which the build treats as it treats English.
 */
import { stopwords as bg } from "@orama/stopwords/bulgarian";
import { stopwords as da } from "@orama/stopwords/danish";
import { stopwords as nl } from "@orama/stopwords/dutch";
import { stopwords as en } from "@orama/stopwords/english";
import { stopwords as fi } from "@orama/stopwords/finnish";
import { stopwords as fr } from "@orama/stopwords/french";
import { stopwords as de } from "@orama/stopwords/german";
import { stopwords as hu } from "@orama/stopwords/hungarian";
import { stopwords as id } from "@orama/stopwords/indonesian";
import { stopwords as it } from "@orama/stopwords/italian";
import { stopwords as no } from "@orama/stopwords/norwegian";
import { stopwords as pt } from "@orama/stopwords/portuguese";
import { stopwords as ro } from "@orama/stopwords/romanian";
import { stopwords as ru } from "@orama/stopwords/russian";
import { stopwords as es } from "@orama/stopwords/spanish";
import { stopwords as sv } from "@orama/stopwords/swedish";
import { stopwords as tr } from "@orama/stopwords/turkish";
import { stopwords as uk } from "@orama/stopwords/ukrainian";
import { isAscii } from "../format/analyzer";

/** The language of a text none could be told for (ISO 639-2's code for "undetermined"). */
export const UNDETERMINED = "und";

/** Characters of a document read to tell its language: the title and the start of the body. */
const SAMPLE = 1000;
/** Function words a text must use before a language is named from them: at least this many… */
const MIN_EVIDENCE = 4;
/** …and this share of its words (running prose is a third to a half function words; a results table is not). */
const MIN_SHARE = 0.15;
/** How far ahead of the runner-up the chosen language must be. */
const MARGIN = 1.25;

/** Languages told apart by their function words, by the script they are written in. */
const BY_SCRIPT: Record<"Latin" | "Cyrillic", Record<string, readonly string[]>> = {
  Latin: { en, de, fr, es, it, pt, nl, sv, da, no, fi, hu, ro, tr, id },
  Cyrillic: { ru, uk, bg },
};

/**
 * Each function word's weight per language: 1 shared by the number of the script's languages that use it, so a
 * word only one language has ("the", "und", "и") counts fully and one many share ("de", "a") little.
 */
const WEIGHTS = Object.fromEntries(
  Object.entries(BY_SCRIPT).map(([script, languages]) => {
    const users = new Map<string, string[]>();
    for (const [language, words] of Object.entries(languages)) {
      for (const word of new Set(words.map((w) => w.toLowerCase()))) users.set(word, [...(users.get(word) ?? []), language]);
    }
    const weights = new Map<string, [string, number][]>();
    for (const [word, langs] of users)
      weights.set(
        word,
        langs.map((l) => [l, 1 / langs.length]),
      );
    return [script, weights];
  }),
) as Record<keyof typeof BY_SCRIPT, Map<string, [string, number][]>>;

/** Scripts that name one language here (a Han text with kana is Japanese). */
const SCRIPTS: [RegExp, string][] = [
  [/\p{Script=Hiragana}|\p{Script=Katakana}/u, "ja"],
  [/\p{Script=Han}/u, "zh"],
  [/\p{Script=Hangul}/u, "ko"],
  [/\p{Script=Arabic}/u, "ar"],
  [/\p{Script=Devanagari}/u, "hi"],
  [/\p{Script=Thai}/u, "th"],
  [/\p{Script=Greek}/u, "el"],
  [/\p{Script=Hebrew}/u, "he"],
  [/\p{Script=Georgian}/u, "ka"],
  [/\p{Script=Armenian}/u, "hy"],
  [/\p{Script=Bengali}/u, "bn"],
  [/\p{Script=Tamil}/u, "ta"],
];
const LATIN = /\p{Script=Latin}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LETTER = /\p{L}/u;
const ASCII_LETTER = /[a-z]/i;
const WORD = /\p{L}+(?:['’]\p{L}+)?/gu;

/** The script most of a text's letters are in: "Latin", "Cyrillic", or the language a script names (see `SCRIPTS`). */
function dominantScript(sample: string): string | undefined {
  if (isAscii(sample)) return ASCII_LETTER.test(sample) ? "Latin" : undefined;
  const counts = new Map<string, number>();
  let kana = 0;
  for (const char of sample) {
    if (char.charCodeAt(0) < 0x80) {
      if ((char >= "a" && char <= "z") || (char >= "A" && char <= "Z")) counts.set("Latin", (counts.get("Latin") ?? 0) + 1);
      continue;
    }
    if (!LETTER.test(char)) continue;
    if (LATIN.test(char)) counts.set("Latin", (counts.get("Latin") ?? 0) + 1);
    else if (CYRILLIC.test(char)) counts.set("Cyrillic", (counts.get("Cyrillic") ?? 0) + 1);
    else {
      const found = SCRIPTS.find(([pattern]) => pattern.test(char));
      if (!found) continue;
      if (found[1] === "ja") kana++;
      counts.set(found[1], (counts.get(found[1]) ?? 0) + 1);
    }
  }
  // Japanese writes most of its words in Han characters: a fair share of kana is enough.
  if (kana > 0 && kana >= 0.1 * ((counts.get("zh") ?? 0) + kana)) {
    counts.set("ja", (counts.get("zh") ?? 0) + kana);
    counts.delete("zh");
  }
  let best: string | undefined;
  let most = 0;
  for (const [script, n] of counts) {
    if (n > most) {
      best = script;
      most = n;
    }
  }
  return best;
}

/**
 * The language of a text, as an ISO 639-1 code ("en", "de", "zh"…), or `UNDETERMINED`: by its script, and within
 * the Latin and Cyrillic scripts by the function words it uses ("the", "und", "le"…), each weighted by how few
 * languages share it. A text with fewer than `MIN_EVIDENCE` of them, or with two languages close, is undetermined:
 * a results table ("Shr 12 cts vs 10 cts") is no evidence of anything.
 * @example
 * detectLanguage("Die Regierung hat am Montag die neuen Zahlen vorgelegt, und die Opposition kritisiert sie."); // "de"
 * detectLanguage("Shr 12 cts vs 10 cts Net 1.2 mln vs 900,000"); // "und"
 */
export function detectLanguage(text: string): string {
  const sample = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const script = dominantScript(sample);
  if (script === undefined) return UNDETERMINED;
  if (script !== "Latin" && script !== "Cyrillic") return script;
  const weights = WEIGHTS[script];
  const scores = new Map<string, number>();
  let evidence = 0;
  let words = 0;
  for (const [word] of sample.toLowerCase().matchAll(WORD)) {
    words++;
    // A lone Latin letter is an initial ("H.K.", "John F. Kennedy") more often than a word.
    const users = word.length > 1 || script !== "Latin" ? weights.get(word) : undefined;
    if (!users) continue;
    evidence++;
    for (const [language, weight] of users) scores.set(language, (scores.get(language) ?? 0) + weight);
  }
  if (evidence < MIN_EVIDENCE || evidence < MIN_SHARE * words) return UNDETERMINED;
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || (second && first[1] < MARGIN * second[1])) return UNDETERMINED;
  return first[0];
}

/**
 * A record's own language tag as the build stores it: the primary subtag of a BCP 47 tag, lowercased ("pt-BR" →
 * "pt", "EN" → "en"), or undefined when it is not one.
 * @example
 * languageTag("de-CH"); // "de"
 * languageTag("German"); // undefined
 */
export function languageTag(tag: string): string | undefined {
  const match = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i.exec(tag.trim());
  return match ? (match[1] as string).toLowerCase() : undefined;
}
