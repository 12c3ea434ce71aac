/** @module Co-occurrence: entities named in the same sentence (weight 2) or the same document (weight 1). */

/** Weight added for each document two entities share, and for each sentence they share. */
export const DOCUMENT_WEIGHT = 1;
export const SENTENCE_WEIGHT = 2;

/**
 * An entity's row: every other entity it shares a document with (`others`), and the summed weight of what they
 * share (`weights`), the first `length` of each. The arrays are reused: read them before asking for the next row.
 */
export interface Row {
  others: Int32Array;
  weights: Float64Array;
  length: number;
}

/** One document's entities, each once, and the weight of each pair of them (`pairs[a * ids.length + b]`). */
interface DocumentPairs {
  ids: Int32Array;
  pairs: Uint32Array;
}

/** A document's pairs: its distinct entities, and for each pair its document weight plus its sentence weight times the sentences it shares. */
function pairsOf(sentences: readonly (readonly number[])[], local: Int32Array): DocumentPairs | undefined {
  const unique: number[] = [];
  for (const ids of sentences) {
    for (const id of ids) {
      if (local[id] !== -1) continue;
      local[id] = unique.length;
      unique.push(id);
    }
  }
  const k = unique.length;
  let found: DocumentPairs | undefined;
  if (k >= 2) {
    const pairs = new Uint32Array(k * k).fill(DOCUMENT_WEIGHT);
    const seen = new Uint8Array(k);
    const inSentence: number[] = [];
    for (const ids of sentences) {
      if (ids.length < 2) continue;
      for (const id of ids) {
        const at = local[id] as number;
        if (seen[at]) continue;
        seen[at] = 1;
        inSentence.push(at);
      }
      for (const a of inSentence) {
        seen[a] = 0;
        for (const b of inSentence) pairs[a * k + b] = (pairs[a * k + b] as number) + SENTENCE_WEIGHT;
      }
      inSentence.length = 0;
    }
    found = { ids: Int32Array.from(unique), pairs };
  }
  for (const id of unique) local[id] = -1;
  return found;
}

/**
 * The co-occurrences of a corpus: `documents[d]` lists, for each sentence of document d, the entities (numbered
 * from 0 to `entities - 1`) named in it. Each document counts once per pair of its entities however often they are
 * named; a row is summed when it is asked for, so no table of every pair of the corpus is ever built.
 * @example
 * const rowOf = cooccurrences(3, [[[0, 1], [1, 2]]]);
 * const { others, weights, length } = rowOf(0); // length 2: others 1, 2 with weights 3 (same document 1 + same sentence 2), 1 (same document only)
 */
export function cooccurrences(entities: number, documents: readonly (readonly (readonly number[])[])[]): (entity: number) => Row {
  const local = new Int32Array(entities).fill(-1);
  const tables: DocumentPairs[] = [];
  for (const sentences of documents) {
    const table = pairsOf(sentences, local);
    if (table) tables.push(table);
  }
  // For each entity, the tables it is in and where (`of` from `start[e]` to `start[e + 1]`, two numbers an entry).
  const start = new Int32Array(entities + 1);
  for (const { ids } of tables) for (const id of ids) start[id + 1] = (start[id + 1] as number) + 2;
  for (let e = 0; e < entities; e++) start[e + 1] = (start[e + 1] as number) + (start[e] as number);
  const of = new Int32Array(start[entities] as number);
  const next = start.slice(0, entities);
  tables.forEach(({ ids }, t) => {
    ids.forEach((id, at) => {
      const to = next[id] as number;
      of[to] = t;
      of[to + 1] = at;
      next[id] = to + 2;
    });
  });
  const sums = new Float64Array(entities);
  const row: Row = { others: new Int32Array(entities), weights: new Float64Array(entities), length: 0 };
  return (entity) => {
    const { others, weights } = row;
    let length = 0;
    if (entity >= 0 && entity < entities) {
      for (let i = start[entity] as number; i < (start[entity + 1] as number); i += 2) {
        const { ids, pairs } = tables[of[i] as number] as DocumentPairs;
        const k = ids.length;
        const from = (of[i + 1] as number) * k;
        for (let b = 0; b < k; b++) {
          const other = ids[b] as number;
          if (other === entity) continue;
          if (sums[other] === 0) others[length++] = other;
          sums[other] = (sums[other] as number) + (pairs[from + b] as number);
        }
      }
    }
    for (let i = 0; i < length; i++) {
      const other = others[i] as number;
      weights[i] = sums[other] as number;
      sums[other] = 0;
    }
    row.length = length;
    return row;
  };
}
