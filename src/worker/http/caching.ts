/** @module HTTP caching of reads: an ETag from the bundle version and the request, 304s, Cache-Control, and the edge cache for searches. */
import type { Context, MiddlewareHandler } from "hono";
import { getQueryParams } from "hono/utils/url";
import { fnv1a } from "../../format/hash";
import { LruCache } from "../../kv/lru-cache";
import { typedHead } from "../../search/suggest";
import type { AppEnv } from "../app-env";
import { readSettings, type SettingVars } from "../settings";
import { etagMatches } from "./etag";

/** Parameters that change an answer; any other is ignored in cache keys. */
const PARAMS = ["q", "limit", "offset", "type", "entity", "lang", "sort", "recency", "group", "facets", "trending", "titles"];

/**
 * `q` with runs of spaces folded, and its case unless the query reads capitals: the operator `OR` (an operator only
 * in capitals, beside spaces or any quote), or a capital whose lower case is read otherwise: `İ` gains a combining
 * mark (a word being typed would no longer be), `Ϲ` folds to another sigma than its capital, and `Σ` lowercases by
 * its neighbours in the whole query, which are not those it has in the word the query is read by.
 */
function foldQuery(q: string): string {
  const spaced = q.replace(/\s+/g, " ").replace(/^ /, "");
  return /(?:^|[\s"“”„])OR(?:$|[\s"“”„])|[İϹΣ]/u.test(spaced) ? spaced : spaced.toLowerCase();
}

/**
 * The request as a cache key: path and known parameters, sorted, with `q`'s case and runs of spaces folded
 * (a trailing space is kept: it changes the answer; so does `OR`, so a query holding it keeps its case).
 * Parameters are read as the routes read them (Hono's decoding, every repeated value), so two requests
 * the routes answer differently never share a key.
 * @example
 * normalizeRequest(new URL("http://x/search?limit=5&q=Kabul%20%20Embassy")); // "/search?limit=5&q=kabul embassy"
 */
export function normalizeRequest(url: URL, facets: readonly string[] = []): string {
  const all = getQueryParams(url.href) as Record<string, string[] | undefined>;
  const params: string[] = [];
  // The bundle's facets are parameters too (`category=politics`), after the fixed ones.
  for (const name of [...PARAMS, ...facets.filter((f) => !PARAMS.includes(f))]) {
    for (const raw of all[name] ?? []) {
      // A suggestion's completions repeat the words typed before the last one as they were typed: such a q is kept.
      const value = name !== "q" || (url.pathname === "/suggest" && typedHead(raw)) ? raw : foldQuery(raw);
      params.push(`${name}=${encodeURIComponent(value)}`);
    }
  }
  return `${url.pathname}${params.length ? `?${params.join("&")}` : ""}`;
}

/** Edge-cached routes: the ones that cost a search. */
const EDGE_CACHED = new Set(["/search", "/suggest"]);

/** What the middleware worked out for a request, for `answerFromCache` once the request is valid. */
interface Pending {
  etag: string;
  headers: Record<string, string>;
  edge: Cache | undefined;
  /** The edge cache's key: a URL of the version and the normalized request. */
  edgeKey: string;
  /** This isolate's answer cache (undefined when off), and the request's key in it. */
  answers: LruCache<Answer> | undefined;
  answerKey: string;
  /** The validated `q`, set once the request is valid: what the route's answer echoes. */
  query?: string;
}

/** A 200 answer kept in the isolate: its JSON text and the `query` it echoes, for another spelling of the same request. */
interface Answer {
  body: string;
  query: string | undefined;
  contentType: string;
}

/** Heap an answer is charged: its text (two bytes a character at most) and the entry's own objects. */
const answerSize = (a: Answer) => 2 * (a.body.length + (a.query?.length ?? 0)) + 256;

let answerCache: LruCache<Answer> | undefined;

/**
 * The isolate's cache of whole search and suggest answers, `ANSWER_CACHE_MB` (default 4; 0 turns it off),
 * apart from the bundle values' budget. A repeated query is answered from memory before the edge cache is
 * asked: no KV, no search, no Cache API round trip.
 */
function answersFor(env: SettingVars): LruCache<Answer> | undefined {
  const budget = readSettings(env).answerCacheBytes;
  if (budget === 0) return undefined;
  if (answerCache?.budgetBytes !== budget) answerCache = new LruCache(budget);
  return answerCache;
}
const pending = new WeakMap<Request, Pending>();

/**
 * For GET reads of the bundle: ETag and `Cache-Control` (`max-age`, `stale-while-revalidate`) on 200s,
 * `no-store` on anything else, and the edge cache filled (keyed by the normalized request and the bundle
 * version, so a new version never serves old answers). Answering from a cache waits for the request to be
 * valid (`answerFromCache`, called by the validation hook): a bad request gets its 400, never a 304 or
 * another request's cached answer.
 */
