/**
 * @module Related articles, found at build: each document's few most distinctive terms and entities, compared with the
 * documents that share them (cosine of BM25 × idf weights). Build only; `/documents/:id/similar` reads the result.
 */
import type { Slots } from "../format/bundle";
import { RESOLUTION } from "../format/flex-config";
import { type Bm25Params, idf, slotWeight } from "../format/scoring";

/** Related documents kept per document. */
export const MAX_SIMILAR = 5;
/** A document's terms (and entities) it is compared by: its heaviest ones. */
export const SIMILAR_TERMS = 20;
/** Least cosine for a document to count as related: below it they share a word or two by chance. */
export const MIN_SIMILARITY = 0.1;
/** Terms of a document's `SIMILAR_TERMS` another must share to be related: one rare name in common is a coincidence ("Horizon Industries", "Horizon Bank"). */
export const MIN_SHARED = 2;

/** The postings of one field: `[term, slots]` as exported from the index, and the BM25 parameters of its slots. */
export interface FieldPostings {
  entries: [string, Slots][];
  params: Bm25Params;
  /** Whether a term is worth comparing on (not a number, not a language tag). */
  keep: (term: string) => boolean;
}

/**
 * The documents most like each one, best first, as `[document number, cosine]`: of the terms held by 2 to `maxDf`
 * documents (rarer ones link nothing, commoner ones say little and cost much), each document is compared by its
 * `SIMILAR_TERMS` heaviest with every document holding `MIN_SHARED` of them or more. Documents of the same near-duplicate group
 * (`group[i]`, -1 for none) are never each other's related articles, and a group shows once in a list. Work is at most `SIMILAR_TERMS × maxDf` a
 * document, memory two numbers a posting kept.
 * @example
 * similarDocuments([{ entries: maps.text, params: bm25.text, keep }], 19043, groups)[7]; // [[812, 0.41], [90, 0.22]]
 */
export function similarDocuments(fields: FieldPostings[], documents: number, group: Int32Array): [number, number][][] {
  const maxDf = Math.max(20, Math.min(200, Math.ceil(documents / 50)));
  // Postings kept, term by term (CSR): document and weight.
  const kept: { slots: Slots; weight: number; params: Bm25Params }[] = [];
  for (const { entries, params, keep } of fields) {
    for (const [term, slots] of entries) {
      let df = 0;
      for (const ids of slots) df += ids?.length ?? 0;
      if (df < 2 || df > maxDf || !keep(term)) continue;
      kept.push({ slots, weight: idf(documents, df), params });
    }
  }
  const perDoc = new Int32Array(documents + 1);
  let total = 0;
  for (const { slots } of kept) {
    for (const ids of slots) for (const d of ids ?? []) perDoc[d + 1] = (perDoc[d + 1] as number) + 1;
    total += slots.reduce((n, ids) => n + (ids?.length ?? 0), 0);
  }
  for (let d = 0; d < documents; d++) perDoc[d + 1] = (perDoc[d + 1] as number) + (perDoc[d] as number);
  const termStart = new Int32Array(kept.length + 1);
  const termDocs = new Int32Array(total);
  const termWeights = new Float32Array(total);
  const docTerms = new Int32Array(total);
  const docWeights = new Float32Array(total);
  const fill = perDoc.slice(0, documents);
  let at = 0;
  kept.forEach(({ slots, weight, params }, t) => {
    termStart[t] = at;
    for (let slot = 0; slot < Math.min(RESOLUTION, slots.length); slot++) {
      const w = slotWeight(slot, params) * weight;
      for (const d of slots[slot] ?? []) {
        termDocs[at] = d;
        termWeights[at++] = w;
        const i = fill[d] as number;
        fill[d] = i + 1;
        docTerms[i] = t;
        docWeights[i] = w;
      }
    }
  });
  termStart[kept.length] = at;
  // Each document's norm over all its kept terms: the cosine's denominator.
  const norm = new Float64Array(documents);
  for (let d = 0; d < documents; d++) {
    let sum = 0;
    for (let i = perDoc[d] as number; i < (perDoc[d + 1] as number); i++) sum += (docWeights[i] as number) ** 2;
    norm[d] = Math.sqrt(sum);
  }

  const scores = new Float64Array(documents);
  const shared = new Uint8Array(documents);
  const touched: number[] = [];
  const mine: number[] = [];
  return Array.from({ length: documents }, (_, d) => {
    const from = perDoc[d] as number;
    const to = perDoc[d + 1] as number;
    if (to === from) return [];
    // Its heaviest terms, by weight, then by term number (a fixed order).
    // The heaviest SIMILAR_TERMS by insertion into a short list (no sort of all of them): heavier first, then the lower term.
    mine.length = 0;
    for (let i = from; i < to; i++) {
      const w = docWeights[i] as number;
      const t = docTerms[i] as number;
      let at = mine.length;
      while (at > 0) {
        const j = mine[at - 1] as number;
        const wj = docWeights[j] as number;
        if (wj > w || (wj === w && (docTerms[j] as number) < t)) break;
        at--;
      }
      if (at >= SIMILAR_TERMS) continue;
      mine.splice(at, 0, i);
      if (mine.length > SIMILAR_TERMS) mine.length = SIMILAR_TERMS;
    }
    for (const i of mine) {
      const t = docTerms[i] as number;
      const w = docWeights[i] as number;
      for (let p = termStart[t] as number; p < (termStart[t + 1] as number); p++) {
        const c = termDocs[p] as number;
        if (shared[c] === 0) touched.push(c);
        shared[c] = (shared[c] as number) + 1;
        scores[c] = (scores[c] as number) + w * (termWeights[p] as number);
      }
    }
    const own = group[d] as number;
    const found: [number, number][] = [];
    for (const c of touched) {
      const cosine = (scores[c] as number) / ((norm[d] as number) * (norm[c] as number));
      const common = shared[c] as number;
      scores[c] = 0;
      shared[c] = 0;
      if (c === d || common < MIN_SHARED || (own >= 0 && group[c] === own) || !(cosine >= MIN_SIMILARITY)) continue;
      found.push([c, Math.round(Math.min(1, cosine) * 1e4) / 1e4]);
    }
    touched.length = 0;
    found.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    // One document of each near-duplicate group: the same story twice is no second related article.
    const groups = new Set<number>();
    return found
      .filter(([c]) => {
        const g = group[c] as number;
        if (g < 0) return true;
        if (groups.has(g)) return false;
        groups.add(g);
        return true;
      })
      .slice(0, MAX_SIMILAR);
  });
}
