/** @module FNV-1a, the hash that routes keys to shards: the same number at build and at query time. */

/**
 * FNV-1a over the string's UTF-16 code units: the same number at build and at query time.
 * @example
 * shardOf("kabul", 64); // a number in 0..63
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The shard a key goes to, out of `count`. */
export function shardOf(key: string, count: number): number {
  return fnv1a(key) % count;
}
