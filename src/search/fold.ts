/** @module Near-duplicates folded: one hit per story, the best-ranked of its group, the others counted on it. */
import type { BundleReader } from "../format/reader";
import type { DocMeta } from "../format/schema";
import type { Candidate } from "./rank";

/** Matches a folded search looks through at most, however many a group hides: bounds a page's work. */
export const MAX_FOLD_CANDIDATES = 2000;

/**
 * The page of `candidates` (in order) with near-duplicates folded: a document whose group (`DocMeta.duplicates`)
 * already has a hit ranked above it is left out, so each group shows once, as its best-ranked member. Reads the
 * metadata of the candidates it looks at: the facets' `sample` and the first `wanted` in one read (what an unfolded
 * search reads at offset 0), then as many more as folding took out, in further reads only when needed. When the
 * candidates run out before the page is full, `more(n)` gives a longer list (or undefined: there are no more).
 * @example
 * const { page, metas } = await foldDuplicates(reader, candidates, candidates.slice(0, 20), 0, 10, async () => undefined);
 */
export async function foldDuplicates(
  reader: BundleReader,
  candidates: Candidate[],
  sample: Candidate[],
  offset: number,
  wanted: number,
  more: (had: number) => Promise<Candidate[] | undefined>,
  withDates = false,
): Promise<{ page: Candidate[]; metas: Map<number, DocMeta> }> {
  const metas = new Map<number, DocMeta>();
  const kept: Candidate[] = [];
  const groups = new Set<number>();
  let list = candidates;
  let at = 0;
  let next: Candidate[] = [...sample, ...list.slice(0, wanted)];
  for (;;) {
    const missing = [...new Set(next.map((c) => c.doc))].filter((n) => !metas.has(n));
    // The first read brings the date runs too, when asked (`BundleReader.metas`).
    if (missing.length > 0) for (const [n, meta] of await reader.metas(missing, withDates && metas.size === 0)) metas.set(n, meta);
    while (at < list.length && kept.length < wanted) {
      const candidate = list[at] as Candidate;
      const meta = metas.get(candidate.doc);
      if (!meta) break;
      at++;
      const group = meta.duplicates?.group;
      if (group === undefined) kept.push(candidate);
      else if (!groups.has(group)) {
        groups.add(group);
        kept.push(candidate);
      }
    }
    if (kept.length >= wanted) break;
    if (at >= list.length) {
      const longer = await more(list.length);
      if (!longer || longer.length <= list.length) break;
      list = longer;
    }
    // Twice what is missing: the next ones fold too, sometimes.
    next = list.slice(at, at + 2 * (wanted - kept.length));
  }
  return { page: kept.slice(offset, wanted), metas };
}
