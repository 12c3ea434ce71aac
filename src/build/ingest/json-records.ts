/** @module Reads `.json` (an array of records, or one record) and `.jsonl` (a record a line) files into documents, one entry per record. */

import { decodeText } from "./decode";
import type { Entry } from "./document";
import { readRecord } from "./record";

/**
 * Reads a JSON Lines file. Blank lines are skipped; every other line gives one entry, numbered from 1. A file that is
 * not valid UTF-8 is read line by line, so only the broken lines are lost.
 *
 * @example
 * readJsonLines(new TextEncoder().encode('{"id":1,"body":"a"}\n\n{"body":"b"}\n'));
 * // [{ ok: true, line: 1, document: { id: "1", … } }, { ok: false, line: 3, code: "missing_id", … }]
 */
export function readJsonLines(bytes: Uint8Array): Entry[] {
  return parseJsonLines(bytes).map(
    (parsed): Entry => ("record" in parsed ? { ...readRecord(parsed.record), line: parsed.line } : { ok: false, ...parsed }),
  );
}

/** A line of a JSON Lines file: its parsed value, or why it could not be read. */
export type JsonLine =
  | { line: number; record: unknown }
  | { line?: number; code: "binary_file" | "invalid_utf8" | "malformed_json"; reason: string };

/**
 * The values of a JSON Lines file, one a non-blank line, numbered from 1; the one reader of the format, for the build
 * and for `npm run extract`. A file that is not valid UTF-8 is read line by line, so only the broken lines are lost.
 * @example
 * parseJsonLines(new TextEncoder().encode('{"id":1}\n\nnot json\n'));
 * // [{ line: 1, record: { id: 1 } }, { line: 3, code: "malformed_json", reason: "malformed JSON: …" }]
 */
export function parseJsonLines(bytes: Uint8Array): JsonLine[] {
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded.text.split("\n").flatMap((text, i) => parseLine(text, i + 1));
  if (decoded.code === "binary_file") return [{ code: decoded.code, reason: decoded.reason }];
  const lines: JsonLine[] = [];
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    // 0x0A never occurs inside a multi-byte UTF-8 sequence, so cutting at it is safe.
    const part = decodeText(bytes.subarray(start, stop));
    if (part.ok) lines.push(...parseLine(part.text, line));
    else lines.push({ code: part.code as "invalid_utf8", line, reason: part.reason.replace(/ at byte \d+/, "") });
    start = stop + 1;
  }
  return lines;
}

function parseLine(text: string, line: number): JsonLine[] {
  if (text.trim() === "") return [];
  try {
    return [{ line, record: JSON.parse(text) }];
  } catch (error) {
    return [{ code: "malformed_json", line, reason: `malformed JSON: ${jsonMessage(error)}` }];
  }
}

/**
 * The records of a `.json` file: an array of records (each with its `index`), or one record (an export of one article
 * a file); or why it holds none: its line for a syntax error, the field of an object that holds its records in an
 * array (`{"articles": [...]}`). The one reader of the format, for the build and for `npm run extract`.
 * @example
 * parseJsonFile(new TextEncoder().encode('[{"id":"a"}, 42]')); // { records: [{ index: 0, record: { id: "a" } }, { index: 1, record: 42 }] }
 * parseJsonFile(new TextEncoder().encode('{"id":"a"}')); // { records: [{ record: { id: "a" } }] }
 */
