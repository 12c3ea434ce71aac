/** @module The build's document reader: files and folders in, checked documents out, every problem accounted for. */
import type { SourceDocument } from "../../format/schema";
import type { Entry } from "./document";
import type { IngestIssue } from "./errors";
import { IngestError } from "./errors";
import { listFiles } from "./list-files";
import { readDocumentFile } from "./read-file";

export type { IngestCode, IngestIssue } from "./errors";
export { formatIssue, IngestError, ingestCodes } from "./errors";

export interface ReadOptions {
  /** Return the valid documents and list the others in `skipped`, instead of throwing. */
  skipInvalid?: boolean;
  /** Called with the number of records read so far (kept or not), every 1,000 records. */
  onProgress?: (n: number) => void;
}

export interface IngestResult {
  documents: SourceDocument[];
  /** Every input that did not become a document, and why; empty unless `skipInvalid` was set. */
  skipped: IngestIssue[];
  /** How many document files were read. */
  files: number;
}

/** How often `onProgress` is called, in records. */
const PROGRESS_EVERY = 1000;

/**
 * Reads documents from files and folders (`.txt`, `.md`, `.json`, `.jsonl`), in a deterministic order. Every problem
 * of every file is collected first; then, unless `skipInvalid` is set, one `IngestError` lists them all. Ids must be
 * unique across all inputs: the second of two equal ids is the problem, and it names where the first one was.
 *
 * @example
 * const { documents, skipped } = await readInputs(["seeds", "extra.jsonl"], {
 *   skipInvalid: true,
 *   onProgress: (n) => process.stderr.write(`\rread ${n} documents`),
 * });
 */
export async function readInputs(paths: string[], options: ReadOptions = {}): Promise<IngestResult> {
  const documents: SourceDocument[] = [];
  const issues: IngestIssue[] = [];
  const firstSeen = new Map<string, string>();
  let files = 0;
  let records = 0;

  for (const item of await listFiles(paths)) {
    if (!item.ok) {
      issues.push(item.issue);
      continue;
    }
    files++;
    for (const entry of await readDocumentFile(item.path, item.kind)) {
      records++;
      if (options.onProgress && records % PROGRESS_EVERY === 0) options.onProgress(records);
      if (!entry.ok) {
        const { code, reason, id, line } = entry;
        issues.push({ file: item.path, ...(line !== undefined && { line }), ...(id !== undefined && { id }), code, reason });
        continue;
      }
      const { id } = entry.document;
      const first = firstSeen.get(id);
      if (first !== undefined) {
        const prefix = entry.index === undefined ? "" : `record [${entry.index}]: `;
        const reason = `${prefix}duplicate id "${id}", first seen at ${first}`;
        issues.push({ file: item.path, ...(entry.line !== undefined && { line: entry.line }), id, code: "duplicate_id", reason });
        continue;
      }
      firstSeen.set(id, where(item.path, entry));
      documents.push(entry.document);
    }
  }

  if (issues.length > 0 && !options.skipInvalid) throw new IngestError(issues);
  return { documents, skipped: issues, files };
}

/** Where an entry came from, as an issue message cites it. */
function where(file: string, entry: Entry): string {
  if (entry.line !== undefined) return `${file}:${entry.line}`;
  if (entry.index !== undefined) return `${file} record [${entry.index}]`;
  return file;
}
