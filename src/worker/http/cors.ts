/** @module CORS for the public read API: `*` by default, or the comma-separated list in `ALLOWED_ORIGINS`. */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../app-env";

/** Parses `ALLOWED_ORIGINS`: `*`, or origins separated by commas. */
export function allowedOrigins(value: string | undefined): "*" | string[] {
  const list = (value ?? "*")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length === 0 || list.includes("*") ? "*" : list;
}

export const corsMiddleware: MiddlewareHandler<AppEnv> = (c, next) => {
  const allowed = allowedOrigins(c.env.ALLOWED_ORIGINS);
  // The origins that may read the answer may read its timings too (Resource Timing, and `Server-Timing` there).
  const origin = c.req.header("Origin");
  if (allowed === "*") c.header("Timing-Allow-Origin", "*");
  else if (origin && allowed.includes(origin)) c.header("Timing-Allow-Origin", origin);
  return cors({
    // Hono adds `Vary: Origin` whenever the answer depends on the origin.
    origin: allowed === "*" ? "*" : (origin) => (allowed.includes(origin) ? origin : null),
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: ["Content-Type", "If-None-Match"],
    exposeHeaders: ["ETag", "Server-Timing", "Retry-After"],
    maxAge: 86_400,
  })(c, next);
};
