/** @module Scores candidates from their postings: documents matching every query term first, then partial matches. */
import { RESOLUTION } from "../bundle/flex-config";
import type { Slots } from "../bundle/format";
import type { TermPostings } from "./postings";

/** A query term with the index terms that stand for it (itself, and completions when it is a prefix). */
export interface TermGroup {
  term: string;
  /** Index term → weight (1 for the term itself, less for completions). */
  variants: Map<string, number>;
}

export interface Candidate {
  doc: number;
  /** How many of the query's term groups it matches. */
  matched: number;
  score: number;
}

/** A title match counts this much more than a body match. */
const TITLE_BOOST = 1.5;
/** An early position in a field is worth up to this fraction more than a late one. */
const POSITION_BONUS = 0.5;

const idf = (documents: number, df: number) => Math.log(1 + (documents - df + 0.5) / (df + 0.5));
const countIds = (slots: Slots) => slots.reduce((n, ids) => n + (ids?.length ?? 0), 0);
const positionWeight = (slot: number) => 1 + (POSITION_BONUS * (RESOLUTION - 1 - slot)) / (RESOLUTION - 1);

/**
 * Ranks documents: by how many term groups they match, then by a tf-free BM25-like score
 * (idf × position in the field, title weighted above body), then by document number.
 * @example
 * rankCandidates(groups, postings, 19043).slice(0, 10);
 */
export function rankCandidates(groups: TermGroup[], postings: Map<string, TermPostings>, documents: number): Candidate[] {
  const byDoc = new Map<number, Candidate>();
  groups.forEach((group) => {
    const best = new Map<number, number>();
    for (const [variant, weight] of group.variants) {
      const p = postings.get(variant);
      if (!p) continue;
      const w = weight * idf(documents, countIds(p.text));
      const scores = new Map<number, number>();
      const add = (slots: Slots, boost: number) =>
        slots.forEach((ids, slot) => {
          for (const doc of ids ?? []) scores.set(doc, (scores.get(doc) ?? 0) + w * boost * positionWeight(slot));
        });
      add(p.text, 1);
      add(p.title, TITLE_BOOST);
      // A document matching several completions of a prefix counts its best one.
      for (const [doc, score] of scores) best.set(doc, Math.max(best.get(doc) ?? 0, score));
    }
    for (const [doc, score] of best) {
      const c = byDoc.get(doc);
      if (c) {
        c.matched++;
        c.score += score;
      } else byDoc.set(doc, { doc, matched: 1, score });
    }
  });
  return [...byDoc.values()].sort(compareCandidates);
}

export function compareCandidates(a: Candidate, b: Candidate): number {
  return b.matched - a.matched || b.score - a.score || a.doc - b.doc;
}
