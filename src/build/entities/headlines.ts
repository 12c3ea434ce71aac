/**
 * @module Title-case headlines ("US Secretary of State, Kazakh Counterpart Discuss Afghanistan"): capitals say nothing
 * there and the tagger, trained on prose and capitals headlines, guesses. Only names the document or the gazetteer
 * knows count.
 */
import type { EntityType } from "../../format/schema";
import { LONGEST_NAME, lookupGazetteer } from "./gazetteer";
import { nameKey } from "./normalize";
import type { Word } from "./tagger/tokenize";
import { isCommonWord } from "./words";

/** A known name found in a headline: word indices into its sentence, `to` exclusive. */
export interface HeadlineName {
  from: number;
  to: number;
  type: EntityType;
}

const isCapitalized = (word: string) => /^\p{Lu}/u.test(word);
const hasLowercase = (word: string) => /\p{Ll}/u.test(word);

/**
 * Whether a sentence is a title-case headline: four words or more, 85% of them capitalised, some lowercase letters
 * (capitals headlines are the tagger's), capitalised common words among them (a list of names has few), and not
 * a list.
 * @example
 * isTitleCase(["US", "Secretary", "of", "State", ",", "Kazakh", "Counterpart", "Discuss", "Afghanistan"]); // true
 * isTitleCase(["Prime", "Minister", "Boris", "Johnson", "spoke", "."]); // false
 */
export function isTitleCase(words: readonly string[]): boolean {
  let lettered = 0;
  let capitals = 0;
  for (const word of words) {
    if (!/\p{L}/u.test(word)) continue;
    lettered++;
    if (isCapitalized(word)) capitals++;
  }
  if (lettered < 4 || capitals < 0.85 * lettered) return false;
  const letters = words.filter((word) => /\p{L}/u.test(word));
  const capitalized = letters.filter(isCapitalized);
  const common = capitalized.filter((word) => isCommonWord(word));
  // "Christian Cullen, Jeff Wilson, Walter Little": short pieces between commas make a list, not a headline.
  const commas = words.filter((word) => word === ",").length;
  if (commas >= 2 && letters.length <= 3 * (commas + 1)) return false;
  return (
    letters.length >= 4 &&
    capitalized.length >= 0.85 * letters.length &&
    letters.some(hasLowercase) &&
    common.length >= 2 &&
    common.length >= 0.2 * capitalized.length
  );
}

/**
 * The longest known names of a headline, left to right: `known` gives the type of a name key the rest of the
 * document or the gazetteer knows.
 * @example
 * knownNames(words, text, (key) => (key === "afghanistan" ? "place" : undefined)); // [{ from: 8, to: 9, type: "place" }]
 */
export function knownNames(words: readonly Word[], text: string, known: (key: string) => EntityType | undefined): HeadlineName[] {
  const found: HeadlineName[] = [];
  let i = 0;
  while (i < words.length) {
    if (!isCapitalized((words[i] as Word).text)) {
      i++;
      continue;
    }
    let matched = false;
    for (let end = Math.min(words.length, i + LONGEST_NAME + 1); end > i; end--) {
      const last = words[end - 1] as Word;
      if (!isCapitalized(last.text)) continue;
      const key = nameKey(text.slice((words[i] as Word).start, last.end));
      const type = known(key) ?? lookupGazetteer(key)?.type;
      if (type) {
        found.push({ from: i, to: end, type });
        i = end;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return found;
}
