/** @module The key a name is merged under: acronyms spelled out ("U.N." → "united nations"), gazetteer spellings made one ("Britain" → "united kingdom"). */
import { gazetteerAcronym, lookupGazetteer } from "./gazetteer";
import { isAcronym, nameKey } from "./normalize";

/**
 * The merge key of a written name.
 * @example
 * mergeKey("U.N."); // "united nations"
 * mergeKey("US State Department"); // "united states state department"
 * mergeKey("Britain"); // "united kingdom"
 */
export function mergeKey(surface: string): string {
  const spelled = surface
    .split(/\s+/u)
    .map((word) => gazetteerAcronym(word)?.name ?? word)
    .join(" ");
  const key = nameKey(spelled);
  const known = lookupGazetteer(key);
  return known ? nameKey(known.name) : key;
}

/**
 * A `mergeKey` that makes each distinct name's key once: for one merge, where the same names come back thousands of times.
 * @example
 * const keyOf = mergeKeyCache();
 * keyOf("U.N."); // "united nations", as mergeKey; asked again, it is looked up
 */
export function mergeKeyCache(): (surface: string) => string {
  const keys = new Map<string, string>();
  return (surface) => {
    let key = keys.get(surface);
    if (key === undefined) {
      key = mergeKey(surface);
      keys.set(surface, key);
    }
    return key;
  };
}

/**
 * The initials of a name's words, skipping small words: "united nations" → "un".
 * @example
 * initialsOf("north atlantic treaty organization"); // "nato"
 */
export function initialsOf(key: string): string {
  return key
    .split(" ")
    .filter((word) => !["of", "the", "and", "for", "&", "de", "in"].includes(word))
    .map((word) => word[0] ?? "")
    .join("");
}

/** Whether a written name is a bare acronym ("NATO", "U.N."), which may stand for a longer name. */
export function isAcronymName(surface: string): boolean {
  return !/\s/u.test(surface) && isAcronym(surface);
}
