/** @module Reads and checks query parameters, answering bad ones with their own error code. */
import type { Context } from "hono";
import { AppError } from "../errors";

/** Longest accepted `q`, in characters. */
export const MAX_QUERY_CHARS = 512;

export function readQuery(c: Context): string {
  // Not trimmed: a trailing space says the last word is finished, not a prefix still being typed.
  const q = c.req.query("q") ?? "";
  if (q.trim().length === 0) throw new AppError("query_missing");
  if (q.length > MAX_QUERY_CHARS) throw new AppError("query_too_long", `Parameter q has ${q.length} characters; at most ${MAX_QUERY_CHARS} are allowed.`);
  return q;
}

export function readLimit(c: Context, fallback: number, max = 100): number {
  const raw = c.req.query("limit");
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new AppError("limit_out_of_range", `Parameter limit must be an integer from 1 to ${max}; got "${raw.slice(0, 20)}".`);
  }
  return n;
}

export function readOffset(c: Context, max = 10_000): number {
  const raw = c.req.query("offset");
  if (raw === undefined || raw === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new AppError("offset_out_of_range", `Parameter offset must be an integer from 0 to ${max}; got "${raw.slice(0, 20)}".`);
  }
  return n;
}
