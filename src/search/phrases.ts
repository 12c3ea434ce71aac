/** @module Quoted phrases: postings hold no positions, so the best full matches are checked against their stored text. */
import type { BundleReader } from "../format/reader";
import type { DocMeta } from "../format/schema";
import type { DocWords } from "./doc-words";
import { type Candidate, compareTiered } from "./rank";
import type { Match } from "./types";

/** Full matches whose phrases are checked against the text, at most. */
export const MAX_PHRASE_CHECKS = 100;

/**
 * Full matches whose phrases really occur come first, marked `phrase`; the rest keep their order after them.
 * @example
 * const candidates = await checkPhrases(reader, match, 10, wordsOf);
 */
export async function checkPhrases(
  reader: BundleReader,
  match: Match,
  wanted: number,
  wordsOf: (n: number, meta: DocMeta) => DocWords,
  /** Read the date runs in the same round trip (the search's first metadata read carries them; see `BundleReader.metas`). */
  withDates = false,
): Promise<Candidate[]> {
  const full = match.candidates.filter((c) => c.matched === match.full);
  const checked = full.slice(0, Math.min(MAX_PHRASE_CHECKS, Math.max(wanted * 2, 20)));
  const metas = await reader.metas(
    checked.map((c) => c.doc),
    withDates,
  );
  const verified = new Set<number>();
  for (const c of checked) {
    const meta = metas.get(c.doc) as DocMeta;
    const words = wordsOf(c.doc, meta).folded;
    if (match.parsed.phrases.every((phrase) => containsSequence(words, phrase))) verified.add(c.doc);
  }
  const tier = (c: Candidate) => (c.phrase ? 1 : 0);
  return match.candidates
    .map((c): Candidate => (verified.has(c.doc) ? { ...c, phrase: true } : c))
    .sort((a, b) => b.matched - a.matched || tier(b) - tier(a) || compareTiered(a, b));
}

/**
 * Whether `phrase` occurs in `words`, side by side.
 * @example
 * containsSequence(["the", "security", "council"], ["security", "council"]); // true
 */
export function containsSequence(words: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}
