/** @module Mention precision, recall and F1 by exact span and type, as conlleval counts them. */

/** True positives, false positives and false negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scored {
  start: number;
  end: number;
  type: string;
}

/** Counts per type, plus `"all"`. */
export type Tally = Map<string, Counts>;

const keyOf = ({ start, end, type }: Scored) => `${start}:${end}:${type}`;

function bump(tally: Tally, type: string, field: keyof Counts): void {
  for (const at of [type, "all"]) {
    const counts = tally.get(at) ?? { tp: 0, fp: 0, fn: 0 };
    counts[field]++;
    tally.set(at, counts);
  }
}

/**
 * Adds one document's mentions to a tally: a predicted mention counts only when a gold one has exactly its
 * start, end and type. Returns the mistakes, for error analysis.
 * @example
 * const tally: Tally = new Map();
 * scoreMentions(tally, [{ start: 0, end: 5, type: "LOC" }], [{ start: 0, end: 5, type: "ORG" }]);
 * tally.get("all"); // { tp: 0, fp: 1, fn: 1 }
 */
export function scoreMentions<G extends Scored, P extends Scored>(
  tally: Tally,
  gold: readonly G[],
  predicted: readonly P[],
): { missed: G[]; wrong: P[] } {
  const goldKeys = new Set(gold.map(keyOf));
  const predictedKeys = new Set(predicted.map(keyOf));
  const wrong: P[] = [];
  const missed: G[] = [];
  for (const mention of predicted) {
    const hit = goldKeys.has(keyOf(mention));
    bump(tally, mention.type, hit ? "tp" : "fp");
    if (!hit) wrong.push(mention);
  }
  for (const mention of gold) {
    if (predictedKeys.has(keyOf(mention))) continue;
    bump(tally, mention.type, "fn");
    missed.push(mention);
  }
  return { missed, wrong };
}

/**
 * Precision, recall and F1 of counts (0 when undefined).
 * @example
 * prf({ tp: 8, fp: 2, fn: 2 }); // { p: 0.8, r: 0.8, f1: 0.8 }
 */
export function prf({ tp, fp, fn }: Counts): { p: number; r: number; f1: number } {
  const p = tp + fp > 0 ? tp / (tp + fp) : 0;
  const r = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}
