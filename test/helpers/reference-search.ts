/**
 * @module The test oracle: a brute-force search written apart from the engine. Plain loops over the documents,
 * the shared analyzer for terms, BM25 from raw counts, filters applied one document at a time, one sort. It shares
 * no parsing of postings, slots, shards, tails or ranking code with `src/search`, so a ranker bug cannot cancel out.
 */
import { analyze, stem } from "../../src/format/analyzer";
import type { ParsedQuery } from "../../src/search/parse-query";

/** The ranking's specification, stated here on its own: a change to the engine's constants must change this too. */
export const SPEC = {
  k1: 0.9,
  b: 0.4,
  /** A title match adds this share of the text score of the same term (text holds the title too). */
  titleWeight: 0.3,
  /** Queries with at most this many clauses put documents matching all of them first. */
  tierMaxGroups: 4,
  /** Weight slots the index quantizes a term weight into; a stored weight is the middle of its slot. */
  resolution: 24,
} as const;

export interface ReferenceDocument {
  title: string;
  body: string;
  /** `YYYY-MM-DD`, or none. */
  date?: string;
  /** Ids of the document's entities. */
  entities?: string[];
}

export interface ReferenceOptions {
  want?: number;
  order?: "relevance" | "date";
  entities?: string[];
}

/** One document's standing for a query, by document number (the bundle's: by date, ties in input order). */
export interface Scored {
  doc: number;
  /** How many of the query's clauses it matches. */
  matched: number;
  /** Exact BM25: Σ clauses of the best of its words, each idf × saturated tf, title on top of text. */
  score: number;
  /** How far the index's quantized weights may move `score`: half a slot per term and field that counts. */
  tolerance: number;
}

export interface ReferenceAnswer {
  /** Every matching document, best first (documents tied in score by number). */
  ranked: Scored[];
  total: number;
  tiered: boolean;
}

interface Analyzed {
  date?: string;
  entities: Set<string>;
  /** Term counts of the title, and of title and body together. */
  title: Map<string, number>;
  text: Map<string, number>;
  titleLength: number;
  textLength: number;
}

const counts = (terms: string[]) => {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
};

/** BM25's saturated term frequency. */
const saturation = (tf: number, length: number, average: number) =>
  (tf * (SPEC.k1 + 1)) / (tf + SPEC.k1 * (1 - SPEC.b + (SPEC.b * length) / Math.max(1, average)));

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** The largest error of one stored weight: half a slot. */
const HALF_SLOT = (SPEC.k1 + 1) / SPEC.resolution / 2;

/** The order the bundle numbers documents in: by date (undated first), ties in input order. */
export function bundleOrder<T extends { date?: string }>(docs: T[]): T[] {
  return docs
    .map((doc, i) => ({ doc, i }))
    .sort((a, b) => {
      const x = a.doc.date ?? "";
      const y = b.doc.date ?? "";
      return x < y ? -1 : x > y ? 1 : a.i - b.i;
    })
    .map(({ doc }) => doc);
}

/**
 * A brute-force search over documents already in bundle order. Clauses are single words or ORs of words (no
 * prefixes, no corrections: the caller keeps those out), optionally `title:`, or negated.
 * @example
 * const ref = referenceSearch(docs);
 * ref(parseQuery("zz rare "), { want: 10 }).ranked[0];
 */
