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
  // Each pair of the document is bumped once, by its document weight plus its sentence weight times the sentences it shares.
  const local = new Map<number, number>();
  const unique: number[] = [];
  for (const ids of sentences) {
    for (const id of ids) {
      if (local.has(id)) continue;
      local.set(id, unique.length);
      unique.push(id);
    }
  }
  const k = unique.length;
  if (k < 2) return;
  const shared = new Uint32Array(k * k);
  const seen = new Uint8Array(k);
  const inSentence: number[] = [];
  for (const ids of sentences) {
    if (ids.length < 2) continue;
    for (const id of ids) {
      const at = local.get(id) as number;
      if (seen[at]) continue;
      seen[at] = 1;
      inSentence.push(at);
    }
    for (const a of inSentence) {
      seen[a] = 0;
      for (const b of inSentence) shared[a * k + b] = (shared[a * k + b] as number) + 1;
    }
    inSentence.length = 0;
  }
  for (let a = 0; a < k; a++) {
    const id = unique[a] as number;
    let row = weights.get(id);
    if (!row) {
      row = new Map<number, number>();
      weights.set(id, row);
    }
    for (let b = 0; b < k; b++) {
      if (b === a) continue;
      const other = unique[b] as number;
      row.set(other, (row.get(other) ?? 0) + DOCUMENT_WEIGHT + SENTENCE_WEIGHT * (shared[a * k + b] as number));
    }
  }
}
