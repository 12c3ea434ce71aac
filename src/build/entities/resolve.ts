/** @module Which full name a short one stands for: "Blinken" → Antony Blinken, "Wang" → Wang Donghai in its document, "OSCE" → its spelled-out name, "State Department" ↔ "US State Department". */
import type { EntityType } from "../../format/schema";
import { gazetteerAcronym, lookupGazetteer } from "./gazetteer";
import { initialsOf, isAcronymName } from "./keys";
import { isAcronym } from "./normalize";
import { isCommonWord } from "./words";

/** One mention, as the merger sees it. */
export interface Occurrence {
  doc: number;
  sentence: number;
  /** Offsets into the document's extracted text, as the mention or untyped name gave them. */
  start: number;
  end: number;
  /** The name as written, without possessive or "the". */
  surface: string;
  /** `mergeKey(surface)`. */
  key: string;
  type: EntityType;
  /** Titles and jobs written with the mention ("press secretary", "Tory MP"). */
  roles?: string[];
  /** Written in a headline, so its spelling is no guide to the name. */
  headline?: boolean;
}

type Index = Map<string, Set<string>>;

function add(index: Index, at: string, key: string): void {
  const keys = index.get(at) ?? new Set<string>();
  keys.add(key);
  index.set(at, keys);
}

/** The one key filed under `at`, or undefined when there is none or more than one. */
function only(index: Index | undefined, at: string): string | undefined {
  const keys = index?.get(at);
  return keys?.size === 1 ? (keys.values().next().value as string) : undefined;
}

/**
 * A leading country in a key, as in "united states state department": the rest, or undefined. Only a country:
 * "New York Stock Exchange" is no "Stock Exchange" of a city, it is an exchange of its own.
 */
function withoutCountry(key: string): { country: string; rest: string } | undefined {
  const words = key.split(" ");
  for (let n = words.length - 1; n >= 1; n--) {
    const country = words.slice(0, n).join(" ");
    if (lookupGazetteer(country)?.country) return { country, rest: words.slice(n).join(" ") };
  }
  return undefined;
}

/** A leading gazetteer organisation, as in "united nations security council": the rest, or undefined. */
function withoutOrganization(key: string): string | undefined {
  const words = key.split(" ");
  for (let n = words.length - 1; n >= 1; n--) {
    if (lookupGazetteer(words.slice(0, n).join(" "))?.type === "organization") return words.slice(n).join(" ");
  }
  return undefined;
}

interface Indexes {
  surnames: Index;
  /** First word → people named in full: "wang" → "wang donghai", consulted within one document only. */
  firstNames: Index;
  initials: Index;
  /** Unqualified org key → the qualified keys that contain it ("security council" → "united nations security council"). */
  qualified: Index;
}

function emptyIndexes(): Indexes {
  return { surnames: new Map(), firstNames: new Map(), initials: new Map(), qualified: new Map() };
}

/**
 * Whether a name's initials are an acronym of it: not when a word of it is an acronym the gazetteer does not spell
 * out ("ITV Digital" is no "ID"; "U.N. Security Council" is "United Nations Security Council", so "UNSC").
 */
function spellsInitials(surface: string): boolean {
  return surface.split(/\s+/u).every((word) => !isAcronym(word) || gazetteerAcronym(word) !== undefined);
}

function file(indexes: Indexes, key: string, type: EntityType, surface?: string): void {
  const words = key.split(" ");
  if (words.length < 2) return;
  if (type === "person") {
    // Every last part: "silk" and "kilroy silk" (from "Kilroy-Silk") both stand for "robert kilroy silk".
    for (let n = 1; n < words.length; n++) add(indexes.surnames, words.slice(n).join(" "), key);
    add(indexes.firstNames, words[0] as string, key);
  }
  if (type !== "person" && (surface === undefined || spellsInitials(surface))) add(indexes.initials, initialsOf(key), key);
  const bare = type === "organization" ? withoutOrganization(key) : undefined;
  if (bare?.includes(" ")) add(indexes.qualified, bare, key);
}

/**
 * Builds the function that maps each mention to the key of the entity it names. Short forms are looked up in
 * the mention's own document first, then in the whole corpus, and are only resolved when the answer is unique;
 * an acronym only to a name it is written beside in some document, a bare head ("Stock Exchange") never.
 * @example
 * const resolve = makeResolver(occurrences, [{ key: "antony blinken", type: "person" }]);
 * resolve({ doc: 3, surface: "Blinken", key: "blinken", type: "person", sentence: 0 }); // "antony blinken"
 */