export function referenceSearch(docs: ReferenceDocument[]): (query: ParsedQuery, options?: ReferenceOptions) => ReferenceAnswer {
  const analyzed: Analyzed[] = docs.map((d) => {
    const title = analyze(d.title);
    const text = [...title, ...analyze(d.body)];
    return {
      date: d.date,
      entities: new Set(d.entities ?? []),
      title: counts(title),
      text: counts(text),
      titleLength: title.length,
      textLength: text.length,
    };
  });
  const n = analyzed.length;
  const average = {
    title: analyzed.reduce((s, d) => s + d.titleLength, 0) / Math.max(1, n),
    text: analyzed.reduce((s, d) => s + d.textLength, 0) / Math.max(1, n),
  };
  const df = (term: string, field: "title" | "text") => analyzed.filter((d) => d[field].has(term)).length;

  return (query, options = {}) => {
    const positive = query.clauses.filter((c) => !c.negated);
    const banned = query.clauses.filter((c) => c.negated).flatMap((c) => c.words.map((w) => stem(w)));
    const entityIds = [...query.entities, ...(options.entities ?? [])];
    const ranked: Scored[] = [];
    for (const [doc, d] of analyzed.entries()) {
      if (banned.some((t) => d.text.has(t))) continue;
      if (entityIds.some((id) => !d.entities.has(id))) continue;
      if ((query.from || query.to) && (!d.date || (query.from && d.date < query.from) || (query.to && d.date > query.to))) continue;
      let matched = 0;
      let score = 0;
      let tolerance = 0;
      for (const clause of positive) {
        let best = 0;
        let bestTolerance = 0;
        for (const term of new Set(clause.words.map((w) => stem(w)))) {
          let s = 0;
          let t = 0;
          if (clause.field === "title") {
            const tf = d.title.get(term) ?? 0;
            if (tf > 0) {
              const w = idf(n, df(term, "title"));
              s = w * saturation(tf, d.titleLength, average.title);
              t = w * HALF_SLOT;
            }
          } else {
            const w = idf(n, df(term, "text"));
            const tf = d.text.get(term) ?? 0;
            const tfTitle = d.title.get(term) ?? 0;
            if (tf > 0) {
              s += w * saturation(tf, d.textLength, average.text);
              t += w * HALF_SLOT;
            }
            if (tfTitle > 0) {
              s += SPEC.titleWeight * w * saturation(tfTitle, d.titleLength, average.title);
              t += SPEC.titleWeight * w * HALF_SLOT;
            }
          }
          if (s > best) {
            best = s;
            bestTolerance = t;
          }
        }
        if (best > 0) {
          matched++;
          score += best;
          tolerance += bestTolerance;
        }
      }
      // Filters alone (no clause) take every document they allow.
      if (positive.length > 0 && matched === 0) continue;
      ranked.push({ doc, matched, score, tolerance: tolerance + 1e-4 * score + 1e-6 });
    }
    const tiered = positive.length <= SPEC.tierMaxGroups;
    if (positive.length === 0 || options.order === "date") ranked.sort((a, b) => b.matched - a.matched || b.doc - a.doc);
    else if (tiered) ranked.sort((a, b) => b.matched - a.matched || b.score - a.score || a.doc - b.doc);
    else ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    return { ranked, total: ranked.length, tiered };
  };
}

/** What the engine returned, as far as the oracle judges it. */
export interface EngineAnswer {
  candidates: { doc: number; matched: number; score: number }[];
  total: number;
}

/**
 * Checks an engine's answer against the oracle's: the same total; each candidate a real match with the oracle's
 * clause count and a score within the quantization's tolerance of exact BM25; the order the oracle's within that
 * tolerance; and no better document left out. Returns the problems found (empty when the answer holds).
 * @example
 * expect(judge(engineAnswer, ref(parsed, { want: 10 }), 10)).toEqual([]);
 */
export function judge(got: EngineAnswer, want: ReferenceAnswer, size: number, order: "relevance" | "date" = "relevance"): string[] {
  const problems: string[] = [];
  const byDoc = new Map(want.ranked.map((s) => [s.doc, s]));
  if (got.total !== want.total) problems.push(`total ${got.total}, oracle ${want.total}`);
  const expected = Math.min(size, want.total);
  if (got.candidates.length !== expected) problems.push(`${got.candidates.length} candidates, oracle expects ${expected}`);
  const byDate = order === "date" || want.ranked.every((s) => s.score === 0);
  for (const c of got.candidates) {
    const ref = byDoc.get(c.doc);
    if (!ref) {
      problems.push(`doc ${c.doc} returned but does not match`);
      continue;
    }
    if (c.matched !== ref.matched && want.tiered) problems.push(`doc ${c.doc} matches ${c.matched} clauses, oracle ${ref.matched}`);
    if (Math.abs(c.score - ref.score) > ref.tolerance)
      problems.push(`doc ${c.doc} scored ${c.score}, oracle ${ref.score} ± ${ref.tolerance}`);
  }
  if (byDate) {
    const docs = got.candidates.map((c) => c.doc);
    const wanted = want.ranked.slice(0, expected).map((s) => s.doc);
    if (JSON.stringify(docs) !== JSON.stringify(wanted)) problems.push(`date order ${docs}, oracle ${wanted}`);
    return problems;
  }
  // In order, within tolerance: a pair the oracle sees clearly apart must come in the oracle's order.
  const before = (a: Scored, b: Scored) =>
    want.tiered && a.matched !== b.matched ? a.matched > b.matched : a.score > b.score + a.tolerance + b.tolerance;
  const refs = got.candidates.map((c) => byDoc.get(c.doc)).filter((s): s is Scored => s !== undefined);
  for (let i = 1; i < refs.length; i++) {
    const [a, b] = [refs[i - 1] as Scored, refs[i] as Scored];
    if (before(b, a)) problems.push(`doc ${b.doc} (${b.matched}, ${b.score}) after doc ${a.doc} (${a.matched}, ${a.score})`);
  }
  // Complete: no document left out that the oracle puts clearly before the last one returned.
  const last = refs.at(-1);
  if (last && refs.length === expected) {
    const returned = new Set(refs.map((s) => s.doc));
    for (const s of want.ranked)
      if (!returned.has(s.doc) && before(s, last)) problems.push(`doc ${s.doc} left out, better than doc ${last.doc}`);
  }
  return problems;
}
