/** @module Scores candidates with BM25 from the term weights stored in the postings' slots; filters, tiers and keeps the best. */
import type { Slots } from "../format/bundle";
import { type Bm25Params, bm25 as defaultBm25, idf, slotWeight } from "../format/scoring";
import { countIds, type TermPostings } from "./postings";
import { topK } from "./top-k";

/** A clause of the query with the index terms that stand for it (its words' stems, completions, corrections). */
export interface TermGroup {
  /** The word as typed (folded), for display and corrections. */
  word: string;
  field: "text" | "title";
  /** Index term → weight: 1 for the words typed, less for completions and corrections. */
  variants: Map<string, number>;
  /** The folded words typed for it (its clause's; a split word's half): what the rerank's exact-word bonus looks for. */
  typed?: string[];
  /**
   * A common clause: all its terms' lists are longer than their heads and only the heads are loaded. Like
   * Lucene's common terms, it adds to the score of the documents it holds but does not decide the tiers
   * (unless every clause is common).
   */
  common?: boolean;
}

export interface Candidate {
  doc: number;
  /** How many of the query's groups it matches. */
  matched: number;
  score: number;
  /** Holds every quoted phrase of the query, its words in order (`checkPhrases` read its text). */
  phrase?: true;
}

export interface RankOptions {
  documents: number;
  /** Documents matching every group come first (short queries); otherwise BM25 alone orders (long ones). */
  tiered: boolean;
  /** How many of the best candidates to return, in order. */
  want: number;
  /** `date`: newest first (within tiers) instead of by score. */
  order?: "relevance" | "date";
  /** Documents that must not be returned. */
  exclude?: Set<number>;
  /** When set, only documents it accepts are returned. */
  allow?: (doc: number) => boolean;
  /** A multiplier of a document's score (recency). */
  boost?: (doc: number) => number;
  /** The BM25 parameters the bundle's slots were computed with (default: the build's). */
  bm25?: Record<"title" | "text", Bm25Params>;
}

export interface Ranked {
  /** The best `want` candidates, in order. */
  candidates: Candidate[];
  /** How many documents match (after filters). */
  total: number;
  /** Every matching document read (after filters), in no order: what the date histogram counts. */
  docs?: number[];
  /** Instead of `docs`, for a query of dates alone: the documents `[first, end)` it matches. */
  range?: [number, number];
}

/** Title matches count this much on top of the text (which holds the title too). */
export const TITLE_WEIGHT = 0.3;

export { countIds };

/** The documents of some postings. */
export function docsOf(slots: Slots): Set<number> {
  const out = new Set<number>();
  for (const ids of slots) for (const doc of ids ?? []) out.add(doc);
  return out;
}

/**
 * Per-document scratch space, one slot per document number, reused across queries so that scoring a term
 * with many postings costs array writes, not map entries. Ranking is synchronous, so requests never share it.
 */
class Scratch {
  variant = new Float32Array(0);
  group = new Float32Array(0);
  total = new Float32Array(0);
  matched = new Uint8Array(0);
  seen = new Uint8Array(0);

  ensure(size: number): this {
    if (this.variant.length < size) {
      this.variant = new Float32Array(size);
      this.group = new Float32Array(size);
      this.total = new Float32Array(size);
      this.matched = new Uint8Array(size);
      this.seen = new Uint8Array(size);
    }
    return this;
  }
}
const scratch = new Scratch();

/**
 * Ranks documents by BM25 (idf × the stored term weight, title weighted on top of text), summing groups and
 * keeping, for each group, the best of its variants (a completion's or correction's idf no more than the typed
 * word's); returns the best `want` and how many matched.
 * @example
 * const { candidates, total } = rankCandidates(groups, postings, { documents: 19043, tiered: true, want: 10 });
 */
