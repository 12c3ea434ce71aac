/** @module What a merged entity is called and what it is: its canonical name, its type, its id. */
import { type EntityType, entityTypes } from "../../format/schema";
import { slugify } from "../../format/slug";
import { lookupGazetteer } from "./gazetteer";
import { isAcronymName, mergeKey } from "./keys";
import { isAcronym, nameKey } from "./normalize";
import { isWorldPlace } from "./places";
import { nationalBodyOf } from "./resolve";

type Counts = ReadonlyMap<string, number>;

const acronymWords = (name: string): number => name.split(" ").filter(isAcronym).length;

/** Plain code-unit order: the same on every machine, unlike `localeCompare`. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The canonical name of an entity: its most frequent full form, that is a spelling of its own key (not a
 * surname or shortened form) that is not an acronym (but the same letters as an acronym written more often are
 * written as that acronym); failing that the gazetteer's name, or the most frequent alias.
 * Spellings all in lowercase are only chosen when there is nothing else. A name so chosen that is in capitals only (a
 * dateline's "ROTTERDAM", a headline's) is written as the archive writes the same letters with lowercase, or as the
 * gazetteer does; failing both, a place's or a person's is put in title case ("PORTO ALEGRE" → "Porto Alegre"; a short
 * one only when the world's places list knows it, "LUSAKA": else it may be an acronym), an
 * organisation's kept (ARPANET, SEMATECH are written so). The letters never change, so neither does the id. `keyOf` is
 * `mergeKey`, or a cache of it; `type` is the entity's, when known.
 * @example
 * canonicalName("antony blinken", new Map([["Blinken", 3], ["Antony Blinken", 1]])); // "Antony Blinken"
 * canonicalName("united states", new Map([["U.S.", 4]])); // "United States"
 * canonicalName("tony blair", new Map([["tony blair", 3], ["Tony Blair", 1]])); // "Tony Blair"
 * canonicalName("rotterdam", new Map([["ROTTERDAM", 5], ["Rotterdam", 1]])); // "Rotterdam"
 * canonicalName("porto alegre", new Map([["PORTO ALEGRE", 2]]), mergeKey, "place"); // "Porto Alegre"
 * canonicalName("vw", new Map([["VW", 173], ["Vw", 24]])); // "VW"
 */
export function canonicalName(key: string, aliases: Counts, keyOf: (name: string) => string = mergeKey, type?: EntityType): string {
  // A spelling in capitals and lowercase, when there is one: never "blair" for Blair.
  const cased = [...aliases].filter(([name]) => /\p{Lu}/u.test(name));
  const ranked = (cased.length > 0 ? cased : [...aliases]).sort(
    (a, b) => b[1] - a[1] || acronymWords(a[0]) - acronymWords(b[0]) || b[0].length - a[0].length || byText(a[0], b[0]),
  );
  const full = ranked.find(([name]) => keyOf(name) === key && !isAcronymName(name) && !lookupGazetteer(nameKey(name))?.short);
  // An acronym written more often than the same letters in lowercase is written so: "VW" 173 times, "Vw" (a headline's) 24.
  const asAcronym = full && ranked.find(([name, n]) => n > full[1] && isAcronymName(name) && slugify(name) === slugify(full[0]));
  const name = (asAcronym || full)?.[0] ?? nationalName(key, ranked, keyOf) ?? lookupGazetteer(key)?.name ?? ranked[0]?.[0] ?? key;
  if (!/\p{Lu}/u.test(name) || /\p{Ll}/u.test(name)) return name;
  // Short capitals may be an acronym, unless they are a city or a province of the world's list ("LUSAKA").
  if (!shouted(name) && !(type === "place" && isWorldPlace(name))) return name;
  // A place's in capitals is a dateline's ("PORTO ALEGRE"), a person's a byline's ("JOHN SMITH"). A short one may be
  // an acronym the tagger typed a place ("UCLA", "MATIF"): kept.
  return writtenLower(name, aliases) ?? (type === "place" || type === "person" ? titledName(name) : name);
}

