/** @module Which full name a short one stands for: "Blinken" → Antony Blinken, "Wang" → Wang Donghai in its document, "OSCE" → its spelled-out name, "State Department" ↔ "US State Department". */
import { type EntityType, entityTypes } from "../../format/schema";
import { editDistance } from "../../search/typos";
import { LEGAL_FORMS, ORG_HEADS } from "./cues";
import { countryOfNationality, isDemonymWord } from "./demonyms";
import { countryOfBody, gazetteerAcronym, lookupGazetteer, stateOfAbbreviation, stateOfDottedAbbreviation } from "./gazetteer";
import { initialsOf, isAcronymName } from "./keys";
import { isAcronym, nameKey } from "./normalize";
import { isWorldPlace } from "./places";
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
  /** A word alone written after an honorific ("Mr Hughes"): a person's name whatever else the document names with it. */
  honorific?: boolean;
  /** Written with a possessive, cut off ("Moody's said": "Moody"). */
  possessive?: boolean;
}

/** Keys filed under a name: the key itself while there is one (most names stand for one), a set once there are more. */
type Index = Map<string, string | Set<string>>;

function add(index: Index, at: string, key: string): void {
  const keys = index.get(at);
  if (keys === undefined) index.set(at, key);
  else if (typeof keys !== "string") keys.add(key);
  else if (keys !== key) index.set(at, new Set([keys, key]));
}

/** The one key filed under `at`, or undefined when there is none or more than one. */
function only(index: Index | undefined, at: string): string | undefined {
  const keys = index?.get(at);
  return typeof keys === "string" ? keys : undefined;
}

/** The keys filed under `at`, in the order they were filed. */
function filedUnder(index: Index | undefined, at: string): Iterable<string> {
  const keys = index?.get(at);
  return keys === undefined ? [] : typeof keys === "string" ? [keys] : keys;
}

/** How many keys are filed under `at`. */
function count(index: Index, at: string): number {
  const keys = index.get(at);
  return keys === undefined ? 0 : typeof keys === "string" ? 1 : keys.size;
}

/**
 * A leading country in a key, as in "united states state department": the rest, or undefined. Only a country:
 * "New York Stock Exchange" is no "Stock Exchange" of a city, it is an exchange of its own.
 */
