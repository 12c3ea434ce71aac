/** @module What the English lexicon (compromise's, read once) says of a word: a name, a common word, a title or head noun. */
import { createRequire } from "node:module";
import { CALENDAR, ORG_HEADS, PLACE_HEADS, PLACE_STARTS, TITLE_HEADS } from "./cues";
import { isDemonymWord } from "./demonyms";

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

/**
 * Compromise's lexicon, from its one-file CommonJS build of the tagger ("two"): a third of the time its ES modules
 * take to load, in each thread that extracts. Only the lexicon is read; compromise never tags.
 */
const LEXICON: Readonly<Record<string, string | string[]>> =
  (
    createRequire(import.meta.url)("compromise/two") as { world(): { model?: { one?: { lexicon?: Record<string, string | string[]> } } } }
  ).world().model?.one?.lexicon ?? {};

const lower = (word: string) => {
  const lowered = word.toLowerCase();
  return lowered.includes("’") ? lowered.replace(/’/gu, "'") : lowered;
};

/** The lexicon's words whose tags pass `test`, gathered once: a lookup per word later, not a walk of its tags. */
function wordsTagged(test: (tags: readonly string[], word: string) => boolean): ReadonlySet<string> {
  const words = new Set<string>();
  for (const [word, tags] of Object.entries(LEXICON)) if (test(Array.isArray(tags) ? tags : [tags], word)) words.add(word);
  return words;
}

const COMMON_WORDS = wordsTagged((tags) => !tags.some((tag) => NAME_TAGS.has(tag)));

/**
 * A word compromise's lexicon knows as something other than a name ("officials", "according", "cup").
 * @example
 * isCommonWord("According"); // true
 * isCommonWord("Herat"); // false
 */
export const isCommonWord = (word: string): boolean => COMMON_WORDS.has(lower(word));

/** The class of each word the tagger's lexicon feature knows, from compromise's tags and the cue lists. */
const CLASSES = buildClasses();

function classOfTag(tag: string): string {
  if (tag === "MaleName" || tag === "FemaleName" || tag === "FirstName") return "first";
  if (tag === "LastName" || tag === "Person") return "last";
  if (tag === "City" || tag === "Country" || tag === "Place" || tag === "Region") return "place";
  if (tag === "Organization" || tag === "SportsTeam") return "org";
  if (tag === "Demonym") return "demonym";
  if (tag === "Honorific") return "honorific";
  if (tag === "Actor") return "actor";
  return "common";
}

function buildClasses(): Map<string, string> {
  const classes = new Map<string, string>();
  for (const [word, tags] of Object.entries(LEXICON)) {
    const tag = Array.isArray(tags) ? tags[0] : tags;
    if (tag !== undefined && !word.includes(" ")) classes.set(word, classOfTag(tag));
  }
  const add = (words: ReadonlySet<string>, cls: string) => {
    for (const word of words) classes.set(word.replace(/\.$/u, ""), cls);
  };
  add(ORG_HEADS, "orghead");
  add(PLACE_HEADS, "placehead");
  add(PLACE_STARTS, "placestart");
  add(TITLE_HEADS, "title");
  add(CALENDAR, "calendar");
  return classes;
}

/**
 * A lowercased word's class for the tagger: "first" (a given name), "last", "place", "org", "demonym",
 * "honorific", "actor" (a job), "common", a cue class ("orghead", "placehead", "placestart", "title",
 * "calendar"), or "none" when the lexicon does not know it.
 * @example
 * lexiconClass("john"); // "first"
 * lexiconClass("ministry"); // "orghead"
 */
export function lexiconClass(lowered: string): string {
  const bare = lowered.replace(/\.$/u, "");
  return CLASSES.get(bare) ?? (isDemonymWord(bare) ? "demonym" : "none");
}

/** Lexicon tags of words that open a clause and never a name: "Meanwhile", "However", "But", "When", "Yesterday". */
const OPENER_TAGS = new Set(["Adverb", "Conjunction", "QuestionWord", "Date"]);

/**
 * Whether a word written in title case ("Meanwhile", not "SO" in a capitals headline) is one that opens a sentence and
 * is no name: every tag the lexicon gives it is an adverb's, a conjunction's, a question word's or a day word's. A
 * tagger trained on news glues it to the name after it at a sentence start ("Meanwhile Hurtigruten said").
 * Prepositions are not among them: "In Home Health Inc" is a company.
 * @example
 * opensSentence("Meanwhile"); // true
 * opensSentence("Morgan"); // false
 */
export const opensSentence = (word: string): boolean => /^\p{Lu}\p{Ll}+$/u.test(word) && OPENERS.has(lower(word));
const OPENERS = wordsTagged((tags) => tags.every((tag) => OPENER_TAGS.has(tag)));

/** Lexicon tags of words that cannot be the noun a name qualifies: verbs, modals, prepositions, conjunctions… */
const PHRASE_END_TAGS = new Set([
  ...["Modal", "Copula", "Verb", "PastTense", "PresentTense", "Auxiliary", "Preposition", "Conjunction"],
  ...["Adverb", "Determiner", "Pronoun", "QuestionWord"],
]);
const NOUN_TAGS = new Set(["Singular", "Plural", "Uncountable", "Noun", "Actor", "Adjective"]);

/**
 * Whether a lowercase word after a name ends the phrase the name is in: the lexicon knows it only as a verb, a modal,
 * a preposition, a conjunction, an adverb or a pronoun ("could", "said", "is"), never as a noun or an adjective the name
 * would qualify ("in Chile and Codelco managers").
 * @example
 * endsPhrase("could"); // true
 * endsPhrase("managers"); // false
 */
export const endsPhrase = (word: string): boolean => PHRASE_ENDS.has(lower(word));
const PHRASE_ENDS = wordsTagged((tags) => tags.some((tag) => PHRASE_END_TAGS.has(tag)) && !tags.some((tag) => NOUN_TAGS.has(tag)));

/**
 * Lexicon tags of a verb's conjugated forms: a past ("sued"), a present ("rejects"), a modal ("will"), a copula ("is").
 * Not the infinitive, which the lexicon gives words that are nouns too ("control", "reserve") or words of other
 * languages' names ("pour" in "Groupement des Industries pour le Batiment").
 */
const VERB_TAGS = new Set(["PastTense", "PresentTense", "Modal", "Copula"]);
/** Such forms that are also particles of other languages' names: "Bild am Sonntag". */
const VERBS_IN_NAMES = new Set(["am"]);
const VERBS = wordsTagged(
  (tags, word) => !VERBS_IN_NAMES.has(word) && tags.some((tag) => VERB_TAGS.has(tag)) && !tags.some((tag) => NOUN_TAGS.has(tag)),
);

/**
 * Whether a lowercase word is only ever a conjugated verb ("sued", "said", "will"), never a noun or an adjective: no
 * name holds one written so, where it holds "of", "for" or "the".
 * @example
 * isVerbOnly("sued"); // true
 * isVerbOnly("for"); // false
 */
export const isVerbOnly = (word: string): boolean => VERBS.has(word);

/** The word right before a position, its full stop off ("Mr" of "Mr. Hughes"), within the 12 characters before it. */
const WORD_BEFORE = /(\p{L}+)\.?[ \t]+$/u;

/**
 * The word written right before `at` in `text` (a title's full stop dropped), or undefined.
 * @example
 * wordBefore("said Mr. Hughes", 9); // "Mr"
 */
export function wordBefore(text: string, at: number): string | undefined {
  return WORD_BEFORE.exec(text.slice(Math.max(0, at - 12), at))?.[1];
}
