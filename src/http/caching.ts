/** @module HTTP caching of reads: an ETag from the bundle version and the request, 304s, Cache-Control, and the edge cache for searches. */
import type { Context, MiddlewareHandler } from "hono";
import { getQueryParams } from "hono/utils/url";
import type { AppEnv } from "../app-env";
import { fnv1a } from "../bundle/hash";

/** Parameters that change an answer; any other is ignored in cache keys. */
const PARAMS = ["q", "limit", "offset", "type", "entity", "sort", "recency"];

/** `q` with runs of spaces folded, and its case unless it holds the operator `OR` (an operator only in capitals). */
function foldQuery(q: string): string {
  const spaced = q.replace(/\s+/g, " ").replace(/^ /, "");
  return /(?:^|[\s"])OR(?:$|[\s"])/.test(spaced) ? spaced : spaced.toLowerCase();
}

/**
 * The request as a cache key: path and known parameters, sorted, with `q`'s case and runs of spaces folded
 * (a trailing space is kept: it changes the answer; so does `OR`, so a query holding it keeps its case).
 * Parameters are read as the routes read them (Hono's decoding, every repeated value), so two requests
 * the routes answer differently never share a key.
 * @example
 * normalizeRequest(new URL("http://x/search?limit=5&q=Kabul%20%20Embassy")); // "/search?limit=5&q=kabul embassy"
 */
export function normalizeRequest(url: URL): string {
  const all = getQueryParams(url.href) as Record<string, string[] | undefined>;
  const params: string[] = [];
  for (const name of PARAMS) {
    for (const raw of all[name] ?? []) {
      const value = name === "q" ? foldQuery(raw) : raw;
      params.push(`${name}=${encodeURIComponent(value)}`);
    }
  }
  return `${url.pathname}${params.length ? `?${params.join("&")}` : ""}`;
}

const seconds = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
};

/** Edge-cached routes: the ones that cost a search. */
const EDGE_CACHED = new Set(["/search", "/suggest"]);

/**
 * For GET reads of the bundle: answers `304` when `If-None-Match` names the current ETag, serves and fills
 * the edge cache (keyed by the normalized request and the bundle version, so a new version never serves
 * old answers), and sets `Cache-Control` with `max-age` and `stale-while-revalidate`.
 */
export const caching: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
  const url = new URL(c.req.url);
  const reader = await c.var.bundle();
  const key = normalizeRequest(url);
  // Weak: the answer is the same for this version and request, only `took_ms` may differ.
  const etag = `W/"${reader.version}-${fnv1a(key).toString(36)}"`;
  const maxAge = seconds(c.env.CACHE_MAX_AGE, 60);
  const swr = seconds(c.env.CACHE_STALE_WHILE_REVALIDATE, 600);
  const headers = { ETag: etag, "Cache-Control": `public, max-age=${maxAge}, stale-while-revalidate=${swr}` };

  if (ifNoneMatch(c, etag)) {
    c.set("cacheStatus", "revalidated");
    return c.body(null, 304, headers);
  }
  const edge = EDGE_CACHED.has(url.pathname) ? edgeCache() : undefined;
  const edgeKey = new Request(`https://edge-search.cache/${reader.version}${key}`);
  const cached = await edge?.match(edgeKey);
  if (cached) {
    c.set("cacheStatus", "hit");
    c.res = new Response(cached.body, cached);
    return;
  }
  c.set("cacheStatus", edge ? "miss" : "none");
  await next();
  if (c.res.status !== 200) {
    c.res.headers.set("Cache-Control", "no-store");
    return;
  }
  for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  if (edge) {
    const copy = c.res.clone();
    // Per-request headers stay out of the shared copy: timings, and CORS, which depends on the caller's origin.
    for (const name of [...copy.headers.keys()]) {
      if (name === "server-timing" || name.startsWith("access-control-") || name === "vary") copy.headers.delete(name);
    }
    const put = edge.put(edgeKey, copy).catch(() => {});
    try {
      c.executionCtx.waitUntil(put);
    } catch {
      await put; // no execution context (tests calling app.fetch directly)
    }
  }
};

function ifNoneMatch(c: Context, etag: string): boolean {
  const header = c.req.header("If-None-Match");
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || `W/${t}` === etag;
  });
}

function edgeCache(): Cache | undefined {
  return typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default;
}