export function makeResolver(
  occurrences: readonly Occurrence[],
  known: readonly { key: string; type: EntityType }[] = [],
): (occurrence: Occurrence) => string {
  const corpus = emptyIndexes();
  const byDoc = new Map<number, Indexes>();
  const orgKeys = new Set<string>();
  /** Unqualified org key → the countries it is written with: "finance ministry" → japan, brazil. */
  const countries: Index = new Map();
  for (const { key, type } of known) file(corpus, key, type);
  // A name only ever written in headlines, with a common word in it ("Reagan Hints", "Subroto Says"), is no full
  // name for short forms to join.
  const written = new Set([...known.map(({ key }) => key), ...occurrences.flatMap(({ key, headline }) => (headline ? [] : [key]))]);
  for (const { doc, key, type, surface, headline } of occurrences) {
    if (headline && !written.has(key) && surface.split(/[\s-]+/u).some(isCommonWord)) continue;
    file(corpus, key, type, surface);
    const indexes = byDoc.get(doc) ?? emptyIndexes();
    file(indexes, key, type, surface);
    byDoc.set(doc, indexes);
    if (type !== "organization") continue;
    orgKeys.add(key);
    const qualified = withoutCountry(key);
    if (qualified) add(countries, qualified.rest, qualified.country);
  }
  for (const { key, type } of known) if (type === "organization") orgKeys.add(key);
  const acronyms = acronymsInContext(occurrences, byDoc);
  // "Usda" in a title-case headline is the acronym prose writes "USDA".
  const writtenAsAcronym = new Set(occurrences.flatMap(({ key, surface, headline }) => (!headline && isAcronymName(surface) ? [key] : [])));

  const lookup = (doc: number, pick: (indexes: Indexes) => string | undefined): string | undefined => {
    const local = byDoc.get(doc);
    return (local && pick(local)) ?? pick(corpus);
  };

  return ({ doc, surface, key, type, headline }) => {
    if (lookupGazetteer(key)?.type === type) return key;
    if (!key.includes(" ")) {
      // An acronym is the one name with its initials that it is written beside: here, or in another document.
      if (isAcronymName(surface) || (headline && writtenAsAcronym.has(key))) {
        const full = only(byDoc.get(doc)?.initials, key) ?? only(acronyms, key);
        if (full) return full;
      }
      const local = only(byDoc.get(doc)?.surnames, key);
      if (local) return local;
      // "Wang Donghai ... Wang", "Hillary Clinton ... Hillary": a first word, in the same document only.
      const given = type === "person" && !byDoc.get(doc)?.surnames.has(key) ? only(byDoc.get(doc)?.firstNames, key) : undefined;
      if (given) return given;
      if (type === "person") return only(corpus.surnames, key) ?? key;
      return key;
    }
    // "Kilroy-Silk": a surname of more than one part is one word as written.
    if (type === "person" && !/\s/u.test(surface)) return lookup(doc, (indexes) => only(indexes.surnames, key)) ?? key;
    if (type === "organization") {
      // "US State Department" is the State Department, unless other countries have one too ("Finance Ministry").
      const bare = withoutCountry(key);
      const shared = bare ? (countries.get(bare.rest)?.size ?? 0) > 1 : true;
      if (bare && !shared && (orgKeys.has(bare.rest) || lookupGazetteer(bare.rest)?.type === "organization")) return bare.rest;
      // "Security Council" beside "U.N. Security Council": the document says which; the corpus does not.
      const full = only(byDoc.get(doc)?.qualified, key);
      if (full) return full;
    }
    return key;
  };
}

/** How close after a name, in its sentence, an acronym must start to be introduced by it: "Ford Motor Co (FMC)", "Fund, IMF". */
const DEFINED_WITHIN = 3;

/**
 * Acronym key → the names with its initials that it is written beside in some document, for the documents that
 * write the acronym alone: "IMF" in a text that also spells out "International Monetary Fund". An acronym never
 * meets a name it is never written beside, and across documents only a name that introduces it somewhere ("Arab
 * Banking Corp (ABC)") or that it is written beside in a third of its documents at least: one story naming both
 * Ford Motor Co and FMC Corp does not make every "FMC" Ford.
 */
function acronymsInContext(occurrences: readonly Occurrence[], byDoc: ReadonlyMap<number, Indexes>): Index {
  /** "doc sentence key" → where the name ends in that sentence. */
  const ends = new Map<string, number[]>();
  for (const { doc, sentence, key, end } of occurrences) {
    const at = `${doc} ${sentence} ${key}`;
    if (key.includes(" ")) ends.set(at, [...(ends.get(at) ?? []), end]);
  }
  const docsOf = new Map<string, Set<number>>();
  const beside = new Map<string, Map<string, { docs: Set<number>; defined: boolean }>>();
  for (const { doc, sentence, surface, key, start } of occurrences) {
    if (key.includes(" ") || !isAcronymName(surface)) continue;
    docsOf.set(key, (docsOf.get(key) ?? new Set<number>()).add(doc));
    const names = beside.get(key) ?? new Map<string, { docs: Set<number>; defined: boolean }>();
    beside.set(key, names);
    for (const full of byDoc.get(doc)?.initials.get(key) ?? []) {
      const seen = names.get(full) ?? { docs: new Set<number>(), defined: false };
      seen.docs.add(doc);
      seen.defined ||= (ends.get(`${doc} ${sentence} ${full}`) ?? []).some((end) => start > end && start - end <= DEFINED_WITHIN);
      names.set(full, seen);
    }
  }
  const found: Index = new Map();
  for (const [key, names] of beside) {
    const written = docsOf.get(key)?.size ?? 0;
    for (const [full, { docs, defined }] of names) if (defined || docs.size * 3 >= written) add(found, key, full);
  }
  return found;
}
