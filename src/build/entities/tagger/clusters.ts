/**
 * @module Word clusters learnt from unlabelled text: words that stand in the same contexts ("said Smith", "said
 * Jones") share a cluster, so the tagger knows something of words its training set never labelled. Spherical
 * k-means over each word's left and right neighbours; the result is a table from word hash to cluster, no words.
 */
import { wordHash } from "./features";

export interface ClusterOptions {
  /** Number of clusters (default 256). */
  clusters?: number;
  /** Words seen fewer times get no cluster (default 5). */
  minCount?: number;
  /** The most frequent words, whose presence left or right of a word describes it (default 1,000). */
  contexts?: number;
  /** k-means passes (default 12). */
  iterations?: number;
}

/**
 * A word's key in the cluster table: its hash as the features read it (see `wordHash`).
 * @example
 * clusterKey("Mr.") === clusterKey("mr"); // true
 */
export const clusterKey = wordHash;

/**
 * Clusters the words of unlabelled sentences: returns word key (see `clusterKey`) → cluster number. Deterministic:
 * the same sentences and options give the same table.
 * @example
 * const table = learnClusters(sentences, { clusters: 64 });
 * table.get(clusterKey("Smith")) === table.get(clusterKey("Jones")); // likely
 */
export function learnClusters(sentences: Iterable<readonly string[]>, options: ClusterOptions = {}): Map<number, number> {
  const k = options.clusters ?? 256;
  const minCount = options.minCount ?? 5;
  const contextCount = options.contexts ?? 1000;
  const iterations = options.iterations ?? 12;

  // Count words, and every (word, left neighbour) and (word, right neighbour) pair by key.
  const counts = new Map<number, number>();
  const keyed: number[][] = [];
  for (const words of sentences) {
    const keys = words.map(clusterKey);
    keyed.push(keys);
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const contextIndex = new Map<number, number>(byFrequency.slice(0, contextCount).map(([key], i) => [key, i]));
  const vocabulary = byFrequency.filter(([, n]) => n >= minCount).map(([key]) => key);
  const row = new Map<number, number>(vocabulary.map((key, i) => [key, i]));
  const vectors: Map<number, number>[] = vocabulary.map(() => new Map());
  const BOUNDARY = contextCount; // one more context: the sentence's edge
  for (const keys of keyed) {
    for (let i = 0; i < keys.length; i++) {
      const r = row.get(keys[i] as number);
      if (r === undefined) continue;
      const vector = vectors[r] as Map<number, number>;
      const left = i > 0 ? (contextIndex.get(keys[i - 1] as number) ?? -1) : BOUNDARY;
      const right = i + 1 < keys.length ? (contextIndex.get(keys[i + 1] as number) ?? -1) : BOUNDARY;
      if (left >= 0) vector.set(left, (vector.get(left) ?? 0) + 1);
      if (right >= 0) vector.set(contextCount + 1 + right, (vector.get(contextCount + 1 + right) ?? 0) + 1);
    }
  }
  const dims = 2 * (contextCount + 1);
  // Sparse, log-scaled, unit-length vectors.
  const sparse = vectors.map((vector) => {
    const index = Int32Array.from([...vector.keys()].sort((a, b) => a - b));
    const value = Float64Array.from(index, (d) => Math.log1p(vector.get(d) as number));
    const norm = Math.hypot(...value) || 1;
    for (let j = 0; j < value.length; j++) value[j] = (value[j] as number) / norm;
    return { index, value };
  });
  // Seeds: words spread evenly over the frequency ranking.
  const clusters = Math.min(k, sparse.length);
  const centroids = new Float64Array(clusters * dims);
  for (let c = 0; c < clusters; c++) {
    const { index, value } = sparse[Math.floor((c * sparse.length) / clusters)] as { index: Int32Array; value: Float64Array };
    for (let j = 0; j < index.length; j++) centroids[c * dims + (index[j] as number)] = value[j] as number;
  }
  const assignment = new Int32Array(sparse.length);
  for (let pass = 0; pass < iterations; pass++) {
    sparse.forEach(({ index, value }, w) => {
      let best = 0;
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < clusters; c++) {
        const base = c * dims;
        let score = 0;
        for (let j = 0; j < index.length; j++) score += (value[j] as number) * (centroids[base + (index[j] as number)] as number);
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      assignment[w] = best;
    });
    centroids.fill(0);
    sparse.forEach(({ index, value }, w) => {
      const base = (assignment[w] as number) * dims;
      for (let j = 0; j < index.length; j++) {
        const at = base + (index[j] as number);
        centroids[at] = (centroids[at] as number) + (value[j] as number);
      }
    });
    for (let c = 0; c < clusters; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += (centroids[c * dims + d] as number) ** 2;
      const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let d = 0; d < dims; d++) centroids[c * dims + d] = (centroids[c * dims + d] as number) * scale;
    }
  }
  return new Map(vocabulary.map((key, w) => [key, assignment[w] as number]));
}
