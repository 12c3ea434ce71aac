/**
 * @module BM25 as the bundle stores it: the build puts each posting in the slot of its term weight (`weightSlot`),
 * the search reads a slot back as a weight (`slotWeight`). The pair and the parameters that give a slot its meaning
 * live here, on the contract's side; the manifest records the parameters a bundle was built with.
 */
import { RESOLUTION } from "./flex-config";

export interface Bm25Params {
  k1: number;
  b: number;
}

/** BM25 parameters per field (Anserini's defaults, k1 = 0.9 and b = 0.4, for the whole text). */
export const bm25: Record<"title" | "text", Bm25Params> = {
  title: { k1: 0.9, b: 0.4 },
  text: { k1: 0.9, b: 0.4 },
};

/**
 * The slot of a term weight: BM25's saturated term frequency, `tf·(k1+1) / (tf + k1·(1−b+b·dl/avgdl))`,
 * cut into `RESOLUTION` slots, slot 0 for the highest weight.
 * @example
 * weightSlot(3, 100, 120, bm25.text); // a low slot: frequent in a short document
 */
export function weightSlot(tf: number, length: number, average: number, p: Bm25Params): number {
  const weight = (tf * (p.k1 + 1)) / (tf + p.k1 * (1 - p.b + (p.b * length) / Math.max(1, average)));
  return Math.min(RESOLUTION - 1, Math.max(0, Math.floor((1 - weight / (p.k1 + 1)) * RESOLUTION)));
}

/**
 * The weight a slot stands for: the middle of its range.
 * @example
 * slotWeight(0, bm25.text); // 1.86: the top slot of k1 + 1 = 1.9
 */
export function slotWeight(slot: number, p: Bm25Params): number {
  return (p.k1 + 1) * (1 - (slot + 0.5) / RESOLUTION);
}

/**
 * Inverse document frequency, BM25's (never negative).
 * @example
 * idf(1000, 1); // 6.5
 */
export const idf = (documents: number, df: number): number => Math.log(1 + (documents - df + 0.5) / (df + 0.5));
