/** @module Small, deterministic hashes: FNV-1a for routing keys to shards, SHA-256 for the bundle version. */

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

/** Hex SHA-256 of a string (Web Crypto: works in Node and in Workers). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
