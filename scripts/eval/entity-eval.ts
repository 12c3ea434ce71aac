/** @module Scores predicted mentions against CoNLL-2003 gold: all sentences, prose only, and the even and odd documents apart. */
import { CONLL_TYPES, type ConllDocument, type ConllType, sentenceAt } from "./conll";
import { scoreMentions, type Tally } from "./mention-score";

/** A predicted mention with the extractor's type name (`person`, `organization`, `place`). */
export interface Predicted {
  start: number;
  end: number;
  type: string;
}

export interface ConllScores {
  all: Tally;
  prose: Tally;
  /** Documents 0, 2, 4, … and 1, 3, 5, … of the file, all sentences and prose. */
  halves: { even: { all: Tally; prose: Tally }; odd: { all: Tally; prose: Tally } };
  /** "missed PER John Smith" or "wrong ORG Kabul (not prose)" → how many times. */
  errors: Map<string, number>;
}

const byType = Object.fromEntries(Object.entries(CONLL_TYPES).map(([conll, ours]) => [ours, conll])) as Record<string, ConllType>;

/**
 * Scores each document's predictions (offsets into `doc.text`) by exact span and type.
 * @example
 * const { all, prose } = scoreConll(docs, docs.map((d) => extractMentions(d.text)));
 * prf(all.get("all")!).f1; // 0.886
 */
export function scoreConll(docs: readonly ConllDocument[], predictions: readonly (readonly Predicted[])[]): ConllScores {
  const tally = () => ({ all: new Map() as Tally, prose: new Map() as Tally });
  const scores: ConllScores = { ...tally(), halves: { even: tally(), odd: tally() }, errors: new Map() };
  docs.forEach((doc, i) => {
    const predicted = (predictions[i] ?? []).map((m) => ({ ...m, type: byType[m.type] ?? m.type, sentence: sentenceAt(doc, m.start) }));
    const isProse = (m: { sentence: number }) => doc.sentences[m.sentence]?.prose === true;
    const half = i % 2 === 0 ? scores.halves.even : scores.halves.odd;
    for (const { all, prose } of [scores, half]) {
      scoreMentions(prose, doc.gold.filter(isProse), predicted.filter(isProse));
      const { missed, wrong } = scoreMentions(all, doc.gold, predicted);
      if (all !== scores.all) continue;
      for (const [kind, list] of [
        ["missed", missed],
        ["wrong", wrong],
      ] as const) {
        for (const m of list) {
          const key = `${kind} ${m.type} ${doc.text.slice(m.start, m.end)}${isProse(m) ? "" : " (not prose)"}`;
          scores.errors.set(key, (scores.errors.get(key) ?? 0) + 1);
        }
      }
    }
  });
  return scores;
}
