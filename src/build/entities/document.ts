/** @module The mentions of one document: its title read as a paragraph of its own before the body. */
import { isAscii } from "../../format/analyzer";
import { extractNames } from "./extract";
import type { DocumentNames, EntityDocument } from "./types";

/**
 * Extracts the names of a document (see `extractNames`), title first. Offsets and sentence numbers are into `title + "\n\n" + body`
 * (or the body alone when there is no title); this is the part of `buildEntities` that runs per document.
 * @example
 * extractDocument({ title: "Kabul falls", body: "The Taliban took Kabul." }).mentions.map((m) => m.text); // ["Kabul", "Taliban", "Kabul"]
 */
export function extractDocument(doc: Pick<EntityDocument, "title" | "body" | "lang">): DocumentNames {
  // The tagger was trained on English news: a document in another language (German capitalizes every noun) gets
  // no entities rather than wrong ones, and so does a text mostly in another script whatever its record says.
  if (!readsAsEnglish(doc.lang)) return { mentions: [], untyped: [] };
  const text = documentText(doc);
  return isLatinText(text) ? extractNames(text) : { mentions: [], untyped: [] };
}

/**
 * The text the extractor reads of a document, which mentions' offsets are into: its trimmed title, a blank line and
 * its body, or the body alone when there is no title.
 * @example
 * documentText({ title: " Kabul falls ", body: "The Taliban took Kabul." }); // "Kabul falls\n\nThe Taliban took Kabul."
 */
export function documentText(doc: Pick<EntityDocument, "title" | "body">): string {
  const title = doc.title.trim();
  return title ? `${title}\n\n${doc.body}` : doc.body;
}

/**
 * Whether the tagger may read a document of language `lang`: English, undetermined ("und": a results table, a
 * few words) or not said.
 * @example
 * readsAsEnglish("de"); // false
 */
export const readsAsEnglish = (lang: string | undefined): boolean => lang === undefined || lang === "en" || lang === "und";

const NOT_LETTER = /\P{L}+/gu;
const NOT_LATIN = /\P{Script=Latin}+/gu;

/**
 * Whether at least half of a text's letters are Latin: what the English tagger may read. A Russian, Arabic, Chinese
 * or Hindi article is not (an English one quoting a few names in another script is): the check behind the
 * language's, for records that say they are English.
 * @example
 * isLatinText("Президент встретился в Москве"); // false
 */
export function isLatinText(text: string): boolean {
  if (isAscii(text)) return true;
  const letters = text.replace(NOT_LETTER, "").length;
  return letters === 0 || 2 * text.replace(NOT_LATIN, "").length >= letters;
}

/**
 * Where the body starts in the text `extractDocument` reads: a mention at `start` there is at `start - bodyOffset(doc)`
 * in the body, and one before it is in the title.
 * @example
 * bodyOffset({ title: " Kabul falls ", body: "The Taliban took Kabul." }); // 13 ("Kabul falls" and a blank line)
 */
export function bodyOffset(doc: Pick<EntityDocument, "title">): number {
  const title = doc.title.trim();
  return title ? title.length + 2 : 0;
}
