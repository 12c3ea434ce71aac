/** @module How many documents match when long lists were read in part: the count a page of hits shows as "about". */
import type { TermPostings } from "./postings";
import type { TermGroup } from "./rank";

/**
 * Clauses taken as independent, each matching its terms' documents, scaled to the dates and to the documents the
 * filters allow (`allowed`, a count), less those of the excluded words (`excluded`, their lists' counts), over the
 * documents not withdrawn; never less than the documents seen.
 * @example
 * estimateTotal(groups, postings, 19043, 40); // e.g. 1210
 */
export function estimateTotal(
  groups: TermGroup[],
  postings: Map<string, TermPostings>,
  documents: number,
  seen: number,
  range?: [number, number],
  allowed?: number,
  withdrawn = 0,
  excluded = 0,
): number {
  if (documents === 0) return seen;
  let none = 1;
  for (const g of groups) {
    let count = 0;
    for (const term of g.variants.keys()) count += postings.get(term)?.count[g.field] ?? 0;
    none *= 1 - Math.min(1, count / documents);
  }
  let share = groups.length > 0 ? 1 - none : 1;
  if (range) share *= Math.max(0, Math.min(documents, range[1]) - range[0]) / documents;
  if (allowed !== undefined) share *= allowed / documents;
  // Documents of an excluded word's, taken as independent of the clauses too.
  share *= 1 - Math.min(1, excluded / documents);
  // The lists' counts still count the withdrawn documents their unread chunks hold: as many as their share gives.
  return Math.max(seen, Math.round(Math.max(0, documents - withdrawn) * share));
}
