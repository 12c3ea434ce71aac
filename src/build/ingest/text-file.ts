/** @module Reads a `.txt` or `.md` file as one document: its name is the id, a headline first line is the title. */
import { basename, extname } from "node:path";
import { isHeadline } from "./derive-title";
import type { Entry } from "./document";
import { makeDocument } from "./document";

/** A Markdown ATX heading marker (`# `, `## `), and optional closing `#`s. */
const HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;

/**
 * Turns the decoded text of a `.txt` or `.md` file into a document. The id is the file's stem. When the first
 * non-empty line reads as a headline (or, in Markdown, is a heading) and text follows it, it is the title and the
 * rest is the body; otherwise the title is the first sentence and the body is the whole text.
 *
 * @example
 * readTextFile("notes/kabul.md", "# Kabul falls\n\nThe city was taken on Sunday.");
 * // { ok: true, document: { id: "kabul", title: "Kabul falls", body: "The city was taken on Sunday.", meta: {} } }
 */
export function readTextFile(file: string, text: string): Entry {
  const ext = extname(file);
  const id = basename(file, ext);
  const start = text.search(/\S/);
  if (start === -1) return { ok: false, code: "empty_body", id, reason: "the file is empty" };
  const newline = text.indexOf("\n", start);
  const first = (newline === -1 ? text.slice(start) : text.slice(start, newline)).trim();
  const rest = newline === -1 ? "" : text.slice(newline + 1).trim();
  if (rest !== "") {
    const heading = ext.toLowerCase() === ".md" ? HEADING.exec(first) : null;
    if (heading) return makeDocument({ id, title: heading[1] ?? "", body: rest });
    if (isHeadline(first)) return makeDocument({ id, title: first, body: rest });
  }
  return makeDocument({ id, body: text });
}
