/** @module What the words around a name say of its type: "shares of X" a company, "the town of X" a place. */
import type { Token } from "./tokens";
import { isCapitalized, lower } from "./words";

const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/u));

/** "tyre giant Pirelli", "the daily Zycie Warszawy": nouns for businesses and media right before a name. */
const COMPANY_BEFORE = words(`
  company companies firm group giant maker manufacturer producer carrier airline bank insurer retailer distributor
  operator newspaper daily weekly magazine agency broadcaster network chain subsidiary rival consortium brokerage
  publisher conglomerate automaker carmaker
`);

/** "Liberte newspaper said", "the Eagles organisation": the same nouns right after a name. */
const COMPANY_AFTER = words(`
  newspaper daily weekly magazine agency group company corporation airline carrier franchise organisation organization
  shareholders subsidiary
`);

/** "shares of X", "stake in X", "acquisition of X": deals only businesses are the object of. */
const DEALS = words("shares stake stakes acquisition takeover merger holding holdings invest invested investment");

/** "Pirelli 's profits", "Magna 's shares": what only a business has. */
const OWNED = words(`
  profit profits revenue revenues earnings sales shares stock shareholders stake subsidiary subsidiaries unit units
  division output assets turnover dividend
`);

/** "Pirelli shares rose": a price that moves. */
const MOVES = words("rose fell gained lost closed ended opened jumped slipped eased firmed dropped climbed plunged were reacted");

/** "the town of X", "in the village of X". */
const PLACE_OF = words("town city village province region district capital port suburb island county state");
const PLACE_BEFORE = words("in near outside");
/** "a stake in X", "invest in X": after these, "in" does not name a place. */
const NOT_PLACE_IN = words("stake stakes interest invest invested investment shares percent holding role part");

function inSentence(tokens: readonly Token[], i: number, sentence: number): Token | undefined {
  const token = tokens[i];
  return token?.sentence === sentence ? token : undefined;
}

/** The word after a name, skipping a spaced possessive ("Pirelli 's"), and whether there was one. */
function after(tokens: readonly Token[], to: number, sentence: number): { next?: Token; possessive: boolean } {
  const last = tokens[to - 1];
  let next = inSentence(tokens, to, sentence);
  let possessive = last !== undefined && /['’]s?$/u.test(last.text);
  if (next && /^['’]s?$/u.test(next.text)) {
    possessive = true;
    next = inSentence(tokens, to + 1, sentence);
  }
  return next ? { next, possessive } : { possessive };
}

/**
 * Whether the words around a name say it is a business: "tyre giant Pirelli", "Magna 's profits",
 * "shares of Cofinec", "Pirelli shares rose".
 * @example
 * companyCue(tokenize("Italian tyre giant Pirelli said ."), 3, 4); // true
 */
export function companyCue(tokens: readonly Token[], from: number, to: number): boolean {
  const first = tokens[from];
  if (!first) return false;
  const s = first.sentence;
  const before = inSentence(tokens, from - 1, s);
  const earlier = inSentence(tokens, from - 2, s);
  if (before && !isCapitalized(before.text) && COMPANY_BEFORE.has(lower(before.text))) return true;
  if (before && earlier && ["of", "in", "for", "with"].includes(lower(before.text)) && DEALS.has(lower(earlier.text))) return true;
  const { next, possessive } = after(tokens, to, s);
  if (!next) return false;
  const word = lower(next.text);
  if (possessive) return OWNED.has(word);
  if (COMPANY_AFTER.has(word) && !isCapitalized(next.text)) return true;
  if (word === "common" || word === "preferred") return true;
  if (word !== "shares" && word !== "stock") return false;
  // "Pirelli shares rose", "68,000 Bell shares", "dealings in Bell stock"; not "Smith shares his view".
  const then = inSentence(tokens, to + 1, s);
  return (then !== undefined && MOVES.has(lower(then.text))) || (before !== undefined && /^(?:in|of|[\d,.]+)$/u.test(before.text));
}

/**
 * Whether the words before a name say it is a place: "in Longyear", "the town of Velten".
 * @example
 * placeCue(tokenize("They live in Longyear ."), 3); // true
 * placeCue(tokenize("A stake in Ruch ."), 3); // false
 */
export function placeCue(tokens: readonly Token[], from: number): boolean {
  const first = tokens[from];
  if (!first) return false;
  const before = inSentence(tokens, from - 1, first.sentence);
  const earlier = inSentence(tokens, from - 2, first.sentence);
  if (!before || isCapitalized(before.text)) return false;
  const word = lower(before.text);
  if (PLACE_BEFORE.has(word)) return !(earlier && NOT_PLACE_IN.has(lower(earlier.text)));
  return word === "of" && earlier !== undefined && PLACE_OF.has(lower(earlier.text));
}
