/** @module Maps one JSON record (our own shape, Reuters-21578 or BEIR) onto a document; unknown fields become metadata. */

import { languageTag } from "../language";
import { normalizeNewlines } from "./decode";
import type { Entry } from "./document";
import { makeDocument } from "./document";
import { htmlToText, isHtmlBody } from "./html";
import { normalizeDate } from "./parse-date";

/** Fields the document itself takes; every other field of a record is kept in `meta`. */
const OWN_FIELDS = new Set(["id", "_id", "title", "body", "text", "date", "url", "lang", "language"]);

type Fail = Extract<Entry, { ok: false }>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** `String.prototype.isWellFormed` (ES2024, in Node since 20.0): the project's `lib` is ES2023, so it is typed here. */
const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

/** A UTF-16 code unit with no partner: a high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A lone surrogate of a string that is not well-formed, as an escape: `\\ud800`. */
function escapeLone(text: string): string {
  const unit = (LONE_SURROGATE.exec(text)?.[0] ?? "").charCodeAt(0);
  return `\\u${unit.toString(16).padStart(4, "0")}`;
}

/**
 * Where a record holds a lone surrogate (JSON's `"\ud800"` escape makes one; UTF-8 cannot), or undefined: its
 * top-level field, the value in words (`the body`, `the tags[1]`, `the author.name`, `a field name in author`) and
 * the code unit as an escape. Walks nested lists and objects without recursion, so no depth overflows the stack.
 *
 * @example
 * loneSurrogate({ body: "ok", tags: ["a", "b\udc00"] }); // { field: "tags", where: "the tags[1]", unit: "\\udc00" }
 */
export function loneSurrogate(fields: Record<string, unknown>): { field: string; where: string; unit: string } | undefined {
  // A path deeper than a message can show ends in "…".
  const below = (path: string, step: string) => (path.length <= 100 ? `${path}${step}` : path.endsWith("…") ? path : `${path}…`);
  const stack: { value: unknown; path: string; field: string }[] = [{ value: fields, path: "", field: "" }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path, field } = next;
    if (typeof value === "string") {
      if (!isWellFormed(value)) return { field, where: `the ${path}`, unit: escapeLone(value) };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: below(path, `[${i}]`), field });
    } else if (typeof value === "object" && value !== null) {
      const top = path === "";
      const entries = Object.entries(value);
      for (const [key] of entries) {
        if (!isWellFormed(key))
          return { field: top ? key : field, where: top ? "a field name" : `a field name in ${path}`, unit: escapeLone(key) };
      }
      for (const [key, item] of entries.reverse())
        stack.push({ value: item, path: top ? key : below(path, `.${key}`), field: top ? key : field });
    }
  }
  return undefined;
}

/**
 * Reads one parsed record: `id` (or BEIR's `_id`; a number is turned into a string), `body` (or `text`), and the
 * optional `title`, `date`, `url` and `lang` (or `language`: a BCP 47 tag such as "de" or "pt-BR"; without one the
 * language is detected). A body that opens with an HTML block element is HTML, read as text with its title (`htmlToText`). A null field counts as absent. A string holding a lone surrogate (`"\ud800"`), anywhere in
 * the record, is no Unicode text: `invalid_utf8`, as bytes that are not UTF-8 are. `lines` (a front matter's) gives
 * the line of each field, for the problems that concern one.
 *
 * @example
 * readRecord({ _id: 4983, title: "Microstructural development", text: "Alterations…", metadata: {} });
 * // { ok: true, document: { id: "4983", title: "Microstructural development", body: "Alterations…", meta: { metadata: {} } } }
 * readRecord({ id: "a", body: "Bad \ud800 text" });
 * // { ok: false, code: "invalid_utf8", id: "a", reason: 'record "a": the body holds a lone surrogate (\\ud800), which is not Unicode text' }
 */