export function withoutCountry(key: string): { country: string; rest: string } | undefined {
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

/** Adds `value` to the set `map` holds under `key`, made on first use. */
function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Appends `value` to the list `map` holds under `key`, made on first use. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The bodies every country has, named in common words: a finance ministry, a central bank, a supreme court… */
export const NATIONAL_BODIES: ReadonlySet<string> = new Set([
  ...["central bank", "supreme court", "high court", "constitutional court", "national assembly"],
  ...["treasury", "parliament"],
  ...["olympic committee", "paralympic committee", "election commission", "electoral commission"],
]);

/**
 * Whether an organisation's key, without a country, names a body every country has ("finance ministry", "ministry of
 * finance", "central bank", "supreme court", "national assembly"): written bare, it is the one of the country its
 * story is about, not one record for every country's. A ministry named by its portfolio, no place or people in it
 * ("Finance Ministry", not "Japanese Finance Ministry"); not the bodies a country alone has ("State Department",
 * "Federal Reserve").
 * @example
 * isNationalBody("foreign trade ministry"); // true
 * isNationalBody("state department"); // false
 */
export function isNationalBody(key: string): boolean {
  if (NATIONAL_BODIES.has(key)) return true;
  const words = key.split(" ");
  // A portfolio of a word or two, not a place or a people: "Finance Ministry", "Ministry of Foreign Affairs", never
  // "Japanese Finance Ministry"; a longer name is a ministry's own ("Ministry of International Trade and Industry").
  const portfolio =
    words[0] === "ministry" ? (words[1] === "of" ? words.slice(2) : []) : words.at(-1) === "ministry" ? words.slice(0, -1) : [];
  const named = portfolio.filter((w) => w !== "and");
  return named.length >= 1 && named.length <= 2 && named.every((w) => !lookupGazetteer(w) && !isDemonymWord(w));
}

/**
 * The country a key opens with and the rest, the country as the gazetteer's key ("united states"), its possessive
 * dropped ("japan's finance ministry"); with `nationality`, a nationality's adjective is its country ("japanese
 * finance ministry"): undefined when the key opens with none.
 * @example
 * countryAndRest("japan's finance ministry"); // { country: "japan", rest: "finance ministry" }
 * countryAndRest("west german finance ministry", true); // { country: "west germany", rest: "finance ministry" }
 */
export function countryAndRest(key: string, nationality = false): { country: string; rest: string } | undefined {
  const split = withoutCountry(key.replace(/^(\S+)['’]s /u, "$1 ")) ?? (nationality ? withoutNationality(key) : undefined);
  const entry = split && lookupGazetteer(split.country);
  return split && entry ? { country: nameKey(entry.name), rest: split.rest } : undefined;
}

/**
 * A key naming a country's body every country has, as its country's key and the body's: "japan's finance ministry",
 * "west german finance ministry" (with `nationality`) → { country: "japan", rest: "finance ministry" }; undefined for
 * any other key.
 * @example
 * nationalBodyOf("u.s. treasury"); // { country: "united states", rest: "treasury" }
 */
export function nationalBodyOf(key: string, nationality = true): { country: string; rest: string } | undefined {
  const split = countryAndRest(key, nationality);
  return split && isNationalBody(split.rest) ? split : undefined;
}

/**
 * `nationalBodyOf` a record's name: "Finance Ministry (Japan)" (the name the merger gives one no mention writes with
 * its country), "Japan Finance Ministry", "Dutch Central Bank". An update finds the archive's records of national
 * bodies by it.
 * @example
 * nationalBodyOfName("Finance Ministry (Japan)", mergeKey); // { country: "japan", rest: "finance ministry" }
 */
export function nationalBodyOfName(name: string, keyOf: (name: string) => string): { country: string; rest: string } | undefined {
  const bracketed = /^(.+) \(([^()]+)\)$/u.exec(name);
  if (!bracketed) return nationalBodyOf(keyOf(name));
  const rest = keyOf(bracketed[1] as string);
  const country = lookupGazetteer(nameKey(bracketed[2] as string));
  return country?.country && isNationalBody(rest) ? { country: nameKey(country.name), rest } : undefined;
}

/**
 * The key a national body's record is resolved under, from its name (`nationalBodyOfName`): "japan finance ministry".
 * @example
 * nationalKeyOfName("Finance Ministry (Japan)", mergeKey); // "japan finance ministry"
 */
export function nationalKeyOfName(name: string, keyOf: (name: string) => string): string | undefined {
  const split = nationalBodyOfName(name, keyOf);
  return split && `${split.country} ${split.rest}`;
}

/** A nationality's adjective opening a key, as its country's key, and the rest ("japanese finance ministry"). */
function withoutNationality(key: string): { country: string; rest: string } | undefined {
  const words = key.split(" ");
  for (let n = Math.min(2, words.length - 1); n >= 1; n--) {
    const country = countryOfNationality(words.slice(0, n).join(" "));
    if (country) return { country: nameKey(country), rest: words.slice(n).join(" ") };
  }
  return undefined;
}

/**
 * What a build decided about the bodies every country has, for the mentions no story says the country of: the
 * archive's own country (the one most documents name) and, per body, the country whose record takes a bare mention in
 * a story naming no country ("treasury" → "united states"). Written beside the bundle (`kv-index/national-<version>.json`)
 * so that an update, which sees a few documents, resolves them as the build did.
 */
export interface NationalDefaults {
  home?: string;
  bodies: Record<string, string>;
  /** The bodies the archive writes with their country somewhere ("japan finance ministry"): evidence a country has one. */
  written: string[];
}

/** A document's title, for `makeResolver`: where it ends in the extracted text, and the countries its nationality words name. */
export interface StoryTitle {
  /** Offsets below it are the title's. */
  end: number;
  /** `[offset, country key]` of each nationality word ("Kazakh" → "kazakhstan"), in order (`titleNationalities`). */
  nationalities: [number, string][];
}

/** Words before a nationality's that make it a continent's: "Latin American", "Pan-African". */
const CONTINENTAL = new Set(["latin", "north", "south", "central", "pan", "anglo"]);

/**
 * The countries a title names by a nationality's word (one or two words: "Kazakh", "West German"), with their
 * offsets, as country keys.
 * @example
 * titleNationalities("Kazakh lender jumps on refinery loan"); // [[0, "kazakhstan"]]
 * titleNationalities("Latin American bank governors meet"); // []
 */
export function titleNationalities(title: string): [number, string][] {
  const found: [number, string][] = [];
  const words = [...title.matchAll(/\p{L}[\p{L}'’.]*/gu)];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as RegExpMatchArray;
    if (!/^\p{Lu}/u.test(word[0])) continue;
    const next = words[i + 1];
    const two =
      next && title.slice((word.index as number) + word[0].length, next.index).trim() === ""
        ? countryOfNationality(`${word[0]} ${next[0]}`.toLowerCase())
        : undefined;
    const country = two ?? countryOfNationality(word[0].toLowerCase());
    // A continent's people are no country's: "Latin American", "North American".
    const before = words[i - 1]?.[0].toLowerCase();
    if (
      !country ||
      (before !== undefined &&
        CONTINENTAL.has(before) &&
        /^\s*-?\s*$/u.test(title.slice((words[i - 1]?.index as number) + (words[i - 1]?.[0].length ?? 0), word.index)))
    )
      continue;
    found.push([word.index as number, nameKey(country)]);
    if (two) i++;
  }
  return found;
}

/** `makeResolver`'s answer: an occurrence's entity key; and what it decided of national bodies (`NationalDefaults`). */
export type Resolver = ((occurrence: Occurrence) => string) & { national(): NationalDefaults };

/** What the resolver may ask of a document's text, which its caller holds. */
export interface StoryText {
  /** Whether the document is a sports report (`sportsStory`), where a club goes by the last word of its name. */
  sports(doc: number): boolean;
  /** Whether the document writes `word` as given, case and all ("electric" of "an electric utility": a common noun there). */
  writes(doc: number, word: string): boolean;
}
const NO_STORY: StoryText = { sports: () => false, writes: () => false };

interface Indexes {
  surnames: Index;
  /** First word → people named in full: "wang" → "wang donghai", consulted within one document only. */
  firstNames: Index;
  initials: Index;
  /** First word → organisations named with it: "drexel" → "drexel burnham lambert", consulted within one document only. */
  orgFirst: Index;
  /** A company's name without its legal form → the name with it: "fenwick mining" → "fenwick mining corp". */
  stems: Index;
  /**
   * The first words (two or more) of a company's name without its legal form → the name with it: "northern aspen" →
   * "northern aspen midstream inc"; consulted within one document only.
   */
  companyPrefixes: Index;
  /** Unqualified org key → the qualified keys that contain it ("security council" → "united nations security council"). */
  qualified: Index;
  /**
   * The second-to-last word of a person's name of three words or more → the name: "arce" → "luis arce catacora", as
   * Spanish and Portuguese names are shortened to the father's surname; consulted within one document only.
   */
  paternal: Index;
}

function emptyIndexes(): Indexes {
  return {
    surnames: new Map(),
    firstNames: new Map(),
    initials: new Map(),
    orgFirst: new Map(),
    stems: new Map(),
    companyPrefixes: new Map(),
    qualified: new Map(),
    paternal: new Map(),
  };
}

/**
 * The head noun of an organisation's name key, when it has one: its last word ("world bank", "finance ministry") or
 * its first before "of" ("bank of england", "ministry of finance").
 * @example
 * headOf("bank of england"); // "bank"
 */
export function headOf(key: string): string | undefined {
  const words = key.split(" ");
  if (words.length >= 3 && words[1] === "of" && ORG_HEADS.has(words[0] as string)) return words[0];
  const last = words.at(-1) as string;
  return ORG_HEADS.has(last) && !LEGAL_FORMS.has(last) ? last : undefined;
}

/** Whether a key has a word of an organisation's name: a head noun or a legal form ("Doria Bank", "Medina Corp"). */
const namesOrganization = (key: string) => key.split(" ").some((word) => ORG_HEADS.has(word)) || companyStem(key) !== key;

/** Particles before a last name: "da" of "Luiz Inacio Lula da Silva", "del" of "Juan Martin del Potro". */
const SURNAME_PARTICLES = new Set(["da", "de", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la", "le"]);

/** A generation after a person's name, which no short form of it keeps: "Ferdinand Marcos Jr" is "Marcos". */
export const GENERATIONS: ReadonlySet<string> = new Set(["jr", "sr", "ii", "iii", "iv"]);

/**
 * Whether a name's initials are an acronym of it: not when a word of it is an acronym the gazetteer does not spell
 * out ("ITV Digital" is no "ID"; "U.N. Security Council" is "United Nations Security Council", so "UNSC").
 */
function spellsInitials(surface: string): boolean {
  return surface.split(/\s+/u).every((word) => !isAcronym(word) || gazetteerAcronym(word) !== undefined);
}

/** The index entries filing a key makes: [index, under what] pairs. */
type Entries = readonly (readonly [keyof Indexes, string])[];

/** What the resolver reads off a key or a written name, worked out once per distinct one. */
interface Facts {
  /** The index entries filing `key` as `type` makes, `surface` as written: [index, under what] pairs. */
  filing(key: string, type: EntityType, surface: string | undefined): Entries;
  withoutCountry(key: string): { country: string; rest: string } | undefined;
  isAcronymName(surface: string): boolean;
}

function cached<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    const value = known.get(text);
    if (value !== undefined || known.has(text)) return value as T;
    const computed = compute(text);
    known.set(text, computed);
    return computed;
  };
}

function facts(): Facts {
  const spells = cached(spellsInitials);
  const bareOf = cached(withoutOrganization);
  /** Key → its entries for each type, written with initials that spell it or not (`2 * type + spelled`). */
  const filings = new Map<string, (Entries | undefined)[]>();
  const fixed = (key: string, type: EntityType, spelled: boolean): Entries => {
    let slots = filings.get(key);
    if (!slots) {
      slots = [];
      filings.set(key, slots);
    }
    const slot = 2 * entityTypes.indexOf(type) + (spelled ? 1 : 0);
    const known = slots[slot];
    if (known) return known;
    const entries: [keyof Indexes, string][] = [];
    const words = key.split(" ");
    if (words.length >= 2) {
      if (type === "person") {
        // Every last part: "silk" and "kilroy silk" (from "Kilroy-Silk") both stand for "robert kilroy silk"; so do
        // those of the name without its generation ("marcos" for "ferdinand marcos jr").
        for (let n = 1; n < words.length; n++) entries.push(["surnames", words.slice(n).join(" ")]);
        const core = words.length >= 3 && GENERATIONS.has(words.at(-1) as string) ? words.slice(0, -1) : words;
        if (core !== words) for (let n = 1; n < core.length; n++) entries.push(["surnames", core.slice(n).join(" ")]);
        if (core.length >= 3) entries.push(["paternal", core.at(-2) as string]);
        // "Lula" after "Luiz Inacio Lula da Silva": the surname before a particle and the last name.
        if (core.length >= 4 && SURNAME_PARTICLES.has(core.at(-2) as string)) entries.push(["paternal", core.at(-3) as string]);
        entries.push(["firstNames", words[0] as string]);
      }
      if (type !== "person" && spelled) entries.push(["initials", initialsOf(key)]);
      if (type === "organization") {
        // "Moody's Investors Service Inc" is filed under "moody", as "Moody's" alone is written without its 's.
        for (const first of withoutPossessive(words[0] as string)) entries.push(["orgFirst", first]);
        const stem = companyStem(key);
        if (stem !== key) for (const at of withoutPossessive(stem)) entries.push(["stems", at]);
        // Not the first words of a subsidiary's name: "General Motors" of "General Motors Acceptance Corp".
        const parts = stem.split(" ");
        if (stem !== key)
          for (let n = 2; n < parts.length && !subsidiaryWord(parts[n] as string); n++)
            entries.push(["companyPrefixes", parts.slice(0, n).join(" ")]);
      }
      const bare = type === "organization" ? bareOf(key) : undefined;
      if (bare?.includes(" ")) entries.push(["qualified", bare]);
    }
    slots[slot] = entries;
    return entries;
  };
  return {
    filing: (key, type, surface) => fixed(key, type, type !== "person" && (surface === undefined || spells(surface))),
    withoutCountry: cached(withoutCountry),
    isAcronymName: cached(isAcronymName),
  };
}

function file(indexes: Indexes, entries: Entries, key: string): void {
  for (const [index, at] of entries) add(indexes[index], at, key);
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
  /** The acronyms documents introduce in brackets after a name, whatever their initials (`bracketedAcronyms`). */
  brackets: Brackets = { corpus: new Map(), local: new Map() },
  /** An update's: what the archive's build decided (`NationalDefaults`), which its few documents could not tell. */
  archive?: NationalDefaults,
  /** Per document, its title (`StoryTitle`): what the story is about, whatever the title's case. */
  titles: readonly (StoryTitle | undefined)[] = [],
  /** What the resolver may ask of a document's text (`StoryText`). */
  story: StoryText = NO_STORY,
): Resolver {
  const corpus = emptyIndexes();
  const byDoc = new Map<number, Indexes>();
  const orgKeys = new Set<string>();
  /** Unqualified org key → the countries it is written with: "finance ministry" → japan, brazil. */
  const countries: Index = new Map();
  const { filing, withoutCountry, isAcronymName } = facts();
  for (const { key, type } of known) file(corpus, filing(key, type, undefined), key);
  // A name only ever written in headlines, with a common word in it ("Reagan Hints", "Subroto Says"), is no full
  // name for short forms to join.
  const written = new Set(known.map(({ key }) => key));
  for (const { key, headline } of occurrences) if (!headline) written.add(key);
  const hasCommonWord = cached((surface) => surface.split(/[\s-]+/u).some(isCommonWord));
  /** What has gone into the corpus indexes already: filing it again changes nothing. */
  const filed = new Set<readonly (readonly [keyof Indexes, string])[]>();
  /** A company's name without its legal form → its names with one → the documents naming each. */
  const byStem = new Map<string, Map<string, { docs: number; last: number }>>();
  /** Surname → the people named in full with it → the documents naming each (`last`: the latest counted). */
  const bySurname = new Map<string, Map<string, { docs: number; last: number }>>();
  /** A key naming a country's national body ("japan's finance ministry"): the key of that body, "japan finance ministry". */
  const nationalSplit = cached((key: string) => nationalBodyOf(key) ?? null);
  const nationalKey = (key: string): string | null => {
    const split = nationalSplit(key);
    return split ? `${split.country} ${split.rest}` : null;
  };

  /**
   * Per national body, how many of its mentions are written with each country ("treasury" → united states 185, united
   * kingdom 10): the countries the archive writes it with somewhere, known to have one.
   */
  const qualifiedBy = new Map<string, Map<string, number>>();
  const writtenWith = (country: string, body: string) => qualifiedBy.get(body)?.has(country) === true;
  const qualify = (country: string, body: string) => {
    let counts = qualifiedBy.get(body);
    if (!counts) {
      counts = new Map();
      qualifiedBy.set(body, counts);
    }
    counts.set(country, (counts.get(country) ?? 0) + 1);
  };
  // The bodies the archive writes with their country: as its build found them, else (an archive built without them)
  // its records of national bodies an update's registry brings.
  if (archive)
    for (const key of archive.written) {
      const split = nationalSplit(key);
      if (split) qualify(split.country, split.rest);
    }
  else
    for (const { key, type } of known) {
      const national = type === "organization" ? nationalSplit(key) : null;
      if (national) qualify(national.country, national.rest);
    }
  /** Per document, how many mentions of its text name each country: as a place ("Japan"), or in a body's name ("U.S. Supreme Court"). */
  const countryVotes = new Map<number, Map<string, number>>();
  const placeCountry = cached((key: string): string | null => {
    const entry = lookupGazetteer(key);
    return entry?.country ? nameKey(entry.name) : null;
  });
  // A body written with its people names their country too ("The American Finance Ministry"); a company does not
  // ("American Express").
  const bodyCountry = cached((key: string): string | null => nationalSplit(key)?.country ?? countryAndRest(key)?.country ?? null);
  const countryNamed = (key: string, type: EntityType): string | null =>
    type === "place" ? placeCountry(key) : type === "organization" ? bodyCountry(key) : null;
  const nationalBody = cached(isNationalBody);
  /** A place in a document by its offset: one number, the document's and the offset's (a text is shorter than 2^24). */
  const at = (doc: number, offset: number) => doc * 16_777_216 + offset;
  /** Where a country written as a place ends ("Japan" of "Japan's Finance Ministry") → its key. */
  const countryEnds = new Map<number, { country: string; sentence: number }>();
  for (const { doc, end, key, type, sentence } of occurrences) {
    const country = type === "place" ? placeCountry(key) : null;
    if (country) countryEnds.set(at(doc, end), { country, sentence });
  }
  /** The country a mention of a national body is written with ("Japan's Finance Ministry": Japan), by where it starts. */
  const ownCountry = new Map<number, string>();
  for (const { doc, start, key, type, sentence } of occurrences) {
    if (type !== "organization" || !nationalBody(key)) continue;
    // In the same sentence: not "… Japan." before a sentence opening with "Parliament".
    const before = countryEnds.get(at(doc, start - 3)) ?? countryEnds.get(at(doc, start - 1));
    const country = before?.sentence === sentence ? before.country : undefined;
    if (!country) continue;
    ownCountry.set(at(doc, start), country);
    qualify(country, key);
  }
  /** Per document, the countries its headline names, and where: `[start, country]`. */
  const headlineCountries = new Map<number, [number, string][]>();
  /** Per country, the documents naming it: the archive's own country is the one most name. */
  const documentsNaming = new Map<string, Set<number>>();
  /** Per document, its organisations' keys (a bare body beside a longer name with its head: "European Parliament"). */
  const organizationsOf = new Map<number, Set<string>>();
  /** Per document, where its title's organisations are: a nationality inside one names no country ("American Express"). */
  const titleOrganizations = new Map<number, [number, number][]>();
  /** Per document, the people its title names in full (the story is about them), and those its text does. */
  const titlePeople = new Map<number, Set<string>>();
  const bodyPeople = new Map<number, Set<string>>();
  /**
   * Per document, per head noun of its organisations' names ("bank" of "World Bank" and of "Bank of England"), the
   * first mention of the one organisation it heads there; null when it heads several.
   */
  const headedIn = new Map<number, Map<string, Occurrence | null>>();
  for (const occurrence of occurrences) {
    const { doc, key, type, surface, headline, start, end } = occurrence;
    const country = countryNamed(key, type);
    if (country) addTo(documentsNaming, country, doc);
    if (type === "organization" && key.includes(" ")) {
      addTo(organizationsOf, doc, key);
      const head = headOf(key);
      // Written in full, with its head: not an acronym the gazetteer spells out ("EC", keyed "european commission").
      if (head && !headline && !isAcronymName(surface) && surface.toLowerCase().includes(head)) {
        let heads = headedIn.get(doc);
        if (!heads) {
          heads = new Map();
          headedIn.set(doc, heads);
        }
        const known = heads.get(head);
        if (known === undefined) heads.set(head, occurrence);
        else if (known !== null && known.key !== key) heads.set(head, null);
      }
    }
    const inTitle = start < (titles[doc]?.end ?? 0);
    if (type === "organization" && inTitle) pushTo(titleOrganizations, doc, [start, end]);
    if (type === "person" && !headline && key.includes(" ")) addTo(inTitle ? titlePeople : bodyPeople, doc, key);
    // A title names what its story is about whatever its case ("Indonesia's nickel miner plans smelter"), as a
    // headline in capitals or title case does.
    if (country && (headline || inTitle)) pushTo(headlineCountries, doc, [start, country]);
    else if (country) {
      let votes = countryVotes.get(doc);
      if (!votes) {
        votes = new Map();
        countryVotes.set(doc, votes);
      }
      votes.set(country, (votes.get(country) ?? 0) + 1);
    }
    if (type === "organization") {
      const national = nationalSplit(key);
      if (national) qualify(national.country, national.rest);
    }
    if (headline && !written.has(key) && hasCommonWord(surface)) continue;
    const entries = filing(key, type, surface);
    if (entries.length > 0) {
      for (const [index, at] of entries) {
        if (index === "surnames") countDocument(bySurname, at, key, doc);
        else if (index === "stems") countDocument(byStem, at, key, doc);
      }
      if (!filed.has(entries)) {
        filed.add(entries);
        file(corpus, entries, key);
      }
      // A document without entries has no indexes: asking them finds nothing, as empty ones would.
      let indexes = byDoc.get(doc);
      if (!indexes) {
        indexes = emptyIndexes();
        byDoc.set(doc, indexes);
      }
      file(indexes, entries, key);
    }
    if (type !== "organization") continue;
    orgKeys.add(key);
    const qualified = withoutCountry(key);
    if (qualified) add(countries, qualified.rest, qualified.country);
  }
  for (const { key, type } of known) if (type === "organization") orgKeys.add(key);
  const knownOrganizations = new Set(known.filter(({ type }) => type === "organization").map(({ key }) => key));
  const acronyms = acronymsInContext(occurrences, byDoc, isAcronymName);
  // A name introducing an acronym in brackets counts where no name with its initials does: "(HK)" after a company in
  // one story does not take "HK" from Hong Kong.
  const bracketed = brackets.corpus;
  for (const [acronym, names] of bracketed) if (!acronyms.has(acronym)) for (const name of names) add(acronyms, acronym, name);
  // "Usda" in a title-case headline is the acronym prose writes "USDA".
  const writtenAsAcronym = new Set<string>();
  for (const { key, surface, headline } of occurrences) if (!headline && isAcronymName(surface)) writtenAsAcronym.add(key);

  /**
   * The person a bare surname stands for across the corpus when several are named in full with it but one holds
   * most of the documents: "Reagan" is Ronald Reagan in an archive that also names Nancy and Michael Reagan once.
   */
  const dominant = cached((surname: string): string | undefined => dominantOf(bySurname.get(surname)));
  /**
   * The one record of a company written with and without legal forms ("General Motors", "General Motors Corp",
   * "General Motors Corporation"): its name with one that most documents write, when the archive writes one.
   */
  const companyOf = cached((key: string): string | undefined => {
    const stem = companyStem(key);
    const named = byStem.get(stem);
    if (!named) return undefined;
    // A known organisation named without the legal form (the registry's, or an archive's entity an update resolves
    // its names against) is that company: "SK Hynix Inc" goes to the archive's SK Hynix. Of two words or more, as
    // across the archive: one word alone meets namesakes ("Sears" and Sears Plc).
    if (stem.includes(" ") && knownOrganizations.has(stem)) return stem;
    // The gazetteer's own name for it wins ("General Motors", which "GM" stands for).
    const known = lookupGazetteer(stem);
    return known?.type === "organization" ? nameKey(known.name) : dominantOf(named, 0);
  });

  /**
   * A company the gazetteer knows by one word ("Ford", "Toyota") that the archive writes in full with a legal form and
   * more words ("Ford Motor Co", "Toyota Motor Corp") → that full name. Each document writing the word alone beside
   * one such company of its own, starting with the word and no unit's, votes for it; it takes the word when it has most of the votes
   * (`DOMINANT_SHARE`), from a third of the documents writing the word alone at least: the datelines'
   * "Reuters" stays the agency in an archive with a few stories on Reuters Holdings Plc.
   */
  const fullCompanies = new Map<string, string>();
  {
    const votes = new Map<string, Map<string, { docs: number; last: number }>>();
    const alone = new Map<string, Set<number>>();
    for (const { doc, key, type, surface } of occurrences) {
      if (type !== "organization" || key.includes(" ") || isAcronymName(surface)) continue;
      const entry = lookupGazetteer(key);
      if (entry?.type !== "organization" || nameKey(entry.name) !== key) continue;
      addTo(alone, key, doc);
      // Not a unit's name ("Ford Motor Credit Co", "IBM Deutschland GmbH"): the word alone is seldom the unit.
      const firms = [...filedUnder(byDoc.get(doc)?.orgFirst, key)].filter((name) => {
        const stem = companyStem(name);
        return stem !== name && stem !== key && !stem.split(" ").slice(1).some(subsidiaryWord);
      });
      const firm = firms.length > 0 ? oneCompany(firms) : undefined;
      if (firm) countDocument(votes, key, companyOf(firm) ?? firm, doc);
    }
    for (const [word, firms] of votes) {
      const firm = dominantOf(firms);
      const docs = firm === undefined ? 0 : (firms.get(firm)?.docs ?? 0);
      if (firm !== undefined && 3 * docs >= (alone.get(word)?.size ?? 0)) fullCompanies.set(word, firm);
    }
  }

  /**
   * The archive's own country, the one most documents name: in every story as a partner ("U.S. Seeks Major Japanese
   * Economic Change"), its own bodies have names of their own (the Treasury, the State Department). Only one that more
   * documents name than any other, two at least: an archive of a few stories on as many countries has none (its
   * story on Ghana is about Ghana's Finance Ministry, whichever country's name sorts first).
   */
  let home: string | undefined;
  let homeDocs = 1;
  let tied = false;
  for (const [country, { size: docs }] of documentsNaming) {
    if (docs > homeDocs) [home, homeDocs, tied] = [country, docs, false];
    else if (docs === homeDocs) tied = true;
  }
  if (tied) home = undefined;
  // And the countries a title names by their people ("Kazakh lender jumps", "Chilean court halts pumping"), where no
  // organisation's name holds the word ("American Express").
  titles.forEach((title, doc) => {
    for (const [start, country] of title?.nationalities ?? []) {
      if ((titleOrganizations.get(doc) ?? []).some(([from, to]) => from <= start && start < to)) continue;
      pushTo(headlineCountries, doc, [start, country]);
    }
  });
  // An update's few documents do not tell the archive's own country: its build did.
  if (archive) home = archive.home;
  /** The countries a story's headline names, in order (a headline leads with its subject). */
  const headlineOf = (doc: number): string[] =>
    (headlineCountries.get(doc) ?? []).sort((a, b) => a[0] - b[0]).map(([, country]) => country);
  /**
   * The country whose `body` a bare mention in `doc` is: of the countries its headline names, in order, then the one
   * its text names most, the first the archive writes the body with somewhere ("Japan's Finance Ministry"); else the
   * first its headline names, unless that is the archive's own country; in a story naming no country, the archive's
   * own when most of the body's mentions that say whose say so; else none.
   */
  const nationalCountry = (doc: number, body: string): string | undefined => {
    const headed = headlineOf(doc);
    const text = countryOf(doc);
    for (const country of text ? [...headed, text] : headed) if (writtenWith(country, body)) return country;
    const first = headed[0];
    if (first !== undefined) return first !== home ? first : undefined;
    // A story that names no country at all (one naming two as often is no story of the archive's own) is the
    // archive's own, when the body it names is its own country's as the archive writes it most (more than half the
    // times it says whose: "the Treasury" of a Reuters story is the U.S. Treasury; "the Central Bank" is no country's).
    if (countryVotes.has(doc)) return undefined;
    return archive ? archive.bodies[body] : homeBody(body);
  };
  /** The archive's own country, when most of the body's mentions that say whose say so. */
  const homeBody = (body: string): string | undefined => {
    const counts = qualifiedBy.get(body);
    if (home === undefined || !counts) return undefined;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    return 2 * (counts.get(home) ?? 0) > total ? home : undefined;
  };
  /** The key of the country's body a bare mention of `body` at `start` of `doc` names, if any (see `nationalCountry`). */
  const nationalOf = (doc: number, start: number, body: string): string | undefined => {
    const own = ownCountry.get(at(doc, start));
    if (own) return `${own} ${body}`;
    // Beside a longer name the document gives the body that is no country's ("European Parliament … Parliament",
    // "Texas Supreme Court … the Supreme Court"): it may be that one; left to the rest of the resolver.
    for (const name of organizationsOf.get(doc) ?? []) if (name.endsWith(` ${body}`) && !nationalSplit(name)) return undefined;
    const country = nationalCountry(doc, body);
    return country === undefined ? undefined : `${country} ${body}`;
  };
  /** The country a story's text names most, when one does (more mentions than any other). */
  const countryOfDocument = new Map<number, string | null>();
  const countryOf = (doc: number): string | undefined => {
    let country = countryOfDocument.get(doc);
    if (country === undefined) {
      let top = 0;
      let tied = false;
      country = null;
      for (const [name, n] of countryVotes.get(doc) ?? []) {
        if (n > top) [country, top, tied] = [name, n, false];
        else if (n === top) tied = true;
      }
      if (tied) country = null;
      countryOfDocument.set(doc, country);
    }
    return country ?? undefined;
  };
  const lookup = (doc: number, pick: (indexes: Indexes) => string | undefined): string | undefined => {
    const local = byDoc.get(doc);
    return (local && pick(local)) ?? pick(corpus);
  };

  /**
   * The one company a document names with a legal form and more words whose first words `key` is ("northern aspen"
   * beside "Northern Aspen Midstream Inc", "bumi celebes" beside "PT Bumi Celebes Nikel Tbk"; `Indexes.companyPrefixes`).
   * In its document only (across the archive two words meet other firms that start alike), and not a name the
   * gazetteer knows, a body every country has, a big city or a province ("New South Wales" beside "New South Wales
   * Treasury Corporation"), nor a name ending in an organisation's head noun, a body's of its own or a bare head
   * ("Stock Exchange" beside "Stock Exchange of Singapore Ltd").
   */
  const companyOfPrefix = (here: Indexes | undefined, key: string): string | undefined => {
    const longer = only(here?.companyPrefixes, key);
    if (!longer || lookupGazetteer(key) || nationalBody(key) || ORG_HEADS.has(key.slice(key.lastIndexOf(" ") + 1)) || isWorldPlace(key))
      return undefined;
    return companyOf(longer) ?? longer;
  };

  /**
   * The one company its document names with `key` as its first word (`orgFirst`), when the word may stand for it: not
   * an acronym nor a common word (they name something of their own), not a word another organisation of the document
   * has further in ("Brann" beside "Brann Stadion" and "SK Brann"), not a place the gazetteer knows ("Queensland").
   */
  const firstWordOf = (here: Indexes | undefined, key: string, surface: string, parent = false): string | undefined => {
    if (isAcronymName(surface) || isCommonWord(surface) || lookupGazetteer(key)?.type === "place") return undefined;
    const named = [...filedUnder(here?.orgFirst, key)];
    if (named.length === 0) return undefined;
    // With `parent`, beside names of its units written without a legal form ("Toyota Battery Manufacturing North
    // Carolina"), the one company written with one ("Toyota Motor Corp"), or as a group ("Reliance Group Holdings" beside
    // "Reliance Insurance Co": two companies, the word stays).
    const firms =
      parent && named.length > 1
        ? named.filter((name) => companyStem(name) !== name || GROUP_HEADS.has(name.slice(name.lastIndexOf(" ") + 1)))
        : [];
    const candidates = firms.length > 0 && oneCompany(firms) ? firms : named;
    if (laterWordOf(here?.orgFirst, key, companyStem(candidates[0] as string))) return undefined;
    return oneCompany(candidates);
  };

  /**
   * In a sports report, the one organisation of the document whose name ends with `key` and has no legal form nor head
   * noun there: "Villa" after "Aston Villa", "City" after "Manchester City" (beside "Leicester City" too it stays).
   */
  const clubOfLastWord = (doc: number, key: string): string | undefined => {
    if (ORG_HEADS.has(key) || LEGAL_FORMS.has(key)) return undefined;
    let club: string | undefined;
    for (const name of organizationsOf.get(doc) ?? []) {
      if (!name.endsWith(` ${key}`) || companyStem(name) !== name) continue;
      if (club !== undefined) return undefined;
      club = name;
    }
    return club !== undefined && story.sports(doc) ? club : undefined;
  };

  /**
   * The one company of the document with `key` as a later word of its name, not its head noun nor its legal form, one
   * of its names written with a legal form: "Kodak" beside "Eastman Kodak Co", "Jio" beside "Reliance Jio Infocomm
   * Ltd". Names that open one another are one ("Reliance Jio", "Reliance Jio Infocomm Ltd": the shortest); not an
   * acronym or a common word, which name something of their own, nor a word its document writes in lowercase.
   */
  const innerWordOf = (doc: number, key: string, surface: string): string | undefined => {
    if (ORG_HEADS.has(key) || LEGAL_FORMS.has(key) || isAcronymName(surface) || isCommonWord(surface)) return undefined;
    const named: string[] = [];
    for (const name of organizationsOf.get(doc) ?? []) if (name.split(" ").slice(1).includes(key)) named.push(name);
    // A company, by its legal form: not a body or a unit named after the word ("Japan Chamber of Commerce", "American Honda").
    if (!named.some((name) => companyStem(name) !== name)) return undefined;
    // Nor a noun its document writes in lowercase too ("Electric" beside "an electric utility"): read last, as it
    // reads the text.
    if (story.writes(doc, key)) return undefined;
    named.sort((a, b) => a.length - b.length);
    const shortest = named[0] as string;
    const stem = companyStem(shortest);
    return named.every((name) => name === shortest || name.startsWith(`${stem} `)) ? shortest : undefined;
  };

  const resolve = ({ doc, start, surface, key, type, headline, roles, honorific, possessive }: Occurrence): string => {
    // An acronym its document introduces in brackets is that document's name for it, before anything else: it goes
    // where the name goes ("the U.S. Securities and Exchange Commission (SEC)": to the Securities and Exchange Commission).
    const introduced = brackets.local.size > 0 && isBracketedAcronym(surface) ? brackets.local.get(`${doc} ${key}`) : undefined;
    if (introduced) return resolve(introduced);
    // A state written short as CoNLL-2003 writes it ("La.", "Calif."): the state, before the gazetteer's acronyms ("LA"
    // is Los Angeles, "La." Louisiana).
    const short = type === "place" ? stateOfDottedAbbreviation(surface) : undefined;
    if (short) return short;
    if (lookupGazetteer(key)?.type === type) return (type === "organization" ? fullCompanies.get(key) : undefined) ?? key;
    // A hyphenated acronym ("PDI-P", keyed "pdi p") introduced in brackets somewhere: as a one-word one is, below.
    if (key.includes(" ") && bracketed.has(key) && isBracketedAcronym(surface)) {
      const full = only(acronyms, key);
      if (full) return full;
    }
    const here = byDoc.get(doc);
    // A state's abbreviation after a city ("Irvine, Calif."): the state.
    const state = type === "place" ? stateOfAbbreviation(key) : undefined;
    if (state) return state;
    if (!key.includes(" ")) {
      // "The Treasury", "Parliament": a body every country has, as below.
      if (type === "organization" && NATIONAL_BODIES.has(key)) return nationalOf(doc, start, key) ?? key;
      // "The Bank" in a story that names the Bank of England and no other bank: that bank. A head noun alone is the
      // one organisation its document names with it as its head; beside two ("World Bank", "Bank of England") or
      // none it stays as written, and never joins one of another document.
      if (type === "organization" && ORG_HEADS.has(key)) {
        const headed = headedIn.get(doc)?.get(key);
        if (headed) return resolve(headed);
      }
      // An acronym is the one name with its initials that it is written beside: here; else the one company its
      // document names with it first ("CPC" in a story on CPC International Inc); else the one name of another
      // document. One name: "Trans World Airlines" and "Trans World Airlines Inc" are one company.
      if (isAcronymName(surface) || (headline && writtenAsAcronym.has(key)) || (bracketed.has(key) && isBracketedAcronym(surface))) {
        const own = oneName(here?.initials, key);
        const first = own ? undefined : oneCompany(filedUnder(here?.orgFirst, key));
        if (first && companyStem(first) !== first) return companyOf(first) ?? first;
        const full = own ?? oneName(acronyms, key);
        // It goes where its name goes: "LL" beside "Louisiana Land", the first words of Louisiana Land and Exploration Co;
        // "TWA" beside "Trans World Airlines", to Trans World Airlines Inc.
        if (full) return companyOfPrefix(here, full) ?? companyOf(full) ?? full;
      }
      // A word written with a possessive that is the first word of one company its document names ("Moody's said" in
      // a story on Moody's Investors Service Inc; "McDonald's" beside McDonald's Corp): that company, as written,
      // whatever the tagger read, common word ("moody") or not.
      if (possessive && !honorific && type !== "place") {
        const firm = oneCompany([...filedUnder(here?.orgFirst, `${key}'s`), ...filedUnder(here?.orgFirst, `${key}’s`)]);
        if (firm) return companyOf(firm) ?? firm;
      }
      // A place written in capitals ("OSAKA (Reuters) -", a dateline) is that place, not the last word of a name in
      // its story ("Naomi Osaka", "Raja Casablanca").
      // (A word its document writes as a company with a legal form goes to the company below: "VINGROUP", "Vingroup JSC".)
      if (
        type === "place" &&
        surface.length >= 3 &&
        surface === surface.toUpperCase() &&
        /\p{Lu}{3}/u.test(surface) &&
        !(here?.stems.has(key) && !lookupGazetteer(key))
      )
        return key;
      // A name the document writes with a company's legal form elsewhere is that company ("Halvorsen" → "Halvorsen
      // Shipping", which the headline made a person, → Halvorsen Shipping ASA).
      const company = (found: string) => (here?.stems.has(found) ? companyOf(found) : undefined) ?? found;
      const local = only(here?.surnames, key);
      if (local) return company(local);
      // A surname several people of the story share ("Margaret Ellison" and her husband "Alan Ellison"): the one its
      // title names in full, whom the story is about, when the title names one of them and the text does too (not a
      // headline's "Fires Vaskevitch").
      if (type === "person" && !honorific) {
        const named = [...filedUnder(here?.surnames, key)].filter(
          (full) => titlePeople.get(doc)?.has(full) && bodyPeople.get(doc)?.has(full),
        );
        if (named.length === 1) return named[0] as string;
      }
      // A word read as a place that its document writes as a company with a legal form ("Vingroup" beside "Vingroup
      // JSC"), and no place the gazetteer knows: that company.
      if (type === "place" && here?.stems.has(key) && !lookupGazetteer(key)) {
        const firm = companyOf(key);
        if (firm) return firm;
      }
      // "Arce" after "Luis Arce Catacora": a father's surname, in the same document only, for a word read as a person.
      const paternal = type === "person" && !here?.firstNames.has(key) ? only(here?.paternal, key) : undefined;
      if (paternal) return paternal;
      // "Wang Donghai ... Wang", "Hillary Clinton ... Hillary": a first word, in the same document only.
      const given = type === "person" && !here?.surnames.has(key) ? only(here?.firstNames, key) : undefined;
      if (given) return company(given);
      // A company of its document, unless a person may be meant: one of the document named in full with the word,
      // or, when the word was read as a person, one of the archive ("Reagan" beside "the Reagan Administration" stays
      // Reagan). Only in its document: across the archive a word alone meets fragments ("Bank" → "Bank PLC") and
      // namesakes ("Sears" → Sears Plc, "EMS" → EMS Corp).
      if (type !== "place" && !(type === "organization" ? here?.surnames : corpus.surnames)?.has(key)) {
        // The company's name without its legal form: "NEC" beside "NEC Corp".
        const stemmed = here?.stems.has(key) ? companyOf(key) : undefined;
        if (stemmed) return stemmed;
        // Its first word: "Drexel" in a story about Drexel Burnham Lambert, when the document names one company so
        // (with and without legal forms). Not an acronym ("GATT" beside "GATT Council") nor a common noun ("House"
        // beside "House Budget Committee"): they name something of their own.
        // Nor a word another organisation of the document has further in ("Brann" beside "Brann Stadion" and "SK
        // Brann"): it may stand for either.
        // Nor a place the gazetteer knows ("Queensland" beside "Queensland Sugar Limited").
        const org = firstWordOf(here, key, surface, type === "organization");
        if (org) return companyOf(org) ?? org;
        const club = type === "organization" ? clubOfLastWord(doc, key) : undefined;
        if (club) return club;
        // Not a word another organisation of the document opens with ("Hughes" beside "Hughes Tool Co" and "Baker Hughes Inc").
        const inner =
          !honorific && !here?.surnames.has(key) && !here?.orgFirst.has(key) && !lookupGazetteer(key)
            ? innerWordOf(doc, key, surface)
            : undefined;
        if (inner) return companyOf(inner) ?? inner;
      }
      // A word read as a person, with no title, job or honorific, that its document writes first in the name of one company
      // with a legal form and names nobody in full with ("Hughes said …" in a story on Hughes Tool Co): the company,
      // whoever else of that surname the archive names.
      if (type === "person" && !roles?.length && !honorific && !here?.surnames.has(key)) {
        const firm = firstWordOf(here, key, surface);
        if (firm && companyStem(firm) !== firm) return companyOf(firm) ?? firm;
      }
      if (type === "person") return only(corpus.surnames, key) ?? (here?.surnames.has(key) ? undefined : dominant(key)) ?? key;
      return key;
    }
    // "Kilroy-Silk": a surname of more than one part is one word as written.
    if (type === "person" && !/\s/u.test(surface)) {
      const full = lookup(doc, (indexes) => only(indexes.surnames, key));
      if (full) return full;
    }
    // "Ben Salem" after "Leila Ben Salem", "Duncan Smith" after "Iain Duncan Smith": a surname of two words or more,
    // in its own document only (across the archive two words are more often a name of their own). Read as an
    // organisation too ("Doria Medina" after "Samuel Doria Medina"), unless a word of it says it is one.
    if (type === "person" || (type === "organization" && !namesOrganization(key))) {
      const full = only(here?.surnames, key);
      if (full && full !== key) return full;
    }
    // "Fenwick Mining", "Fenwick Mining Corporation" and "Fenwick Mining Corp" are one company across the archive;
    // a name read as a person's only where its document writes the company with a legal form.
    if (type === "organization" || (type === "person" && here?.stems.has(key))) {
      const full = companyOf(key);
      if (full) return full;
    }
    // The first words of a company its document names in full: that company (`companyOfPrefix`).
    const longer = type === "organization" ? companyOfPrefix(here, key) : undefined;
    if (longer) return longer;
    if (type === "organization") {
      // A body every country has, written with its country, is that country's: "Japan's Finance Ministry" is Japan's
      // ("japan finance ministry"), "U.S. Supreme Court" the United States' (never the bare name's, below).
      const national = nationalKey(key);
      if (national) return national;
      // "US State Department" is the State Department, unless other countries have one too ("Finance Ministry").
      const bare = withoutCountry(key);
      const shared = bare ? count(countries, bare.rest) > 1 : true;
      // Not a party: a country's party is its own ("Kurdistan Democratic Party" is no Democratic Party).
      const party = bare !== undefined && (bare.rest.endsWith(" party") || lookupGazetteer(bare.rest)?.party === true);
      // Nor another country's body of the same name: "Bangladesh Securities and Exchange Commission" is no SEC.
      const own = bare && countryOfBody(bare.rest);
      const foreign = own !== undefined && own !== nameKey(lookupGazetteer(bare?.country ?? "")?.name ?? "");
      if (bare && !shared && !party && !foreign && (orgKeys.has(bare.rest) || lookupGazetteer(bare.rest)?.type === "organization"))
        return bare.rest;
      // "Security Council" beside "U.N. Security Council": the document says which; the corpus does not.
      const full = only(here?.qualified, key);
      if (full) return full;
      // A body every country has: written with its country ("Japan's Finance Ministry"), that country's; else the
      // country its story is about (`nationalCountry`: "the Finance Ministry" of a story headlined on Japan). In a story
      // that does not say, it stays the bare name: the ones that say which never join it.
      const body = nationalBody(key) ? nationalOf(doc, start, key) : undefined;
      if (body) return body;
    }
    return key;
  };
  const national = (): NationalDefaults => {
    const written = [...qualifiedBy].flatMap(([body, counts]) => [...counts.keys()].map((country) => `${country} ${body}`)).sort();
    // An update keeps the archive's decisions, and adds the bodies its documents write with their country.
    if (archive) return { ...archive, written };
    const bodies: Record<string, string> = {};
    for (const body of [...qualifiedBy.keys()].sort()) {
      const country = homeBody(body);
      if (country) bodies[body] = country;
    }
    return { ...(home === undefined ? {} : { home }), bodies, written };
  };
  return Object.assign(resolve, { national });
}

/** The last words of a company's name that make it a company as a legal form does: "Reliance Group Holdings". */
const GROUP_HEADS = new Set(["group", "holdings", "bancorp", "bancshares"]);

/** Legal forms that end a company's name: "Inc", "Corp", "Co", "Ltd", "Plc", "AG", "ASA"… */

/**
 * Whether a name key is a legal form alone ("Ltd", "Inc."): what is left of a company's name cut in two, never a name.
 * @example
 * isLegalForm("ltd"); // true
 */
export const isLegalForm = (key: string): boolean => LEGAL_FORMS.has(key);

/**
 * A company's name key without its legal forms (and the "and" before them); the key itself when it has none or is
 * nothing else.
 * @example
 * companyStem("merrill lynch and co inc"); // "merrill lynch"
 * companyStem("the company"); // "the company"
 */
export function companyStem(key: string): string {
  let words = key.split(" ");
  // Indonesia's "PT" before the name ("PT Vale Indonesia Tbk").
  if (words[0] === "pt" && words.length >= 3) words = words.slice(1);
  let end = words.length;
  while (end > 1 && LEGAL_FORMS.has(words[end - 1] as string)) {
    end--;
    if (end > 1 && (words[end - 1] === "and" || words[end - 1] === "&")) end--;
  }
  const stem = words.slice(0, end).join(" ");
  return stem === key ? key : stem;
}

/**
 * Words after a company's first words that make the name a subsidiary's or a unit's: "Ford Motor Credit Co", and a
 * country's or a region's ("Hawker Siddeley Canada Inc", "Barclays de Zoete Wedd Nederland NV").
 */
const SUBSIDIARY_WORDS = new Set(
  `acceptance credit capital finance financial securities leasing international trust savings mortgage insurance bank
   banking investment investments nederland deutschland italia espana europe european asia asian america american usa
   uk overseas`.split(/\s+/u),
);
const subsidiaryWord = (word: string) => SUBSIDIARY_WORDS.has(word) || lookupGazetteer(word)?.type === "place";

/** A word, and without its possessive when it has one: "moody's" → "moody's", "moody". */
function withoutPossessive(word: string): string[] {
  const bare = word.replace(/['’]s$/u, "");
  return bare !== word && bare.length > 0 ? [word, bare] : [word];
}

/**
 * Whether an organisation filed in `orgFirst` (a document's) has `word` after its first word, other than the company
 * whose stem is `stem`: "sk brann" for "brann" beside "brann stadion". The few organisations of one document are
 * scanned only when a word alone might join one.
 */
function laterWordOf(orgFirst: Index | undefined, word: string, stem: string): boolean {
  for (const keys of orgFirst?.values() ?? []) {
    for (const key of typeof keys === "string" ? [keys] : keys) {
      if (companyStem(key) !== stem && key.split(" ").slice(1).includes(word)) return true;
    }
  }
  return false;
}

/** The one key filed under `at`, or the one company all the keys filed under it are (see `oneCompany`). */
function oneName(index: Index | undefined, at: string): string | undefined {
  return only(index, at) ?? oneCompany(filedUnder(index, at));
}

/** The one company among some names: all of them one name with and without legal forms (the longest then), or undefined. */
function oneCompany(keys: Iterable<string>): string | undefined {
  let found: string | undefined;
  let stem: string | undefined;
  for (const key of keys) {
    const own = companyStem(key);
    if (stem === undefined) stem = own;
    else if (own !== stem) return undefined;
    if (found === undefined || key.length > found.length) found = key;
  }
  return found;
}

/**
 * A bare surname that several people of the corpus are named in full with goes to the one named in at least this
 * share of the documents naming any of them in full: the others together in at most one of five.
 */
export const DOMINANT_SHARE = 0.8;

/** Counts `doc` once for `key` filed under `at`, the occurrences coming document by document. */
function countDocument(counts: Map<string, Map<string, { docs: number; last: number }>>, at: string, key: string, doc: number): void {
  const keys = counts.get(at) ?? new Map<string, { docs: number; last: number }>();
  counts.set(at, keys);
  const seen = keys.get(key);
  if (!seen) keys.set(key, { docs: 1, last: doc });
  else if (seen.last !== doc) {
    seen.docs++;
    seen.last = doc;
  }
}

/** The key named in at least `share` of the documents naming any of `keys` (the first by key among equals), if one is. */
function dominantOf(keys: ReadonlyMap<string, { docs: number }> | undefined, share = DOMINANT_SHARE): string | undefined {
  if (!keys) return undefined;
  let total = 0;
  let best: string | undefined;
  let most = 0;
  for (const [key, { docs }] of keys) {
    total += docs;
    if (docs > most || (docs === most && best !== undefined && key < best)) {
      best = key;
      most = docs;
    }
  }
  return most >= share * total ? best : undefined;
}

/** The acronyms documents introduce in brackets after a name (see `bracketedAcronyms`). */
export interface Brackets {
  /** Acronym key → the names some document introduces it with, for acronyms the gazetteer does not spell out. */
  corpus: Map<string, Set<string>>;
  /**
   * "document acronym" → the name that document introduces it with, when the acronym's letters are the name's in order,
   * gazetteer acronyms too: in its document an acronym is what the document says ("the International Cricket Council
   * (ICC)"), whatever it stands for elsewhere. The name's occurrence: the acronym goes where the name resolves to.
   */
  local: Map<string, Occurrence>;
}

/**
 * The names documents introduce acronyms with in brackets right after them, whatever their initials: "the National
 * Office of Electoral Processes (ONPE)", "Contemporary Amperex Technology Co Ltd (CATL)", a name translated or
 * shortened before its acronym was made ("the Kurdistan Region (KRI)"). Only a name of two words or more written with
 * lowercase defines one: not a person's ("Nancy Pelosi (D)"), nor a dateline's ("NEW DELHI (PTI)"). An acronym the
 * gazetteer spells out is defined in its document only. `textOf(doc)` is the text the occurrences' offsets are into.
 * @example
 * bracketedAcronyms([onpe, nationalOffice], () => "The National Office of Electoral Processes (ONPE) said").corpus; // Map { "onpe" => Set { "national office of electoral processes" } }
 */
export function bracketedAcronyms(occurrences: readonly Occurrence[], textOf: (doc: number) => string): Brackets {
  const corpus = new Map<string, Set<string>>();
  const local = new Map<string, Occurrence>();
  const acronyms = occurrences.filter(({ headline, surface }) => !headline && isBracketedAcronym(surface));
  // The names that may introduce one, in the documents that write one alone: where each ends.
  const docs = new Set(acronyms.map(({ doc }) => doc));
  const names = new Map<string, Occurrence>();
  for (const occurrence of occurrences) {
    const { doc, type, key, surface } = occurrence;
    if (docs.has(doc) && type !== "person" && key.includes(" ") && /\p{Ll}/u.test(surface))
      names.set(`${doc} ${occurrence.end}`, occurrence);
  }
  for (const { doc, sentence, key, surface, start, end } of acronyms) {
    const name = names.get(`${doc} ${start - 2}`);
    if (name?.sentence !== sentence) continue;
    const text = textOf(doc);
    if (text.slice(start - 2, start) !== " (" || text[end] !== ")") continue;
    // In its document, an acronym whose letters are the name's, in order, is that name, even one the gazetteer spells
    // out otherwise ("the International Cricket Council (ICC)"); not a code in brackets ("Acme Holdings Ltd (UK)",
    // "Fletcher Challenge Ltd (NZE)", its exchange).
    const known = gazetteerAcronym(surface);
    // The gazetteer's own name spelled otherwise ("Organization for Economic Cooperation…" for its "Organisation for
    // Economic Co-operation…") is no other meaning: the acronym stays the gazetteer's.
    const respelled = known !== undefined && sameLetters(nameKey(known.name), name.key);
    if (!local.has(`${doc} ${key}`) && lettersIn(surface, name.key) && !respelled) local.set(`${doc} ${key}`, name);
    if (known !== undefined) continue;
    const list = corpus.get(key) ?? new Set<string>();
    corpus.set(key, list.add(name.key));
  }
  return { corpus, local };
}

/** Whether two names are one spelled two ways: their letters within an edit of each other in ten. */
function sameLetters(a: string, b: string): boolean {
  const x = a.replace(/[^\p{L}]/gu, "");
  const y = b.replace(/[^\p{L}]/gu, "");
  const max = Math.floor(Math.max(x.length, y.length) / 10);
  return editDistance(x, y, max) <= max;
}

/** Whether an acronym's letters are in a name's, in order ("ICC" in "international cricket council"). */
export function lettersIn(acronym: string, name: string): boolean {
  let at = 0;
  for (const letter of acronym.toLowerCase().replace(/[^\p{L}]/gu, "")) {
    at = name.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/**
 * An acronym as a bracket defines one: an acronym's letters, or up to 12 capitals when it is made of syllables
 * rather than initials ("Ghana Cocoa Board (COCOBOD)", "(FIPRESCI)"); the brackets after a name say what it is.
 * @example
 * isBracketedAcronym("COCOBOD"); // true, where isAcronymName("COCOBOD") is false (over 6 letters)
 * isBracketedAcronym("PDI-P"); // true
 */
export function isBracketedAcronym(surface: string): boolean {
  return (
    isAcronymName(surface) || (/^\p{Lu}[\p{Lu}&]*(?:-\p{Lu}[\p{Lu}&]*)*$/u.test(surface) && surface.length >= 2 && surface.length <= 12)
  );
}

/** How close after a name, in its sentence, an acronym must start to be introduced by it: "Ford Motor Co (FMC)", "Fund, IMF". */
const DEFINED_WITHIN = 3;

/**
 * Acronym key → the names with its initials that it is written beside in some document, for the documents that
 * write the acronym alone: "IMF" in a text that also spells out "International Monetary Fund". An acronym never
 * meets a name it is never written beside, and across documents only a name that introduces it somewhere ("Arab
 * Banking Corp (ABC)") or that it is written beside in a third of its documents at least: one story naming both
 * Ford Motor Co and FMC Corp does not make every "FMC" Ford. Of several such names, one written beside it in most of
 * their documents (`dominantOf`) is its only one.
 */
function acronymsInContext(
  occurrences: readonly Occurrence[],
  byDoc: ReadonlyMap<number, Indexes>,
  isAcronymName: (surface: string) => boolean,
): Index {
  /** The documents that write an acronym beside a name with its initials: the only ones `ends` is asked about. */
  const asked = new Set<number>();
  for (const { doc, surface, key } of occurrences) {
    if (!key.includes(" ") && byDoc.get(doc)?.initials.has(key) && isAcronymName(surface)) asked.add(doc);
  }
  /** "doc sentence key" → where the name ends in that sentence. */
  const ends = new Map<string, number[]>();
  for (const { doc, sentence, key, end } of occurrences) {
    if (!asked.has(doc) || !key.includes(" ")) continue;
    const at = `${doc} ${sentence} ${key}`;
    const list = ends.get(at);
    if (list) list.push(end);
    else ends.set(at, [end]);
  }
  const docsOf = new Map<string, Set<number>>();
  const beside = new Map<string, Map<string, { docs: Set<number>; defined: boolean }>>();
  for (const { doc, sentence, surface, key, start } of occurrences) {
    if (key.includes(" ") || !isAcronymName(surface)) continue;
    docsOf.set(key, (docsOf.get(key) ?? new Set<number>()).add(doc));
    const names = beside.get(key) ?? new Map<string, { docs: Set<number>; defined: boolean }>();
    beside.set(key, names);
    for (const full of filedUnder(byDoc.get(doc)?.initials, key)) {
      const seen = names.get(full) ?? { docs: new Set<number>(), defined: false };
      seen.docs.add(doc);
      seen.defined ||= (ends.get(`${doc} ${sentence} ${full}`) ?? []).some((end) => start > end && start - end <= DEFINED_WITHIN);
      names.set(full, seen);
    }
  }
  const found: Index = new Map();
  for (const [key, names] of beside) {
    const written = docsOf.get(key)?.size ?? 0;
    const kept = new Map<string, { docs: number }>();
    for (const [full, { docs, defined }] of names) if (defined || docs.size * 3 >= written) kept.set(full, { docs: docs.size });
    // Of several, the one most of them are written beside: "GATT" is the General Agreement on Tariffs and Trade of 78
    // stories, not the "General Agreement of Tariffs and Trade" of one.
    const dominant = kept.size > 1 ? dominantOf(kept) : undefined;
    for (const full of dominant ? [dominant] : kept.keys()) add(found, key, full);
  }
  return found;
}
