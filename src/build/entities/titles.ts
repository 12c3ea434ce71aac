/** @module Titles around names: "Pentagon press secretary John Kirby", "Secretary of State Antony Blinken". */
import { NOT_ROLES, ORG_HEADS, PLACE_HEADS, TITLE_COMPLEMENTS, TITLE_HEADS, TITLE_MODIFIERS } from "./cues";
import { lookupGazetteer } from "./gazetteer";
import { nameKey } from "./normalize";
import type { Token } from "./tokens";
import { isCapitalized, isDemonym, isFirstName, lower } from "./words";

/** Part of a candidate name once titles are cut out. */
export interface Piece {
  from: number;
  to: number;
  role?: string;
  /** A title showed it is a person: "Antonio Guterres" after "Secretary-General". */
  person?: boolean;
  /** It stood before a title: "Pentagon" in "Pentagon Spokesperson John Kirby", most often an organisation. */
  affiliation?: boolean;
  /** Nothing but a title ("President"), or a surname that looks like one ("King said"). */
  titleOnly?: boolean;
}

const bare = (token: Token): string => lower(token.text).replace(/\.$/u, "");
const isHead = (token: Token): boolean => TITLE_HEADS.has(bare(token)) || TITLE_HEADS.has(lower(token.text));
const isTitleWord = (token: Token): boolean => isHead(token) || TITLE_MODIFIERS.has(bare(token));

/** The role a run of title words spells, or undefined when it is only "Mr." or "Dr.". */
function roleText(tokens: readonly Token[], text: string, from: number, to: number): string | undefined {
  const words = tokens.slice(from, to);
  if (words.every((token) => NOT_ROLES.has(lower(token.text)))) return undefined;
  const first = words[0];
  const last = words[words.length - 1];
  return first && last ? text.slice(first.start, last.end) : undefined;
}

/** The end of a title run starting at `from` (exclusive), and whether it holds a title head. */
function titleRun(tokens: readonly Token[], from: number, to: number): { end: number; head: boolean } {
  let end = from;
  let head = false;
  while (end < to) {
    const token = tokens[end] as Token;
    const next = tokens[end + 1];
    if (isTitleWord(token)) {
      head ||= isHead(token);
      end++;
    } else if (head && lower(token.text) === "of" && next && end + 1 < to && TITLE_COMPLEMENTS.has(bare(next))) {
      end += 2;
    } else break;
  }
  return { end, head };
}

function looksLikeName(tokens: readonly Token[], from: number, to: number, text: string): boolean {
  const words = tokens.slice(from, to);
  const last = words[words.length - 1];
  if (!last || words.length > 4) return false;
  if (ORG_HEADS.has(bare(last)) || PLACE_HEADS.has(bare(last))) return false;
  if (words.some(isTitleWord) || words.every(isDemonym)) return false;
  const first = words[0] as Token;
  return lookupGazetteer(nameKey(text.slice(first.start, last.end))) === undefined;
}

/**
 * Cuts a capitalised title out of a candidate name: what comes before it is an affiliation, what comes
 * after it a person holding that role. A span without a title comes back whole.
 * @example
 * // "United Nations Secretary-General Antonio Guterres" → United Nations | Antonio Guterres (role "Secretary-General")
 * splitAtTitle(tokens, text, 0, 6);
 * // [{ from: 0, to: 2, affiliation: true }, { from: 4, to: 6, role: "Secretary-General", person: true }]
 */
export function splitAtTitle(tokens: readonly Token[], text: string, from: number, to: number): Piece[] {
  const whole = tokens.slice(from, to);
  const first = whole[0];
  const last = whole[whole.length - 1];
  if (!first || !last || lookupGazetteer(nameKey(text.slice(first.start, last.end)))) return [{ from, to }];
  let split: Piece[] | undefined;
  for (let k = from; k < to; k++) {
    const run = titleRun(tokens, k, to);
    if (!run.head) continue;
    const role = roleText(tokens, text, k, run.end);
    const before: Piece[] = k > from ? [{ from, to: k, affiliation: true }] : [];
    if (run.end === to) {
      // "Martin Luther King": a title word ending a name that starts with a first name is a surname.
      if (k === from) split = [{ from, to, titleOnly: true }];
      else if (!isFirstName(tokens[from] as Token)) split = before;
    } else if (looksLikeName(tokens, run.end, to, text)) {
      split = [...before, { from: run.end, to, role, person: true }];
    }
    k = run.end - 1;
  }
  return split ?? [{ from, to }];
}

/**
 * The lowercase title written right before a name: "press secretary" in "Pentagon press secretary John Kirby".
 * @example
 * roleBefore(tokens, text, 3); // "press secretary"
 */
export function roleBefore(tokens: readonly Token[], text: string, at: number): string | undefined {
  const name = tokens[at];
  if (!name) return undefined;
  let from = at;
  while (from > 0) {
    const token = tokens[from - 1] as Token;
    const after = tokens[from] as Token;
    if (token.sentence !== name.sentence || !/^[ \t]+$/u.test(after.gap) || isCapitalized(token.text)) break;
    const word = bare(token);
    if (!(isTitleWord(token) || word === "of" || TITLE_COMPLEMENTS.has(word))) break;
    from--;
  }
  while (from < at && !isTitleWord(tokens[from] as Token)) from++;
  const run = tokens.slice(from, at);
  if (!run.some(isHead)) return undefined;
  return roleText(tokens, text, from, at);
}
