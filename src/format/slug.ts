/** @module Readable, stable ids for entities: "Antony Blinken" → "antony-blinken". */

/** Removes accents: "Tleuberdí" and "Tleuberdi" are one name. */
export function foldDiacritics(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "");
}

/**
 * The slug of a name: lowercase ASCII words joined by dashes. Dots and apostrophes vanish inside words.
 * @example
 * slugify("Antony Blinken"); // "antony-blinken"
 * slugify("U.S. State Department"); // "us-state-department"
 * slugify("Procter & Gamble"); // "procter-and-gamble"
 */
export function slugify(name: string): string {
  const slug = foldDiacritics(name)
    .toLowerCase()
    .replace(/&/gu, " and ")
    .replace(/['’.]/gu, "")
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "");
  return slug.length > 0 ? slug : "entity";
}
