/** @module Names glued into adjectives ("New York-based", "Pro-Moscow", "Ex-Yankee"): they name nothing there. */
import type { Token } from "./tokens";
import { isCommonWord, lower } from "./words";

/** Prefixes that make an adjective or a former role of the name they are glued to. */
const PREFIXES = new Set(["pro", "anti", "non", "ex", "post", "pre", "mid", "neo", "pan", "trans", "cross", "inter"]);

/** "Former England captain", "Veteran Wang Donghai": adjectives that open a sentence, not a name. */
const OPENERS = new Set(["former", "ex", "then", "late", "acting", "interim", "outgoing", "incoming", "retired", "veteran"]);

/**
 * The first word of a name once a glued prefix is cut off ("Ex-Yankee Randy Velarde" → 2), `to` when the
 * whole name is an adjective ("Pro-Moscow", "New York-based").
 * @example
 * gluedStart(tokenize("Pro-Moscow leaders"), 0, 2); // 2: nothing left
 * gluedStart(tokenize("Ex-Yankee Randy Velarde hit"), 0, 4); // 2
 * gluedStart(tokenize("Former England captain"), 0, 2); // 1
 */
export function gluedStart(tokens: readonly Token[], from: number, to: number): number {
  const after = tokens[to];
  // "New York-based", "Dublin-born": a common lowercase word glued after the name.
  if (after?.gap === "-" && /^\p{Ll}{3,}/u.test(after.text) && isCommonWord(after.text)) return to;
  let start = from;
  const first = tokens[start];
  const second = tokens[start + 1];
  const before = tokens[start - 1];
  // "Pro-Moscow", but not "Pre-Paid Legal": the prefix must be glued to a name.
  if (before && first?.gap === "-" && PREFIXES.has(lower(before.text)) && !isCommonWord(first.text)) start++;
  else if (first && second?.gap === "-" && PREFIXES.has(lower(first.text)) && !isCommonWord(second.text)) start += 2;
  else if (first && second && start + 1 < to && OPENERS.has(lower(first.text))) start++;
  return Math.min(start, to);
}
