/** @module Headlines ("Kazakh Counterpart Discuss Afghanistan", "JAPAN GET LUCKY WIN"): capitals say nothing there, so only known names count. */
import type { EntityType } from "../../format/schema";
import { LONGEST_NAME } from "./gazetteer";
import { nameKey } from "./normalize";
import type { Token } from "./tokens";
import { isAllCaps, isCapitalized, isCommonWord, isNameWord } from "./words";

/** A known name found in a headline. */
export interface HeadlineName {
  from: number;
  to: number;
  type: EntityType;
}

/**
 * The sentences written in title case or capitals: at least three words, 85% of them capitalised, and
 * capitalised common words among them.
 * @example
 * headlineSentences(tokenize("US Secretary of State, Kazakh Counterpart Discuss Afghanistan")); // Set { 0 }
 */
export function headlineSentences(tokens: readonly Token[]): Set<number> {
  const words = new Map<number, [capitalized: number, all: number, common: number, commas: number, caps: number]>();
  for (const token of tokens) {
    const counts = words.get(token.sentence) ?? [0, 0, 0, 0, 0];
    words.set(token.sentence, counts);
    if (token.text === "," || token.gap.includes(",")) counts[3]++;
    if (!/\p{L}/u.test(token.text)) continue;
    counts[1]++;
    if (isAllCaps(token.text)) counts[4]++;
    if (isCapitalized(token.text)) {
      counts[0]++;
      if (!isNameWord(token) || isCommonWord(token.text) || token.tags.has("Verb")) counts[2]++;
    }
  }
  const headlines = new Set<number>();
  for (const [sentence, [capitalized, all, common, commas, caps]] of words) {
    // A list of names ("Somerset 83, P. Simmons 4-38") is capitalised too, but has no capitalised common word;
    // "Prime Minister Boris Johnson spoke." has two, but ends in lowercase.
    // A list of names with a "Brown" or "Given" in it has a few capitalised common words, a headline many.
    const enough = common >= (capitalized === all ? 1 : 2) && common >= 0.2 * capitalized;
    // "Christian Cullen, Jeff Wilson, Walter Little": short pieces between commas make a list, not a headline.
    const list = commas >= 2 && all <= 3 * (commas + 1);
    // "2. Gete Wami ( Ethiopia ) 15:05.21": three capitalised words with a verb-like one are a results line,
    // not a headline; a title-case headline has four words or more, one in capitals three.
    const long = all >= (caps === all ? 3 : 4);
    if (long && capitalized >= 0.85 * all && enough && !list) headlines.add(sentence);
  }
  return headlines;
}

const joins = (gap: string): boolean => gap === "-" || /^[ \t]+$/u.test(gap);

/**
 * The longest known names in the headline sentences, left to right.
 * @example
 * findKnownNames(tokens, text, new Set([0]), (key) => (key === "afghanistan" ? "place" : undefined));
 */
export function findKnownNames(
  tokens: readonly Token[],
  text: string,
  sentences: ReadonlySet<number>,
  known: (key: string) => EntityType | undefined,
): HeadlineName[] {
  const found: HeadlineName[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i] as Token;
    if (!sentences.has(first.sentence) || !isNameWord(first)) {
      i++;
      continue;
    }
    let to = i + 1;
    while (to < tokens.length && to - i < LONGEST_NAME + 1) {
      const next = tokens[to] as Token;
      if (next.sentence !== first.sentence || !joins(next.gap)) break;
      to++;
    }
    let matched = false;
    for (let end = to; end > i; end--) {
      const last = tokens[end - 1] as Token;
      if (!isCapitalized(last.text)) continue;
      const type = known(nameKey(text.slice(first.start, last.end)));
      if (type) {
        found.push({ from: i, to: end, type });
        i = end;
        matched = true;
        break;
      }
    }
    if (!matched) i++;
  }
  return found;
}