export const caching: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
  const url = new URL(c.req.url);
  const reader = await c.var.bundle();
  const key = normalizeRequest(url, reader.manifest.engine.facets);
  // Weak: the answer is the same for this version and request, only `took_ms` (and the echoed `query`) may differ.
  const etag = `W/"${reader.liveVersion}-${fnv1a(key).toString(36)}"`;
  const { maxAgeSeconds: maxAge, staleWhileRevalidateSeconds: swr } = readSettings(c.env);
  const headers = { ETag: etag, "Cache-Control": `public, max-age=${maxAge}, stale-while-revalidate=${swr}` };
  const edge = EDGE_CACHED.has(url.pathname) && !onWorkersDev(url) ? edgeCache() : undefined;
  const edgeKey = `https://edge-search.cache/${reader.liveVersion}${key}`;
  const answers = EDGE_CACHED.has(url.pathname) ? answersFor(c.env) : undefined;
  const answerKey = `${reader.liveVersion}${key}`;
  pending.set(c.req.raw, { etag, headers, edge, edgeKey, answers, answerKey });
  c.set("cacheStatus", edge || answers ? "miss" : "none");
  await next();
  if (c.res.status === 304) return;
  if (c.res.status !== 200) {
    c.res.headers.set("Cache-Control", "no-store");
    return;
  }
  const status = c.var.cacheStatus;
  if (status === "miss" || status === "none") {
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
    if (edge) fillEdge(c, edge, edgeKey);
  }
  // An answer this isolate computed, or the edge cache's (another isolate's): the next repeat is served from memory.
  if (answers && (status === "miss" || status === "hit")) await keepAnswer(c, answers, answerKey, pending.get(c.req.raw)?.query);
  // `*` (or a tag of this answer, when the hook could not look first) once the answer is known to exist.
  if (ifNoneMatch(c, etag, true)) {
    c.set("cacheStatus", "revalidated");
    c.res = new Response(null, { status: 304, headers: notModifiedHeaders(c.res.headers) });
  }
};

/**
 * After the request is validated: `304` when `If-None-Match` names this answer's ETag, or the edge cache's
 * copy, its `query` set to this request's own spelling (the cache key folds case and spaces). `undefined`
 * when the route must answer.
 */
export async function answerFromCache(c: Context<AppEnv>, valid: unknown): Promise<Response | undefined> {
  const state = pending.get(c.req.raw);
  if (!state) return undefined;
  if (ifNoneMatch(c, state.etag, false)) {
    c.set("cacheStatus", "revalidated");
    return c.body(null, 304, state.headers);
  }
  const q = (valid as { q?: unknown } | undefined)?.q;
  if (typeof q === "string") state.query = q;
  const kept = state.answers?.get(state.answerKey);
  if (kept) {
    c.set("cacheStatus", "isolate");
    // The same spelling as the answer kept (the usual repeat) is served as is; another is re-serialized with its own.
    const body = typeof q !== "string" || q === kept.query ? kept.body : JSON.stringify({ ...JSON.parse(kept.body), query: q });
    return new Response(body, { status: 200, headers: { "Content-Type": kept.contentType, ...state.headers } });
  }
  const cached = await state.edge?.match(state.edgeKey);
  if (!cached) return undefined;
  c.set("cacheStatus", "hit");
  const body = (await cached.json()) as Record<string, unknown>;
  if (typeof q === "string" && "query" in body) body.query = q;
  const headers = new Headers(cached.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: cached.status, headers });
}

/**
 * Keeps a 200 answer in the isolate's answer cache (its text read from a copy; the caller's response is untouched),
 * with the validated `q` it echoes.
 */
async function keepAnswer(c: Context, answers: LruCache<Answer>, key: string, query: string | undefined): Promise<void> {
  const contentType = c.res.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/json")) return;
  const answer = { body: await c.res.clone().text(), query, contentType };
  answers.set(key, answer, answerSize(answer));
}

function fillEdge(c: Context, edge: Cache, edgeKey: string): void {
  const copy = c.res.clone();
  // Per-request headers stay out of the shared copy: timings, and CORS, which depends on the caller's origin.
  for (const name of [...copy.headers.keys()]) {
    if (name === "server-timing" || name.startsWith("access-control-") || name === "vary") copy.headers.delete(name);
  }
  const put = edge.put(edgeKey, copy).catch(() => {});
  try {
    c.executionCtx.waitUntil(put);
  } catch {
    void put; // no execution context (tests calling app.fetch directly)
  }
}

/** A 304 carries the validators and caching headers of the 200 it stands for, and those that vary per request. */
function notModifiedHeaders(from: Headers): Headers {
  const out = new Headers();
  for (const [name, value] of from) {
    if (["etag", "cache-control", "vary"].includes(name) || name.startsWith("access-control-")) out.set(name, value);
  }
  return out;
}

/** Whether the request's `If-None-Match` names `etag`, or `*` when `star` (the answer is known to exist). */
const ifNoneMatch = (c: Context, etag: string, star: boolean): boolean => etagMatches(c.req.header("If-None-Match"), etag, star);

/**
 * Whether the request came to a `*.workers.dev` address, where the Cache API stores nothing (Cloudflare's Cache API
 * docs): there the edge cache is neither asked nor filled, which would cost a round trip and a `waitUntil` for nothing.
 * @example
 * onWorkersDev(new URL("https://edge-search.acme.workers.dev/search?q=kabul")); // true
 */
export function onWorkersDev(url: URL): boolean {
  return url.hostname === "workers.dev" || url.hostname.endsWith(".workers.dev");
}

function edgeCache(): Cache | undefined {
  return typeof caches === "undefined" ? undefined : (caches as unknown as { default: Cache }).default;
}
