/** @module What one word looks like: capitalised, an acronym, a common English word, a function word. */
import nlp from "compromise";
import { CALENDAR, NEVER_NAMES } from "./cues";
import { isDemonymWord } from "./demonyms";
import { isAcronym } from "./normalize";
import type { Token } from "./tokens";

/** Lexicon tags that say a word is a name rather than a common word. */
const NAME_TAGS = new Set([
  "ProperNoun",
  "Person",
  "FirstName",
  "MaleName",
  "FemaleName",
  "LastName",
  "Place",
  "Country",
  "City",
  "Region",
  "Organization",
  "SportsTeam",
  "Honorific",
  "Demonym",
  "Acronym",
]);

interface Model {
  one?: { lexicon?: Record<string, string | string[]> };
  two?: { switches?: Record<string, string> };
}
const model = (nlp.world() as { model?: Model }).model;
const lexicon = model?.one?.lexicon ?? {};
/** Words compromise knows to be either a name or something else: "gail" is "Person|Noun". */
const switches = model?.two?.switches ?? {};
const FIRST_NAME_TAGS = ["FirstName", "MaleName", "FemaleName"];

/** The word in lowercase, without a trailing full stop ("Gen." → "gen"), for list look-ups. */
export function lower(word: string): string {
  return word.toLowerCase().replace(/’/gu, "'");
}

/** Starts with a capital letter: "Kabul", "U.N.", "McDonald's". */
export function isCapitalized(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Written all in capitals, with at least two letters: "NATO", "LEICESTERSHIRE". */
export function isAllCaps(word: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
}

/**
 * A word compromise's lexicon knows as something other than a name ("officials", "according", "cup").
 * @example
 * isCommonWord("According"); // true
 * isCommonWord("Herat"); // false
 */
export function isCommonWord(word: string): boolean {
  const tags = lexicon[lower(word)];
  if (tags === undefined) return false;
  return !(Array.isArray(tags) ? tags : [tags]).some((tag) => NAME_TAGS.has(tag));
}

/** Can be part of a name: capitalised, and not a function word, pronoun or number word. */
export function isNameWord(token: Token): boolean {
  if (!isCapitalized(token.text)) return false;
  if (isAcronym(token.text)) return true;
  return !NEVER_NAMES.has(lower(token.text).replace(/\.$/u, ""));
}

/**
 * A given name, by compromise's tags or lexicon, including the ones that are also common nouns ("Gail", "Bill").
 * @example
 * isFirstName(tokenize("Gail Devers")[0]); // true
 */
export function isFirstName(token: Token): boolean {
  if (isAcronym(token.text)) return false; // "IRA", "AL": an acronym in prose, not Ira or Al
  if (FIRST_NAME_TAGS.some((tag) => token.tags.has(tag))) return true;
  const word = lower(token.text);
  const tags = lexicon[word];
  const known = tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
  return known.some((tag) => FIRST_NAME_TAGS.includes(tag)) || (switches[word]?.startsWith("Person|") ?? false);
}

/** A single initial: "J." in "J. Smith". */
export function isInitialLetter(token: Token): boolean {
  return /^\p{Lu}\.$/u.test(token.text);
}

/** Month and weekday names: "Friday", "May". */
export function isCalendarWord(token: Token): boolean {
  return CALENDAR.has(lower(token.text).replace(/(?:\.|'s?)$/u, ""));
}

/** A nationality word, by compromise's tags or lexicon: "Kazakh", "Afghans", "Iraqi". */
export function isDemonym(token: Token): boolean {
  if (token.tags.has("Demonym") || isDemonymWord(token.text)) return true;
  const tags = lexicon[lower(token.text)] ?? lexicon[lower(token.text).replace(/s$/u, "")];
  return tags !== undefined && (Array.isArray(tags) ? tags : [tags]).includes("Demonym");
}

/**
 * A day of the week: "Friday" never continues a name ("CNBC Friday"), where "May" may ("Theresa May").
 * @example
 * isWeekday(tokenize("Friday's")[0]); // true
 */
export function isWeekday(token: Token): boolean {
  return /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$/u.test(lower(token.text).replace(/(?:\.|'s?)$/u, ""));
}
