/** @module CoNLL-2003 files read as documents: sentences joined by newlines, gold PER/ORG/LOC spans with offsets, prose sentences marked. */

/** The CoNLL types we score, and the extractor's name for each (MISC is left out). */
export const CONLL_TYPES = { PER: "person", ORG: "organization", LOC: "place" } as const;
export type ConllType = keyof typeof CONLL_TYPES;

export interface ConllSentence {
  tokens: string[];
  /** Offset of the sentence in its document's text. */
  start: number;
  /** Written as prose (see `isProse`). */
  prose: boolean;
}

export interface GoldMention {
  start: number;
  end: number;
  type: ConllType;
  sentence: number;
}

export interface ConllDocument {
  /** The sentences, tokens joined by single spaces, sentences by newlines. */
  text: string;
  sentences: ConllSentence[];
  gold: GoldMention[];
}

const QUOTES = new Set(['"', "'", "''", "``", "”", "’"]);

/**
 * A prose sentence, as issue 3 defines it: at least 10 tokens, ends with "." or a quote, fewer than 30% of its
 * alphabetic tokens (holding a letter) all-caps (two capitals or more, no lowercase), fewer than 20% of its
 * tokens holding a digit. This leaves out headlines, datelines and results tables.
 * @example
 * isProse("Leicestershire beat Somerset by an innings and 39 runs in two days .".split(" ")); // true
 * isProse("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .".split(" ")); // false
 */
export function isProse(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1];
  if (tokens.length < 10 || last === undefined || !(last === "." || QUOTES.has(last))) return false;
  const alphabetic = tokens.filter((t) => /\p{L}/u.test(t));
  const caps = alphabetic.filter((t) => /\p{Lu}.*\p{Lu}/u.test(t) && !/\p{Ll}/u.test(t));
  const digits = tokens.filter((t) => /\d/u.test(t));
  return caps.length < 0.3 * alphabetic.length && digits.length < 0.2 * tokens.length;
}

/** A sentence of a CoNLL file as written: its words and their tags. */
export interface ConllLines {
  words: string[];
  tags: string[];
}

/**
 * The documents of a CoNLL-2003 file (`word POS chunk tag` lines, a blank line between sentences, `-DOCSTART-`
 * between documents), each a list of sentences.
 * @example
 * readConllLines("-DOCSTART- -X- O O\n\nKabul NNP I-NP I-LOC\nfell VBD I-VP O\n"); // [[{ words: ["Kabul", "fell"], tags: ["I-LOC", "O"] }]]
 */
export function readConllLines(file: string): ConllLines[][] {
  const docs: ConllLines[][] = [];
  let doc: ConllLines[] = [];
  let sentence: ConllLines = { words: [], tags: [] };
  const endSentence = () => {
    if (sentence.words.length > 0) doc.push(sentence);
    sentence = { words: [], tags: [] };
  };
  const endDocument = () => {
    endSentence();
    if (doc.length > 0) docs.push(doc);
    doc = [];
  };
  for (const line of file.split("\n")) {
    const fields = line.trim().split(/\s+/u);
    if (fields[0] === "-DOCSTART-") endDocument();
    else if (line.trim() === "") endSentence();
    else {
      sentence.words.push(fields[0] as string);
      sentence.tags.push(fields[fields.length - 1] as string);
    }
  }
  endDocument();
  return docs;
}

/**
 * Parses a CoNLL-2003 file (IOB1 or IOB2 tags) into documents with gold PER/ORG/LOC spans.
 * @example
 * parseConll("-DOCSTART- -X- O O\n\nKabul NNP I-NP I-LOC\nfell VBD I-VP O\n")[0];
 * // { text: "Kabul fell", sentences: [...], gold: [{ start: 0, end: 5, type: "LOC", sentence: 0 }] }
 */
export function parseConll(file: string): ConllDocument[] {
  return readConllLines(file).map((lines) => {
    const doc: ConllDocument = { text: "", sentences: [], gold: [] };
    for (const { words: tokens, tags } of lines) {
      const start = doc.text.length === 0 ? 0 : doc.text.length + 1;
      const sentence = doc.sentences.length;
      doc.text += (start === 0 ? "" : "\n") + tokens.join(" ");
      doc.sentences.push({ tokens, start, prose: isProse(tokens) });
      let offset = start;
      let open: GoldMention | undefined;
      tokens.forEach((word, i) => {
        const [prefix, type] = (tags[i] ?? "O").split("-") as [string, string | undefined];
        const scored = type !== undefined && type in CONLL_TYPES ? (type as ConllType) : undefined;
        if (open && (prefix !== "I" || type !== open.type)) open = undefined;
        if (scored && !open) {
          open = { start: offset, end: offset, type: scored, sentence };
          doc.gold.push(open);
        }
        if (open) open.end = offset + word.length;
        offset += word.length + 1;
      });
    }
    return doc;
  });
}

/** The sentence of a document an offset falls in. */
export function sentenceAt(doc: ConllDocument, offset: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((doc.sentences[mid] as ConllSentence).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
