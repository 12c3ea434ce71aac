/** @module What a merged entity is called and what it is: its canonical name, its type, its id. */
import { type EntityType, entityTypes } from "../../format/schema";
import { slugify } from "../../format/slug";
import { lookupGazetteer } from "./gazetteer";
import { isAcronymName, mergeKey } from "./keys";
import { isAcronym, nameKey } from "./normalize";

type Counts = ReadonlyMap<string, number>;

const acronymWords = (name: string): number => name.split(" ").filter(isAcronym).length;

/** Plain code-unit order: the same on every machine, unlike `localeCompare`. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical name of an entity: its most frequent full form, that is a spelling of its own key (not a
 * surname or shortened form) that is not an acronym; failing that the gazetteer's name, or the most frequent alias.
 * Spellings all in lowercase are only chosen when there is nothing else. `keyOf` is `mergeKey`, or a cache of it.
 * @example
 * canonicalName("antony blinken", new Map([["Blinken", 3], ["Antony Blinken", 1]])); // "Antony Blinken"
 * canonicalName("united states", new Map([["U.S.", 4]])); // "United States"
 * canonicalName("tony blair", new Map([["tony blair", 3], ["Tony Blair", 1]])); // "Tony Blair"
 */
export function canonicalName(key: string, aliases: Counts, keyOf: (name: string) => string = mergeKey): string {
  // A spelling in capitals and lowercase, when there is one: never "blair" for Blair.
  const cased = [...aliases].filter(([name]) => /\p{Lu}/u.test(name));
  const ranked = (cased.length > 0 ? cased : [...aliases]).sort(
    (a, b) => b[1] - a[1] || acronymWords(a[0]) - acronymWords(b[0]) || b[0].length - a[0].length || byText(a[0], b[0]),
  );
  const full = ranked.find(([name]) => keyOf(name) === key && !isAcronymName(name) && !lookupGazetteer(nameKey(name))?.short);
  return full?.[0] ?? lookupGazetteer(key)?.name ?? ranked[0]?.[0] ?? key;
}

/**
 * The type most mentions agree on; a tie goes to the gazetteer's type, then to person, organization, place.
 * @example
 * majorityType("kabul", new Map([["place", 5], ["person", 1]])); // "place"
 */
export function majorityType(key: string, votes: ReadonlyMap<EntityType, number>): EntityType {
  const known = lookupGazetteer(key)?.type;
  // The highest score; the first type in `entityTypes` order among equals.
  let best = entityTypes[0] as EntityType;
  let top = Number.NEGATIVE_INFINITY;
  for (const type of entityTypes) {
    const score = (votes.get(type) ?? 0) * 2 + (type === known ? 1 : 0);
    if (score > top) {
      best = type;
      top = score;
    }
  }
  return best;
}

/**
 * Gives each entity a unique slug id: the slug of its name, then `-<type>` when another type holds it, then a number.
 * Fixed ids (from the registry) are taken first. Call it with the entities in a stable order.
 * @example
 * assignIds([{ name: "Georgia", type: "place" }, { name: "Georgia", type: "person" }]); // ["georgia", "georgia-person"]
 */
export function assignIds(
  entities: readonly { name: string; type: EntityType; id?: string }[],
  reserved: Iterable<string> = [],
  /** Ids taken besides `reserved`, asked one at a time (an update's: those of the archive's entities). */
  isTaken: (id: string) => boolean = () => false,
): string[] {
  const own = new Set([...reserved, ...entities.flatMap(({ id }) => (id === undefined ? [] : [id]))]);
  const taken = { has: (id: string) => own.has(id) || isTaken(id) };
  return entities.map(({ name, type, id }) => {
    if (id !== undefined) return id;
    const base = slugify(name);
    let candidate = taken.has(base) ? `${base}-${type}` : base;
    for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${type}-${n}`;
    own.add(candidate);
    return candidate;
  });
}