export function rankCandidates(groups: TermGroup[], postings: Map<string, TermPostings>, options: RankOptions): Ranked {
  const s = scratch.ensure(options.documents);
  const bm25 = options.bm25 ?? defaultBm25;
  const touched: number[] = [];
  const kept: Candidate[] = [];
  const { exclude, allow, boost } = options;
  const excluding = exclude !== undefined && exclude.size > 0 ? exclude : undefined;
  const keep = (doc: number, matched: number, score: number) => {
    if (excluding?.has(doc) || (allow && !allow(doc))) return;
    kept.push({ doc, matched, score: boost ? score * boost(doc) : score });
  };
  const tiers = groups.some((g) => !g.common) ? (g: TermGroup) => !g.common : () => true;
  for (const group of groups) {
    const counts = tiers(group);
    const groupDocs: number[] = [];
    // A completion or a correction is worth its weight of the word typed at most: a rare derivative ("Blairite",
    // once) has a higher idf than the word itself ("blair"), and would otherwise outrank documents about the word.
    const field = group.field === "text" ? "text" : "title";
    let cap = 0;
    for (const [variant, weight] of group.variants) {
      const count = postings.get(variant)?.count[field] ?? 0;
      if (weight >= 1 && count > 0) cap = Math.max(cap, idf(options.documents, count));
    }
    const idfOf = (count: number, weight: number) => {
      const own = idf(options.documents, count);
      return weight < 1 && cap > 0 ? Math.min(own, cap) : own;
    };
    // A group of one variant (most words) sums straight into the group's scores: its best variant is that one.
    const single = group.variants.size === 1;
    const into = single ? s.group : s.variant;
    for (const [variant, weight] of group.variants) {
      const p = postings.get(variant);
      if (!p) continue;
      const variantDocs: number[] = single ? groupDocs : [];
      const add = (slots: Slots, params: Bm25Params, w: number) => {
        slots.forEach((ids, slot) => {
          if (!ids) return;
          const tw = w * slotWeight(slot, params);
          for (const doc of ids) {
            if (into[doc] === 0) variantDocs.push(doc);
            into[doc] = (into[doc] as number) + tw;
          }
        });
      };
      if (group.field === "text") {
        const w = weight * idfOf(p.count.text, weight);
        add(p.text, bm25.text, w);
        add(p.title, bm25.title, w * TITLE_WEIGHT);
      } else {
        add(p.title, bm25.title, weight * idfOf(p.count.title, weight));
      }
      if (single) continue;
      // A document matching several variants of a group counts its best one.
      for (const doc of variantDocs) {
        const v = s.variant[doc] as number;
        s.variant[doc] = 0;
        if (s.group[doc] === 0) groupDocs.push(doc);
        if (v > (s.group[doc] as number)) s.group[doc] = v;
      }
    }
    if (groups.length === 1) {
      // One clause: its scores are the documents' totals, in the order they came.
      for (const doc of groupDocs) {
        const score = s.group[doc] as number;
        s.group[doc] = 0;
        keep(doc, counts ? 1 : 0, score);
      }
      break;
    }
    for (const doc of groupDocs) {
      if (s.seen[doc] === 0) {
        s.seen[doc] = 1;
        touched.push(doc);
      }
      s.total[doc] = (s.total[doc] as number) + (s.group[doc] as number);
      if (counts) s.matched[doc] = (s.matched[doc] as number) + 1;
      s.group[doc] = 0;
    }
  }
  for (const doc of touched) {
    const matched = s.matched[doc] as number;
    const score = s.total[doc] as number;
    s.matched[doc] = 0;
    s.total[doc] = 0;
    s.seen[doc] = 0;
    keep(doc, matched, score);
  }
  const compare = options.order === "date" ? compareNewest : options.tiered ? compareTiered : compareScore;
  return { candidates: topK(kept, options.want, compare), total: kept.length, docs: kept.map((c) => c.doc) };
}

export function compareTiered(a: Candidate, b: Candidate): number {
  return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
}

export function compareScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.doc - b.doc;
}

/** Newest first, documents matching more groups before the rest. */
export function compareNewest(a: Candidate, b: Candidate): number {
  return b.matched - a.matched || b.doc - a.doc;
}
