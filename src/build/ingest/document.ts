/** @module The checks every document passes whatever file it came from: a body, a size limit, a title of sane length. */
import type { SourceDocument } from "../../format/schema";
import { detectLanguage, UNDETERMINED } from "../language";
import { shorten, TITLE_MAX, titleFromBody } from "./derive-title";
import type { IngestCode } from "./errors";

/** The largest body the build accepts, in UTF-8 bytes. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** A document, or why the input cannot be one; `line` and `index` say where in its file it came from. */
export type Entry =
  | { ok: true; document: SourceDocument; line?: number; index?: number }
  | { ok: false; code: IngestCode; reason: string; id?: string; line?: number; index?: number };

export interface DocumentFields {
  id: string;
  /** Empty or missing: derived from the body. */
  title?: string;
  body: string;
  date?: string;
  url?: string;
  /** The language the input gives (ISO 639-1); missing: detected from the title and body. */
  lang?: string;
  /** The language of the document's source (a feed's), taken when detection cannot tell (`und`). */
  sourceLang?: string;
  meta?: Record<string, unknown>;
}

/**
 * Builds a document from fields already read from a file, or says why it cannot: an empty body, a body over 5 MiB.
 * The body is trimmed; a missing title comes from the first sentence of the body; any title is cut to 1,000 characters;
 * a missing language is detected (`detectLanguage`: "und" when the text says too little).
 *
 * @example
 * makeDocument({ id: "a", body: "  Prices rose. Again.  " });
 * // { ok: true, document: { id: "a", title: "Prices rose.", body: "Prices rose. Again.", lang: "und", meta: {} } }
 */
export function makeDocument(fields: DocumentFields): Entry {
  const { id } = fields;
  // "/documents/." and "/documents/.." are the root to every client and server that reads the address: such an id
  // could never be asked for.
  if (id === "." || id === "..")
    return {
      ok: false,
      code: "invalid_record",
      id,
      reason: `the id "${id}" cannot be asked for: /documents/${id} is a path, not a document`,
    };
  const body = fields.body.trim();
  if (body === "") return { ok: false, code: "empty_body", id, reason: `document "${id}" has an empty body` };
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so only long strings need counting.
  if (body.length * 3 > MAX_BODY_BYTES) {
    const bytes = Buffer.byteLength(body, "utf8");
    if (bytes > MAX_BODY_BYTES) {
      const mib = (bytes / 1024 / 1024).toFixed(1);
      return { ok: false, code: "document_too_large", id, reason: `document "${id}" has a ${mib} MiB body; the limit is 5 MiB` };
    }
  }
  const given = fields.title?.replace(/\s+/g, " ").trim() ?? "";
  const title = given === "" ? titleFromBody(body) : shorten(given, TITLE_MAX);
  let lang = fields.lang ?? detectLanguage(given === "" ? body : `${given}\n\n${body}`);
  if (lang === UNDETERMINED && fields.sourceLang) lang = fields.sourceLang;
  const document: SourceDocument = { id, title, body, lang, meta: fields.meta ?? {} };
  if (fields.date !== undefined) document.date = fields.date;
  if (fields.url !== undefined) document.url = fields.url;
  return { ok: true, document };
}
