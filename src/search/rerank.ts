/** @module Reorders the first page by what postings cannot see: terms near each other, the exact phrase, and the words as typed. */
import type { DocMeta } from "../format/schema";
import type { DocWords } from "./doc-words";
import type { Candidate } from "./rank";
import type { Match } from "./types";

/** Bonus for every query term within one tight window (all terms adjacent gives the whole of it). */
const PROXIMITY = 0.15;
/** Bonus when all the query's words occur side by side, in any order (the window spans exactly their number). */
const PHRASE = 0.15;
/** Bonus, per group, when the word itself (not only its stem) occurs. */
const EXACT_WORD = 0.03;

/**
 * The smallest window of words holding at least one position from every list.
 * @example
 * smallestWindow([[0, 9], [4], [5]]); // 6: words 0..5 (or 4..9) hold a position of every list
 * smallestWindow([[3], [4, 10], [5]]); // 3: words 3..5
 */
export function smallestWindow(positions: number[][]): number {
  const lists = positions.filter((p) => p.length > 0);
  if (lists.length < 2) return lists.length;
  const merged = lists.flatMap((p, g) => p.map((at) => [at, g] as const)).sort((a, b) => a[0] - b[0]);
  const count = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (const [at, g] of merged) {
    count.set(g, (count.get(g) ?? 0) + 1);
    while (count.size === lists.length) {
      const [start, lg] = merged[left] as readonly [number, number];
      best = Math.min(best, at - start + 1);
      const n = (count.get(lg) ?? 0) - 1;
      if (n === 0) count.delete(lg);
      else count.set(lg, n);
      left++;
    }
  }
  return best;
}

/**
 * Reorders a page of candidates (keeping tiers) with proximity, phrase and exact-word bonuses read from the
 * stored text, which the page needs for its snippets anyway.
 */
export function rerankPage(
  page: Candidate[],
  metas: Map<number, DocMeta>,
  match: Match,
  wordsOf: (doc: number, meta: DocMeta) => DocWords,
): Candidate[] {
  const groups = match.groups;
  const clauses = match.parsed.clauses.filter((c) => !c.negated);
  // Each group's own words: a word split in two (`correctTypos`) made two groups of one clause.
  const typed = groups.map((g, i) => g.typed ?? clauses[i]?.words);
  const rescored = page.map((c) => {
    const meta = metas.get(c.doc);
    if (!meta) return c;
    const { folded, stems } = wordsOf(c.doc, meta);
    const positions: number[][] = groups.map(() => []);
    const exact = new Set<number>();
    folded.forEach((word, at) => {
      const s = stems[at] as string;
      groups.forEach((g, i) => {
        if (g.variants.has(s)) {
          positions[i]?.push(at);
          if (typed[i]?.includes(word)) exact.add(i);
        }
      });
    });
    const present = positions.filter((p) => p.length > 0).length;
    const window = smallestWindow(positions);
    let factor = 1 + (EXACT_WORD * exact.size) / groups.length;
    if (present > 1) factor += (PROXIMITY * present * present) / (Math.max(window, present) * groups.length);
    if (present === groups.length && window === groups.length) factor += PHRASE;
    return { ...c, score: c.score * factor };
  });
  // Those holding the quoted phrases stay first, as `checkPhrases` put them.
  const phraseTier = (c: Candidate) => (c.phrase ? 1 : 0);
  return rescored.sort(
    (a, b) => (match.tiered ? b.matched - a.matched : 0) || phraseTier(b) - phraseTier(a) || b.score - a.score || a.doc - b.doc,
  );
}
