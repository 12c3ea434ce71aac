/** @module Turns a schema's validation failure into the API's error codes, one per parameter. */
import { zValidator } from "@hono/zod-validator";
import type { Context, MiddlewareHandler } from "hono";
import { getQueryParams } from "hono/utils/url";
import { toJSONSchema, type z } from "zod";
import { AppError, type ErrorCode } from "../../errors";
import type { AppEnv } from "../app-env";
import { answerFromCache } from "../http/caching";
import { ROUTE_PARAMETERS } from "./schemas";

const codes: Record<string, ErrorCode> = {
  limit: "limit_out_of_range",
  offset: "offset_out_of_range",
  type: "type_unknown",
};

/**
 * Throws `bad_request` naming the first parameter of the request that its route does not read.
 * @example
 * await refuseUnknownParameters(c); // GET /search?q=kabul&limt=5 → 400 bad_request: Unknown parameter "limt"…
 */
export async function refuseUnknownParameters(c: Context<AppEnv>): Promise<void> {
  const known = ROUTE_PARAMETERS[c.req.routePath];
  if (!known) return;
  const names = Object.keys(getQueryParams(c.req.url) as Record<string, string[]>);
  let unknown = names.find((name) => !known.includes(name));
  if (unknown === undefined) return;
  const facets = c.req.routePath === "/search" ? ((await c.var.bundle()).manifest.engine.facets ?? []) : [];
  unknown = names.find((name) => !known.includes(name) && !facets.includes(name));
  if (unknown === undefined) return;
  const reads = [...known, ...facets];
  throw new AppError(
    "bad_request",
    `Unknown parameter ${JSON.stringify(unknown.slice(0, 100))}: ${reads.length ? `this route reads ${reads.join(", ")}` : "this route reads none"}.`,
  );
}

/**
 * The `defaultHook` of every route: the first failing parameter names the error, then a parameter the route does not
 * read is refused; a valid request may be answered from the HTTP caches (a 304, the edge cache) without running the
 * route. A route's validators (its query, then its path) each check everything before a cached answer is looked up.
 * Its context is any route's (`zValidator` does not pass the app's `Env` on): every route of the Worker has `AppEnv`.
 */
const validationHook =
  (bounds: () => Record<string, Bounds>) =>
  async (
    result: { success: true; data: unknown } | { success: false; error: z.core.$ZodError },
    context: Context,
  ): Promise<Response | undefined> => {
    const c = context as Context<AppEnv>;
    if (result.success) {
      await refuseUnknownParameters(c);
      return answerFromCache(c, result.data);
    }
    const issue = result.error.issues[0];
    const param = String(issue?.path[0] ?? "");
    let code: ErrorCode = codes[param] ?? "bad_request";
    if (param === "q") {
      // A q given twice arrives as a list: that is malformed, not missing.
      const repeated = issue?.code === "invalid_type" && !/undefined/.test(issue.message);
      code = issue?.code === "too_big" ? "query_too_long" : repeated ? "bad_request" : "query_missing";
    }
    // The route's own range, which differs between routes (`limit` is 1–20 on /suggest, 1–100 on /search).
    const range = bounds()[param];
    const detail =
      code === "bad_request"
        ? `Parameter ${param || "?"} is invalid: ${issue?.message ?? "bad value"}.`
        : range && (code === "limit_out_of_range" || code === "offset_out_of_range")
          ? `Parameter ${param} must be an integer from ${range.minimum} to ${range.maximum}.`
          : undefined;
    throw new AppError(code, detail);
  };

interface Bounds {
  minimum: number;
  maximum: number;
}

/** Each numeric parameter's range, as the schema states it (its JSON Schema, made once). */
function boundsOf(schema: z.ZodType): () => Record<string, Bounds> {
  let made: Record<string, Bounds> | undefined;
  return () => {
    if (made) return made;
    made = {};
    try {
      const { properties = {} } = toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as {
        properties?: Record<string, { minimum?: number; maximum?: number; anyOf?: { minimum?: number; maximum?: number }[] }>;
      };
      for (const [name, property] of Object.entries(properties)) {
        const found = [property, ...(property.anyOf ?? [])].find((p) => p.minimum !== undefined && p.maximum !== undefined);
        if (found) made[name] = { minimum: found.minimum as number, maximum: found.maximum as number };
      }
    } catch {
      // A schema JSON Schema cannot state: the code's own message stands.
    }
    return made;
  };
}

/**
 * A route's validator of its query or path: `validationHook` on failure and success, and for `hono/client` the schema's
 * own input type (a number may be given for `limit`; `zValidator` alone would ask every query value as a string).
 * @example
 * new Hono<AppEnv>().get("/search", validate("query", SearchQuery), (c) => c.json(c.req.valid("query")));
 */
export function validate<T extends z.ZodType, Target extends "query" | "param">(target: Target, schema: T) {
  return zValidator(target, schema, validationHook(boundsOf(schema))) as unknown as MiddlewareHandler<
    AppEnv,
    string,
    { in: { [K in Target]: z.input<T> }; out: { [K in Target]: z.output<T> } }
  >;
}
