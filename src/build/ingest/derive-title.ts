/** @module Finds a document's title: a headline line when there is one, else the first sentence, cut to a readable length. */

/** A first line longer than this is a paragraph, not a headline. */
export const HEADLINE_MAX = 200;
/** A title taken from the first sentence is cut to this many characters, ellipsis included. */
export const SENTENCE_TITLE_MAX = 120;
/** Any title is cut to this many characters, ellipsis included. */
export const TITLE_MAX = 1000;

/** Ends like a sentence: `.`, `!`, `?` or `…`, maybe followed by closing quotes or brackets (`said "no."`). */
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/u;

/** Words whose trailing period does not end a sentence. */
const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof st jr sr inc corp co ltd llc vs etc gen sen rep gov col lt sgt capt no nos vol fig approx dept est jan feb mar apr jun jul aug sep sept oct nov dec".split(
    " ",
  ),
);

/**
 * Whether a line reads as a headline: short, and not ending like a sentence.
 *
 * @example
 * isHeadline("US Secretary of State, Kazakh Counterpart Discuss Afghanistan"); // true
 * isHeadline("The talks ended on Friday."); // false
 */
export function isHeadline(line: string): boolean {
  const text = line.trim();
  return text.length > 0 && text.length <= HEADLINE_MAX && !SENTENCE_END.test(text);
}

/**
 * The first sentence of a text, line breaks folded into spaces. Initials (`U.N.`) and common abbreviations
 * (`Mr.`, `Inc.`) do not end a sentence, and neither does a period followed by a lower-case word or a digit.
 *
 * @example
 * firstSentence("The U.N. Security Council met. It agreed."); // "The U.N. Security Council met."
 */
export function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = /[.!?…]+["'”’»)\]]*(?= |$)/gu;
  for (const m of flat.matchAll(end)) {
    const stop = m.index + m[0].length;
    if (stop >= flat.length) return flat;
    if (m[0].startsWith(".") && !m[0].startsWith("..") && isAbbreviation(flat, m.index)) continue;
    const next = flat[stop + 1] ?? "";
    if (/[\p{Ll}\p{N}]/u.test(next)) continue;
    return flat.slice(0, stop);
  }
  return flat;
}

/** Whether the period at `dot` closes an initial (`U.S.`, `J.`) or a known abbreviation rather than a sentence. */
function isAbbreviation(text: string, dot: number): boolean {
  const word = /[\p{L}.]+$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[0] ?? "";
  const last = word.split(".").at(-1) ?? "";
  if (last.length === 1 && /\p{Lu}/u.test(last)) return true;
  return ABBREVIATIONS.has(last.toLowerCase());
}

/**
 * Cuts text to at most `max` characters at a word boundary, ending it with `…`; shorter text is returned as is.
 *
 * @example
 * shorten("one two three four", 12); // "one two…"
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(" ");
  // One huge word: cut inside it rather than return nothing.
  const cut = space > max / 3 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:–—-]+$/u, "")}…`;
}

/**
 * A title made from a body that has none: its first sentence, cut to 120 characters.
 *
 * @example
 * titleFromBody("Showers continued throughout the week in\nthe Bahia cocoa zone. More text."); // "Showers continued throughout the week in the Bahia cocoa zone."
 */
export function titleFromBody(body: string): string {
  return shorten(firstSentence(body), SENTENCE_TITLE_MAX);
}
