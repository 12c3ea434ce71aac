/** @module Finds the people, organisations and places named in a text, with their character offsets: the trained tagger, read back as mentions. */
import type { EntityType } from "../../format/schema";
import { lookupGazetteer } from "./gazetteer";
import { isTitleCase, knownNames } from "./headlines";
import { nameKey } from "./normalize";
import { isCapsSentence } from "./tagger/features";
import { defaultModel } from "./tagger/load";
import type { TaggerModel } from "./tagger/model";
import { tagDocument } from "./tagger/tag";
import { splitSentences, type Word } from "./tagger/tokenize";
import { roleBefore } from "./titles";
import type { DocumentNames, LocatedMention, Mention } from "./types";

/** The types the tagger reports, by its type index (MISC, index 3, is never reported). */
const TYPES: readonly EntityType[] = ["person", "organization", "place"];

/**
 * Last words that make a name of two words or more a place whatever the tagger says: "Helmand Province", "Baker
 * Street", "Hamid Karzai International Airport". The heads that also end the names of teams or bodies ("City",
 * "State", "Port") are left to the tagger.
 */
const GEOGRAPHIC_HEADS = new Set(
  `airport street avenue road boulevard square bridge province county district region river lake mountain mountains
   island islands valley bay gulf sea ocean coast peninsula desert canal strait heights plain plains hills forest
   highway village oblast prefecture governorate territory`.split(/\s+/u),
);

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
  const titleCase = sentences.map((words) => isTitleCase(words.map((word) => word.text)));
  const mention = (words: readonly Word[], sentence: number, from: number, to: number, type: EntityType): LocatedMention => {
    const start = (words[from] as Word).start;
    const end = (words[to - 1] as Word).end;
    const role = type === "person" ? roleBefore(words, text, from) : undefined;
    const headline = titleCase[sentence] || isCapsSentence(words.map((word) => word.text));
    return {
      text: text.slice(start, end),
      type,
      start,
      end,
      ...(role ? { role } : {}),
      sentence,
      ...(headline ? { headline: true } : {}),
    };
  };
  const mentions: LocatedMention[] = [];
  sentences.forEach((words, sentence) => {
    if (titleCase[sentence]) return;
    for (const { from, to, type } of spans[sentence] ?? []) {
      const tagged = TYPES[type];
      if (tagged === undefined) continue;
      // An organisation the curated gazetteer knows stays one ("NATO" opening a sentence is no dateline). Places are
      // left to the tagger: a city or a country is also a team in a sports report.
      const key = nameKey(text.slice((words[from] as Word).start, (words[to - 1] as Word).end));
      const head = (words[to - 1] as Word).text.toLowerCase();
      const entityType =
        lookupGazetteer(key)?.type === "organization" ? "organization" : to - from > 1 && GEOGRAPHIC_HEADS.has(head) ? "place" : tagged;
      mentions.push(mention(words, sentence, from, to, entityType));
    }
  });
  if (titleCase.some(Boolean)) {
    // Title-case headlines: only the names the rest of the document (or the gazetteer) knows, and surnames of its people.
    const known = new Map<string, EntityType>();
    for (const { text: name, type } of mentions) {
      const key = nameKey(name);
      if (!known.has(key)) known.set(key, type);
      const surname = key.split(" ").at(-1);
      if (type === "person" && surname && !known.has(surname)) known.set(surname, type);
    }
    sentences.forEach((words, sentence) => {
      if (!titleCase[sentence]) return;
      for (const { from, to, type } of knownNames(words, text, (key) => known.get(key)))
        mentions.push(mention(words, sentence, from, to, type));
    });
    mentions.sort((a, b) => a.start - b.start);
  }
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
