/** @module The type of a candidate name, with how sure the rule that chose it is. */
import type { EntityType } from "../../format/schema";
import { OF_HEADS, ORG_HEADS, OTHER_HEADS, PLACE_HEADS, PLACE_STARTS } from "./cues";
import { lookupGazetteer } from "./gazetteer";
import { isAcronym, nameKey } from "./normalize";
import type { Token } from "./tokens";
import { isCommonWord, isDemonym, isFirstName, isInitialLetter, lower } from "./words";

/** A type and its strength: 3 sure (gazetteer, head noun, title), 2 likely, 1 a guess, 0 no idea. */
export interface Guess {
  type?: EntityType;
  strength: number;
  /** Not a name of a person, organisation or place at all ("Kazakh"): drop it. */
  drop?: boolean;
  /** A bare title ("King"): kept only as the surname of someone named in full. */
  surnameOnly?: boolean;
}

/** What the words around a name said about it (see `Piece`). */
export interface Hints {
  person?: boolean;
  affiliation?: boolean;
  titleOnly?: boolean;
}

const PERSON_OF = new Set(["duke", "prince", "princess", "king", "queen", "president", "governor", "mayor", "bishop"]);
const PLACE_OF = new Set(["republic", "kingdom", "isle", "city", "province", "state", "states", "district"]);
/** Acronyms that are units, measures or jargon, not organisations: "0800 GMT", "three RBI", "GDP". */
const NOT_NAME_ACRONYMS = new Set(
  "gmt edt est pst cst cdt pdt bst cet utc gdp gnp cpi ppi pmi rbi era ceo cfo coo ipo vat aids hiv dna usd mph rpm isdn pc".split(" "),
);
const bare = (token: Token): string => lower(token.text).replace(/\.$/u, "");

function byHeadNoun(words: readonly Token[]): EntityType | undefined {
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last || words.length < 2) return undefined;
  const of = words.findIndex((token) => lower(token.text) === "of" || lower(token.text) === "for");
  if (of > 0) {
    const head = bare(words[of - 1] as Token);
    if (PERSON_OF.has(head)) return "person";
    if (PLACE_OF.has(head) || PLACE_STARTS.has(head)) return "place";
    if (ORG_HEADS.has(head) || OF_HEADS.has(head)) return "organization";
  }
  if (PLACE_HEADS.has(bare(last)) || PLACE_STARTS.has(bare(first))) return "place";
  if (ORG_HEADS.has(bare(last))) return "organization";
  return undefined;
}

const TAG_TYPES: readonly [EntityType, readonly string[]][] = [
  ["person", ["Person", "FirstName", "LastName"]],
  ["place", ["Place", "Country", "City", "Region"]],
  ["organization", ["Organization", "SportsTeam"]],
];

/** A country or nationality word that starts a longer name: "US" in "US Marines". */
function isQualifier(token: Token): boolean {
  return isDemonym(token) || lookupGazetteer(nameKey(token.text))?.type === "place";
}

/**
 * How many nationality words to cut from the start of a name: "Australian Tom Moody" is Tom Moody, but
 * "American Airlines" stays whole.
 * @example
 * leadingDemonyms(tokenize("Australian Tom Moody"), "Australian Tom Moody"); // 1
 */
export function leadingDemonyms(words: readonly Token[], surface: string): number {
  if (byHeadNoun(words) || lookupGazetteer(nameKey(surface))) return 0;
  let n = 0;
  while (n < words.length - 1 && isDemonym(words[n] as Token)) {
    // "Christian Cullen": a given name that is also a faith, before a lone surname, stays.
    const rest = words.slice(n + 1);
    const surname = rest.length === 1 ? (rest[0] as Token) : undefined;
    // ("Christian Democrats" is a party: a plural-looking word is no surname to keep it for.)
    if (surname && isFirstName(words[n] as Token) && !isFirstName(surname) && !/s$/u.test(surname.text)) break;
    n++;
  }
  return n;
}

