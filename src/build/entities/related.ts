/** @module Co-occurrence: entities named in the same sentence (weight 2) or the same document (weight 1). */

/** Weight added for each document two entities share, and for each sentence they share. */
export const DOCUMENT_WEIGHT = 1;
export const SENTENCE_WEIGHT = 2;

/**
 * Adds one document's co-occurrences to `weights` (entity index → other entity index → summed weight).
 * `sentences` lists, for each sentence of the document, the entities named in it.
 * @example
 * const weights = new Map();
 * addCooccurrences(weights, [[0, 1], [1, 2]]);
 * weights.get(0)?.get(1); // 3: same document (1) + same sentence (2)
 * weights.get(0)?.get(2); // 1: same document only
 */
export function addCooccurrences(weights: Map<number, Map<number, number>>, sentences: readonly (readonly number[])[]): void {
  const bump = (a: number, b: number, by: number) => {
    const row = weights.get(a) ?? new Map<number, number>();
    row.set(b, (row.get(b) ?? 0) + by);
    weights.set(a, row);
  };
  const pairs = (ids: readonly number[], by: number) => {
    const unique = [...new Set(ids)];
    for (const a of unique) for (const b of unique) if (a !== b) bump(a, b, by);
  };
  pairs(sentences.flat(), DOCUMENT_WEIGHT);
  for (const ids of sentences) pairs(ids, SENTENCE_WEIGHT);
}
