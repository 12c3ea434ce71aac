/** @module Cuts the best passage of a text around matched terms, HTML-escaped, with each match wrapped in `<mark>`. */
import { stem } from "../format/analyzer";
import { type TextWord, textWords } from "./doc-words";

export interface Matcher {
  /** Index terms (stems): a word whose stem is one matches. */
  stems: Set<string>;
  /** Folded prefixes: a word starting with one matches. */
  prefixes: string[];
  /**
   * The stems of the words as typed (not their completions or corrections): a passage holding them is preferred.
   * Undefined: every stem counts as typed.
   */
  exact?: Set<string>;
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
  /** Whether that term is a word as typed (see `Matcher.exact`). */
  exact?: boolean;
}

/** Splits text into words with offsets (or takes them already split), noting which query term each one matches. */
export function matchWords(text: string, matcher: Matcher, tokens: TextWord[] = textWords(text)): Word[] {
  const words = tokens.map((token) => {
    const word: Word = { start: token.start, end: token.end };
    token.folded.forEach((folded, i) => {
      if (word.match) return;
      const s = token.stems[i] as string;
      if (matcher.stems.has(s)) {
        word.match = s;
        word.exact = !matcher.exact || matcher.exact.has(s);
      } else word.match = matcher.prefixes.find((p) => folded.startsWith(p));
    });
    return word;
  });
  // A hyphenated word the search found written together ("ceasefire" in "cease-fire", as the build indexes it too).
  for (let i = 0; i + 1 < words.length; i++) {
    const [a, b] = [words[i] as Word, words[i + 1] as Word];
    if (a.match || b.match || !/^[-‐]$/u.test(text.slice(a.end, b.start))) continue;
    const s = stem(`${(tokens[i] as TextWord).folded.at(-1) ?? ""}${(tokens[i + 1] as TextWord).folded[0] ?? ""}`);
    if (!matcher.stems.has(s)) continue;
    for (const word of [a, b]) {
      word.match = s;
      word.exact = !matcher.exact || matcher.exact.has(s);
    }
  }
  return words;
}

/**
 * Where the window of `size` words holding the most distinct matched terms starts, the words as typed counting more
 * than completions and corrections ("bird flu" before "bird … flurry"), then the most matched words standing side by
 * side (a phrase before scattered words), then the most matches: the first word or a matched one, earliest on ties.
 * One pass, the window's counts kept as it slides.
 */
function bestWindow(words: Word[], size: number): number {
  const counts = new Map<string, number>();
  /** The window's first word. */
  let i0 = 0;
  let exact = 0;
  let hits = 0;
  let adjacent = 0;
  /** Two neighbours matching two different terms: a phrase of the query, or part of one. */
  const pair = (a: Word | undefined, b: Word | undefined) => !!a?.match && !!b?.match && a.match !== b.match;
  const add = (j: number, by: number) => {
    const word = words[j];
    if (!word?.match) return;
    hits += by;
    // A pair counts while both its words are in the window: from when its second comes in until its first goes out.
    if (by > 0 && j - 1 >= i0 && pair(words[j - 1], word)) adjacent++;
    if (by < 0 && j + 1 < i0 + size && pair(word, words[j + 1])) adjacent--;
    const key = word.exact ? `=${word.match}` : word.match;
    const n = (counts.get(key) ?? 0) + by;
    if (n === 0) {
      counts.delete(key);
      if (word.exact) exact--;
    } else {
      if (n === by && word.exact) exact++;
      counts.set(key, n);
    }
  };
  for (let j = 0; j < Math.min(words.length, size); j++) add(j, 1);
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < words.length; i++) {
    if (i > 0) {
      add(i - 1, -1);
      i0 = i;
      if (i + size - 1 < words.length) add(i + size - 1, 1);
    }
    if (!words[i]?.match && i > 0) continue;
    const score = exact * 10_000 + counts.size * 100 + Math.min(adjacent, 9) * 10 + Math.min(hits, 9);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/**
 * The window of about `size` words holding the most distinct matched terms (see `bestWindow`; earliest on ties).
 * `continues`: `text` is the start of a longer one (a document's stored snippet source), so its last word may be
 * cut: it is left out, and a window reaching it ends with "…".
 * @example
 * makeSnippet("The embassy in Kabul <b>closed</b>.", { stems: new Set(["kabul"]), prefixes: [] });
 * // "The embassy in <mark>Kabul</mark> &lt;b&gt;closed&lt;/b&gt;."
 */
export function makeSnippet(text: string, matcher: Matcher, size = 32, tokens?: TextWord[], continues = false): string {
  let words = matchWords(text, matcher, tokens);
  let end = text.length;
  if (continues && words.length > 1) {
    // The cut may fall inside the last word (or right after it): the text ends before it.
    words = words.slice(0, -1);
    end = (words[words.length - 1] as Word).end;
  }
  if (words.length === 0) return escapeHtml(text.slice(0, 200));
  const best = bestWindow(words, size);
  // Start a few words before the first match, for context.
  const first = Math.max(0, best - 4);
  const lastWord = Math.min(words.length, first + size) - 1;
  const from = first === 0 ? 0 : (words[first] as Word).start;
  const to = lastWord === words.length - 1 ? end : (words[lastWord] as Word).end;
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
  return `${from > 0 ? "… " : ""}${out}${to < text.length || continues ? " …" : ""}`;
}
