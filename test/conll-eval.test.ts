/** @module The CoNLL-2003 reader and mention scorer behind `npm run eval:entities`, on hand-written lines. */
import { describe, expect, it } from "vitest";
import { isProse, parseConll, sentenceAt } from "../scripts/eval/conll";
import { prf, scoreMentions, type Tally } from "../scripts/eval/mention-score";

const file = `-DOCSTART- -X- O O

SOCCER NN I-NP O
- : O O
JAPAN NNP I-NP I-LOC
WIN VB I-VP O
. . O O

Prime NNP I-NP O
Minister NNP I-NP O
John NNP I-NP I-PER
Major NNP I-NP I-PER
met VBD I-VP O
Helmut NNP I-NP B-PER
Kohl NNP I-NP I-PER
of IN I-PP O
the DT I-NP O
European NNP I-NP I-MISC
Union NNP I-NP I-ORG
in IN I-PP O
Bonn NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

Kabul NNP I-NP I-LOC
`;

describe("parseConll", () => {
  const docs = parseConll(file);

  it("joins each document's sentences with newlines and its tokens with spaces", () => {
    expect(docs).toHaveLength(2);
    expect(docs[0]?.text).toBe("SOCCER - JAPAN WIN .\nPrime Minister John Major met Helmut Kohl of the European Union in Bonn .");
    expect(sentenceAt(docs[0]!, docs[0]!.text.indexOf("Bonn"))).toBe(1);
  });

  it("gives gold PER, ORG and LOC spans with offsets into that text, MISC left out", () => {
    const [doc] = docs;
    const spans = doc?.gold.map((g) => [doc.text.slice(g.start, g.end), g.type, g.sentence]);
    expect(spans).toEqual([
      ["JAPAN", "LOC", 0],
      ["John Major", "PER", 1],
      ["Helmut Kohl", "PER", 1],
      ["Union", "ORG", 1],
      ["Bonn", "LOC", 1],
    ]);
  });

  it("marks prose: 10 tokens or more, a final full stop or quote, few capitals and digits", () => {
    expect(docs[0]?.sentences.map((s) => s.prose)).toEqual([false, true]);
    expect(isProse("Surrey 429-7 , Warwickshire 195 and 109 , Kent 108-3 all out .".split(" "))).toBe(false);
    expect(isProse('He said the talks would go on for at least two more days , " he said "'.split(" "))).toBe(true);
  });
});

describe("scoreMentions", () => {
  it("counts a mention only when start, end and type all match", () => {
    const tally: Tally = new Map();
    const gold = [
      { start: 0, end: 5, type: "LOC" },
      { start: 10, end: 20, type: "PER" },
    ];
    const predicted = [
      { start: 0, end: 5, type: "LOC" },
      { start: 10, end: 15, type: "PER" },
      { start: 30, end: 35, type: "ORG" },
    ];
    const { missed, wrong } = scoreMentions(tally, gold, predicted);
    expect(tally.get("all")).toEqual({ tp: 1, fp: 2, fn: 1 });
    expect(tally.get("PER")).toEqual({ tp: 0, fp: 1, fn: 1 });
    expect(missed).toEqual([gold[1]]);
    expect(wrong).toEqual(predicted.slice(1));
    const { p, r, f1 } = prf({ tp: 8, fp: 2, fn: 2 });
    expect([p, r]).toEqual([0.8, 0.8]);
    expect(f1).toBeCloseTo(0.8, 10);
  });
});
