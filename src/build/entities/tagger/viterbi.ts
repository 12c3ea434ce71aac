/** @module The best well-formed label sequence of a sentence, given each word's label scores and the transition scores. */
import { allowed, LABEL_COUNT, mayEnd } from "./labels";

const L = LABEL_COUNT;
/** `ALLOWED[from * L + to]`, with `from = L` for the start of a sentence. */
const ALLOWED = (() => {
  const table = new Uint8Array((L + 1) * L);
  for (let from = 0; from <= L; from++) for (let to = 0; to < L; to++) table[from * L + to] = allowed(from, to) ? 1 : 0;
  return table;
})();

/** Scratch tables reused from sentence to sentence (the decoder is not re-entered while it runs). */
let scores = new Float64Array(64 * L);
let backs = new Int8Array(64 * L);

/** For each label, the labels that may come before it. */
const FROM = Array.from({ length: L }, (_, to) =>
  Int8Array.from(Array.from({ length: L }, (_, from) => from).filter((from) => ALLOWED[from * L + to])),
);

/**
 * Viterbi decoding: `emissions[i * L + label]` is the score of a label at word i, `transitions[from * L + to]`
 * the score of a pair (`from = L` at the start). Returns the labels of the best sequence that opens and closes
 * every span it starts.
 * @example
 * viterbi(emissions, model.transitions, words.length).map((label) => LABELS[label]); // ["B-PER", "L-PER", "O"]
 */
export function viterbi(emissions: Float64Array, transitions: Float64Array, length: number): number[] {
  if (length === 0) return [];
  if (scores.length < length * L) {
    scores = new Float64Array(2 * length * L);
    backs = new Int8Array(2 * length * L);
  }
  const score = scores;
  const back = backs;
  for (let to = 0; to < L; to++)
    score[to] = ALLOWED[L * L + to] ? (emissions[to] as number) + (transitions[L * L + to] as number) : Number.NEGATIVE_INFINITY;
  for (let i = 1; i < length; i++) {
    const row = i * L;
    const prev = row - L;
    for (let to = 0; to < L; to++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      const emission = emissions[row + to] as number;
      if (emission <= -1e8) {
        // A label ruled out at this word (see `Stage.emit`): no need to find its best predecessor.
        score[row + to] = Number.NEGATIVE_INFINITY;
        continue;
      }
      const froms = FROM[to] as Int8Array;
      for (let f = 0; f < froms.length; f++) {
        const from = froms[f] as number;
        const s = (score[prev + from] as number) + (transitions[from * L + to] as number);
        if (s > best) {
          best = s;
          arg = from;
        }
      }
      score[row + to] = best + emission;
      back[row + to] = arg;
    }
  }
  let last = 0;
  let best = Number.NEGATIVE_INFINITY;
  const end = (length - 1) * L;
  for (let label = 0; label < L; label++) {
    if (mayEnd(label) && (score[end + label] as number) > best) {
      best = score[end + label] as number;
      last = label;
    }
  }
  const labels = new Array<number>(length);
  for (let i = length - 1; i >= 0; i--) {
    labels[i] = last;
    last = back[i * L + last] as number;
  }
  return labels;
}
