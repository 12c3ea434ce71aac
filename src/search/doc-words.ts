/**
 * @module The words of a document's stored text, analyzed once per request: reranking, phrase checks and snippets all
 * read them. Not kept across requests: the analysis takes ~55 times the text's heap (`bench/lib/parsed-size.ts`),
 * dearer in the isolate's memory than the term shards it would push out of the cache.
 */
import { foldWords, stem } from "../bundle/analyzer";
import type { DocMeta } from "../bundle/schema";

/** A word of the snippet source, with its offsets and its folded parts (a word may fold to several). */
export interface TextWord {
  start: number;
  end: number;
  folded: string[];
  stems: string[];
}

export interface DocWords {
  /** Title and text, folded, in order. */
  folded: string[];
  /** Their stems. */
  stems: string[];
  /** The words of the text alone, with offsets into it. */
  text: TextWord[];
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * The words of a text with their offsets, folded and stemmed.
 * @example
 * textWords("Café Kabul")[1]; // { start: 5, end: 10, folded: ["kabul"], stems: ["kabul"] }
 */
export function textWords(text: string): TextWord[] {
  const out: TextWord[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = foldWords(m[0]);
    out.push({ start: m.index, end: m.index + m[0].length, folded, stems: folded.map(stem) });
  }
  return out;
}

/**
 * The analyzed words of a document's title and stored text.
 * @example
 * analyzeDoc(meta).stems; // ["embassi", "kabul", ...]
 */
export function analyzeDoc(meta: DocMeta): DocWords {
  const folded = foldWords(`${meta.title}\n${meta.text}`);
  return { folded, stems: folded.map(stem), text: textWords(meta.text) };
}
