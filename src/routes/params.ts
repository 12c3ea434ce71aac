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

/** Most `entity` filters one request may carry. */
export const MAX_ENTITY_FILTERS = 5;

export function readEntities(c: Context): string[] {
  const ids = (c.req.queries("entity") ?? []).flatMap((v) => v.split(",")).map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (ids.length > MAX_ENTITY_FILTERS) throw new AppError("bad_request", `At most ${MAX_ENTITY_FILTERS} entity filters are allowed; got ${ids.length}.`);
  return [...new Set(ids)];
}

export function readSort(c: Context): "relevance" | "date" {
  const sort = c.req.query("sort") || "relevance";
  if (sort !== "relevance" && sort !== "date") throw new AppError("bad_request", `Parameter sort must be relevance or date; got "${sort.slice(0, 20)}".`);
  return sort;
}

/** `recency`: a half-life in days, from 1 to 36,500. */
export function readRecency(c: Context): number | undefined {
  const raw = c.req.query("recency");
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 1 || n > 36_500) throw new AppError("bad_request", `Parameter recency must be a half-life in days from 1 to 36500; got "${raw.slice(0, 20)}".`);
  return n;
}
