/** @module Every error a caller can see: one table of codes, one error class, one JSON shape. */

export const errors = {
  bad_request: { status: 400, message: "The request is malformed." },
  query_missing: { status: 400, message: "Parameter q is required and must not be empty." },
  query_too_long: { status: 400, message: "Parameter q is too long." },
  query_too_complex: { status: 400, message: "The query has too many terms." },
  query_too_broad: { status: 400, message: "The query would read too much of the index in one request: narrow it." },
  dates_unavailable: {
    status: 400,
    message: "No document of this archive has a date: sort=date, recency and from:/to: cannot apply. Rebuild with dated records.",
  },
  limit_out_of_range: { status: 400, message: "Parameter limit must be an integer from 1 to 100." },
  offset_out_of_range: { status: 400, message: "Parameter offset must be a non-negative integer." },
  type_unknown: { status: 400, message: "Parameter type must be person, organization or place." },
  entity_unknown: { status: 400, message: "An entity filter names no entity of this archive." },
  not_found: { status: 404, message: "No such route." },
  method_not_allowed: { status: 405, message: "Method not allowed." },
  document_not_found: { status: 404, message: "No document has this id." },
  entity_not_found: { status: 404, message: "No entity has this id." },
  bundle_not_loaded: { status: 503, message: "No search bundle is loaded: build one and load it into KV." },
  bundle_unsupported: { status: 503, message: "The loaded bundle has a format this Worker cannot read." },
  bundle_key_missing: { status: 503, message: "A key of the loaded bundle is missing from KV." },
  bundle_version_missing: {
    status: 503,
    message: "The live manifest names a bundle version whose keys are not in KV (never uploaded, or pruned): upload it or roll back.",
  },
  bundle_key_corrupt: { status: 503, message: "A value of the loaded bundle is corrupt." },
  storage_unavailable: { status: 503, message: "The KV store failed to answer." },
  internal: { status: 500, message: "Internal error." },
} as const;

export type ErrorCode = keyof typeof errors;
export type ErrorStatus = (typeof errors)[ErrorCode]["status"];

/** An error with a code from the table; the Worker answers it as `{ error: { code, message } }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ErrorStatus;

  constructor(code: ErrorCode, message?: string) {
    super(message ?? errors[code].message);
    this.name = "AppError";
    this.code = code;
    this.status = errors[code].status;
  }
}

/** The JSON body of an error response. */
export function errorBody(error: AppError): { error: { code: ErrorCode; message: string } } {
  return { error: { code: error.code, message: error.message } };
}
