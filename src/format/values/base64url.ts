/** @module Unpadded base64url, as packed values store bytes (tail chunks' documents, membership bitmaps): text a JSON string holds as it is. */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Each ASCII character's value in the alphabet, -1 for the others. */
const SEXTET = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) SEXTET[ALPHABET.charCodeAt(i)] = i;

/**
 * Bytes as unpadded base64url.
 * @example
 * toBase64url(Uint8Array.from([0, 0, 0, 169, 2])); // "AAAAqQI"
 */
export function toBase64url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/**
 * Unpadded base64url back to bytes; throws on a character outside the alphabet, or a length or trailing bits that no
 * bytes give.
 * @example
 * fromBase64url("AAAAqQI"); // Uint8Array [0, 0, 0, 169, 2]
 */
export function fromBase64url(text: string): Uint8Array {
  // Unpadded base64 of whole bytes is never 1 character past a multiple of 4.
  if (text.length % 4 === 1) throw new Error("not whole bytes");
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? (SEXTET[code] as number) : -1;
    if (sextet < 0) throw new Error("not base64url");
    buffer = ((buffer << 6) | sextet) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 255;
    }
  }
  // The bits past the last byte are zeros, as `toBase64url` writes them.
  if ((buffer & ((1 << bits) - 1)) !== 0) throw new Error("not whole bytes");
  return out;
}
