/** @module Finds the people, organisations and places named in a text, with their character offsets. */
import type { EntityType } from "../bundle/schema";
import { classify, leadingDemonyms } from "./classify";
import { lookupGazetteer } from "./gazetteer";
import { findKnownNames, headlineSentences } from "./headlines";
import { nameKey, possessiveLength } from "./normalize";
import { type Candidate, propagate, surnamesOf } from "./propagate";
import { findSpans, isInitial } from "./spans";
import { roleBefore, splitAtTitle } from "./titles";
import { type Token, tokenize } from "./tokens";
import type { LocatedMention, Mention } from "./types";
import { isCapitalized, lower } from "./words";

/** Lowercased words written with a capital away from the start of a sentence, outside headlines. */
function capitalizedInside(tokens: readonly Token[], headlines: ReadonlySet<number>): Set<string> {
  const words = new Set<string>();
  tokens.forEach((token, i) => {
    if (isCapitalized(token.text) && !headlines.has(token.sentence) && !isInitial(tokens, i)) {
      words.add(lower(token.text));
    }
  });
  return words;
}

/** Cuts a leading nationality word and a trailing possessive off a piece: "Australian Tom Moody's" → "Tom Moody". */
function trim(tokens: readonly Token[], text: string, from: number, to: number): Token[] {
  const words = tokens.slice(from, to);
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return [];
  return words.slice(leadingDemonyms(words, text.slice(first.start, last.end)));
}

/** The candidates of the sentences written as prose. */
function proseCandidates(tokens: readonly Token[], text: string, headlines: ReadonlySet<number>): Candidate[] {
  const candidates: Candidate[] = [];
  const evidence = { capitalizedInside: capitalizedInside(tokens, headlines) };
  for (const span of findSpans(tokens, evidence)) {
    const first = tokens[span.from] as Token;
    if (headlines.has(first.sentence)) continue;
    for (const piece of splitAtTitle(tokens, text, span.from, span.to)) {
      const words = trim(tokens, text, piece.from, piece.to);
      const head = words[0];
      const last = words[words.length - 1];
      if (!head || !last) continue;
      const end = last.end - possessiveLength(last.text);
      if (end <= head.start) continue;
      const surface = text.slice(head.start, end);
      const before = piece.from === span.from ? roleBefore(tokens, text, span.from) : undefined;
      const role = piece.role ?? before;
      const next = tokens[piece.to];
      // "the Biden administration" names a person.
      const administration = words.length === 1 && next?.text === "administration" && /^[ \t]+$/u.test(next.gap);
      const person = piece.person === true || before !== undefined || administration;
      candidates.push({
        start: head.start,
        end,
        sentence: head.sentence,
        key: nameKey(surface),
        ...(role ? { role } : {}),
        guess: classify(words, surface, { person, affiliation: piece.affiliation, titleOnly: piece.titleOnly }),
      });
    }
  }
  return candidates;
}

/**
 * Finds the named people, organisations and places of a text, with the index of the sentence of each.
 * @example
 * extractLocated("The Taliban took Kandahar and Herat.").map((m) => [m.text, m.type, m.sentence]);
 * // [["Taliban", "organization", 0], ["Kandahar", "place", 0], ["Herat", "place", 0]]
 */
export function extractLocated(text: string): LocatedMention[] {
  const tokens = tokenize(text);
  const headlines = headlineSentences(tokens);
  const typed = propagate(proseCandidates(tokens, text, headlines), text);
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
  return mentions;
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
