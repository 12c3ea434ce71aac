/**
 * @module Membership bitmaps: the documents of a long entity-field list (an entity, a facet value) as one bit a
 * document of the base segment, stored beside its tail chunks (`bits/<part>`, see `bitsPart`). A search by relevance with words and
 * such a filter reads this one key to test its candidates, instead of the list's chunks and every chunk of the words'
 * lists that may hold one of its documents.
 */

import { isLanguageTerm } from "../bundle";
import { fromBase64url, toBase64url } from "./base64url";
import type { Codec } from "./codec";
import { packIds, unpackIds } from "./tail";

/** The documents of one list, a bit each (document `n` is bit `n & 7` of byte `n >> 3`), and how many. */
export interface Bitmap {
  bits: Uint8Array;
  count: number;
}

/**
 * Lists with more tail chunks than this have a bitmap (`Layout.bitsFrom` says so; the same as `EXACT_DATE_CHUNKS`):
 * a shorter list is read whole in a few hundred KB.
 */
export const BITS_FROM_CHUNKS = 5;

/** Characters of a bitmap key's part at most: a file name's 255 bytes hold it (`--target assets` writes one a key). */
const MAX_PART = 200;
const UTF8 = new TextEncoder();

/**
 * The part of a list's bitmap key (`bits/<part>`): its term's UTF-8 bytes in base64url, so that a facet's value,
 * whatever it holds ("/", "..", any letter), is one file name and never a path; undefined for a term too long for
 * one (over 150 bytes: that list has no bitmap, and is read as one without).
 * @example
 * bitsPart("united-states"); // "dW5pdGVkLXN0YXRlcw"
 */
export function bitsPart(term: string): string | undefined {
  const part = toBase64url(UTF8.encode(term));
  return part.length <= MAX_PART ? part : undefined;
}

/**
 * Whether a list has a bitmap: an entity's or a facet value's (not a language's: `lang=` reads it as a list) of
 * `BITS_FROM_CHUNKS` tail chunks or more (`from`: the bundle's `Layout.bitsFrom`), whose term names a key
 * (`bitsPart`). The build writes by it and a search reads by it: no key is asked for that was not written.
 * @example
 * hasBitmap("united-states", 16); // true
 */
export function hasBitmap(term: string, chunks: number, from = BITS_FROM_CHUNKS): boolean {
  return chunks >= from && !isLanguageTerm(term) && bitsPart(term) !== undefined;
}

/**
 * A bitmap without some documents (a segment's withdrawn ones: corrected or withdrawn since); the same one when there
 * are none in it.
 * @example
 * without(bitmapOf([1, 2], 8), new Set([2])).count; // 1
 */
export function without(bitmap: Bitmap, docs: ReadonlySet<number>): Bitmap {
  let bits: Uint8Array | undefined;
  let count = bitmap.count;
  for (const doc of docs) {
    if (!hasBit(bitmap, doc)) continue;
    bits ??= bitmap.bits.slice();
    bits[doc >> 3] = (bits[doc >> 3] as number) & ~(1 << (doc & 7));
    count--;
  }
  return bits ? { bits, count } : bitmap;
}

/**
 * Whether a bitmap holds any document numbered `first` to `last`, both included.
 * @example
 * holdsAny(bitmapOf([9], 16), 8, 15); // true
 */
export function holdsAny(bitmap: Bitmap, first: number, last: number): boolean {
  const from = Math.max(0, first);
  const to = Math.min(bitmap.bits.length * 8 - 1, last);
  if (from > to) return false;
  const a = from >> 3;
  const b = to >> 3;
  const low = 0xff & (0xff << (from & 7));
  const high = 0xff >> (7 - (to & 7));
  if (a === b) return ((bitmap.bits[a] as number) & low & high) !== 0;
  if (((bitmap.bits[a] as number) & low) !== 0 || ((bitmap.bits[b] as number) & high) !== 0) return true;
  for (let i = a + 1; i < b; i++) if (bitmap.bits[i] !== 0) return true;
  return false;
}

/**
 * Whether a document is in a bitmap.
 * @example
 * hasBit(bitmapOf([3, 9], 16), 9); // true
 */
export const hasBit = (bitmap: Bitmap, doc: number): boolean => doc >= 0 && ((bitmap.bits[doc >> 3] ?? 0) & (1 << (doc & 7))) !== 0;

/**
 * A bitmap of document numbers below `documents`, in any order.
 * @example
 * bitmapOf([0, 2], 8).bits[0]; // 5
 */
export function bitmapOf(docs: readonly number[], documents: number): Bitmap {
  const bits = new Uint8Array(Math.ceil(documents / 8));
  for (const doc of docs) bits[doc >> 3] = (bits[doc >> 3] as number) | (1 << (doc & 7));
  return { bits, count: docs.length };
}

/** Set bits in a byte. */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x > 0; x >>= 1) n += x & 1;
  return n;
});

/**
 * Membership bitmaps as stored: `b<documents>:` and the bitmap in base64url, or `g<documents>:` and the documents'
 * gaps (`packIds`), whichever is shorter (gaps for lists sparser than about one document in eight). Both read back
 * into a bitmap, so a test of membership costs the same.
 */
export const bitsCodec: Codec<Bitmap, "bits"> = {
  kind: "bits",
  // A bitmap of N documents is N / 8 bytes, from N / 6 characters at least.
  heapPerChar: 1.5,
  encode: (bitmap) => JSON.stringify(encodeBits(bitmap)),
  parse: decodeBits,
};

/** A bitmap's stored string (see `bitsCodec`). */
function encodeBits({ bits, count }: Bitmap): string {
  const documents = bits.length * 8;
  // Gaps cost a byte each while they are under 128 documents: shorter than the bitmap below one document in eight.
  if (count * 8 < documents) {
    const docs: number[] = [];
    for (let byte = 0; byte < bits.length; byte++) {
      const b = bits[byte] as number;
      if (b === 0) continue;
      for (let k = 0; k < 8; k++) if (b & (1 << k)) docs.push(byte * 8 + k);
    }
    if (docs.length > 0) return `g${bits.length}:${packIds(docs)}`;
  }
  return `b${bits.length}:${toBase64url(bits)}`;
}

function decodeBits(raw: unknown): Bitmap {
  if (typeof raw !== "string") throw new Error("not a bitmap");
  const match = /^([bg])(\d{1,9}):/.exec(raw);
  if (!match) throw new Error("not a bitmap");
  const size = Number(match[2]);
  const body = raw.slice(match[0].length);
  if (match[1] === "g") {
    const docs = unpackIds(body);
    if ((docs.at(-1) as number) >= size * 8) throw new Error("a document past the bitmap");
    return bitmapOf(docs, size * 8);
  }
  const bytes = fromBase64url(body);
  if (bytes.length !== size) throw new Error("not the bitmap's length");
  let count = 0;
  for (const b of bytes) count += POPCOUNT[b] as number;
  return { bits: bytes, count };
}
