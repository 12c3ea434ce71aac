/**
 * @module Term shards: per field, `[term, postings]` entries sorted by term (found by binary search), or for a list
 * longer than the head `[term, head postings, documents in all, tail chunks]`. Written by the build's index stage,
 * read by every search.
 */
import { type Field, fields } from "../flex-config";
import { type Codec, isNumbers, jsonCodec } from "./codec";
import type { SparsePostings, TailRef } from "./tail";

/** A term in its shard. */
export type TermEntry = [string, SparsePostings] | [string, SparsePostings, number, TailRef[]];
/** One term shard: per field, term entries sorted by term. */
export type TermShard = Record<string, TermEntry[]>;
/** A term shard as read: every field present. */
export type ParsedTermShard = Record<Field, TermEntry[]>;

/** Anything but entries would be read as "no postings", a silently wrong answer; postings are checked when a query uses them. */
const isTermList = (value: unknown) =>
  Array.isArray(value) &&
  value.every(
    (e) =>
      Array.isArray(e) &&
      typeof e[0] === "string" &&
      Array.isArray(e[1]) &&
      (e.length === 2 || (e.length === 4 && typeof e[2] === "number" && Array.isArray(e[3]) && e[3].every(isNumbers))),
  );

export const termCodec: Codec<ParsedTermShard, "term"> = jsonCodec<ParsedTermShard, "term">("term", 3.5, (raw) => {
  const shard = raw as TermShard;
  if (!fields.every((field) => isTermList(shard[field]))) throw new Error("not a term shard");
  // Terms are found by binary search: out of order, one would be silently missed.
  for (const field of fields) {
    const list = shard[field] as TermEntry[];
    for (let i = 1; i < list.length; i++)
      if (!((list[i - 1] as TermEntry)[0] < (list[i] as TermEntry)[0])) throw new Error("terms out of order");
  }
});

/**
 * A term's entry in one field of its shard.
 * @example
 * findTerm(shard.text, "kabul"); // ["kabul", [[0, [3, 17]]]] or undefined
 */
export function findTerm(entries: TermEntry[], term: string): TermEntry | undefined {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = (entries[mid] as TermEntry)[0];
    if (at === term) return entries[mid];
    if (at < term) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}
