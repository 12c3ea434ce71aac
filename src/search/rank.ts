/** @module Scores candidates with BM25 from the term weights stored in the postings' slots; filters and tiers them. */
import { bm25, slotWeight } from "../bundle/flex-export";
import type { Slots } from "../bundle/format";
import type { TermPostings } from "./postings";

/** A clause of the query with the index terms that stand for it (its words' stems, completions, corrections). */
export interface TermGroup {
  /** The word as typed (folded), for display and corrections. */
  word: string;
  field: "text" | "title";
  /** Index term → weight: 1 for the words typed, less for completions and corrections. */
  variants: Map<string, number>;
}

export interface Candidate {
  doc: number;
  /** How many of the query's groups it matches. */
  matched: number;
  score: number;
}

export interface RankOptions {
  documents: number;
  /** Documents matching every group come first (short queries); otherwise BM25 alone orders (long ones). */
  tiered: boolean;
  /** Documents that must not be returned. */
  exclude?: Set<number>;
  /** When set, only documents it accepts are returned. */
  allow?: (doc: number) => boolean;
  /** A multiplier of a document's score (recency). */
  boost?: (doc: number) => number;
}

/** Title matches count this much on top of the text (which holds the title too). */
export const TITLE_WEIGHT = 0.3;

const idf = (documents: number, df: number) => Math.log(1 + (documents - df + 0.5) / (df + 0.5));
export const countIds = (slots: Slots) => slots.reduce((n, ids) => n + (ids?.length ?? 0), 0);

/** Every document of some postings, with the BM25 weight its slot stands for. */
function forEachPosting(slots: Slots, p: { k1: number; b: number }, visit: (doc: number, weight: number) => void): void {
  slots.forEach((ids, slot) => {
    if (!ids) return;
    const w = slotWeight(slot, p);
    for (const doc of ids) visit(doc, w);
  });
}

/** The documents of some postings. */
export function docsOf(slots: Slots): Set<number> {
  const out = new Set<number>();
  for (const ids of slots) for (const doc of ids ?? []) out.add(doc);
  return out;
}

/**
 * Ranks documents by BM25 (idf × the stored term weight, title weighted on top of text), summing groups and
 * keeping, for each group, the best of its variants.
 * @example
 * rankCandidates(groups, postings, { documents: 19043, tiered: true }).slice(0, 10);
 */
export function rankCandidates(groups: TermGroup[], postings: Map<string, TermPostings>, options: RankOptions): Candidate[] {
  const byDoc = new Map<number, Candidate>();
  for (const group of groups) {
    const best = new Map<number, number>();
    for (const [variant, weight] of group.variants) {
      const p = postings.get(variant);
      if (!p) continue;
      const scores = new Map<number, number>();
      if (group.field === "text") {
        const w = weight * idf(options.documents, countIds(p.text));
        forEachPosting(p.text, bm25.text, (doc, tw) => scores.set(doc, w * tw));
        forEachPosting(p.title, bm25.title, (doc, tw) => scores.set(doc, (scores.get(doc) ?? 0) + w * TITLE_WEIGHT * tw));
      } else {
        const w = weight * idf(options.documents, countIds(p.title));
        forEachPosting(p.title, bm25.title, (doc, tw) => scores.set(doc, w * tw));
      }
      // A document matching several variants of a group counts its best one.
      for (const [doc, score] of scores) if (score > (best.get(doc) ?? -1)) best.set(doc, score);
    }
    for (const [doc, score] of best) {
      const c = byDoc.get(doc);
      if (c) {
        c.matched++;
        c.score += score;
      } else byDoc.set(doc, { doc, matched: 1, score });
    }
  }
  const out: Candidate[] = [];
  for (const c of byDoc.values()) {
    if (options.exclude?.has(c.doc) || (options.allow && !options.allow(c.doc))) continue;
    if (options.boost) c.score *= options.boost(c.doc);
    out.push(c);
  }
  return out.sort(options.tiered ? compareTiered : compareScore);
}

export function compareTiered(a: Candidate, b: Candidate): number {
  return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
}

export function compareScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.doc - b.doc;
}
