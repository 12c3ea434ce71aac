/** @module Everything that can be wrong with an input document: one table of codes, the issue shape, one error class. */

export const ingestCodes = {
  duplicate_id: "Two documents have the same id.",
  empty_body: "The document has no text.",
  invalid_utf8: "The file is not valid UTF-8, or a JSON string holds a lone surrogate (`\\ud800`).",
  malformed_json: "The JSON does not parse.",
  malformed_feed: "The feed is not well-formed XML, or not RSS or Atom.",
  malformed_front_matter: "A Markdown file's front matter is not closed, or has a line the reader cannot read.",
  binary_file: "The file is binary, not text.",
  unreadable_file: "The file or folder cannot be read.",
  missing_id: "The record has no id.",
  document_too_large: "The document's body is larger than 5 MiB.",
  unsupported_file: "The file's type is not one the reader knows.",
  invalid_record: "The record is not an object or has a field of the wrong type.",
} as const;

export type IngestCode = keyof typeof ingestCodes;

/** One problem with one input: where it is, what it is, and a code a test or a script can match. */
export interface IngestIssue {
  file: string;
  /** 1-based line, for line-oriented inputs (`.jsonl`, and where the problem sits in a text or `.json` file). */
  line?: number;
  /** The document's id, when it is known. */
  id?: string;
  code: IngestCode;
  reason: string;
}

/**
 * Formats an issue the way compilers do, so editors and terminals can jump to it.
 *
 * @example
 * formatIssue({ file: "a.jsonl", line: 3, code: "missing_id", reason: "the record has no id or _id" });
 * // "a.jsonl:3: the record has no id or _id (missing_id)"
 */
export function formatIssue(issue: IngestIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  return `${where}: ${issue.reason} (${issue.code})`;
}

/** Thrown when inputs have problems and skipping them was not asked for; it carries every issue of every file. */
export class IngestError extends Error {
  readonly issues: IngestIssue[];

  constructor(issues: IngestIssue[]) {
    const count = issues.length === 1 ? "1 input problem" : `${issues.length} input problems`;
    const list = issues.map((issue) => `  ${formatIssue(issue)}`).join("\n");
    // The CLI adds how to go on (fix, or --skip-invalid); the reader only says what is wrong and where.
    super(`${count}:\n${list}`);
    this.name = "IngestError";
    this.issues = issues;
  }
}
