/** @module Titles before names: "Pentagon press secretary John Kirby", "Secretary of State Antony Blinken", "Tory MP Jonathan Sayeed". */
import { NOT_ROLES, TITLE_COMPLEMENTS, TITLE_HEADS, TITLE_MODIFIERS } from "./cues";
import type { Word } from "./tagger/tokenize";

const bare = (word: string): string => word.toLowerCase().replace(/\.$/u, "");
const isHead = (word: string): boolean => TITLE_HEADS.has(bare(word)) || TITLE_HEADS.has(word.toLowerCase());
const isTitleWord = (word: string): boolean => isHead(word) || TITLE_MODIFIERS.has(bare(word));

/**
 * The title written right before the word at `at` of a sentence: "press secretary" before "John Kirby", "Secretary
 * of State" before "Antony Blinken". Only a run of title words holding a title head ("secretary", "minister", "MP")
 * counts, and honorifics alone ("Mr.") are no role.
 * @example
 * const words = splitSentences("Pentagon press secretary John Kirby said so.")[0];
 * roleBefore(words, "Pentagon press secretary John Kirby said so.", 3); // "press secretary"
 */
export function roleBefore(words: readonly Word[], text: string, at: number): string | undefined {
  let from = at;
  while (from > 0) {
    const word = (words[from - 1] as Word).text;
    const next = words[from];
    const ofTitle = bare(word) === "of" && next !== undefined && TITLE_COMPLEMENTS.has(bare(next.text)) && from - 2 >= 0;
    if (!(isTitleWord(word) || ofTitle || (TITLE_COMPLEMENTS.has(bare(word)) && from < at))) break;
    if (/\n/u.test(text.slice((words[from - 1] as Word).end, (words[from] as Word).start))) break;
    from--;
  }
  while (from < at && !isTitleWord((words[from] as Word).text)) from++;
  const run = words.slice(from, at);
  if (!run.some((w) => isHead(w.text)) || run.every((w) => NOT_ROLES.has(w.text.toLowerCase()))) return undefined;
  return text.slice((run[0] as Word).start, (run[run.length - 1] as Word).end);
}
