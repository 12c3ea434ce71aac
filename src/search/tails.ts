/** @module Which tail chunks of long posting lists a query reads: only those its filters, date order or exclusions need, within a budget. */

import type { TailRef } from "../format/bundle";
import type { Field } from "../format/flex-config";
import { mergeTail, type PostingSource, type TermPostings } from "./postings";

/** Tail chunks one query may read in all: bounds its bytes (a chunk holds up to 16,384 postings). */
export const MAX_TAIL_CHUNKS = 24;

/**
 * Tail chunks a date-ordered query reads whole, for an exact count and date histogram; past this it reads them newest
 * first only until its page is settled (`settled` in match.ts), and its count is an estimate. Four chunks are up to
 * 65,536 postings, a few hundred KB.
 */
export const EXACT_DATE_CHUNKS = 4;

/** A part of a term's tail a query asks for: the chunks `accept` takes, newest documents first. */
export interface TailRequest {
  term: string;
  field: Field;
  accept: (ref: TailRef) => boolean;
}

/** Tail chunks covering a document range `[first, end)`. */
export const inRange =
  (first: number, end: number) =>
  ([, lo, hi]: TailRef): boolean =>
    hi >= first && lo < end;

/** Tail chunks holding any of some documents (sorted ascending). */
export const holdingAny =
  (docs: number[]) =>
  ([, lo, hi]: TailRef): boolean => {
    let a = 0;
    let b = docs.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if ((docs[mid] as number) < lo) a = mid + 1;
      else b = mid;
    }
    return a < docs.length && (docs[a] as number) <= hi;
  };

/**
 * Loads tail chunks into a query's postings, one round trip a call, within one budget for the whole query.
 * @example
 * const tails = new TailLoader(engine.postings, postings);
 * await tails.load([{ term: "oil", field: "text", accept: inRange(900, 1000) }]);
 * tails.cut; // true when the budget left some requested chunks unread
 */
export class TailLoader {
  /** Chunks read so far. */
  read = 0;
  /** Whether the budget stopped a request. */
  cut = false;

  constructor(
    private readonly source: PostingSource,
    private readonly postings: Map<string, TermPostings>,
    private readonly budget = MAX_TAIL_CHUNKS,
  ) {}

  /** Whether a term's list in a field is whole where `accept` looks (no such tail chunk left unread). */
  whole(term: string, field: Field, accept: (ref: TailRef) => boolean = () => true): boolean {
    return !this.postings.get(term)?.tails[field].some(accept);
  }

  /** The unread chunks `requests` ask for, with the postings and field each belongs to. */
  private pending(requests: TailRequest[]): { p: TermPostings; field: Field; ref: TailRef }[] {
    const out: { p: TermPostings; field: Field; ref: TailRef }[] = [];
    for (const { term, field, accept } of requests) {
      const p = this.postings.get(term);
      for (const ref of p?.tails[field] ?? []) if (p && accept(ref)) out.push({ p, field, ref });
    }
    return out;
  }

  /** How many distinct unread chunks `requests` ask for. */
  count(requests: TailRequest[]): number {
    return new Set(this.pending(requests).map(({ ref }) => ref[0])).size;
  }

  /** The newest document an unread chunk `requests` ask for may hold: -1 when none is left. */
  newestUnread(requests: TailRequest[]): number {
    return this.pending(requests).reduce((newest, { ref }) => Math.max(newest, ref[2]), -1);
  }

  /** Reads the chunks `requests` ask for, newest first, at most `most` of them (and within the budget). */
  async load(requests: TailRequest[], most = Number.POSITIVE_INFINITY): Promise<void> {
    const wanted = this.pending(requests);
    if (wanted.length === 0) return;
    // Newest documents first (the chunk holding the newest unread document first, however far back it reaches): date
    // order and recent ranges are what a news archive asks most.
    wanted.sort((a, b) => b.ref[2] - a.ref[2] || b.ref[1] - a.ref[1]);
    const room = Math.max(0, this.budget - this.read);
    if (wanted.length > room) this.cut = true;
    const refs = [...new Map(wanted.map((w) => [w.ref[0], w.ref])).values()].slice(0, Math.min(room, most));
    const chunks = refs.map(([n]) => n);
    const taken = wanted.filter((w) => chunks.includes(w.ref[0]));
    if (taken.length === 0) return;
    const read = await this.source.tails(refs);
    this.read += read.size;
    for (const { p, field, ref } of taken) {
      const chunk = read.get(ref[0]);
      if (!chunk || !p.tails[field].includes(ref)) continue;
      mergeTail(p, field, chunk);
      p.tails[field] = p.tails[field].filter((r) => r !== ref);
    }
  }
}
