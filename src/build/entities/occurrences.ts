/** @module The mentions of a corpus as the merger reads them, with the names their own text left untyped typed from the rest. */
import { type EntityType, entityTypes } from "../../format/schema";
import { mergeKey } from "./keys";
import { surfaceName } from "./normalize";
import type { Occurrence } from "./resolve";
import { cleanRole, cutTitle, isUsefulRole } from "./roles";
import type { DocumentNames, RegistryEntry } from "./types";
import { isCommonWord } from "./words";

/** A text as the merger reads it: its name, that name's key, where the name starts and the title cut off before it. */
export interface Written {
  surface: string;
  key: string;
  offset: number;
  role: string | undefined;
}

/**
 * A name as the merger reads a text: as a person's, without the titles before it ("Tory MP Jonathan Sayeed": the title
 * goes to the roles, the span and the name start at "Jonathan"); else the text's name as written.
 * @example
 * writtenName("Tory MP Jonathan Sayeed", true); // { surface: "Jonathan Sayeed", key: "jonathan sayeed", offset: 8, role: "Tory MP" }
 */
export function writtenName(text: string, person: boolean, keyOf: (surface: string) => string = mergeKey): Written {
  if (!person) {
    const surface = surfaceName(text);
    return { surface, key: keyOf(surface), offset: 0, role: undefined };
  }
  const titled = cutTitle(text);
  const surface = surfaceName(titled.name);
  return { surface, key: keyOf(surface), offset: titled.offset, role: titled.role };
}

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
 * is dropped. `keyOf` is `mergeKey`, or a cache of it.
 * @example
 * occurrencesOf([extractNames("Pentagon spokesman John Kirby spoke."), extractNames("Kirby's figures were wrong.")], new Map());
 * // [..., { doc: 1, sentence: 0, start: 0, end: 5, surface: "Kirby", key: "kirby", type: "person" }]
 */
export function occurrencesOf(
  extracted: readonly DocumentNames[],
  curated: ReadonlyMap<string, RegistryEntry>,
  keyOf: (surface: string) => string = mergeKey,
): Occurrence[] {
  const occurrences: Occurrence[] = [];
  // Each distinct text is cut, spelled and keyed once: the same names come back thousands of times.
  const people = new Map<string, Written>();
  const names = new Map<string, Written>();
  const named = (text: string): Written => {
    let name = names.get(text);
    if (!name) {
      name = writtenName(text, false, keyOf);
      names.set(text, name);
    }
    return name;
  };
  const person = (text: string): Written => {
    let name = people.get(text);
    if (!name) {
      name = writtenName(text, true, keyOf);
      people.set(text, name);
    }
    return name;
  };
  const useful = new Map<string, string | null>();
  const kept = (role: string): string | null => {
    let clean = useful.get(role);
    if (clean === undefined) {
      clean = isUsefulRole(role) ? cleanRole(role) : null;
      useful.set(role, clean);
    }
    return clean;
  };
  extracted.forEach(({ mentions }, doc) => {
    for (const { text, type, role, sentence, headline, start, end } of mentions) {
      const name = type === "person" ? person(text) : named(text);
      const own = role ? kept(role) : null;
      const fromTitle = name.role ? kept(name.role) : null;
      const occurrence: Occurrence = { doc, sentence, start: start + name.offset, end, surface: name.surface, key: name.key, type };
      if (own !== null || fromTitle !== null)
        occurrence.roles = own !== null && fromTitle !== null ? [own, fromTitle] : [(own ?? fromTitle) as string];
      if (headline) occurrence.headline = headline;
      occurrences.push(occurrence);
    }
  });
  // A headline's case is no guide: "Usda" in "Usda Sees Record Crop" is the USDA when prose writes it so somewhere.
  const prose = new Set<string>();
  for (const { key, headline } of occurrences) if (!headline) prose.add(key);
  for (const occurrence of occurrences) {
    if (!occurrence.headline || prose.has(occurrence.key) || /\s/u.test(occurrence.surface)) continue;
    const upper = keyOf(occurrence.surface.toUpperCase());
    if (upper !== occurrence.key && prose.has(upper)) occurrence.key = upper;
  }
  const untyped = extracted.flatMap(({ untyped }, doc) =>
    untyped.map(({ text, sentence, start, end }) => {
      const { surface, key } = named(text);
      return { doc, sentence, start, end, surface, key };
    }),
  );
  const left = new Map<string, number>();
  for (const { key } of untyped) left.set(key, (left.get(key) ?? 0) + 1);
  /** Key → how many mentions type it. */
  const typed = new Map<string, number>();
  // Votes and documents, of the keys some text leaves untyped: the only ones asked about.
  const votes = new Map<string, Map<EntityType, number>>();
  const docsOf = new Map<string, Set<number>>();
  /** Last word → the one person named in full with it, or null when there are several. */
  const surnames = new Map<string, string | null>();
  const lastWords = new Map<string, string | null>();
  for (const { key, type, doc } of occurrences) {
    typed.set(key, (typed.get(key) ?? 0) + 1);
    if (left.has(key)) {
      let forKey = votes.get(key);
      let docs = docsOf.get(key);
      if (!forKey || !docs) {
        forKey = new Map<EntityType, number>();
        docs = new Set<number>();
        votes.set(key, forKey);
        docsOf.set(key, docs);
      }
      forKey.set(type, (forKey.get(type) ?? 0) + 1);
      docs.add(doc);
    }
    if (type !== "person") continue;
    let last = lastWords.get(key);
    if (last === undefined) {
      const words = key.split(" ");
      last = words.length < 2 ? null : (words[words.length - 1] as string);
      lastWords.set(key, last);
    }
    if (last === null) continue;
    const one = surnames.get(last);
    if (one === undefined) surnames.set(last, key);
    else if (one !== null && one !== key) surnames.set(last, null);
  }
  const common = new Map<string, boolean>();
  for (const { doc, sentence, start, end, surface, key } of untyped) {
    // "Sales", "Shr": a common word, or a name left untyped more often than typed, is no name to guess from.
    const oneWord = !key.includes(" ");
    if (oneWord) {
      let isCommon = common.get(surface);
      if (isCommon === undefined) {
        isCommon = isCommonWord(surface);
        common.set(surface, isCommon);
      }
      if (isCommon) continue;
    }
    const registered = curated.get(key)?.type;
    const person = oneWord ? (surnames.get(key) ?? undefined) : undefined;
    // Typed in two other documents at least, or the surname of someone named in full.
    const docs = docsOf.get(key);
    const others = docs ? docs.size - (docs.has(doc) ? 1 : 0) : 0;
    const elsewhere = others >= 2 ? best(votes.get(key) ?? new Map()) : undefined;
    const evidence = (typed.get(key) ?? 0) + (person ? (typed.get(person) ?? 0) : 0);
    const type = registered ?? (evidence >= (left.get(key) ?? 0) ? (elsewhere ?? (person && "person")) : undefined);
    if (type) occurrences.push({ doc, sentence, start, end, surface, key, type });
  }
  return occurrences;
}
