/** @module A small seeded random number generator for the build's deterministic steps (the tagger's training order) and the scripts' samplers. */

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
