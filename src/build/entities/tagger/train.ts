/** @module Trains the tagger: a structured averaged perceptron over BILOU labels, decoded with Viterbi. */

import { seeded } from "../../random";
import { BUCKET_BITS, clustersInUse, documentContext, prepareSentence, sentenceFeatures, useClusters } from "./features";
import { LABEL_COUNT } from "./labels";
import type { DenseWeights, SentenceWords, TaggerModel } from "./model";
import { viterbi } from "./viterbi";

const L = LABEL_COUNT;

/** A training document: sentences of words with their gold labels (indices into `LABELS`). */
export interface TrainingDocument {
  sentences: { words: string[]; labels: number[] }[];
}

export interface TrainOptions {
  /** Passes over the training sentences (default 10). */
  epochs?: number;
  /** Seed of the sentence order (default 1). */
  seed?: number;
  /** Word clusters learnt from unlabelled text (see clusters.ts); none by default. */
  clusters?: ReadonlyMap<number, number>;
  /** Called after each pass of each stage. */
  onEpoch?: (stage: string, epoch: number, mistakes: number) => void;
}

/** Dense weights usable as a stage while training. */
class DenseStage implements TaggerModel {
  readonly weights: Float64Array;
  readonly transitions = new Float64Array((L + 1) * L);
  constructor(
    weights?: Float64Array,
    readonly clusters: ReadonlyMap<number, number> = new Map(),
  ) {
    this.weights = weights ?? new Float64Array((1 << BUCKET_BITS) * L);
  }
  emit(features: Int32Array, length: number, out: Float64Array, sentence?: SentenceWords): void {
    const per = length > 0 ? features.length / length : 0;
    const w = this.weights;
    for (let i = 0; i < length; i++) {
      const base = i * L;
      if (sentence && !sentence.active[i]) {
        for (let t = 1; t < L; t++) out[base + t] = -1e9;
        continue;
      }
      // The local features are also in `features`: `sentence.words` only lets a sparse stage cache their sum.
      for (let k = i * per, end = k + per; k < end; k++) {
        const row = (features[k] as number) * L;
        for (let t = 0; t < L; t++) out[base + t] = (out[base + t] as number) + (w[row + t] as number);
      }
    }
  }
}

/** One training sentence: its features, gold labels, and optional fixed scores added to the learnt ones. */
interface Example {
  features: Int32Array;
  labels: number[];
  base?: Float64Array;
  baseTransitions?: Float64Array;
}

/** Averaged structured perceptron; an example's `base` scores, when given, are added and never learnt. */
function perceptron(examples: readonly Example[], options: TrainOptions, name: string): DenseWeights {
  const epochs = options.epochs ?? 10;
  const next = seeded(options.seed ?? 1);
  const stage = new DenseStage();
  const w = stage.weights;
  const t = stage.transitions;
  const u = new Float64Array(w.length);
  const ut = new Float64Array(t.length);
  const combined = new Float64Array(t.length);
  const order = examples.map((_, i) => i);
  let c = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let mistakes = 0;
    for (const index of order) {
      const { features, labels, base, baseTransitions } = examples[index] as Example;
      const n = labels.length;
      const per = features.length / n;
      const emissions = base ? base.slice() : new Float64Array(n * L);
      stage.emit(features, n, emissions);
      if (baseTransitions) for (let i = 0; i < t.length; i++) combined[i] = (t[i] as number) + (baseTransitions[i] as number);
      const predicted = viterbi(emissions, baseTransitions ? combined : t, n);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const gold = labels[i] as number;
        const guess = predicted[i] as number;
        const goldFrom = i === 0 ? L : (labels[i - 1] as number);
        const guessFrom = i === 0 ? L : (predicted[i - 1] as number);
        if (gold !== guess) {
          wrong = true;
          for (let k = i * per, end = k + per; k < end; k++) {
            const row = (features[k] as number) * L;
            w[row + gold] = (w[row + gold] as number) + 1;
            u[row + gold] = (u[row + gold] as number) + c;
            w[row + guess] = (w[row + guess] as number) - 1;
            u[row + guess] = (u[row + guess] as number) - c;
          }
        }
        if (gold !== guess || goldFrom !== guessFrom) {
          t[goldFrom * L + gold] = (t[goldFrom * L + gold] as number) + 1;
          ut[goldFrom * L + gold] = (ut[goldFrom * L + gold] as number) + c;
          t[guessFrom * L + guess] = (t[guessFrom * L + guess] as number) - 1;
          ut[guessFrom * L + guess] = (ut[guessFrom * L + guess] as number) - c;
        }
      }
      if (wrong) mistakes++;
      c++;
    }
    options.onEpoch?.(name, epoch + 1, mistakes);
  }
  for (let i = 0; i < w.length; i++) if (w[i] !== 0 || u[i] !== 0) w[i] = (w[i] as number) - (u[i] as number) / c;
  for (let i = 0; i < t.length; i++) t[i] = (t[i] as number) - (ut[i] as number) / c;
  return { weights: w, transitions: t, clusters: clustersInUse() };
}

function stageOf(weights: DenseWeights): DenseStage {
  const stage = new DenseStage(weights.weights, weights.clusters);
  stage.transitions.set(weights.transitions);
  return stage;
}

/** The training examples of documents: every word of every sentence (`active` only narrows tagging). */
function examplesOf(docs: readonly TrainingDocument[]): Example[] {
  return docs.flatMap((doc) => {
    const sentences = doc.sentences.filter((s) => s.words.length > 0);
    const prepared = sentences.map((s) => prepareSentence(s.words));
    const context = documentContext(prepared);
    return prepared.map((sentence, i) => ({
      features: sentenceFeatures({ ...sentence, active: new Uint8Array(sentence.words.length).fill(1) }, context),
      labels: (sentences[i] as { labels: number[] }).labels,
    }));
  });
}

/**
 * Trains the tagger on labelled documents and returns its dense averaged weights (write them with `encodeModel`).
 * Deterministic: the same documents and options give the same weights.
 * @example
 * const trained = trainTagger(readConllLabels(readFileSync("eng.train", "utf8")), { epochs: 15, clusters });
 */
export function trainTagger(docs: readonly TrainingDocument[], options: TrainOptions = {}): DenseWeights {
  useClusters(options.clusters ?? new Map());
  return perceptron(examplesOf(docs), options, "tagger");
}

/**
 * Dense weights as a model the tagger can run, without writing them out (for evaluation while training).
 * @example
 * tagDocument(denseModel(trained), [["Kabul", "fell", "."]]);
 */
export function denseModel(trained: DenseWeights): TaggerModel {
  return stageOf(trained);
}
