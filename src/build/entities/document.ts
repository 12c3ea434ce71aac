/** @module The mentions of one document: its title read as a paragraph of its own before the body. */
import { extractNames } from "./extract";
import type { DocumentNames, EntityDocument } from "./types";

/**
 * Extracts the names of a document (see `extractNames`), title first. Offsets and sentence numbers are into `title + "\n\n" + body`
 * (or the body alone when there is no title); this is the part of `buildEntities` that runs per document.
 * @example
 * extractDocument({ title: "Kabul falls", body: "The Taliban took Kabul." }).mentions.map((m) => m.text); // ["Kabul", "Taliban", "Kabul"]
 */
export function extractDocument(doc: Pick<EntityDocument, "title" | "body">): DocumentNames {
  const title = doc.title.trim();
  return extractNames(title ? `${title}\n\n${doc.body}` : doc.body);
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