/**
 * A name in capitals only that is no acronym: several words ("PORTO ALEGRE"), or a word or a hyphenated part longer
 * than an acronym ("ROTTERDAM"); not "OPEC", "CD-ROM", "WHJ-TV" or "IGF-I".
 */
/**
 * The name of a country's national body that its mentions never write with the country ("Finance Ministry" in a
 * story about Japan, keyed "japan finance ministry"): the body as written, then the country, "Finance Ministry (Japan)".
 */
function nationalName(key: string, ranked: readonly (readonly [string, number])[], keyOf: (name: string) => string): string | undefined {
  const split = nationalBodyOf(key, false);
  if (!split) return undefined;
  const body = ranked.find(([name]) => keyOf(name) === split.rest)?.[0];
  const country = lookupGazetteer(split.country)?.name;
  return body && country ? `${body} (${country})` : undefined;
}

function shouted(name: string): boolean {
  return /\s/u.test(name.trim()) || name.split("-").some((part) => !/^[\p{Lu}&]{1,6}$/u.test(part));
}

/** The spelling with lowercase of the same letters that the archive writes most, if any. */
function writtenLower(name: string, aliases: Counts): string | undefined {
  const slug = slugify(name);
  let best: [string, number] | undefined;
  for (const [spelling, count] of aliases) {
    if (!/\p{Ll}/u.test(spelling) || slugify(spelling) !== slug) continue;
    if (!best || count > best[1] || (count === best[1] && byText(spelling, best[0]) < 0)) best = [spelling, count];
  }
  return best?.[0];
}

/** A place's or a person's name in capitals as the gazetteer writes the same letters, else in title case. */
function titledName(name: string): string {
  const known = lookupGazetteer(nameKey(name))?.name;
  return known !== undefined && slugify(known) === slugify(name) ? known : titleCase(name);
}

/** Words a name in title case keeps in lowercase inside it ("Bank of England", "Rio Grande do Sul", "Dar es Salaam"). */
const JOINING_WORDS = new Set("of the and for de del der des di do da dos du la le van von y al el es au aux".split(" "));

/** Short words of a name in capitals that are abbreviations, written so in title case ("St Louis", "Mt Kenya"). */
const ABBREVIATIONS = new Map([
  ["ST", "St"],
  ["MT", "Mt"],
  ["FT", "Ft"],
]);

/**
 * A name in capitals, in title case: each word capitalised (after a hyphen or an apostrophe too), joining words in
 * lowercase but the first ("La Paz", "De Klerk"); kept in capitals: a regnal number after the first word ("Henry IV"), a
 * country's or a union's code opening the name ("US Steel"), a word of two letters without a vowel.
 * @example
 * titleCase("RIO GRANDE DO SUL"); // "Rio Grande do Sul"
 * titleCase("ANTWERP-BRUGES"); // "Antwerp-Bruges"
 * titleCase("XI JINPING"); // "Xi Jinping"
 */
export function titleCase(name: string): string {
  return name
    .split(" ")
    .map((word, i) => {
      const lower = word.toLowerCase();
      if (i > 0 && JOINING_WORDS.has(lower)) return lower;
      const abbreviation = ABBREVIATIONS.get(word.replace(/\.$/u, ""));
      if (abbreviation) return abbreviation + (word.endsWith(".") ? "." : "");
      const letters = [...word].filter((c) => /\p{L}/u.test(c)).join("");
      // A regnal number ("Henry IV", "Pius XI"); a code opening the name ("US Steel"); two letters without a vowel.
      if (i > 0 && ROMAN.test(letters)) return word;
      if (letters.length <= 2 && (!/[AEIOUY]/u.test(letters) || (i === 0 && CODES.has(letters)))) return word;
      return lower.replace(/(^|[-'’.])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
    })
    .join(" ");
}

/** A Roman numeral of a few letters. */
const ROMAN = /^(?:X{0,3})(?:IX|IV|V?I{0,3})$/u;

/** Two-letter codes that stay in capitals opening a name: countries and unions ("US Steel", "EU Council"). */
const CODES = new Set(["US", "UK", "UN", "EU", "DC", "UA", "AU"]);

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
