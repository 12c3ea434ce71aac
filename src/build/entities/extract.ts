/** @module Finds the people, organisations and places named in a text, with their character offsets: the trained tagger, read back as mentions. */
import type { EntityType } from "../../format/schema";
import { lookupGazetteer } from "./gazetteer";
import { nameKey } from "./normalize";
import { isCapsSentence } from "./tagger/features";
import { defaultModel } from "./tagger/load";
import type { TaggerModel } from "./tagger/model";
import { tagDocument } from "./tagger/tag";
import { splitSentences } from "./tagger/tokenize";
import { roleBefore } from "./titles";
import type { DocumentNames, LocatedMention, Mention } from "./types";

/** The types the tagger reports, by its type index (MISC, index 3, is never reported). */
const TYPES: readonly EntityType[] = ["person", "organization", "place"];

/**
 * Finds the named people, organisations and places of a text, with the index of the sentence of each.
 * @example
 * extractLocated("The Taliban took Kandahar and Herat.").map((m) => [m.text, m.type, m.sentence]);
 * // [["Taliban", "organization", 0], ["Kandahar", "place", 0], ["Herat", "place", 0]]
 */
export function extractLocated(text: string, model: TaggerModel = defaultModel()): LocatedMention[] {
  const sentences = splitSentences(text);
  const spans = tagDocument(
    model,
    sentences.map((words) => words.map((word) => word.text)),
  );
  const mentions: LocatedMention[] = [];
  sentences.forEach((words, sentence) => {
    const headline = isCapsSentence(words.map((word) => word.text));
    for (const { from, to, type } of spans[sentence] ?? []) {
      const tagged = TYPES[type];
      if (tagged === undefined) continue;
      const start = (words[from] as { start: number }).start;
      const end = (words[to - 1] as { end: number }).end;
      // An organisation the curated gazetteer knows stays one ("NATO" opening a sentence is no dateline). Places are
      // left to the tagger: a city or a country is also a team in a sports report.
      const entityType = lookupGazetteer(nameKey(text.slice(start, end)))?.type === "organization" ? "organization" : tagged;
      const role = entityType === "person" ? roleBefore(words, text, from) : undefined;
      mentions.push({
        text: text.slice(start, end),
        type: entityType,
        start,
        end,
        ...(role ? { role } : {}),
        sentence,
        ...(headline ? { headline: true } : {}),
      });
    }
  });
  return mentions;
}

/**
 * The mentions of a text, as `extractLocated` gives them. The tagger types every name it finds, so `untyped`
 * is always empty; the field stays for the merger, which can type names from the rest of the corpus.
 * @example
 * extractNames("Kabul fell.").mentions[0]; // { text: "Kabul", type: "place", start: 0, end: 5, sentence: 0 }
 */
export function extractNames(text: string): DocumentNames {
  return { mentions: extractLocated(text), untyped: [] };
}

/**
 * Finds the named people, organisations and places of a text. Offsets are into `text`:
 * `text.slice(m.start, m.end) === m.text`.
 * @example
 * extractMentions("Pentagon press secretary John Kirby said so.");
 * // [{ text: "Pentagon", type: "organization", start: 0, end: 8 },
 * //  { text: "John Kirby", type: "person", start: 25, end: 35, role: "press secretary" }]
 */
export function extractMentions(text: string): Mention[] {
  return extractLocated(text).map(({ sentence: _, headline: __, ...mention }) => mention);
}
