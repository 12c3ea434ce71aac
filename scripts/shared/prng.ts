/** @module A small seeded PRNG and the samplers the synthetic corpus and the query set draw from: same seed, same numbers. */

/** A random source: numbers in [0, 1). */
export type Random = () => number;

/**
 * Mulberry32: fast, 32 bits of state, good enough for sampling (not for cryptography).
 * @example
 * const random = seeded(7);
 * random(); // 0.0826…, the same on every run
 */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
