/** @module Reads the input of `npm run extract` (JSON Lines, or a `.json` array or record): documents with their body exactly as given, every problem with where it is. */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import type { IngestIssue } from "../../src/build/ingest/errors";
import { parseJsonFile, parseJsonLines, recordReason } from "../../src/build/ingest/json-records";
import { kindOf } from "../../src/build/ingest/list-files";
import { loneSurrogate } from "../../src/build/ingest/record";

/** One input document. `body` is the string of the record, untouched: mention offsets are into it. */
export interface ExtractInput {
  /** The id as the record gives it (a string or a number), echoed in the output. */
  id: string | number;
  title: string;
  body: string;
  file: string;
  /** Its line in a `.jsonl` file; its index in a `.json` array. */
  line?: number;
  index?: number;
}

export interface ExtractInputs {
  docs: ExtractInput[];
  issues: IngestIssue[];
}

const kind = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`);

/**
 * Reads `{id, title?, body}` or `{id, text}` records, one a line (blank lines skipped), or from a `.json` file holding
 * an array of them or one (named by their index in the array, as the build names them), with the build's error
 * codes: `unreadable_file`, `binary_file`, `invalid_utf8`, `malformed_json`, `invalid_record`, `missing_id`,
 * `empty_body` (no body nor text field) and `duplicate_id`. Unlike the build it neither trims the body nor
 * rewrites its line endings, so offsets into it are offsets into the string the caller has.
 * @example
 * const { docs, issues } = await readExtractInputs(["news.jsonl"]);
 * issues.map(formatIssue); // ["news.jsonl:3: malformed JSON: Unexpected token ... (malformed_json)"]
 */
export async function readExtractInputs(files: readonly string[]): Promise<ExtractInputs> {
  const docs: ExtractInput[] = [];
  const issues: IngestIssue[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "a folder, not a .jsonl file" : `cannot be read (${code})`;
      issues.push({ file, code: "unreadable_file", reason });
      continue;
    }
    // A JSON string can hold no raw line break, so the newline normalising of the decoder never touches a body.
    // A .json file of one record without an id is named by the file, as the build names it.
    const json = kindOf(file) === "json" ? parseJsonFile(bytes, basename(file, extname(file))) : undefined;
    const values = json ? ("records" in json ? json.records : [json]) : parseJsonLines(bytes);
    for (const parsed of values) {
      if (!("record" in parsed)) {
        issues.push({ file, ...(parsed.line !== undefined && { line: parsed.line }), code: parsed.code, reason: parsed.reason });
        continue;
      }
      const { record } = parsed;
      const line = "line" in parsed ? parsed.line : undefined;
      const index = "index" in parsed ? parsed.index : undefined;
      const at = { file, ...(line !== undefined && { line }) };
      // A record of a .json array is named by its index, as the build names it.
      const reason = (text: string) => recordReason(index, text);
      if (typeof record !== "object" || record === null || Array.isArray(record)) {
        issues.push({ ...at, code: "invalid_record", reason: reason(`a record must be a JSON object, not ${kind(record)}`) });
        continue;
      }
      const fields = record as Record<string, unknown>;
      const id = fields.id ?? fields._id;
      if (id === undefined || id === null || id === "") {
        issues.push({ ...at, code: "missing_id", reason: reason("the record has no id (or _id)") });
        continue;
      }
      if (typeof id !== "string" && !(typeof id === "number" && Number.isFinite(id))) {
        issues.push({ ...at, code: "invalid_record", reason: reason(`the id must be a string or a number, not ${kind(id)}`) });
        continue;
      }
      const field = fields.body !== undefined && fields.body !== null ? "body" : "text";
      const body = fields[field];
      const title = fields.title ?? "";
      // The text extracted from, and its id, must be Unicode text, as the build asks (`loneSurrogate`).
      const lone = loneSurrogate({ id, title, [field]: body });
      const problem =
        body === undefined || body === null
          ? ({ code: "empty_body", reason: `record "${id}" has no body (or text) field` } as const)
          : typeof body !== "string"
            ? ({ code: "invalid_record", reason: `record "${id}": ${field} must be a string, not ${kind(body)}` } as const)
            : typeof title !== "string"
              ? ({ code: "invalid_record", reason: `record "${id}": title must be a string, not ${kind(title)}` } as const)
              : lone
                ? ({
                    code: "invalid_utf8",
                    reason: `${lone.field === "id" ? "" : `record "${id}": `}${lone.where} holds a lone surrogate (${lone.unit}), which is not Unicode text`,
                  } as const)
                : undefined;
      if (problem) {
        issues.push({ ...at, id: String(id), code: problem.code, reason: reason(problem.reason) });
        continue;
      }
      const first = seen.get(String(id));
      if (first !== undefined) {
        issues.push({ ...at, id: String(id), code: "duplicate_id", reason: reason(`duplicate id "${id}", first seen at ${first}`) });
        continue;
      }
      seen.set(String(id), line !== undefined ? `${file}:${line}` : index !== undefined ? `${file} record [${index}]` : file);
      docs.push({
        id,
        title: title as string,
        body: body as string,
        file,
        ...(line !== undefined && { line }),
        ...(index !== undefined && { index }),
      });
    }
  }
  return { docs, issues };
}