export function parseJsonFile(
  bytes: Uint8Array,
  /** The id of one record that has none: its file's name, as a .txt or .md file's document takes. */
  fileId?: string,
):
  | { records: { index?: number; record: unknown }[] }
  | { code: "binary_file" | "invalid_utf8" | "malformed_json"; line?: number; reason: string } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { code: decoded.code as "binary_file" | "invalid_utf8", line: decoded.line, reason: decoded.reason };
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (error) {
    return { code: "malformed_json", line: errorLine(error, decoded.text), reason: `malformed JSON: ${jsonMessage(error)}` };
  }
  if (Array.isArray(data)) return { records: data.map((record, index) => ({ index, record })) };
  if (data === null || typeof data !== "object") {
    const found = data === null ? "null" : `a ${typeof data}`;
    return { code: "malformed_json", reason: `a .json input must be an array of records or one record, not ${found}` };
  }
  const holder = recordsField(data as Record<string, unknown>);
  if (holder !== undefined) {
    return {
      code: "malformed_json",
      reason: `a .json input must be an array of records or one record, not an object holding its records under ${JSON.stringify(holder.slice(0, 100))}: make the file that array (or a .jsonl file, one record a line)`,
    };
  }
  return { records: [{ record: fileId === undefined ? data : withId(data, fileId) }] };
}

/**
 * What a problem with a record says, naming it by its index in its file's array when it has one.
 * @example
 * recordReason(1, "the record has no id (or _id)"); // "record [1]: the record has no id (or _id)"
 */
export const recordReason = (index: number | undefined, reason: string): string =>
  index === undefined ? reason : `record [${index}]: ${reason}`;

/**
 * Reads a JSON file holding an array of records, or one record (see `parseJsonFile`). Each entry of an array carries
 * its record's index; a syntax error gives one entry with the line it is on. One record without an id takes
 * `fileId` (its file's name, as a .txt or .md file's document does) when given.
 *
 * @example
 * readJsonArray(new TextEncoder().encode('[{"id":"a","body":"x"}, 42]'));
 * // [{ ok: true, index: 0, … }, { ok: false, index: 1, code: "invalid_record", reason: "record [1]: a record must be …" }]
 * readJsonArray(new TextEncoder().encode('{"id":"a","body":"x"}')); // [{ ok: true, document: { id: "a", … } }]
 */
export function readJsonArray(bytes: Uint8Array, fileId?: string): Entry[] {
  const parsed = parseJsonFile(bytes, fileId);
  if (!("records" in parsed)) return [{ ok: false, ...parsed }];
  return parsed.records.map(({ index, record }): Entry => {
    const entry = readRecord(record);
    if (index === undefined) return entry;
    return entry.ok ? { ...entry, index } : { ...entry, index, reason: recordReason(index, entry.reason) };
  });
}

/** A record with `id` when it has no id of its own (nor `_id`). */
function withId(record: unknown, id: string): unknown {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return record;
  const fields = record as Record<string, unknown>;
  const own = fields.id ?? fields._id;
  return own === undefined || own === null || own === "" ? { ...fields, id } : record;
}

/** Fields that make an object a record rather than a wrapper of records: its id, its text. */
const RECORD_FIELDS = ["id", "_id", "body", "text"];
/** Fields a record's text may be under, in our shape and in common exports (JSON Feed, news APIs). */
const TEXT_FIELDS = ["title", "body", "text", "content", "content_text", "content_html", "summary", "description"];

/**
 * The field of a wrapper object (`{"articles": [...]}`, a JSON Feed's `{"items": [...]}`, a news API's reply: no id
 * nor text of its own) holding its records: an array of objects with a text field. A record's own list of objects
 * ("authors": names, "tags": ids and names) is not one.
 */
function recordsField(object: Record<string, unknown>): string | undefined {
  if (RECORD_FIELDS.some((field) => object[field] !== undefined && object[field] !== null)) return undefined;
  return Object.keys(object).find((key) => {
    const value = object[key];
    return (
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((v) => typeof v === "object" && v !== null && !Array.isArray(v)) &&
      value.some((v) => TEXT_FIELDS.some((field) => typeof (v as Record<string, unknown>)[field] === "string"))
    );
  });
}

/** V8's message without the position noise that the line number already gives. */
function jsonMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?/, "").replace(/^JSON\.parse: /, "");
}

/** The 1-based line of a JSON syntax error, from the character position V8 reports. */
function errorLine(error: unknown, text: string): number | undefined {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
  if (position === undefined) return undefined;
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < Number(position); i = text.indexOf("\n", i + 1)) line++;
  return line;
}
