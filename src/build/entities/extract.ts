/** @module Finds the people, organisations and places named in a text, with their character offsets. */
import type { EntityType } from "../../format/schema";
import { proseCandidates } from "./candidates";
import { lookupGazetteer } from "./gazetteer";
import { findKnownNames, headlineSentences } from "./headlines";
import { possessiveLength } from "./normalize";
import { settleCues } from "./one-sense";
import { propagate, surnamesOf } from "./propagate";
import { type Token, tokenize } from "./tokens";
import type { DocumentNames, LocatedMention, Mention, UntypedName } from "./types";

/**
 * Finds the named people, organisations and places of a text, with the index of the sentence of each.
 * @example
 * extractLocated("The Taliban took Kandahar and Herat.").map((m) => [m.text, m.type, m.sentence]);
 * // [["Taliban", "organization", 0], ["Kandahar", "place", 0], ["Herat", "place", 0]]
 */
export function extractLocated(text: string): LocatedMention[] {
  return extractNames(text).mentions;
}

/**
 * The typed mentions of a text, as `extractLocated` gives them, and the names it found but could not type
 * ("Kirby's figures" with no Kirby named in full): the merger types those from the rest of the corpus.
 * @example
 * extractNames("Reporters questioned Kirby's figures.").untyped; // [{ text: "Kirby", start: 21, end: 26, sentence: 0 }]
 */
export function extractNames(text: string): DocumentNames {
  const tokens = tokenize(text);
  const headlines = headlineSentences(tokens);
  const candidates = settleCues(proseCandidates(tokens, text, headlines), text);
  const typed = propagate(candidates, text);
  const typedStarts = new Set(typed.map(({ start }) => start));
  const untyped: UntypedName[] = candidates
    .filter(({ start, guess }) => !typedStarts.has(start) && !guess.drop && !guess.surnameOnly)
    .map(({ start, end, sentence }) => ({ text: text.slice(start, end), start, end, sentence }));
  const mentions: LocatedMention[] = typed.map(({ start, end, type, role, sentence }) => ({
    text: text.slice(start, end),
    type,
    start,
    end,
    ...(role ? { role } : {}),
    sentence,
  }));
  if (headlines.size > 0) {
    const seen = new Map<string, EntityType>(typed.map(({ key, type }) => [key, type]));
    for (const surname of surnamesOf(typed)) if (!seen.has(surname)) seen.set(surname, "person");
    const known = (key: string) => seen.get(key) ?? lookupGazetteer(key)?.type;
    for (const { from, to, type } of findKnownNames(tokens, text, headlines, known)) {
      const first = tokens[from] as Token;
      const last = tokens[to - 1] as Token;
      const end = last.end - possessiveLength(last.text);
      const mention = { text: text.slice(first.start, end), type, start: first.start, end, sentence: first.sentence };
      mentions.push({ ...mention, headline: true });
    }
    mentions.sort((a, b) => a.start - b.start);
  }
  return { mentions, untyped };
}

/**
 * Finds the named people, organisations and places of a text. Offsets are into `text`:
 * `text.slice(m.start, m.end) === m.text`.
 * @example
 * extractMentions("Pentagon press secretary John Kirby said so.");
 * // [{ text: "Pentagon", type: "organization", start: 0, end: 8 },
 * //  { text: "John Kirby", type: "person", start: 25, end: 35, role: "press secretary" }]
 */
export function extractMentions(text: string): Mention[] {
  return extractLocated(text).map(({ sentence: _, headline: __, ...mention }) => mention);
}
