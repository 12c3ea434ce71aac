/** @module Titles, jobs and party labels at the merger: cut off the front of a person's name ("Tory MP Jonathan Sayeed"), and roles worth keeping. */
import { NOT_ROLES, TITLE_COMPLEMENTS, TITLE_HEADS, TITLE_MODIFIERS } from "./cues";

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/u));

/** Party labels and adjectives that stand before a politician's name ("Tory MP", "Republican Senator"): general vocabulary. */
export const PARTY_LABELS = words(`
  tory tories labour conservative conservatives liberal liberals lib dem dems libdem democrat democrats democratic
  republican republicans socialist socialists communist communists unionist unionists nationalist nationalists
  gop snp ukip plaid gaullist likud euro shadow backbench rebel veteran ex ex- social
`);

/** Jobs and titles the extractor's lists lack that stand before names: members of parliament, academics, clergy, sport, trades. */
export const ROLE_NOUNS = words(`
  mp mps mep meps msp msps mla td am prof prof. professor rev rev. reverend father fr fr. pastor
  sprinter athlete runner striker midfielder defender goalkeeper keeper skipper player champion boxer golfer
  swimmer cyclist jockey trainer actor actress singer comedian author writer novelist poet artist designer
  chef businessman businesswoman tycoon magnate billionaire entrepreneur banker lawyer barrister solicitor
  detective inspector constable superintendent councillor councilor alderman backbencher presenter broadcaster
  host star head trader dealer broker forward winger fullback full-back flanker fly-half scrum-half playmaker wicketkeeper
  batsman bowler pitcher quarterback sheriff councilman councilwoman councilmember selectman selectwoman
  assemblyman assemblywoman supervisor comptroller trooper firefighter principal collector
`);

/** What a minister or secretary is in charge of: left alone before a name ("Energy Subroto"), the rest of a title. */
const PORTFOLIOS = new Set([
  ...[...TITLE_COMPLEMENTS].filter((word) => word !== "state" && word !== "staff"),
  ...words(`
    finance foreign trade economy economic home transport environment information industry oil planning budget mines
    mining petroleum fisheries forestry tourism culture sport sports telecommunications communications development
    housing immigration works affairs aviation science technology ict minerals resources
  `),
]);

/**
 * Whether a word names a minister's portfolio ("Finance", "Economic Affairs", "Trade and Industry").
 * @example
 * isPortfolioWord("Energy"); // true
 */
export const isPortfolioWord = (word: string): boolean => PORTFOLIOS.has(word.toLowerCase());

/** Roles that say nothing on their own: "chief", "official", "officials". */
const VAGUE_ROLES = words("chief official officials officer officers executive executives head spokesmen member members source sources");

/** Words a role may not end with: "president of", "officials of". */
const DANGLING = words("of for and the at in to on with from by as");

/** What follows a name rather than a title: "King Jr" is Martin Luther King Jr, not a king called "Jr". */
const SUFFIXES = words("jr jr. sr sr. ii iii iv");

const bare = (word: string): string => word.toLowerCase().replace(/\.$/u, "");
const inSet = (set: ReadonlySet<string>, word: string): boolean => set.has(word.toLowerCase()) || set.has(bare(word));
const isHead = (word: string): boolean => inSet(TITLE_HEADS, word) || inSet(ROLE_NOUNS, word);

/**
 * Whether a word is a title's or a job's head ("Chairman", "Ambassador", "striker"), or a hyphenated word ending in
 * one ("Co-chair", "Vice-President").
 * @example
 * isTitleHead("Co-chair"); // true
 * isTitleHead("Donghai"); // false
 */
export const isTitleHead = (word: string): boolean => isHead(word) || (word.includes("-") && isHead(word.slice(word.lastIndexOf("-") + 1)));
/** A word of a title: a head, a modifier, an honorific or a party label; hyphenated ones when every part is ("Euro-MP"). */
const isTitleWord = (word: string): boolean =>
  [TITLE_HEADS, TITLE_MODIFIERS, NOT_ROLES, PARTY_LABELS, ROLE_NOUNS, PORTFOLIOS].some((set) => inSet(set, word)) ||
  (word.includes("-") && word.split("-").every((part) => part !== "" && isTitleWord(part)));

/** After "of" in a title: how many words complete it ("State", "the Exchequer") with a name still after them, or 0. */
function ofTitle(after: readonly string[]): number {
  const the = after[0] !== undefined && bare(after[0]) === "the" ? 1 : 0;
  const word = after[the];
  const fits = word !== undefined && (inSet(TITLE_COMPLEMENTS, word) || isHead(word));
  return fits && the + 1 < after.length ? the + 1 : 0;
}

