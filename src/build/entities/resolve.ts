/** @module Which full name a short one stands for: "Blinken" → Antony Blinken, "Wang" → Wang Donghai in its document, "OSCE" → its spelled-out name, "State Department" ↔ "US State Department". */
import type { EntityType } from "../../format/schema";
import { lookupGazetteer } from "./gazetteer";
import { initialsOf, isAcronymName } from "./keys";

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
  role?: string;
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

/** A leading country in a key, as in "united states state department": the rest, or undefined. */
function withoutCountry(key: string): string | undefined {
  const words = key.split(" ");
  for (let n = words.length - 1; n >= 1; n--) {
    if (lookupGazetteer(words.slice(0, n).join(" "))?.type === "place") return words.slice(n).join(" ");
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

function file(indexes: Indexes, key: string, type: EntityType): void {
  const words = key.split(" ");
  if (words.length < 2) return;
  if (type === "person") {
    add(indexes.surnames, words[words.length - 1] as string, key);
    add(indexes.firstNames, words[0] as string, key);
  }
  if (type !== "person") add(indexes.initials, initialsOf(key), key);
  const bare = type === "organization" ? withoutOrganization(key) : undefined;
  if (bare?.includes(" ")) add(indexes.qualified, bare, key);
}

/**
 * Builds the function that maps each mention to the key of the entity it names. Short forms are looked up in
 * the mention's own document first, then in the whole corpus, and are only resolved when the answer is unique.
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
  for (const { key, type } of known) file(corpus, key, type);
  for (const { doc, key, type } of occurrences) {
    file(corpus, key, type);
    const indexes = byDoc.get(doc) ?? emptyIndexes();
    file(indexes, key, type);
    byDoc.set(doc, indexes);
    if (type === "organization") orgKeys.add(key);
  }
  for (const { key, type } of known) if (type === "organization") orgKeys.add(key);

  const lookup = (doc: number, pick: (indexes: Indexes) => string | undefined): string | undefined => {
    const local = byDoc.get(doc);
    return (local && pick(local)) ?? pick(corpus);
  };

  return ({ doc, surface, key, type }) => {
    if (lookupGazetteer(key)?.type === type) return key;
    if (!key.includes(" ")) {
      if (isAcronymName(surface)) {
        const full = lookup(doc, (indexes) => only(indexes.initials, key));
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
    if (type === "organization") {
      const bare = withoutCountry(key);
      if (bare && (orgKeys.has(bare) || lookupGazetteer(bare))) return bare;
      const full = lookup(doc, (indexes) => only(indexes.qualified, key));
      if (full) return full;
    }
    return key;
  };
}
