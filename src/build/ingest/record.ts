/** @module Maps one JSON record (our own shape, Reuters-21578 or BEIR) onto a document; unknown fields become metadata. */

import { languageTag } from "../language";
import { normalizeNewlines } from "./decode";
import type { Entry } from "./document";
import { makeDocument } from "./document";
import { normalizeDate } from "./parse-date";

/** Fields the document itself takes; every other field of a record is kept in `meta`. */
const OWN_FIELDS = new Set(["id", "_id", "title", "body", "text", "date", "url", "lang", "language"]);

type Fail = Extract<Entry, { ok: false }>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * Reads one parsed record: `id` (or BEIR's `_id`; a number is turned into a string), `body` (or `text`), and the
 * optional `title`, `date`, `url` and `lang` (or `language`: a BCP 47 tag such as "de" or "pt-BR"; without one the
 * language is detected). A null field counts as absent.
 *
 * @example
 * readRecord({ _id: 4983, title: "Microstructural development", text: "Alterations…", metadata: {} });
 * // { ok: true, document: { id: "4983", title: "Microstructural development", body: "Alterations…", meta: { metadata: {} } } }
 */
export function readRecord(record: unknown): Entry {
  if (typeof record !== "object" || record === null || Array.isArray(record)) {
    return { ok: false, code: "invalid_record", reason: `a record must be a JSON object, not ${describe(record)}` };
  }
  const fields = record as Record<string, unknown>;
  const rawId = fields.id ?? fields._id;
  if (rawId === undefined || rawId === null || (typeof rawId === "string" && rawId.trim() === "")) {
    return { ok: false, code: "missing_id", reason: "the record has no id (or _id)" };
  }
  if (typeof rawId !== "string" && !(typeof rawId === "number" && Number.isFinite(rawId))) {
    return { ok: false, code: "invalid_record", reason: `the id must be a string or a number, not ${describe(rawId)}` };
  }
  const id = String(rawId);
  // A withdrawal (`npm run build -- --update`): the id alone counts; a full build leaves it out.
  if (fields.deleted === true) return { ok: true, document: { id, title: "", body: "", meta: { deleted: true } } };
  const wrong = (field: string, expected: string): Fail => ({
    ok: false,
    code: "invalid_record",
    id,
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
    return { ok: false, code: "invalid_record", id, reason: `record "${id}": date ${JSON.stringify(rawDate)} is not a date` };
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
      reason: `record "${id}": ${langField} ${JSON.stringify(rawLang)} is not a language tag (such as "en", "de" or "pt-BR")`,
    };
  }

  const meta: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (!OWN_FIELDS.has(key)) meta[key] = value;
  return makeDocument({ id, title, body: normalizeNewlines(body), date, url, lang, meta });
}
