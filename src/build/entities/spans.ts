/** @module Candidate names: runs of capitalised words, joined by hyphens, "&" and a few particles ("Bank of Japan"). */
import { COMPANY_TAILS, CONNECTORS, OF_HEADS, ORG_HEADS, PLACE_STARTS, TITLE_HEADS, TITLE_MODIFIERS } from "./cues";
import { LONGEST_NAME, lookupGazetteer } from "./gazetteer";
import { isAcronym, nameKey, possessiveLength } from "./normalize";
import type { Token } from "./tokens";
import { isCalendarWord, isCapitalized, isCommonWord, isFirstName, isNameWord, isWeekday, lower } from "./words";

/** Tokens `from` (inclusive) to `to` (exclusive) of a text. */
export interface Span {
  from: number;
  to: number;
  /** Starts a sentence or a quotation, where every word is capitalised. */
  initial: boolean;
}

/** What the text as a whole says about its words. */
export interface TextEvidence {
  /** Lowercased words seen capitalised away from the start of a sentence. */
  capitalizedInside: ReadonlySet<string>;
}

const HEAD_WORDS = [OF_HEADS, ORG_HEADS, PLACE_STARTS, TITLE_HEADS, TITLE_MODIFIERS];
const ENTITY_TAGS = ["Person", "FirstName", "LastName", "Place", "Country", "City", "Region", "Organization"];
/** What compromise says of a sentence's first word when it is a common word. */
const NOT_NAME_TAGS = ["Adjective", "Verb", "Adverb", "Determiner", "Preposition", "Conjunction", "Pronoun", "Value", "Date"];
const OPENING = /["“‘([:—–]|\s-\s/u;

/** Whitespace on one line, a bare hyphen ("Secretary-General"), or " & ". */
function joins(gap: string): boolean {
  return gap === "" || gap === "-" || /^[ \t]+$/u.test(gap) || /^[ \t]*&[ \t]*$/u.test(gap);
}

/**
 * The lowercase second half of a hyphenated given name ("Hoi-chang", "In-so"), glued to the word before it; not a
 * common word of three letters or more, which makes the name an adjective ("York-based", "Dole-led").
 */
function isNameSyllable(token: Token | undefined): boolean {
  return token?.gap === "-" && /^\p{Ll}+$/u.test(token.text) && !(token.text.length >= 3 && isCommonWord(token.text));
}

/** The first word of a sentence or quotation: capitalised whatever it is. */
export function isInitial(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (token === undefined) return false;
  return previous === undefined || previous.sentence !== token.sentence || OPENING.test(token.gap);
}

function isParticleStart(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const next = tokens[i + 1];
  return token !== undefined && next !== undefined && ["al", "el"].includes(lower(token.text)) && next.gap === "-";
}

function canStart(tokens: readonly Token[], i: number, evidence: TextEvidence): boolean {
  const token = tokens[i];
  if (token === undefined) return false;
  if (isParticleStart(tokens, i)) return true;
  if (!isNameWord(token) || isCalendarWord(token)) return false;
  if (!isInitial(tokens, i)) return true;
  const word = lower(token.text);
  if (lookupGazetteer(nameKey(token.text))) return true;
  if (isAcronym(token.text)) return !isCommonWord(token.text); // "NOTE - ..." is a word in capitals
  if (evidence.capitalizedInside.has(word)) return true;
  // "Bank of Japan", "Prime Minister Boris Johnson": a head or title word opening a longer name.
  if (HEAD_WORDS.some((words) => words.has(word)) && continues(tokens, i)) return true;
  if (isFirstName(token) && continues(tokens, i)) return true;
  // A word the lexicon knows as common ("Note - company has set...") is no name here, whatever its neighbours.
  if (isCommonWord(token.text)) return false;
  if (ENTITY_TAGS.some((tag) => token.tags.has(tag))) return true;
  return !NOT_NAME_TAGS.some((tag) => token.tags.has(tag)) || token.tags.has("ProperNoun");
}

/**
 * The end of the longest gazetteer name of two words or more starting at `i`, or `i`: such a name starts a
 * span even where its first word is common ("United Nations" opening a sentence) and keeps its lowercase
 * words ("Securities and Exchange Commission", "Bosnia and Herzegovina").
 */
function knownName(tokens: readonly Token[], i: number): { end: number; lowercase: boolean } {
  const first = tokens[i];
  const none = { end: i, lowercase: false };
  if (!first || !isNameWord(first)) return none;
  let written = first.text;
  let lowercase = false;
  let found = none;
  for (let j = i + 1; j < tokens.length && j - i < LONGEST_NAME; j++) {
    const token = tokens[j] as Token;
    if (token.sentence !== first.sentence || !joins(token.gap)) break;
    written += token.gap + token.text;
    lowercase ||= !isCapitalized(token.text);
    if (isCapitalized(token.text) && lookupGazetteer(nameKey(written))) found = { end: j + 1, lowercase };
  }
  return found;
}

/** "Merrill Lynch and Co Inc": past an "and" or "&" followed only by company words, or `at` itself. */
function companyTailEnd(tokens: readonly Token[], at: number): number {
  const and = tokens[at];
  if (!and || !["and", "&"].includes(lower(and.text)) || !joins(and.gap)) return at;
  let end = at + 1;
  while (end < tokens.length) {
    const token = tokens[end] as Token;
    if (!joins(token.gap) || !isCapitalized(token.text) || !COMPANY_TAILS.has(lower(token.text))) break;
    end++;
  }
  return end > at + 1 ? end : at;
}

/** Heads whose "of" can govern a list: "Bureau of Alcohol, Tobacco and Firearms", "Ministry of Posts and Telecommunications". */
const LIST_HEADS = new Set(["department", "ministry", "bureau", "office", "commission", "committee", "agency", "institute", "board"]);

/**
 * The end of "Head of A, B and C" when the span `from`–`to` is "Head of A" and the list's words are no names of
 * their own (as "Germany" or "Reuters" are): an organisation the gazetteer does not know, kept whole. `to` otherwise.
 */
function ofListEnd(tokens: readonly Token[], from: number, to: number): number {
  const of = tokens.findIndex((t, k) => k > from && k < to - 1 && lower(t.text) === "of");
  if (of < 0 || !LIST_HEADS.has(lower((tokens[of - 1] as Token).text))) return to;
  const sentence = (tokens[from] as Token).sentence;
  const item = (k: number) => {
    const token = tokens[k];
    return token !== undefined && token.sentence === sentence && isNameWord(token) && !lookupGazetteer(nameKey(token.text));
  };
  let k = to;
  while (tokens[k]?.gap === ", " && item(k)) k++;
  const and = tokens[k];
  if (and?.text !== "and" || and.gap !== " " || isFirstName(tokens[k + 1] as Token)) return to;
  // The last item, of a word or two ("Urban Development"), ends the name: "... and Firearms said".
  let end = k + 1;
  while (end < k + 3 && item(end) && (end === k + 1 || (tokens[end] as Token).gap === " ")) end++;
  const next = tokens[end];
  if (end === k + 1 || (next && next.sentence === sentence && joins(next.gap) && isNameWord(next))) return to;
  return end;
}

/** The next word carries the name on: "Bank of Japan", "Prime Minister". */
function continues(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i] as Token;
  const next = tokens[i + 1];
  const after = tokens[i + 2];
  if (!next || next.sentence !== token.sentence || !joins(next.gap)) return false;
  if (isNameWord(next)) return true;
  return after !== undefined && joins(after.gap) && isNameWord(after) && connectorFits(token, next);
}

