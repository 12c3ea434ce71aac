/**
 * @module Reads a `.txt` or `.md` file as one document: its name is the id, a headline first line is the title; a
 * Markdown file's front matter gives its fields as a JSON record would.
 */
import { basename, extname } from "node:path";
import { isHeadline } from "./derive-title";
import type { Entry } from "./document";
import { makeDocument } from "./document";
import { type FrontMatter, readFrontMatter } from "./front-matter";
import { markdownInline, markdownToText } from "./markdown";
import { readRecord } from "./record";

/** A Markdown ATX heading marker (`# `, `## `), and optional closing `#`s. */
const HEADING = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;

/** Front matter keys that may give the date, first found first: Jekyll's, Hugo's and Eleventy's; Astro's; Hugo's. */
const DATE_KEYS = ["date", "pubDate", "publishDate"] as const;
/** Front matter keys read as written (`id: 007` is "007", `title: 1984` is "1984"), not as YAML numbers or booleans. */
const TEXT_KEYS = ["id", "_id", "title", "url", "lang", "language", ...DATE_KEYS];
/** Record fields that are the body: in a Markdown file it is the text after the front matter. */
const BODY_KEYS = ["body", "text"];

/**
 * Turns the decoded text of a `.txt` or `.md` file into a document. The id is the file's stem. When the first
 * non-empty line reads as a headline (or, in Markdown, is a heading) and text follows it, it is the title and the
 * rest is the body; otherwise the title is the first sentence and the body is the whole text. A `.md` file's text
 * is read without its markup (`markdownToText`: "# Kabul", "**Kabul**" and "[Kabul](…)" are "Kabul"). It may open
 * with front matter (see `readFrontMatter`): then the text after it is the body, and its keys are read as the fields
 * of a JSON record (`readRecord`): `id` (else the file's stem), `title` (else the rule above, on the body), `date`
 * (else `pubDate`, else `publishDate`), `url`, `lang` (or `language`); every other key is kept in `meta`.
 *
 * @example
 * readTextFile("notes/kabul.md", "# Kabul falls\n\nThe city was taken on Sunday.");
 * // { ok: true, document: { id: "kabul", title: "Kabul falls", body: "The city was taken on Sunday.", meta: {} } }
 * readTextFile("cocoa.md", "---\ntitle: Ghana raises cocoa price\ndate: 2023-09-14\ntags: [cocoa]\n---\nAccra set it.");
 * // { ok: true, document: { id: "cocoa", title: "Ghana raises cocoa price", body: "Accra set it.", date: "2023-09-14", meta: { tags: ["cocoa"] }, … } }
 */
export function readTextFile(file: string, text: string): Entry {
  const ext = extname(file);
  const id = basename(file, ext);
  const markdown = ext.toLowerCase() === ".md";
  const front = markdown ? readFrontMatter(text) : undefined;
  if (front === undefined) {
    if (text.search(/\S/) === -1) return { ok: false, code: "empty_body", id, reason: "the file is empty" };
    return makeDocument({ id, ...splitTitle(text, markdown) });
  }
  if (!front.ok) return { ok: false, code: "malformed_front_matter", id, line: front.line, reason: front.reason };
  return fromFrontMatter(id, front);
}

/**
 * A text's title and body: a headline first line (or a Markdown heading) with text after it is the title and that
 * text the body; otherwise there is no title and the body is the whole text.
 */
function splitTitle(text: string, markdown: boolean): { title?: string; body: string } {
  const lines = firstLine(text);
  if (lines === undefined) return { body: text };
  const { first } = lines;
  const rest = lines.rest?.trim() ?? "";
  if (rest !== "") {
    const heading = markdown ? HEADING.exec(first) : null;
    if (heading) return { title: markdownInline(heading[1] ?? "").trim(), body: markdownToText(rest) };
    if (isHeadline(first))
      return markdown ? { title: markdownInline(first).trim(), body: markdownToText(rest) } : { title: first, body: rest };
  }
  return { body: markdown ? markdownToText(text) : text };
}

/**
 * A Markdown body's text (`markdownToText`), without a first heading that repeats the title the front matter gives
 * (static sites' templates often write both).
 */
function bodyAfterTitle(body: string, title: string): string {
  const lines = firstLine(body);
  const heading = lines ? HEADING.exec(lines.first) : null;
  const same = (a: string) => a.replace(/\s+/g, " ").trim().toLowerCase();
  const repeats = heading !== null && lines?.rest !== undefined && same(markdownInline(heading[1] ?? "")) === same(title);
  return markdownToText(repeats ? (lines?.rest ?? body) : body);
}

/** A text's first line that is not blank, trimmed, and the text after it (none when it is the last); none when all is blank. */
function firstLine(text: string): { first: string; rest?: string } | undefined {
  const start = text.search(/\S/);
  if (start === -1) return undefined;
  const newline = text.indexOf("\n", start);
  return newline === -1 ? { first: text.slice(start).trim() } : { first: text.slice(start, newline).trim(), rest: text.slice(newline + 1) };
}

/** The document of a Markdown file with front matter: its keys as a JSON record's fields, its body after them. */
function fromFrontMatter(stem: string, front: Extract<FrontMatter, { ok: true }>): Entry {
  const { fields, texts } = front;
  const lines = { ...front.lines };
  for (const key of BODY_KEYS) {
    if (Object.hasOwn(fields, key)) {
      const reason = `the front matter has a "${key}" key: a Markdown file's body is the text after its front matter`;
      return { ok: false, code: "invalid_record", line: lines[key], reason };
    }
  }
  const record: Record<string, unknown> = { ...fields };
  for (const key of TEXT_KEYS) if (Object.hasOwn(texts, key)) record[key] = texts[key];
  const given = (value: unknown) => value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
  if (!given(record.id) && !given(record._id)) record.id = stem;
  const dateKey = DATE_KEYS.find((key) => record[key] !== undefined && record[key] !== null);
  if (dateKey !== undefined && dateKey !== "date") {
    record.date = record[dateKey];
    lines.date = lines[dateKey] as number;
    delete record[dateKey];
  }
  if (given(record.title))
    record.body = typeof record.title === "string" ? bodyAfterTitle(front.body, record.title) : markdownToText(front.body);
  else {
    const { title, body } = splitTitle(front.body, true);
    record.title = title;
    record.body = body;
  }
  return readRecord(record, lines);
}
