/**
 * @module Title-case headlines ("US Secretary of State, Kazakh Counterpart Discuss Afghanistan"): capitals say nothing
 * there and the tagger, trained on prose and capitals headlines, guesses. Only names the document or the gazetteer
 * knows count.
 */
import type { EntityType } from "../../format/schema";
import { LONGEST_NAME, lookupGazetteer } from "./gazetteer";
import { wordKey } from "./normalize";
import type { PreparedSentence, WordInfo } from "./tagger/features";
import type { Word } from "./tagger/tokenize";
import { isCommonWord } from "./words";

/** A known name found in a headline: word indices into its sentence, `to` exclusive. */
export interface HeadlineName {
  from: number;
  to: number;
  type: EntityType;
}

const isCapitalized = (word: string) => /^\p{Lu}/u.test(word);

/** The short words a title-case headline keeps in lowercase. */
const TITLE_LOWERCASE = new Set(["a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "and", "or", "as", "with", "from"]);

/**
 * Whether a sentence is a title-case headline: three words or more, 85% of them capitalised, some lowercase letters
 * (capitals headlines are the tagger's), capitalised common words among them (a list of names has few), not a
 * list and no full stop at the end. Short words a title keeps in lowercase ("of", "in") are not counted.
 * @example
 * isTitleCase(prepareSentence(["US", "Secretary", "of", "State", ",", "Kazakh", "Counterpart", "Discuss", "Afghanistan"])); // true
 * isTitleCase(prepareSentence(["Prime", "Minister", "Boris", "Johnson", "spoke", "."])); // false
 */
export function isTitleCase({ words, infos }: Pick<PreparedSentence, "words" | "infos">): boolean {
  let letters = 0;
  let capitalized = 0;
  let lowercase = false;
  // Past this many words not capitalised, fewer than 85% of the words can be: most sentences are known after a few words.
  const most = 0.15 * infos.length;
  for (const info of infos) {
    // Titles keep their short function words in lowercase: "Floods in Valencia", "WHO Warns of Measles Surge".
    if (!info.letters || TITLE_LOWERCASE.has(info.lower)) continue;
    letters++;
    if (info.capital) capitalized++;
    else if (letters - capitalized > most) return false;
    if (!info.upper) lowercase = true;
  }
  // A headline does not end with a full stop; a sentence naming many people does ("Mr. Smith met Dr. Jane Doe.").
  if (letters < 3 || capitalized < 0.85 * letters || !lowercase || words[words.length - 1] === ".") return false;
  // "Christian Cullen, Jeff Wilson, Walter Little": short pieces between commas make a list, not a headline.
  const commas = words.filter((word) => word === ",").length;
  if (commas >= 2 && letters <= 3 * (commas + 1)) return false;
  const common = words.filter((word, i) => (infos[i] as WordInfo).capital && isCommonWord(word)).length;
  return common >= 2 && common >= 0.2 * capitalized;
}

/**
 * The longest known names of a headline, left to right: `known` gives the type of a name key the rest of the
 * document or the gazetteer knows.
 * @example
 * knownNames(words, (key) => (key === "afghanistan" ? "place" : undefined)); // [{ from: 8, to: 9, type: "place" }]
 */
export function knownNames(words: readonly Word[], known: (key: string) => EntityType | undefined): HeadlineName[] {
  const found: HeadlineName[] = [];
  const keys = words.map((word) => wordKey(word.text));
  let i = 0;
  while (i < words.length) {
    if (!isCapitalized((words[i] as Word).text)) {
      i++;
      continue;
    }
    let matched = false;
    for (let end = Math.min(words.length, i + LONGEST_NAME + 1); end > i; end--) {
      if (!isCapitalized((words[end - 1] as Word).text)) continue;
      const key = keys.slice(i, end).join(" ");
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
