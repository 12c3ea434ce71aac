/** @module What the synthetic corpus is made from: a real corpus cut into sentences, kept per document. */
import type { SourceDocument } from "../../src/format/schema";

export interface SourceModel {
  docs: { title: string; date?: string; meta: Record<string, unknown>; first: number; count: number }[];
  /** Every sentence of every body, documents one after the other. */
  sentences: string[];
}

const SENTENCE_END = /(?<=[.!?])\s+(?=["'(<]?[A-Z0-9])/;

/** Splits a body into sentences, line breaks folded. */
export function sentencesOf(body: string): string[] {
  return body
    .replace(/\s+/g, " ")
    .trim()
    .split(SENTENCE_END)
    .filter((s) => s.length > 0);
}

/**
 * @example
 * const model = sourceModel(documents);
 * model.sentences.length; // ~130k for Reuters-21578
 */
export function sourceModel(documents: SourceDocument[]): SourceModel {
  const sentences: string[] = [];
  const docs = documents.map((d) => {
    const own = sentencesOf(d.body);
    const first = sentences.length;
    for (const s of own) sentences.push(s);
    const { split: _split, ...meta } = d.meta;
    return { title: d.title, ...(d.date ? { date: d.date } : {}), meta, first, count: own.length };
  });
  return { docs: docs.filter((d) => d.count > 0), sentences };
}
