/** @module The words, document ids and entity ids of a built bundle, so that generated requests sometimes hit something. */

import type { Bundle } from "../../src/build/write";
import { foldWords, isStopWord } from "../../src/format/analyzer";
import type { StoredDocument } from "../../src/format/schema";
import type { FuzzVocabulary } from "./requests";

/**
 * Reads the vocabulary out of a bundle's own values (documents and entity records).
 * @example
 * const vocab = vocabularyOf(bundle, 2000);
 */
export function vocabularyOf(bundle: Bundle, maxWords = 5_000): FuzzVocabulary {
  const words = new Map<string, number>();
  const documentIds: string[] = [];
  const entityIds: string[] = [];
  for (const [key, text] of bundle.values) {
    if (/\/doc\/\d+$/.test(key)) {
      for (const doc of JSON.parse(text) as StoredDocument[]) {
        documentIds.push(doc.id);
        for (const w of foldWords(`${doc.title} ${doc.body.slice(0, 5_000)}`)) {
          if (w.length > 1 && !isStopWord(w)) words.set(w, (words.get(w) ?? 0) + 1);
        }
      }
    } else if (/\/entity\/\d+$/.test(key)) entityIds.push(...Object.keys(JSON.parse(text) as object));
  }
  const frequent = [...words].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxWords);
  return {
    words: frequent.map(([w]) => w),
    documentIds: documentIds.sort(),
    entityIds: entityIds.length > 0 ? entityIds.sort() : ["no-entities"],
  };
}
