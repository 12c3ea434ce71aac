/**
 * @module Annotated news articles read as training documents for the tagger: `{id, title, body}` a line, each name
 * marked in place as `[[TYPE|name]]` (TYPE: PER, ORG, LOC or MISC), tokenized as the build tokenizes a document.
 */

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { bodyOffset, documentText } from "../../src/build/entities/document";
import { encodeSpans, type TagType, TYPES } from "../../src/build/entities/tagger/labels";
import { splitSentences } from "../../src/build/entities/tagger/tokenize";
import { isProse } from "../eval/conll";
import type { LabelledDocument } from "./conll-labels";

/** Where the annotated news articles the tagger trains on live, beside CoNLL-2003's training set. */
export const NEWS_DIR = "scripts/train/news";
/** Passes over each news article for one over a CoNLL-2003 document. */
export const DEFAULT_NEWS_WEIGHT = 1;

/**
 * The `.jsonl` files of a folder, in name order (none when it is absent).
 * @example
 * newsFilesIn(NEWS_DIR); // ["scripts/train/news/business-asia.jsonl", …]
 */
export function newsFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".jsonl"))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

const MARK = /\[\[(PER|ORG|LOC|MISC)\|([^[\]|]+)\]\]/gu;

/** A marked name: character offsets into the text without its marks, and its type. */
export interface MarkedSpan {
  start: number;
  end: number;
  type: TagType;
}

/**
 * A text without its marks, and where the names it marked are.
 * @example
 * unmark("[[PER|Amina Wanjiru]] joined [[ORG|KPLC]]."); // { text: "Amina Wanjiru joined KPLC.", spans: [{ start: 0, end: 13, type: "PER" }, { start: 21, end: 25, type: "ORG" }] }
 */
export function unmark(marked: string): { text: string; spans: MarkedSpan[] } {
  const spans: MarkedSpan[] = [];
  let text = "";
  let last = 0;
  for (const match of marked.matchAll(MARK)) {
    text += marked.slice(last, match.index);
    const name = match[2] as string;
    spans.push({ start: text.length, end: text.length + name.length, type: match[1] as TagType });
    text += name;
    last = match.index + match[0].length;
  }
  text += marked.slice(last);
  const broken = text.search(/\[\[|\]\]/u);
  if (broken >= 0) throw new Error(`a mark is malformed near "${text.slice(Math.max(0, broken - 30), broken + 30)}"`);
  return { text, spans };
}

/** An annotated article as the extractor reads it: its title and body as one text (see `documentText`), and its names. */
export function markedArticle(record: { title?: unknown; body?: unknown }): { text: string; spans: MarkedSpan[] } {
  const title = unmark(typeof record.title === "string" ? record.title : "");
  const body = unmark(typeof record.body === "string" ? record.body : "");
  const text = documentText({ title: title.text, body: body.text });
  const shift = bodyOffset({ title: title.text });
  // `documentText` trims the title: its names move by the spaces cut before it.
  const cut = title.text.length - title.text.trimStart().length;
  return {
    text,
    spans: [
      ...(shift > 0 ? title.spans.map((s) => ({ ...s, start: s.start - cut, end: s.end - cut })) : []),
      ...body.spans.map((s) => ({ ...s, start: s.start + shift, end: s.end + shift })),
    ],
  };
}

/**
 * Reads annotated articles (JSON lines) into labelled documents. A sentence where a marked name does not start
 * and end on the tokenizer's word boundaries is left out, counted in `skipped`.
 * @example
 * readNewsLabels('{"id":"a","title":"","body":"[[PER|Amina Wanjiru]] left."}').documents[0].sentences[0].words; // ["Amina", "Wanjiru", "left", "."]
 */
export function readNewsLabels(jsonl: string, file = "news"): { documents: LabelledDocument[]; skipped: number; names: number } {
  const documents: LabelledDocument[] = [];
  let skipped = 0;
  let names = 0;
  jsonl.split("\n").forEach((line, index) => {
    if (!line.trim()) return;
    let record: { title?: unknown; body?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      throw new Error(`${file}:${index + 1}: not a JSON object`);
    }
    let article: { text: string; spans: MarkedSpan[] };
    try {
      article = markedArticle(record);
    } catch (error) {
      throw new Error(`${file}:${index + 1}: ${(error as Error).message}`);
    }
    const { text, spans } = article;
    const doc: LabelledDocument = { sentences: [], prose: [] };
    for (const words of splitSentences(text)) {
      const from = words[0]?.start ?? 0;
      const to = words[words.length - 1]?.end ?? 0;
      const inside = spans.filter((s) => s.start < to && s.end > from);
      const located = inside.map((s) => ({
        from: words.findIndex((w) => w.start === s.start),
        to: words.findIndex((w) => w.end === s.end) + 1,
        type: TYPES.indexOf(s.type),
      }));
      if (located.some((s) => s.from < 0 || s.to <= s.from)) {
        skipped++;
        continue;
      }
      names += located.length;
      const tokens = words.map((w) => w.text);
      doc.sentences.push({ words: tokens, labels: encodeSpans(tokens.length, located) });
      doc.prose.push(isProse(tokens));
    }
    if (doc.sentences.length > 0) documents.push(doc);
  });
  return { documents, skipped, names };
}
