/** @module CoNLL-2003 files read as training documents for the tagger: words and BILOU labels, MISC included. */

import { encodeSpans, type TagType, TYPES } from "../../src/build/entities/tagger/labels";
import type { TrainingDocument } from "../../src/build/entities/tagger/train";
import { isProse, readConllLines } from "../eval/conll";

/** A training document with, for each sentence, whether it is prose (as `isProse` says). */
export interface LabelledDocument extends TrainingDocument {
  prose: boolean[];
}

/**
 * Reads a CoNLL-2003 file (`word POS chunk tag`, IOB1 or IOB2) into documents of labelled sentences.
 * @example
 * readConllLabels("-DOCSTART- -X- O O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n")[0].sentences[0].labels;
 * // [labelOf("B", 0), labelOf("L", 0)]
 */
export function readConllLabels(file: string): LabelledDocument[] {
  return readConllLines(file).map((lines) => {
    const doc: LabelledDocument = { sentences: [], prose: [] };
    for (const { words, tags } of lines) {
      const spans: { from: number; to: number; type: number }[] = [];
      let open: { from: number; to: number; type: number } | undefined;
      tags.forEach((tag, i) => {
        const [prefix, name] = tag.split("-") as [string, string | undefined];
        const type = name === undefined ? -1 : TYPES.indexOf(name as TagType);
        if (open && (type !== open.type || prefix === "B")) open = undefined;
        if (type >= 0 && !open) {
          open = { from: i, to: i + 1, type };
          spans.push(open);
        }
        if (open) open.to = i + 1;
      });
      doc.sentences.push({ words, labels: encodeSpans(words.length, spans) });
      doc.prose.push(isProse(words));
    }
    return doc;
  });
}
