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
  return keyWith(surface, spellAcronym);
}

/** A word as the gazetteer spells it out when it is one of its acronyms ("U.N." → "United Nations"), else the word. */
const spellAcronym = (word: string): string => gazetteerAcronym(word)?.name ?? word;

function keyWith(surface: string, spell: (word: string) => string): string {
  const spelled = surface.split(/\s+/u).map(spell).join(" ");
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
  // Names share words: each distinct word is looked up among the acronyms once too.
  const words = new Map<string, string>();
  const spell = (word: string): string => {
    let spelled = words.get(word);
    if (spelled === undefined) {
      spelled = spellAcronym(word);
      words.set(word, spelled);
    }
    return spelled;
  };
  return (surface) => {
    let key = keys.get(surface);
    if (key === undefined) {
      key = keyWith(surface, spell);
      keys.set(surface, key);
    }
    return key;
  };
}

/** Small words inside a long name that its acronym skips: "General Agreement on Tariffs and Trade" (GATT). */
export const ACRONYM_SKIPS: ReadonlySet<string> = new Set(["of", "on", "the", "and", "for", "&", "de", "in"]);

/**
 * The initials of a name's words, skipping small words (`ACRONYM_SKIPS`): "united nations" → "un".
 * @example
 * initialsOf("north atlantic treaty organization"); // "nato"
 */
export function initialsOf(key: string): string {
  return key
    .split(" ")
    .filter((word) => !ACRONYM_SKIPS.has(word))
    .map((word) => word[0] ?? "")
    .join("");
}

/** Whether a written name is a bare acronym ("NATO", "U.N."), which may stand for a longer name. */
export function isAcronymName(surface: string): boolean {
  return !/\s/u.test(surface) && isAcronym(surface);
}
