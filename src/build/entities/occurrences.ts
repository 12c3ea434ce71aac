/** @module The mentions of a corpus as the merger reads them, with the names their own text left untyped typed from the rest. */
import { type EntityType, entityTypes } from "../../format/schema";
import { mergeKey } from "./keys";
import { surfaceName } from "./normalize";
import type { Occurrence } from "./resolve";
import { cleanRole, cutTitle, isUsefulRole } from "./roles";
import type { DocumentNames, RegistryEntry } from "./types";
import { isCommonWord } from "./words";

/** The one element of a set, if it has exactly one. */
const only = (set: ReadonlySet<string> | undefined): string | undefined => (set?.size === 1 ? [...set][0] : undefined);

/** The type most occurrences of a key have; ties go to person, organization, place. */
function best(votes: ReadonlyMap<EntityType, number>): EntityType | undefined {
  return [...votes].sort((a, b) => b[1] - a[1] || entityTypes.indexOf(a[0]) - entityTypes.indexOf(b[0]))[0]?.[0];
}

/**
 * Every mention of the corpus, document by document, a person's name without the titles before it (they are its
 * roles, when they are worth keeping: see `isUsefulRole`), a one-word headline name read as the acronym prose writes
 * ("Usda" as "USDA"); then the names a text found but could not type, each
 * typed from the rest of the corpus ("Kirby's figures" in one document, "John Kirby" in another): a name the
 * registry or two other documents type takes that type, a lone word that is the surname of exactly one person
 * named in full is a person (the resolver then maps it to that person), as long as the corpus types the name at
 * least as often as it leaves it untyped and it is no common word ("Shr", "Sales" in results tables); any other
 * is dropped.
 * @example
 * occurrencesOf([extractNames("Pentagon spokesman John Kirby spoke."), extractNames("Kirby's figures were wrong.")], new Map());
 * // [..., { doc: 1, sentence: 0, start: 0, end: 5, surface: "Kirby", key: "kirby", type: "person" }]
 */
export function occurrencesOf(extracted: readonly DocumentNames[], curated: ReadonlyMap<string, RegistryEntry>): Occurrence[] {
  const occurrences: Occurrence[] = [];
  extracted.forEach(({ mentions }, doc) => {
    for (const { text, type, role, sentence, headline, start, end } of mentions) {
      // "Tory MP Jonathan Sayeed": the title goes to the roles, the span and the name start at "Jonathan".
      const titled = type === "person" ? cutTitle(text) : { name: text, offset: 0, role: undefined };
      const surface = surfaceName(titled.name);
      const roles = [role, titled.role].flatMap((r) => (r && isUsefulRole(r) ? [cleanRole(r)] : []));
      const extra = { ...(roles.length > 0 ? { roles } : {}), ...(headline ? { headline } : {}) };
      occurrences.push({ doc, sentence, start: start + titled.offset, end, surface, key: mergeKey(surface), type, ...extra });
    }
  });
  // A headline's case is no guide: "Usda" in "Usda Sees Record Crop" is the USDA when prose writes it so somewhere.
  const prose = new Set(occurrences.flatMap(({ key, headline }) => (headline ? [] : [key])));
  for (const occurrence of occurrences) {
    if (!occurrence.headline || /\s/u.test(occurrence.surface) || prose.has(occurrence.key)) continue;
    const upper = mergeKey(occurrence.surface.toUpperCase());
    if (upper !== occurrence.key && prose.has(upper)) occurrence.key = upper;
  }
  const votes = new Map<string, Map<EntityType, number>>();
  const surnames = new Map<string, Set<string>>();
  const docsOf = new Map<string, Set<number>>();
  for (const { key, type, doc } of occurrences) {
    const forKey = votes.get(key) ?? new Map<EntityType, number>();
    votes.set(key, forKey.set(type, (forKey.get(type) ?? 0) + 1));
    docsOf.set(key, (docsOf.get(key) ?? new Set<number>()).add(doc));
    const words = key.split(" ");
    if (type !== "person" || words.length < 2) continue;
    const last = words[words.length - 1] as string;
    surnames.set(last, (surnames.get(last) ?? new Set<string>()).add(key));
  }
  const named = (key: string) => [...(votes.get(key)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const untyped = extracted.flatMap(({ untyped }, doc) =>
    untyped.map(({ text, sentence, start, end }) => {
      const surface = surfaceName(text);
      return { doc, sentence, start, end, surface, key: mergeKey(surface) };
    }),
  );
  const left = new Map<string, number>();
  for (const { key } of untyped) left.set(key, (left.get(key) ?? 0) + 1);
  for (const { doc, sentence, start, end, surface, key } of untyped) {
    // "Sales", "Shr": a common word, or a name left untyped more often than typed, is no name to guess from.
    if (!key.includes(" ") && isCommonWord(surface)) continue;
    const registered = curated.get(key)?.type;
    const person = !key.includes(" ") ? only(surnames.get(key)) : undefined;
    // Typed in two other documents at least, or the surname of someone named in full.
    const elsewhere = [...(docsOf.get(key) ?? [])].filter((d) => d !== doc).length >= 2 ? best(votes.get(key) ?? new Map()) : undefined;
    const evidence = named(key) + (person ? named(person) : 0);
    const type = registered ?? (evidence >= (left.get(key) ?? 0) ? (elsewhere ?? (person && "person")) : undefined);
    if (type) occurrences.push({ doc, sentence, start, end, surface, key, type });
  }
  return occurrences;
}
