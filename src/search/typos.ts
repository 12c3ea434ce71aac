/** @module Typo tolerance: neighbours of an unknown word in the dictionary, at edit distance 1 (2 for long words). */
import { PREFIX_GROUP } from "../format/bundle";

/** Words this long get corrections at distance 2; shorter ones at distance 1. */
const LONG_WORD = 8;
/** Words shorter than this are never corrected: too many neighbours. */
export const MIN_CORRECTABLE = 4;

/**
 * The prefix groups that can hold a correction: the word's own, and those of the words one deletion or
 * swap away within the group's first letters (so a typo there is found too). Small and bounded: at most 6.
 * @example
 * correctionGroups("kbaul"); // ["kba", "bau", "kau", "kbu", "bka", "kab"]
 */
export function correctionGroups(word: string): string[] {
  const out = new Set([word.slice(0, PREFIX_GROUP), ...deletionGroups(word)]);
  for (let i = 0; i < PREFIX_GROUP - 1 && i + 1 < word.length; i++) {
    out.add((word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)).slice(0, PREFIX_GROUP));
  }
  return [...out].filter((g) => g.length === PREFIX_GROUP);
}

/**
 * The prefix groups of a word's first `PREFIX_GROUP` letters with one of them left out, other than its own: where a
 * typo of it is looked for (its own), and where the build files it in near lists (`PrefixGroup.near`).
 * @example
 * deletionGroups("kenya"); // ["eny", "kny", "key"]
 */
export function deletionGroups(word: string): string[] {
  const own = word.slice(0, PREFIX_GROUP);
  const out = new Set<string>();
  for (let i = 0; i < PREFIX_GROUP; i++) {
    const key = (word.slice(0, i) + word.slice(i + 1)).slice(0, PREFIX_GROUP);
    if (key.length === PREFIX_GROUP && key !== own) out.add(key);
  }
  return [...out];
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps), giving up above `max`.
 * @example
 * editDistance("talliban", "taliban", 2); // 1
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * The best corrections of `word` among dictionary words `[word, documentFrequency]`: nearest first, then most frequent.
 * @example
 * corrections("kabull", [["kabul", 40], ["kabuki", 2]]); // [["kabul", 40]]
 */
export function corrections(word: string, dictionary: [string, number][], limit = 3): [string, number][] {
  const max = word.length >= LONG_WORD ? 2 : 1;
  const found = new Map<string, [number, number]>();
  for (const [candidate, df] of dictionary) {
    if (candidate === word || found.has(candidate)) continue;
    const d = editDistance(word, candidate, max);
    if (d <= max) found.set(candidate, [d, df]);
  }
  return [...found]
    .sort((a, b) => a[1][0] - b[1][0] || b[1][1] - a[1][1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([w, [, df]]) => [w, df]);
}