function connectorFits(before: Token, connector: Token): boolean {
  const word = lower(connector.text);
  const head = lower(before.text);
  if (word === "of") return OF_HEADS.has(head);
  if (word === "for") return ORG_HEADS.has(head) || OF_HEADS.has(head) || head === "center" || head === "centre";
  return CONNECTORS.has(word);
}

/**
 * Finds the candidate names among a text's tokens, in order.
 * @example
 * findSpans(tokenize("Pentagon press secretary John Kirby spoke."), { capitalizedInside: new Set() });
 * // [{ from: 0, to: 1, initial: true }, { from: 3, to: 5, initial: false }]
 */
export function findSpans(tokens: readonly Token[], evidence: TextEvidence): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    const known = knownName(tokens, i);
    if (known.end === i && !canStart(tokens, i, evidence)) {
      i++;
      continue;
    }
    let j = Math.max(known.end, i + 1);
    // "New York Stock Exchange" runs on past the gazetteer's "New York"; "House of Representatives" stops.
    while (j < tokens.length && !known.lowercase) {
      const last = tokens[j - 1] as Token;
      const next = tokens[j] as Token;
      if (next.sentence !== last.sentence || !joins(next.gap) || possessiveLength(last.text) > 0) break;
      // "CNBC Friday", "Insulza Monday": a day, or a month after a name of two words, is a date, not more name.
      if (isCalendarWord(next) && (isWeekday(next) || j - i >= 2)) break;
      if (isNameWord(next)) {
        j++;
        continue;
      }
      const after = tokens[j + 1];
      // "Lee Hoi-chang", "Kim In-so": a given name of two syllables, the second in lowercase.
      if (isNameSyllable(next) && isNameWord(last)) {
        j++;
        continue;
      }
      if (isCapitalized(next.text) && /^\p{Lu}\p{Ll}*$/u.test(next.text) && isNameSyllable(after) && isFirstName(last)) {
        j += 2;
        continue;
      }
      const linked = after !== undefined && after.sentence === next.sentence && joins(after.gap);
      if (linked && isNameWord(after) && connectorFits(last, next)) {
        j += 2;
        continue;
      }
      j = companyTailEnd(tokens, j);
      break;
    }
    j = ofListEnd(tokens, i, j);
    spans.push({ from: i, to: j, initial: isInitial(tokens, i) });
    i = j;
  }
  return spans;
}
