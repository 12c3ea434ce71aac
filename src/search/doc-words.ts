/**
 * @module The words of a document's stored text, analyzed once per request: reranking, phrase checks and snippets all
 * read them. Not kept across requests: the analysis takes ~55 times the text's heap (`bench/lib/parsed-size.ts`),
 * dearer in the isolate's memory than the term shards it would push out of the cache.
 */
import {
  analysisLanguage,
  DOTTED_LETTERS,
  foldSegment,
  foldWords,
  isAscii,
  isUnspaced,
  MAX_WORD,
  stem,
  stemKeepsInitial,
  undotted,
  wordSegments,
} from "../format/analyzer";
import type { DocMeta } from "../format/schema";

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

/** A word as the analyzer cuts it: letters, digits and marks, or letters with dots ("U.S.", one word: `foldWords`). */
const WORD = new RegExp(`${DOTTED_LETTERS}|[\\p{L}\\p{N}\\p{M}]+`, "gu");

/**
 * The first letters of the terms a search looks for, so words that cannot match are never stemmed: a stem
 * begins with its word's first letter (Porter and the Russian stemmer only rewrite endings; an Arabic word, whose
 * stemmer also cuts prefixes, is always stemmed: `stemKeepsInitial`; `test/doc-words.test.ts` checks it on random
 * words and, when `../shared` is there, on all 68,591 words of Reuters-21578 and SciFact). Undefined: stem every word.
 */
export type Initials = ReadonlySet<string> | undefined;

/** The initials of some terms, for `textWords` and `analyzeDoc`. */
export function initialsOf(terms: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const term of terms) if (term) out.add(term[0] as string);
  return out;
}

/** The stem of `word` in language `lang`, or "" (no term is empty) when its first letter begins none of `initials`. */
const stemIf = (word: string, initials: Initials, lang?: string) =>
  initials && !initials.has(word[0] as string) && stemKeepsInitial(word) ? "" : stem(word, lang);

/**
 * The words of a text with their offsets, folded and stemmed in language `lang` (English when not said; those that
 * cannot match `initials` get "" as stem).
 * @example
 * textWords("Café Kabul")[1]; // { start: 5, end: 10, folded: ["kabul"], stems: ["kabul"] }
 */
export function textWords(text: string, initials?: Initials, lang?: string): TextWord[] {
  const out: TextWord[] = [];
  for (const m of text.matchAll(WORD)) {
    // An ASCII word matched by WORD is letters and digits (or letters with dots): foldWords would only drop the
    // dots, lower and cut it.
    if (isAscii(m[0])) {
      const word = undotted(m[0]);
      const folded = (word.length > MAX_WORD ? word.slice(0, MAX_WORD) : word).toLowerCase();
      out.push({ start: m.index, end: m.index + m[0].length, folded: [folded], stems: [stemIf(folded, initials, lang)] });
    } else if (isUnspaced(m[0])) {
      // A run of a script without spaces: one word per segment, so a snippet marks the words, not the whole run.
      for (const { segment, index } of wordSegments(m[0])) {
        const folded = foldSegment(segment);
        if (folded.length === 0) continue;
        const start = m.index + index;
        out.push({ start, end: start + segment.length, folded, stems: folded.map((w) => stemIf(w, initials, lang)) });
      }
    } else {
      const folded = foldWords(m[0]);
      out.push({ start: m.index, end: m.index + m[0].length, folded, stems: folded.map((w) => stemIf(w, initials, lang)) });
    }
  }
  return out;
}

/**
 * The analyzed words of a document's title and stored text, stemmed as the build stemmed them (in the document's
 * language when it is one of the bundle's `languages`, else in its main one: `analysisLanguage`); with `initials`,
 * only the words that may match them are stemmed (the others' stem is "").
 * @example
 * analyzeDoc(meta).stems; // ["embassi", "kabul", ...]
 */
export function analyzeDoc(meta: DocMeta, initials?: Initials, languages: readonly string[] = []): DocWords {
  const lang = analysisLanguage(meta.lang, languages);
  const text = textWords(meta.text, initials, lang);
  if (!isAscii(meta.text)) {
    // Folding the whole text may find words its single words do not (NFKD turns "™" into "tm"): fold it whole.
    const folded = foldWords(`${meta.title}\n${meta.text}`);
    return { folded, stems: folded.map((w) => stemIf(w, initials, lang)), text };
  }
  // ASCII text folds word by word exactly as whole: reuse the text's words after the title's.
  const title = foldWords(meta.title);
  const folded = [...title];
  const stems = title.map((w) => stemIf(w, initials, lang));
  for (const word of text) {
    folded.push(word.folded[0] as string);
    stems.push(word.stems[0] as string);
  }
  return { folded, stems, text };
}
