/** @module Cuts the best passage of a text around matched terms, HTML-escaped, with each match wrapped in `<mark>`. */
import { type TextWord, textWords } from "./doc-words";

export interface Matcher {
  /** Index terms (stems): a word whose stem is one matches. */
  stems: Set<string>;
  /** Folded prefixes: a word starting with one matches. */
  prefixes: string[];
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML, so document content can never become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

interface Word {
  start: number;
  end: number;
  /** Which query term it matches, or undefined. */
  match?: string;
}

/** Splits text into words with offsets (or takes them already split), noting which query term each one matches. */
export function matchWords(text: string, matcher: Matcher, tokens: TextWord[] = textWords(text)): Word[] {
  return tokens.map((token) => {
    const word: Word = { start: token.start, end: token.end };
    token.folded.forEach((folded, i) => {
      if (word.match) return;
      const s = token.stems[i] as string;
      if (matcher.stems.has(s)) word.match = s;
      else word.match = matcher.prefixes.find((p) => folded.startsWith(p));
    });
    return word;
  });
}

/**
 * Where the window of `size` words holding the most distinct matched terms (then the most matches) starts: the
 * first word or a matched one, earliest on ties. One pass, the window's counts kept as it slides.
 */
function bestWindow(words: Word[], size: number): number {
  const counts = new Map<string, number>();
  let hits = 0;
  const add = (match: string | undefined, by: number) => {
    if (!match) return;
    hits += by;
    const n = (counts.get(match) ?? 0) + by;
    if (n === 0) counts.delete(match);
    else counts.set(match, n);
  };
  for (let j = 0; j < Math.min(words.length, size); j++) add(words[j]?.match, 1);
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < words.length; i++) {
    if (i > 0) {
      add(words[i - 1]?.match, -1);
      if (i + size - 1 < words.length) add(words[i + size - 1]?.match, 1);
    }
    if (!words[i]?.match && i > 0) continue;
    const score = counts.size * 100 + hits;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/**
 * The window of about `size` words holding the most distinct matched terms (earliest on ties).
 * @example
 * makeSnippet("The embassy in Kabul <b>closed</b>.", { stems: new Set(["kabul"]), prefixes: [] });
 * // "The embassy in <mark>Kabul</mark> &lt;b&gt;closed&lt;/b&gt;."
 */
export function makeSnippet(text: string, matcher: Matcher, size = 32, tokens?: TextWord[]): string {
  const words = matchWords(text, matcher, tokens);
  if (words.length === 0) return escapeHtml(text.slice(0, 200));
  const best = bestWindow(words, size);
  // Start a few words before the first match, for context.
  const first = Math.max(0, best - 4);
  const lastWord = Math.min(words.length, first + size) - 1;
  const from = first === 0 ? 0 : (words[first] as Word).start;
  const to = lastWord === words.length - 1 ? text.length : (words[lastWord] as Word).end;
  let out = "";
  let at = from;
  for (let i = first; i <= lastWord; i++) {
    const word = words[i] as Word;
    if (!word.match) continue;
    out += `${escapeHtml(text.slice(at, word.start))}<mark>${escapeHtml(text.slice(word.start, word.end))}</mark>`;
    at = word.end;
  }
  out += escapeHtml(text.slice(at, to));
  out = out.replace(/\s+/g, " ").trim();
  return `${from > 0 ? "… " : ""}${out}${to < text.length ? " …" : ""}`;
}
