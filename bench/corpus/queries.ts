/** @module The query set: 1–3 consecutive words of random articles, drawn with a seed, each query distinct. */

import { pick, seeded } from "../../scripts/shared/prng";
import { foldWords, isStopWord } from "../../src/format/analyzer";
import type { SourceDocument } from "../../src/format/schema";

/** Words a query is made of: not the engine's stop words (it drops them), not one letter, not a bare number. */
const usable = (word: string) => word.length > 1 && !isStopWord(word) && !/^\d+$/.test(word);

/**
 * `count` distinct queries: pick an article, then 1–3 consecutive words of its title and body (stop words and bare
 * numbers left out), so every query matches at least that article and frequent words come up as often as they occur.
 * @example
 * drawQueries(documents, 1000, 7); // ["bahia cocoa", "shipments", "crude oil prices", …]
 */
export function drawQueries(documents: SourceDocument[], count: number, seed: number): string[] {
  const random = seeded(seed);
  const out = new Set<string>();
  for (let attempt = 0; out.size < count && attempt < count * 50; attempt++) {
    const doc = documents[pick(random, documents.length)];
    if (!doc) break;
    const words = foldWords(`${doc.title}\n${doc.body}`).filter(usable);
    if (words.length === 0) continue;
    const length = 1 + pick(random, 3);
    const start = pick(random, Math.max(1, words.length - length + 1));
    out.add(words.slice(start, start + length).join(" "));
  }
  return [...out];
}
