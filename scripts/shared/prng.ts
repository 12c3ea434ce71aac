/** @module A small seeded PRNG and the samplers the synthetic corpus and the query set draw from: same seed, same numbers. */

import { type Random, seeded } from "../../src/build/random";

export { type Random, seeded };

/** An integer in [0, n). */
export const pick = (random: Random, n: number): number => Math.floor(random() * n);

/**
 * A rank in [0, n) with probability ∝ 1/(rank+1): Zipf's law with exponent 1, by inverting its
 * continuous CDF (ln r / ln n), so no table of n weights is needed even for millions of items.
 * @example
 * zipf(seeded(1), 1_000_000); // mostly small ranks, now and then a very rare one
 */
export function zipf(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor((n + 1) ** random()) - 1);
}
