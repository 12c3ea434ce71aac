/** @module Hard-wrapped text (Reuters wraps its bodies at 70 columns): line breaks inside a sentence become spaces. */

const SOFT_BREAK = /(?<![.!?:;"”’'\n])\n(?=[^\s])/gu;

/**
 * Whether a text is hard-wrapped: several lines go on with a lowercase word, as a sentence cut in two does.
 * @example
 * isHardWrapped("the drought since early\nJanuary and improving\nprospects for the coming\ntemporao."); // true
 * isHardWrapped("Kabul fell.\nThe Taliban took Herat."); // false
 */
export function isHardWrapped(text: string): boolean {
  const breaks = text.match(/\n/gu)?.length ?? 0;
  const lowercase = text.match(/[^\s.!?]\n\p{Ll}/gu)?.length ?? 0;
  return lowercase >= 2 && lowercase >= 0.15 * breaks;
}

/**
 * The text with the line breaks of hard wrapping made spaces, so that "European\nCommunity" is one name. A
 * break after a full stop, before an indented line or next to another break stays. Offsets do not move.
 * @example
 * unwrap("said the European\nCommunity officials.\n The dry period"); // "said the European Community officials.\n The dry period"
 */
export function unwrap(text: string): string {
  return isHardWrapped(text) ? text.replace(SOFT_BREAK, " ") : text;
}
