/**
 * @module The words of a document's stored text, analyzed once per request: reranking, phrase checks and snippets all
 * read them. Not kept across requests: the analysis takes ~55 times the text's heap (`bench/lib/parsed-size.ts`),
 * dearer in the isolate's memory than the term shards it would push out of the cache.
 */
import { foldWords, isAscii, MAX_WORD, stem } from "../bundle/analyzer";
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
    // An ASCII word matched by WORD is letters and digits: foldWords would only lower and cut it.
    const folded = isAscii(m[0]) ? [(m[0].length > MAX_WORD ? m[0].slice(0, MAX_WORD) : m[0]).toLowerCase()] : foldWords(m[0]);
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
  const text = textWords(meta.text);
  if (!isAscii(meta.text)) {
    // Folding the whole text may find words its single words do not (NFKD turns "™" into "tm"): fold it whole.
    const folded = foldWords(`${meta.title}\n${meta.text}`);
    return { folded, stems: folded.map(stem), text };
  }
  // ASCII text folds word by word exactly as whole: reuse the text's words after the title's.
  const title = foldWords(meta.title);
  const folded = [...title];
  const stems = title.map(stem);
  for (const word of text) {
    folded.push(word.folded[0] as string);
    stems.push(word.stems[0] as string);
  }
  return { folded, stems, text };
}
