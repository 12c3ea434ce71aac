/** @module Turns a schema's validation failure into the API's error codes, one per parameter. */
import type { Hook } from "@hono/zod-openapi";
import { AppError, type ErrorCode } from "../../errors";
import type { AppEnv } from "../app-env";
import { answerFromCache } from "../http/caching";

const codes: Record<string, ErrorCode> = {
  limit: "limit_out_of_range",
  offset: "offset_out_of_range",
  type: "type_unknown",
};

/**
 * The `defaultHook` of every route: the first failing parameter names the error; a valid request may be
 * answered from the HTTP caches (a 304, the edge cache) without running the route. Every route has one
 * validator (its query or its path), so a cached answer never skips a check.
 */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return answerFromCache(c, result.data);
  const issue = result.error.issues[0];
  const param = String(issue?.path[0] ?? "");
  let code: ErrorCode = codes[param] ?? "bad_request";
  if (param === "q") {
    // A q given twice arrives as a list: that is malformed, not missing.
    const repeated = issue?.code === "invalid_type" && !/undefined/.test(issue.message);
    code = issue?.code === "too_big" ? "query_too_long" : repeated ? "bad_request" : "query_missing";
  }
  const detail = code === "bad_request" ? `Parameter ${param || "?"} is invalid: ${issue?.message ?? "bad value"}.` : undefined;
  throw new AppError(code, detail);
};
