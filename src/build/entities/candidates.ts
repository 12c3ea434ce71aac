/** @module Candidate names of the prose sentences of a text, each with a first guess at its type and the cues around it. */
import { classify, leadingDemonyms } from "./classify";
import { gluedStart } from "./compounds";
import { companyCue, placeCue } from "./context";
import { nameKey, possessiveLength } from "./normalize";
import type { Candidate } from "./propagate";
import { findSpans, isInitial } from "./spans";
import { isCountryName, isSportsText, teamCue, venueCue } from "./teams";
import { roleBefore, splitAtTitle } from "./titles";
import type { Token } from "./tokens";
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

/** How many leading nationality words to cut off a piece: "Australian Tom Moody's" → "Tom Moody's". */
function leading(tokens: readonly Token[], text: string, from: number, to: number): number {
  const words = tokens.slice(from, to);
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return 0;
  return leadingDemonyms(words, text.slice(first.start, last.end));
}

/**
 * The candidate names of the sentences written as prose (not in `headlines`), in order.
 * @example
 * proseCandidates(tokenize("Pentagon press secretary John Kirby spoke."), text, new Set()).map((c) => c.key);
 * // ["pentagon", "john kirby"]
 */
export function proseCandidates(tokens: readonly Token[], text: string, headlines: ReadonlySet<number>): Candidate[] {
  const candidates: Candidate[] = [];
  const evidence = { capitalizedInside: capitalizedInside(tokens, headlines) };
  const sports = isSportsText(tokens);
  for (const span of findSpans(tokens, evidence)) {
    const first = tokens[span.from] as Token;
    if (headlines.has(first.sentence)) continue;
    for (const piece of splitAtTitle(tokens, text, span.from, span.to)) {
      const unglued = gluedStart(tokens, piece.from, piece.to);
      const from = unglued + leading(tokens, text, unglued, piece.to);
      const words = tokens.slice(from, piece.to);
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
      const key = nameKey(surface);
      const team = sports ? teamCue(tokens, from, piece.to) : words.length > 1 && last.tags.has("SportsTeam");
      candidates.push({
        start: head.start,
        end,
        sentence: head.sentence,
        key,
        ...(role ? { role } : {}),
        guess: classify(words, surface, { person, affiliation: piece.affiliation, titleOnly: piece.titleOnly }),
        ...(team ? { team } : {}),
        ...(sports && venueCue(tokens, from) ? { venue: true } : {}),
        ...(isCountryName(tokens, from, piece.to, key) ? { country: true } : {}),
        ...(companyCue(tokens, from, piece.to) ? { company: true } : {}),
        ...(placeCue(tokens, from) ? { place: true } : {}),
      });
    }
  }
  return candidates;
}
