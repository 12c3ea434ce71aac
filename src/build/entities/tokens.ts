/** @module Compromise, run once per text, turned into plain tokens with character offsets and tags. */
import nlp from "compromise";
import { unwrap } from "./unwrap";

/**
 * Compromise's steps up to its pre-tagger (lexicon, suffixes, neighbours), without the post-tagger's pattern
 * matching: three times faster, and the rules here do that part their own way.
 */
const TAGGING = ["contractions", "alias", "machine", "index", "id", "lexicon", "preTagger", "contractionTwo"];

/** One word of the text, as compromise split and tagged it. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Compromise's tags: "Person", "FirstName", "Place", "Organization", "Demonym", ... */
  tags: ReadonlySet<string>;
  /** Index of the sentence; a line break also starts a new one. */
  sentence: number;
  /** The raw text between the previous token and this one ("" for the first). */
  gap: string;
}

/**
 * Splits and tags a text with compromise, and finds each word's offsets in it. Hard-wrapped lines are joined
 * first (see `unwrap`), so offsets still point into the original text.
 * @example
 * tokenize("Kabul fell.")[0]; // { text: "Kabul", start: 0, end: 5, tags: Set { "Place", "City", ... }, sentence: 0, gap: "" }
 */
export function tokenize(original: string): Token[] {
  const text = unwrap(original);
  const tokens: Token[] = [];
  let cursor = 0;
  let sentence = -1;
  for (const terms of nlp.tokenize(text).compute(TAGGING).docs) {
    let first = true;
    for (const term of terms) {
      if (term.text.length === 0) continue; // an expanded contraction ("’s" → "is") has no text of its own
      const start = text.indexOf(term.text, cursor);
      if (start < 0) continue;
      const tags = term.tags ?? new Set<string>();
      // "Mr." and the "F." of "John F. Kennedy" keep their full stop, so that the name runs on past it.
      const dotted = text[start + term.text.length] === "." && (tags.has("Abbreviation") || /^\p{Lu}$/u.test(term.text));
      const end = start + term.text.length + (dotted ? 1 : 0);
      const gap = text.slice(cursor, start);
      if (first || gap.includes("\n")) sentence++;
      first = false;
      tokens.push({ text: text.slice(start, end), start, end, tags, sentence, gap });
      cursor = end;
    }
  }
  return tokens;
}
