/** @module Readable, stable ids for entities: "Antony Blinken" → "antony-blinken". */

/** Removes accents: "Tleuberdí" and "Tleuberdi" are one name. */
export function foldDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "");
}

/**
 * Latin letters that are no base letter with an accent, so that folding keeps them (and the slug would drop them):
 * "Jørn" is "jorn", not "j-rn"; "Łódź" "lodz"; "Straße" "strasse".
 */
const LETTERS: Readonly<Record<string, string>> = {
  ø: "o",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  đ: "d",
  ð: "d",
  þ: "th",
  ł: "l",
  ı: "i",
  ħ: "h",
  ŧ: "t",
  ŋ: "ng",
  ĸ: "k",
};
const OTHER_LETTERS = new RegExp(`[${Object.keys(LETTERS).join("")}]`, "gu");

/**
 * The slug of a name: lowercase words joined by dashes. Dots and apostrophes vanish inside words; Latin letters lose
 * their accents, and those that are not accented ones are spelled in ASCII ("ø" as "o", "æ" as "ae"); names in other
 * scripts keep their letters ("Владимир Путин" → "владимир-путин"), lowercase where the script has case.
 * @example
 * slugify("Antony Blinken"); // "antony-blinken"
 * slugify("U.S. State Department"); // "us-state-department"
 * slugify("Procter & Gamble"); // "procter-and-gamble"
 * slugify("Jørn Eggum"); // "jorn-eggum"
 * slugify("Владимир Путин"); // "владимир-путин"
 */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFD")
    .replace(LATIN_MARKS, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(OTHER_LETTERS, (letter) => LETTERS[letter] ?? letter)
    .replace(/&/gu, " and ")
    .replace(/['’.]/gu, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
  return slug.length > 0 ? slug : "entity";
}

/**
 * The accents of Latin letters, which a slug drops; other scripts keep their marks (a Devanagari vowel sign, Arabic
 * vowels): their words are letters and marks together.
 */
const LATIN_MARKS = /(\p{Script=Latin})\p{M}+/gu;