/** Compromise's own tags, by majority of the words that carry one (a leading "US" does not vote). */
function byTags(words: readonly Token[]): EntityType | undefined {
  const votes = new Map<EntityType, number>();
  for (const [i, token] of words.entries()) {
    if (i === 0 && words.length > 1 && isQualifier(token)) continue;
    const found = TAG_TYPES.find(([, tags]) => tags.some((tag) => token.tags.has(tag)));
    if (found) votes.set(found[0], (votes.get(found[0]) ?? 0) + 1);
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  return best && (!second || best[1] > second[1]) ? best[0] : undefined;
}

/**
 * Guesses the type of the name made of `words`, shown as `surface`.
 * @example
 * classify(tokenize("Hamid Karzai International Airport"), "Hamid Karzai International Airport"); // { type: "place", strength: 3 }
 * classify(tokenize("Mukhtar Tleuberdi"), "Mukhtar Tleuberdi"); // { type: "person", strength: 1 }
 */
export function classify(words: readonly Token[], surface: string, hints: Hints = {}): Guess {
  const first = words[0];
  if (!first || (words.length === 1 && /^\p{Lu}\.?$/u.test(first.text))) return { strength: 0, drop: true };
  if (words.length === 1 && first.tags.has("Honorific")) return { strength: 0, drop: true };
  const known = lookupGazetteer(nameKey(surface));
  if (known) return { type: known.type, strength: 3 };
  if (hints.titleOnly) return { strength: 0, surnameOnly: true };
  const last = words[words.length - 1] as Token;
  // "Douglas & Lomason", "Procter & Gamble": no person's name holds an "&".
  if (words.length > 1 && /&/u.test(surface)) return { type: "organization", strength: 3 };
  // "Houston Astros", "Texas Rangers": compromise knows the clubs of the big leagues.
  if (words.length > 1 && last.tags.has("SportsTeam")) return { type: "organization", strength: 3 };
  if (words.length === 1 && NOT_NAME_ACRONYMS.has(bare(first))) return { strength: 0, drop: true };
  if (isDemonym(last)) return { strength: 0, drop: true };
  if (words.length > 1 && OTHER_HEADS.has(bare(last))) return { strength: 0, drop: true };
  if (words.length === 1 && (ORG_HEADS.has(bare(first)) || PLACE_HEADS.has(bare(first)))) return { strength: 0, drop: true };
  const head = byHeadNoun(words);
  if (head) return { type: head, strength: 3 };
  if (hints.person) return { type: "person", strength: 3 };
  if (words.length > 1 && (isFirstName(first) || isInitialLetter(first) || first.tags.has("Honorific"))) {
    return { type: "person", strength: 2 };
  }
  // "IRA", "NFL": compromise reads some acronyms as given names (Ira); an acronym alone is no person.
  const tagged = words.length === 1 && isAcronym(first.text) ? undefined : byTags(words);
  if (tagged) return { type: tagged, strength: words.length > 1 || tagged !== "person" ? 2 : 1.5 };
  if (words.length === 1 && isAcronym(first.text) && !isCommonWord(first.text)) {
    return { type: "organization", strength: 1.5 };
  }
  // "USAir", "WordPerfect": capitals inside a word make a brand, unless it is "McDonald" or "DeVries".
  if (words.length === 1 && /^\p{Lu}\p{Ll}+\p{Lu}/u.test(first.text) && !/^(?:Mc|Mac|De|La|Le|Di|Van|O')/u.test(first.text)) {
    return { type: "organization", strength: 1.5 };
  }
  if (hints.affiliation) return { type: "organization", strength: 1 };
  if (words.length > 1) {
    if (isQualifier(first)) return { type: "organization", strength: 1 };
    const plain = (token: Token) => !isCommonWord(token.text) && !isAcronym(token.text) && !lookupGazetteer(nameKey(token.text));
    if (words.every(plain)) return { type: "person", strength: 1 };
  }
  return { strength: 0 };
}