export function readRecord(record: unknown, lines: Readonly<Record<string, number>> = {}): Entry {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { ok: false, code: "invalid_record", reason: `a record must be a JSON object, not ${describe(record)}` };
  }
  const fields = record as Record<string, unknown>;
  /** The line of a field, when `lines` knows it. */
  const at = (field: string) => (Object.hasOwn(lines, field) ? { line: lines[field] } : {});
  const idField = fields.id !== undefined && fields.id !== null ? "id" : "_id";
  const rawId = fields[idField];
  if (rawId === undefined || rawId === null || (typeof rawId === "string" && rawId.trim() === "")) {
    return { ok: false, code: "missing_id", reason: "the record has no id (or _id)" };
  }
  if (typeof rawId !== "string" && !(typeof rawId === "number" && Number.isFinite(rawId))) {
    return { ok: false, code: "invalid_record", ...at(idField), reason: `the id must be a string or a number, not ${describe(rawId)}` };
  }
  const id = String(rawId);
  if (!isWellFormed(id)) {
    const reason = `the ${idField} holds a lone surrogate (${escapeLone(id)}), which is not Unicode text`;
    return { ok: false, code: "invalid_utf8", ...at(idField), reason };
  }
  // A withdrawal (`npm run build -- --update`): the id alone counts; a full build leaves it out.
  if (fields.deleted === true) return { ok: true, document: { id, title: "", body: "", meta: { deleted: true } } };
  const lone = loneSurrogate(fields);
  if (lone) {
    const reason = `record "${id}": ${lone.where} holds a lone surrogate (${lone.unit}), which is not Unicode text`;
    return { ok: false, code: "invalid_utf8", id, ...at(lone.field), reason };
  }
  const wrong = (field: string, expected: string): Fail => ({
    ok: false,
    code: "invalid_record",
    id,
    ...at(field),
    reason: `record "${id}": ${field} must be ${expected}, not ${describe(fields[field])}`,
  });

  const bodyField = fields.body !== undefined && fields.body !== null ? "body" : "text";
  const body = fields[bodyField] ?? "";
  if (typeof body !== "string") return wrong(bodyField, "a string");
  const title = fields.title ?? undefined;
  if (title !== undefined && typeof title !== "string") return wrong("title", "a string");
  const url = fields.url ?? undefined;
  if (url !== undefined && typeof url !== "string") return wrong("url", "a string");
  const rawDate = fields.date ?? undefined;
  if (rawDate !== undefined && typeof rawDate !== "string") return wrong("date", "a string");
  const date = rawDate === undefined ? undefined : normalizeDate(rawDate);
  if (rawDate !== undefined && date === undefined) {
    return {
      ok: false,
      code: "invalid_record",
      id,
      ...at("date"),
      reason: `record "${id}": date ${JSON.stringify(rawDate)} is not a date`,
    };
  }

  const langField = fields.lang !== undefined && fields.lang !== null ? "lang" : "language";
  const rawLang = fields[langField] ?? undefined;
  if (rawLang !== undefined && typeof rawLang !== "string") return wrong(langField, "a string");
  const lang = rawLang === undefined ? undefined : languageTag(rawLang);
  if (rawLang !== undefined && lang === undefined) {
    return {
      ok: false,
      code: "invalid_record",
      id,
      ...at(langField),
      reason: `record "${id}": ${langField} ${JSON.stringify(rawLang)} is not a language tag (such as "en", "de" or "pt-BR")`,
    };
  }

  const meta: Record<string, unknown> = {};
  // A field named "__proto__" (JSON.parse makes it an own one) would become meta's prototype when assigned: a
  // record's `{"__proto__": {"deleted": true}}` would withdraw it. It names nothing a document has; it is left out.
  for (const [key, value] of Object.entries(fields)) if (!OWN_FIELDS.has(key) && key !== "__proto__") meta[key] = value;
  // A body that opens with an HTML block (a CMS's export: WordPress's `content.rendered`) is read as text, and its
  // title too; a text that mentions a tag further in is text.
  if (isHtmlBody(body)) {
    const text = htmlToText(normalizeNewlines(body));
    const plainTitle = title === undefined ? undefined : htmlToText(title);
    return makeDocument({ id, title: plainTitle, body: text, date, url, lang, meta });
  }
  return makeDocument({ id, title, body: normalizeNewlines(body), date, url, lang, meta });
}