/** A person's name with the title before it cut off. `offset` is where `name` starts in the text given. */
export interface TitledName {
  name: string;
  offset: number;
  /** The title as written, without "Mr." and the like; absent when there was none. */
  role?: string;
}

/**
 * Cuts the titles, jobs and party labels off the front of a person's name. A run of title words is cut (with "of"
 * before a complement, as in "Secretary of State", "Chancellor of the Exchequer"), and so is a word right before a title head ("Culture Secretary",
 * "Chelsea striker"), but modifiers alone only when they name a portfolio ("Energy Subroto", not "Central Soya");
 * at least one capitalised word stays, and nothing is cut when what would stay is "Jr" or titles alone.
 * Honorifics are cut but are no role.
 * @example
 * cutTitle("Tory MP Jonathan Sayeed"); // { name: "Jonathan Sayeed", offset: 8, role: "Tory MP" }
 * cutTitle("Mr. Blair"); // { name: "Blair", offset: 4 }
 * cutTitle("John Major"); // { name: "John Major", offset: 0 }
 */
export function cutTitle(text: string): TitledName {
  const spans = [...text.matchAll(/\S+/gu)].map((m) => ({ word: m[0], start: m.index as number }));
  const after = (from: number) => spans.slice(from).map(({ word }) => word);
  let cut = 0;
  for (let i = 0; i < spans.length - 1; ) {
    const word = (spans[i] as { word: string }).word;
    const next = spans[i + 1]?.word ?? "";
    if (isTitleWord(word)) i++;
    else if (i > 0 && bare(word) === "of" && ofTitle(after(i + 1)) > 0) i += 1 + ofTitle(after(i + 1));
    else if (/^\p{Lu}/u.test(word) && isHead(next) && i + 2 < spans.length) i++;
    else break;
    // A run counts only up to its last title word: "Chelsea" alone before the name is no title.
    if (isTitleWord((spans[i - 1] as { word: string }).word)) cut = i;
  }
  while (cut > 0 && (cut >= spans.length || !/^\p{Lu}/u.test((spans[cut] as { word: string }).word))) cut--;
  const rest = spans[cut];
  const bareTitle = spans.slice(cut).every(({ word }) => isTitleWord(word));
  // Modifiers alone are a title only when they name a portfolio: "Central Soya", "Bank Julius Baer" are no people's titles.
  const run = spans.slice(0, cut).map(({ word }) => word);
  const titled = run.some((word) => isHead(word) || [NOT_ROLES, PARTY_LABELS].some((set) => inSet(set, word)));
  const portfolio = run.every((word) => inSet(PORTFOLIOS, word) || bare(word) === "of" || bare(word) === "the");
  if (cut === 0 || !rest || bareTitle || !(titled || portfolio) || SUFFIXES.has(bare(rest.word))) return { name: text, offset: 0 };
  const kept = spans.slice(0, cut).filter(({ word }) => !inSet(NOT_ROLES, word));
  const first = kept[0];
  const last = kept[kept.length - 1];
  const role = first && last ? text.slice(first.start, last.start + last.word.length).replace(/\s+/gu, " ") : undefined;
  return { name: text.slice(rest.start), offset: rest.start, ...(role ? { role } : {}) };
}

/**
 * Whether a role is worth keeping on a record: not a bare "chief" or "official", not a role cut off before its
 * object ("president of"), not modifiers alone ("senior", "Finance").
 * @example
 * isUsefulRole("press secretary"); // true
 * isUsefulRole("chief"); // false
 * isUsefulRole("vice president of"); // false
 */
export function isUsefulRole(role: string): boolean {
  const list = role.trim().split(/\s+/u).filter(Boolean);
  const last = list[list.length - 1];
  if (!last || DANGLING.has(bare(last))) return false;
  if (list.length === 1 && inSet(VAGUE_ROLES, last)) return false;
  if (list.every((word) => inSet(NOT_ROLES, word))) return false;
  return !list.every((word) => inSet(TITLE_MODIFIERS, word) && !isHead(word));
}

/**
 * A role as it is kept: single spaces (roles come from hard-wrapped text, "Finance\nMinister").
 * @example
 * cleanRole(" Finance\nMinister "); // "Finance Minister"
 */
export function cleanRole(role: string): string {
  return role.replace(/\s+/gu, " ").trim();
}
