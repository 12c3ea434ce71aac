/** @module Reads a query string leniently: words, "quoted phrases", and the last word as a prefix while the user types. */
import { tokenize } from "../bundle/flex-config";
import { MIN_PREFIX } from "../bundle/format";

export interface QueryTerm {
  /** The folded term, as indexed. */
  term: string;
  /** Matches every term that starts with it (the word being typed, or one ending in `*`). */
  prefix: boolean;
}

export interface ParsedQuery {
  /** Distinct terms, each of which a document should match; phrase words included. */
  terms: QueryTerm[];
  /** Each phrase as its folded terms, in order. */
  phrases: string[][];
}

/**
 * Parses a query. Never throws: an unclosed quote runs to the end, stray symbols are ignored.
 * @example
 * parseQuery('"security council" kab');
 * // { terms: [{ term: "security", prefix: false }, { term: "council", prefix: false }, { term: "kab", prefix: true }],
 * //   phrases: [["security", "council"]] }
 */
export function parseQuery(q: string): ParsedQuery {
  const terms = new Map<string, QueryTerm>();
  const phrases: string[][] = [];
  const segments = q.split(/["“”]/);
  let last: QueryTerm | undefined;
  segments.forEach((segment, i) => {
    const quoted = i % 2 === 1;
    if (quoted) {
      const words = tokenize(segment);
      if (words.length > 1) phrases.push(words);
      for (const word of words) if (!terms.has(word)) terms.set(word, { term: word, prefix: false });
      last = undefined;
      return;
    }
    for (const raw of segment.split(/\s+/)) {
      const words = tokenize(raw);
      words.forEach((word, j) => {
        const starred = raw.endsWith("*") && j === words.length - 1;
        const existing = terms.get(word);
        const entry = existing ?? { term: word, prefix: false };
        if (starred && word.length >= MIN_PREFIX) entry.prefix = true;
        if (!existing) terms.set(word, entry);
        last = entry;
      });
    }
  });
  // The word still being typed (no space after it yet) matches as a prefix.
  const typing = last !== undefined && /[\p{L}\p{N}]$/u.test(q);
  if (typing && last && last.term.length >= MIN_PREFIX) last.prefix = true;
  return { terms: [...terms.values()], phrases };
}
