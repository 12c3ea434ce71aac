/** @module Reads one document file of a known kind into entries: documents, or the problems that stop them. */
import { readFile as readBytes } from "node:fs/promises";
import { basename, extname } from "node:path";
import { decodeText } from "./decode";
import type { Entry } from "./document";
import { readFeed } from "./feed";
import { readJsonArray, readJsonLines } from "./json-records";
import type { DocumentKind } from "./list-files";
import { describeError } from "./list-files";
import { readTextFile } from "./text-file";

/**
 * Reads a whole file and hands it to the reader of its kind. A file that cannot be read gives one failed entry.
 *
 * @example
 * await readDocumentFile("seeds/004_7eada462969b83a1.txt", "text");
 * // [{ ok: true, document: { id: "004_7eada462969b83a1", title: "US Secretary of State, Kazakh Counterpart Discuss Afghanistan", … } }]
 */
export async function readDocumentFile(path: string, kind: DocumentKind): Promise<Entry[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(path);
  } catch (error) {
    return [{ ok: false, code: "unreadable_file", reason: `cannot read: ${describeError(error)}` }];
  }
  if (kind === "jsonl") return readJsonLines(bytes);
  // A file of one record without an id is named as a .txt file is: by its name.
  if (kind === "json") return readJsonArray(bytes, basename(path, extname(path)));
  if (kind === "feed") return readFeed(bytes);
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [{ ok: false, code: decoded.code, line: decoded.line, reason: decoded.reason }];
  return [readTextFile(path, decoded.text)];
}
