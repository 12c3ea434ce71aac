/** @module Ranking metrics over judged queries: nDCG@k, Recall@k and MRR@k, as BEIR computes them. */

/** Judgments: query id → document id → graded relevance. */
export type Qrels = Map<string, Map<string, number>>;

/** Parses a BEIR qrels TSV (`query-id corpus-id score`, with a header line). */
export function parseQrels(text: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of text.split("\n")) {
    const [q, d, s] = line.trim().split(/\s+/);
    if (!q || !d || s === undefined || q === "query-id") continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)?.set(d, Number(s));
  }
  return qrels;
}

export interface Metrics {
  ndcg10: number;
  recall100: number;
  mrr10: number;
  queries: number;
}

/**
 * Averages the metrics over the judged queries of a run (query id → ranked document ids).
 * @example
 * evaluate(new Map([["q1", ["d1", "d2"]]]), parseQrels("q1 d2 1")); // { ndcg10: 0.63, recall100: 1, mrr10: 0.5, queries: 1 }
 */
export function evaluate(run: Map<string, string[]>, qrels: Qrels): Metrics {
  let ndcg = 0;
  let recall = 0;
  let mrr = 0;
  let n = 0;
  for (const [query, judged] of qrels) {
    const relevant = [...judged].filter(([, s]) => s > 0);
    if (relevant.length === 0) continue;
    const hits = run.get(query) ?? [];
    n++;
    const gain = (doc: string) => judged.get(doc) ?? 0;
    const dcg = hits.slice(0, 10).reduce((sum, doc, i) => sum + (2 ** gain(doc) - 1) / Math.log2(i + 2), 0);
    const ideal = relevant
      .map(([, s]) => s)
      .sort((a, b) => b - a)
      .slice(0, 10)
      .reduce((sum, s, i) => sum + (2 ** s - 1) / Math.log2(i + 2), 0);
    ndcg += ideal > 0 ? dcg / ideal : 0;
    const top = new Set(hits.slice(0, 100));
    recall += relevant.filter(([d]) => top.has(d)).length / relevant.length;
    const first = hits.slice(0, 10).findIndex((d) => gain(d) > 0);
    mrr += first >= 0 ? 1 / (first + 1) : 0;
  }
  return { ndcg10: ndcg / Math.max(1, n), recall100: recall / Math.max(1, n), mrr10: mrr / Math.max(1, n), queries: n };
}
