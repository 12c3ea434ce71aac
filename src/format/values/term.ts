/**
 * @module Term shards: per field, `[term, postings]` entries sorted by term (found by binary search), or for a list
 * longer than the head `[term, head postings, documents in all, tail chunks]`; in a delta segment, whose lists all fit
 * their shards, a field's entries packed in one string (`packTerms`). Written by the build's index stage, read by
 * every search.
 */
import { AppError } from "../../errors";
import { type Field, fields, RESOLUTION } from "../flex-config";
import { type Codec, isNumbers, jsonCodec } from "./codec";
import type { SparsePostings, TailRef } from "./tail";

/** A term in its shard. */
export type TermEntry = [string, SparsePostings] | [string, SparsePostings, number, TailRef[]];
/** A field's terms in a shard: entries, or (a delta's) the same packed in one string (see `packTerms`). */
export type TermList = TermEntry[] | string;
/** One term shard as the build makes it: per field, term entries sorted by term. */
export type TermShard = Record<string, TermEntry[]>;
/** A term shard as read: every field present. */
export type ParsedTermShard = Record<Field, TermList>;

/** Anything but entries would be read as "no postings", a silently wrong answer; postings are checked when a query uses them. */
const isTermList = (value: unknown) =>
  (typeof value === "string" && isPackedTerms(value)) ||
  (Array.isArray(value) &&
    value.every(
      (e) =>
        Array.isArray(e) &&
        typeof e[0] === "string" &&
        Array.isArray(e[1]) &&
        (e.length === 2 || (e.length === 4 && typeof e[2] === "number" && Array.isArray(e[3]) && e[3].every(isNumbers))),
    ));

export const termCodec: Codec<ParsedTermShard, "term"> = jsonCodec<ParsedTermShard, "term">("term", 3.5, (raw) => {
  const shard = raw as Record<string, TermList>;
  if (!fields.every((field) => isTermList(shard[field]))) throw new Error("not a term shard");
  // Terms are found by binary search: out of order, one would be silently missed (packed lists are checked above).
  for (const field of fields) {
    const list = shard[field] as TermList;
    if (typeof list === "string") continue;
    for (let i = 1; i < list.length; i++)
      if (!((list[i - 1] as TermEntry)[0] < (list[i] as TermEntry)[0])) throw new Error("terms out of order");
  }
});

/**
 * A term's entry in one field of its shard.
 * @example
 * findTerm(shard.text, "kabul"); // ["kabul", [[0, [3, 17]]]] or undefined
 */
export function findTerm(entries: TermList, term: string): TermEntry | undefined {
  if (typeof entries === "string") return findPacked(entries, term);
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

/**
 * A field's entries as a delta writes them: `term postings term postings …`, one space between, terms in order (a
 * term holds no whitespace: see the analyzer and `fieldTerm`); postings `slot:ids;slot:ids…` in base 36, each id the
 * difference from the one before it in its slot (the first from 0). Two thirds of the JSON entries' bytes or less,
 * and what a query reads of a delta is mostly term shards. Only entries without tail chunks can be packed.
 * @example
 * packTerms([["kabul", [[0, [3, 17]]]], ["taliban", [[2, [40]]]]]); // "kabul 0:3,e taliban 2:14"
 */
export function packTerms(entries: readonly [string, SparsePostings][]): string {
  let out = "";
  for (const [term, postings] of entries) {
    if (out) out += " ";
    out += `${term} `;
    let first = true;
    for (const [slot, ids] of postings) {
      if (!first) out += ";";
      first = false;
      out += `${slot.toString(36)}:`;
      let previous = 0;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (i > 0) out += ",";
        out += (id - previous).toString(36);
        previous = id;
      }
    }
  }
  return out;
}

/** Whether a packed list's terms are in order (and it has a postings string for each). */
function isPackedTerms(text: string): boolean {
  if (text === "") return true;
  const tokens = text.split(" ");
  if (tokens.length % 2 !== 0) return false;
  for (let i = 2; i < tokens.length; i += 2) if (!((tokens[i - 2] as string) < (tokens[i] as string))) return false;
  return true;
}

const BASE36 = /^-?[0-9a-z]+$/u;
const corrupt = () => new AppError("bundle_key_corrupt", "A term shard's packed postings are malformed.");

function base36(text: string): number {
  if (!BASE36.test(text)) throw corrupt();
  return Number.parseInt(text, 36);
}

/**
 * The postings `packTerms` wrote for one term. Throws `bundle_key_corrupt` on a malformed string, a slot outside the
 * index's or a negative document.
 * @example
 * unpackPostings("0:3,e"); // [[0, [3, 17]]]
 */
export function unpackPostings(text: string): SparsePostings {
  const out: SparsePostings = [];
  for (const part of text.split(";")) {
    const colon = part.indexOf(":");
    if (colon < 1) throw corrupt();
    const slot = base36(part.slice(0, colon));
    if (slot >= RESOLUTION || slot < 0) throw corrupt();
    const ids: number[] = [];
    let previous = 0;
    const rest = part.slice(colon + 1);
    if (rest !== "") {
      for (const step of rest.split(",")) {
        previous += base36(step);
        if (previous < 0 || !Number.isSafeInteger(previous)) throw corrupt();
        ids.push(previous);
      }
    }
    out.push([slot, ids]);
  }
  return out;
}

function findPacked(text: string, term: string): TermEntry | undefined {
  if (text === "") return undefined;
  const tokens = text.split(" ");
  let lo = 0;
  let hi = tokens.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = tokens[2 * mid] as string;
    if (at === term) return [term, unpackPostings(tokens[2 * mid + 1] as string)];
    if (at < term) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}
