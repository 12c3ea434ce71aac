/** @module Reads `.json` (an array of records) and `.jsonl` (a record a line) files into documents, one entry per record. */

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
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded.text.split("\n").flatMap((text, i) => readLine(text, i + 1));
  if (decoded.code === "binary_file") return [{ ok: false, code: decoded.code, reason: decoded.reason }];
  const entries: Entry[] = [];
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    // 0x0A never occurs inside a multi-byte UTF-8 sequence, so cutting at it is safe.
    const part = decodeText(bytes.subarray(start, stop));
    if (part.ok) entries.push(...readLine(part.text, line));
    else entries.push({ ok: false, code: part.code, line, reason: part.reason.replace(/ at byte \d+/, "") });
    start = stop + 1;
  }
  return entries;
}

function readLine(text: string, line: number): Entry[] {
  if (text.trim() === "") return [];
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    return [{ ok: false, code: "malformed_json", line, reason: `malformed JSON: ${jsonMessage(error)}` }];
  }
  return [{ ...readRecord(record), line }];
}

/**
 * Reads a JSON file holding an array of records. Each entry carries its record's index; a syntax error gives one
 * entry with the line it is on.
 *
 * @example
 * readJsonArray(new TextEncoder().encode('[{"id":"a","body":"x"}, 42]'));
 * // [{ ok: true, index: 0, … }, { ok: false, index: 1, code: "invalid_record", reason: "record [1]: a record must be …" }]
 */
export function readJsonArray(bytes: Uint8Array): Entry[] {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [{ ok: false, code: decoded.code, line: decoded.line, reason: decoded.reason }];
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (error) {
    return [{ ok: false, code: "malformed_json", line: errorLine(error, decoded.text), reason: `malformed JSON: ${jsonMessage(error)}` }];
  }
  if (!Array.isArray(data)) {
    const found = data === null ? "null" : typeof data === "object" ? "an object" : `a ${typeof data}`;
    return [{ ok: false, code: "malformed_json", reason: `a .json input must be an array of records, not ${found}` }];
  }
  return data.map((record, index): Entry => {
    const entry = readRecord(record);
    return entry.ok ? { ...entry, index } : { ...entry, index, reason: `record [${index}]: ${entry.reason}` };
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
