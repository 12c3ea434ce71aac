/** @module Name normalisation: the key under which two spellings of one name meet. */
import { foldDiacritics } from "../../format/slug";

const POSSESSIVE = /(?:['’]s|(?<=s)['’])$/u;
const LEADING_THE = /^the\s+/iu;
const DOTTED_ACRONYM = /^(?:\p{L}\.)+\p{L}?$/u;
const NOT_ASCII = /[\u0080-\u{10FFFF}]/u;

/** How many characters of a trailing possessive (`'s`, `’s`, `s'`) end `word`; 0 when none. */
export function possessiveLength(word: string): number {
  const match = POSSESSIVE.exec(word);
  return match ? match[0].length : 0;
}

/**
 * Cuts a trailing possessive off a name.
 * @example
 * stripPossessive("Blinken's"); // "Blinken"
 * stripPossessive("Reuters'"); // "Reuters"
 */
export function stripPossessive(name: string): string {
  return name.slice(0, name.length - possessiveLength(name));
}

export { foldDiacritics };

/**
 * A name as it is shown: single spaces, curly apostrophes made straight, no leading "the", no possessive.
 * @example
 * surfaceName("the  U.S.’s"); // "U.S."
 */
export function surfaceName(name: string): string {
  const spaced = name.replace(/\s+/gu, " ").replace(/’/gu, "'").trim();
  return stripPossessive(spaced.replace(LEADING_THE, ""));
}

/**
 * The matching key of a name: lowercase, unaccented, no dots in acronyms, hyphens as spaces.
 * @example
 * nameKey("The U.N.'s"); // "un"
 * nameKey("Al-Qaeda"); // "al qaeda"
 */
export function nameKey(name: string): string {
  const surface = surfaceName(name);
  // Plain ASCII has no diacritics to fold: most names skip the Unicode normalisation.
  return (NOT_ASCII.test(surface) ? foldDiacritics(surface) : surface)
    .toLowerCase()
    .split(/[\s\-‐–]+/u)
    .map((word) => (!word.includes(".") ? word : DOTTED_ACRONYM.test(word) ? word.replace(/\./gu, "") : word.replace(/\.$/u, "")))
    .filter((word) => word.length > 0)
    .join(" ");
}

/** True when a word is written as an acronym: "UN", "U.N.", "NATO" (not "I" or "A"). */
export function isAcronym(word: string): boolean {
  if (DOTTED_ACRONYM.test(word)) return /\p{Lu}/u.test(word);
  return /^\p{Lu}[\p{Lu}&]+$/u.test(word) && word.length <= 6;
}

/**
 * A name's matching key, word by word: lowercase, no full stops, hyphens as spaces (as `nameKey` makes them, accents aside).
 * @example
 * ["U.N.", "Al-Qaeda"].map(wordKey).join(" "); // "un al qaeda"
 */
export const wordKey = (word: string): string => word.toLowerCase().replace(/\./gu, "").replace(/-/gu, " ");
