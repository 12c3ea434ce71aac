/** @module Runs the tagger over a document's sentences: each word scored from itself, its sentence and its document, then the best labels by Viterbi. */
import {
  clustersInUse,
  type DocumentContext,
  documentContext,
  FEATURES_PER_WORD,
  type PreparedSentence,
  prepareSentence,
  sentenceFeatures,
  useClusters,
} from "./features";
import { decodeSpans, LABEL_COUNT } from "./labels";
import type { TaggerModel } from "./model";
import { viterbi } from "./viterbi";

/** A span of words a stage tagged, word indices into its sentence. */
export interface TaggedSpan {
  from: number;
  to: number;
  type: number;
}

/** The feature buckets of the sentence being scored, reused from sentence to sentence. */
let features = new Int32Array(64 * FEATURES_PER_WORD);

/**
 * The label scores of one sentence's words (`LABEL_COUNT` a word), before Viterbi.
 * @example
 * const sentence = prepareSentence(["Kabul", "fell"]);
 * scoreSentence(model, sentence, documentContext([sentence])).length; // 2 * LABEL_COUNT
 */
export function scoreSentence(model: TaggerModel, sentence: PreparedSentence, doc: DocumentContext, into?: Float64Array): Float64Array {
  const length = sentence.words.length;
  const emissions = into ? into.subarray(0, length * LABEL_COUNT).fill(0) : new Float64Array(length * LABEL_COUNT);
  if (features.length < length * FEATURES_PER_WORD) features = new Int32Array(2 * length * FEATURES_PER_WORD);
  model.emit(sentenceFeatures(sentence, doc, features, false), length, emissions, {
    words: sentence.infos,
    caps: sentence.headline ? 1 : 0,
    active: sentence.active,
  });
  return emissions;
}

/**
 * Tags the sentences of one document: returns each sentence's spans (word indices, `to` exclusive; `type` indexes
 * `TYPES`).
 * @example
 * tagDocument(model, [["Tony", "Blair", "met", "Chirac", "."]]); // [[{ from: 0, to: 2, type: 0 }, { from: 3, to: 4, type: 0 }]]
 */
export function tagDocument(model: TaggerModel, sentences: readonly (readonly string[])[]): TaggedSpan[][] {
  useClusters(model.clusters);
  return tagPrepared(model, sentences.map(prepareSentence));
}

/**
 * `tagDocument` for sentences already prepared (see `prepareSentence`) with the model's clusters in use (`useClusters`).
 * @example
 * useClusters(model.clusters);
 * tagPrepared(model, [["Kabul", "fell", "."]].map(prepareSentence)); // [[{ from: 0, to: 1, type: 2 }]]
 */
export function tagPrepared(model: TaggerModel, prepared: readonly PreparedSentence[]): TaggedSpan[][] {
  if (clustersInUse() !== model.clusters) throw new Error("tagPrepared: prepare the sentences with useClusters(model.clusters) first");
  const doc = documentContext(prepared);
  return prepared.map((sentence) => {
    const length = sentence.words.length;
    // No word with a capital, nor next to one: every word can only be "O".
    if (!sentence.active.includes(1)) return [];
    if (emissions.length < length * LABEL_COUNT) emissions = new Float64Array(2 * length * LABEL_COUNT);
    return decodeSpans(viterbi(scoreSentence(model, sentence, doc, emissions), model.transitions, length));
  });
}

/** The label scores of the sentence being decoded, reused from sentence to sentence. */
let emissions = new Float64Array(64 * LABEL_COUNT);
