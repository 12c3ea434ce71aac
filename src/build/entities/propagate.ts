/** @module One text, one sense: a name keeps the type it has where the text is clear about it. */
import type { EntityType } from "../../format/schema";
import type { Guess } from "./classify";

/** A candidate name of one text, before its type is settled. */
export interface Candidate {
  start: number;
  end: number;
  sentence: number;
  /** `nameKey` of the name. */
  key: string;
  role?: string;
  guess: Guess;
  /** In a sports report, the words around it say it is a side ("beat Somerset"); see `teams.ts`. */
  team?: boolean;
  /** It stands where a place does ("In Chicago ,"). */
  venue?: boolean;
  /** A country, whose national side is still a place. */
  country?: boolean;
  /** The words around it say it is a business ("shares of Pirelli"); see `context.ts`. */
  company?: boolean;
  /** The words before it say it is a place ("in Longyear"). */
  place?: boolean;
}

/** A candidate with its settled type. */
export type Typed = Candidate & { type: EntityType };

/** What stands between the names of a list: a comma, "and", "or", "&". */
export const COORDINATION = /^\s*(?:,|,?\s*\b(?:and|or)\b|&)\s*$/u;

/** The type each name has where the text is surest of it (strength `least` and up), by weighted vote. */
function typesByVote(candidates: readonly Candidate[], least: number): Map<string, EntityType> {
  const votes = new Map<string, Map<EntityType, number>>();
  for (const { key, guess } of candidates) {
    if (!guess.type || guess.strength < least) continue;
    const forKey = votes.get(key) ?? new Map<EntityType, number>();
    forKey.set(guess.type, (forKey.get(guess.type) ?? 0) + guess.strength);
    votes.set(key, forKey);
  }
  const types = new Map<string, EntityType>();
  for (const [key, forKey] of votes) {
    const best = [...forKey].sort((a, b) => b[1] - a[1])[0];
    if (best) types.set(key, best[0]);
  }
  return types;
}

/** First and last words of the people named in full: "john" and "kirby" for "John Kirby", "wang" for "Wang Donghai". */
export function surnamesOf(candidates: readonly { key: string; type?: EntityType }[]): Set<string> {
  const surnames = new Set<string>();
  for (const { key, type } of candidates) {
    const words = key.split(" ");
    if (type !== "person" || words.length < 2) continue;
    surnames.add(words[0] as string);
    surnames.add(words[words.length - 1] as string);
  }
  return surnames;
}

/**
 * Settles the type of every candidate of a text: a surname of someone named in full is that person, a name
 * takes the type it has elsewhere in the text, an unknown name in a list ("Kandahar and Herat") takes its
 * neighbours' type; what stays unknown is dropped.
 * @example
 * propagate([{ key: "john kirby", guess: { type: "person", strength: 2 }, ... }, { key: "kirby", guess: { strength: 0 }, ... }], text);
 * // both come back as persons
 */
export function propagate(candidates: readonly Candidate[], text: string): Typed[] {
  const confident = typesByVote(candidates, 2);
  const guessed = typesByVote(candidates, 0.5);
  const named = (least: number) =>
    surnamesOf(candidates.map(({ key, guess }) => ({ key, type: guess.strength >= least ? guess.type : undefined })));
  // A guessed person ("Mukhtar Tleuberdi") lends its names to unknown words; only a likely one overrides a gazetteer.
  const surnames = named(1);
  const sureSurnames = named(2);
  const types: (EntityType | undefined)[] = candidates.map(({ key, guess }) => {
    if (guess.drop) return undefined;
    const sureOrganization = guess.type === "organization" && guess.strength >= 3;
    if (!key.includes(" ") && (guess.strength < 3 ? surnames : sureSurnames).has(key) && !sureOrganization) {
      return "person";
    }
    if (guess.surnameOnly) return undefined;
    if (guess.strength < 2 && confident.has(key)) return confident.get(key);
    return guess.strength > 0 ? guess.type : guessed.get(key);
  });
  // Lists: an unknown name between known ones takes their type, in both directions.
  for (const order of [1, -1]) {
    for (let n = 0; n < candidates.length; n++) {
      const i = order === 1 ? n : candidates.length - 1 - n;
      const j = i - order;
      const here = candidates[i] as Candidate;
      const there = candidates[j];
      const neighbour = types[j];
      if (types[i] || here.guess.drop || here.guess.surnameOnly || !there || !neighbour) continue;
      if (there.sentence !== here.sentence) continue;
      const between = order === 1 ? text.slice(there.end, here.start) : text.slice(here.end, there.start);
      if (COORDINATION.test(between)) types[i] = neighbour;
    }
  }
  const typed: Typed[] = [];
  candidates.forEach((candidate, i) => {
    const type = types[i];
    if (type) typed.push({ ...candidate, type });
  });
  return typed;
}
