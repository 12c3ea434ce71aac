/** @module Synthetic news articles from a real corpus's sentences: its word frequencies (Zipf) plus a growing tail of rare names. */
import { pick, type Random, seeded, zipf } from "../../scripts/shared/prng";
import { rareName } from "./names";
import type { SourceModel } from "./source-model";

export interface SyntheticRecord {
  id: string;
  title: string;
  body: string;
  date?: string;
  [field: string]: unknown;
}

/** A sentence of the source article is kept with this probability, else one from anywhere takes its place. */
const KEEP_SENTENCE = 0.6;
/** A capitalized word inside a sentence (a name, a place, a company) becomes a made-up name this often. */
const RENAME = 0.35;
/** A title gets one made-up name this often. */
const RENAME_TITLE = 0.5;
/** Capitalized words that are not names. */
const NOT_NAMES = new Set(
  "The This That These Those There They Their It Its He She We In On At For From With By But And Or Of To As An A If When While After Before " +
    "January February March April May June July August September October November December " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Reuter Reuters",
);

const CAPITALIZED = /(?<= )[A-Z][a-z]{2,}\b/g;

/**
 * Article `n` of a synthetic corpus: the sentences of a random source article, 40% of them swapped for random
 * sentences of the whole corpus (so word frequencies stay those of real news), and about a third of the
 * names inside sentences replaced by made-up names drawn with Zipf's law from a pool that grows with the
 * corpus, so that rare terms keep appearing as real archives grow.
 */
export function syntheticRecord(model: SourceModel, random: Random, n: number, namePool: number): SyntheticRecord {
  const source = model.docs[pick(random, model.docs.length)] as SourceModel["docs"][number];
  const name = () => rareName(zipf(random, namePool));
  const sentences: string[] = [];
  for (let i = 0; i < source.count; i++) {
    const own = random() < KEEP_SENTENCE;
    const s = model.sentences[own ? source.first + i : pick(random, model.sentences.length)] as string;
    sentences.push(s.replace(CAPITALIZED, (word) => (!NOT_NAMES.has(word) && random() < RENAME ? name() : word)));
  }
  let title = source.title;
  if (random() < RENAME_TITLE) {
    const words = title.split(" ");
    const at = pick(random, words.length);
    if ((words[at]?.length ?? 0) >= 4) words[at] = name();
    title = words.join(" ");
  }
  return { ...source.meta, id: `syn-${n}`, title, body: sentences.join(" "), ...(source.date ? { date: source.date } : {}) };
}

/**
 * The `count` articles of a synthetic corpus, in order; the same seed gives the same articles.
 * @example
 * for (const record of syntheticCorpus(sourceModel(reuters), 100_000, 42)) write(record);
 */
export function* syntheticCorpus(model: SourceModel, count: number, seed: number): Generator<SyntheticRecord> {
  const random = seeded(seed);
  const namePool = Math.max(1000, count);
  for (let n = 0; n < count; n++) yield syntheticRecord(model, random, n, namePool);
}
