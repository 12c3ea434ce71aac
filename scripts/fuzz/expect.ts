/** @module The fuzz oracle: from a request as the Worker will see it, the answers it may give (status, error code, response schema). */
import { getPath, getQueryParams, tryDecodeURIComponent } from "hono/utils/url";
import type { z } from "zod";
import type { ErrorCode } from "../../src/errors";
import { foldWords } from "../../src/format/analyzer";
import { MIN_PREFIX, TRENDING_DAYS } from "../../src/format/bundle";
import { parseQuery } from "../../src/search/parse-query";
import {
  DocumentResponse,
  EntityListResponse,
  EntityResponse,
  HealthResponse,
  MAX_ENTITY_FILTERS,
  MAX_OFFSET,
  MAX_QUERY_CHARS,
  ROUTE_PARAMETERS,
  SearchResponse,
  SimilarResponse,
  SuggestResponse,
} from "../../src/worker/api/schemas";

export type Route =
  | "search"
  | "suggest"
  | "document"
  | "similar"
  | "entity-list"
  | "entity"
  | "health"
  | "openapi"
  | "widget"
  | "demo"
  | "none";

/** One acceptable answer: a status, and for errors the code, for 200s the body's schema. */
export interface Outcome {
  status: number;
  code?: ErrorCode;
  schema?: z.ZodType;
  /** Answered by the runtime before the Worker runs (its body is the runtime's, not the API's). */
  runtime?: boolean;
}

/**
 * workerd refuses a request head over 64 KiB (431) before the Worker sees it; Cloudflare's edge refuses URLs over
 * 16 KB (414). The head holds the URL and the headers, so a URL between these two lengths may go either way.
 */
export const RUNTIME_MAX_URL = 65_000;
const RUNTIME_MAX_HEAD = 65_536;

/** The parameters as the Worker's validator reads them (Hono's own decoding of the query string). */
export type Params = Record<string, string[]>;

export interface Expectation {
  route: Route;
  params: Params;
  /** The decoded path parameter of `/documents/:id` and `/entities/:id`. */
  id?: string;
  outcomes: Outcome[];
  /** Bad input: the answer must be exactly this 400 (or 404). */
  bad: boolean;
}

const error = (code: ErrorCode, status = 400): Outcome => ({ status, code });

/** A numeric parameter as `z.coerce.number().int().min().max()` reads it: a list (repeated) is NaN. */
function numberOk(values: string[] | undefined, lo: number, hi: number, int = true): boolean {
  if (values === undefined) return true;
  if (values.length !== 1) return false;
  // A count (limit, offset) is decimal digits, and an empty one is no value (the default).
  if (int && values[0] === "") return true;
  if (int && !/^\s*\d+\s*$/.test(values[0] as string)) return false;
  const n = Number(values[0]);
  return Number.isFinite(n) && (!int || Number.isInteger(n)) && n >= lo && n <= hi;
}

/** The first failing parameter of `q` (in schema order), or undefined. */
function queryProblem(q: string[] | undefined): ErrorCode | undefined {
  if (q === undefined) return "query_missing";
  if (q.length !== 1) return "bad_request";
  const v = q[0] as string;
  // zod counts code points, not UTF-16 units.
  if ([...v].length > MAX_QUERY_CHARS) return "query_too_long";
  return v.trim().length === 0 ? "query_missing" : undefined;
}

/** The `entity` filters the search route takes: repeated or comma-separated, trimmed, lower case, distinct. */
export function entityFilters(values: string[] | undefined): string[] {
  return [
    ...new Set(
      (values ?? [])
        .flatMap((v) => v.split(","))
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

function searchOutcomes(p: Params, maxLimit: number, search: boolean, entityIds: ReadonlySet<string> = new Set()): Outcome[] {
  const q = queryProblem(p.q);
  if (q) return [error(q)];
  if (!numberOk(p.limit, 1, maxLimit)) return [error("limit_out_of_range")];
  if (search) {
    if (!numberOk(p.offset, 0, MAX_OFFSET)) return [error("offset_out_of_range")];
    if (p.sort && (p.sort.length !== 1 || !["relevance", "date"].includes(p.sort[0] as string))) return [error("bad_request")];
    if (!numberOk(p.recency, 1, 36_500, false)) return [error("bad_request")];
    if (p.facets && (p.facets.length !== 1 || !["sample", "all"].includes(p.facets[0] as string))) return [error("bad_request")];
    if (p.group && (p.group.length !== 1 || !["true", "false"].includes(p.group[0] as string))) return [error("bad_request")];
    if (entityFilters(p.entity).length > MAX_ENTITY_FILTERS) return [error("bad_request")];
  }
  // Valid input: an answer, or a clear refusal of a query needing too many index terms; with an entity filter that
  // names no entity's id, `entity_unknown` (unless it is an alias's slug: then an answer).
  const named = search ? [...entityFilters(p.entity), ...parseQuery(p.q?.[0] ?? "").entities] : [];
  const unknown = named.some((id) => !entityIds.has(id.toLowerCase()));
  return [
    { status: 200, schema: search ? SearchResponse : SuggestResponse },
    error("query_too_complex"),
    ...(unknown ? [error("entity_unknown")] : []),
  ];
}

function entityListOutcomes(p: Params): Outcome[] {
  if (p.type && (p.type.length !== 1 || !["all", "person", "organization", "place"].includes(p.type[0] as string)))
    return [error("type_unknown")];
  // q: one value of at most 100 characters (checked with the other parameters), then a word of 2 letters or more.
  if (p.q && (p.q.length !== 1 || (p.q[0] as string).length > 100)) return [error("bad_request")];
  if (!numberOk(p.limit, 1, 100)) return [error("limit_out_of_range")];
  if (!numberOk(p.offset, 0, MAX_OFFSET)) return [error("offset_out_of_range")];
  if (p.trending && (p.trending.length !== 1 || !TRENDING_DAYS.map(String).includes(p.trending[0] as string)))
    return [error("bad_request")];
  // Not with q; and a bundle without dates has no trending lists (`npm run fuzz -- --input` takes any corpus).
  if (p.trending && p.q) return [error("bad_request")];
  if (p.trending) return [{ status: 200, schema: EntityListResponse }, error("dates_unavailable")];
  if (p.q && !foldWords(p.q[0] as string).some((w) => w.length >= MIN_PREFIX)) return [error("bad_request")];
  return [{ status: 200, schema: EntityListResponse }];
}

function byIdOutcomes(id: string, known: boolean, schema: z.ZodType, notFound: ErrorCode): Outcome[] {
  if (known) return [{ status: 200, schema }];
  // Hono decodes path parameters (sometimes twice), so the length the schema sees is only approximately ours.
  return [{ status: 200, schema }, error(notFound, 404), ...(id.length > 400 ? [error("bad_request")] : [])];
}

/** Each route's path as the Worker's table of the parameters it reads (`ROUTE_PARAMETERS`) names it. */
const PATHS: Partial<Record<Route, string>> = {
  search: "/search",
  suggest: "/suggest",
  document: "/documents/:id",
  similar: "/documents/:id/similar",
  "entity-list": "/entities",
  entity: "/entities/:id",
};

/** Routes with ETags: the reads of the bundle, and the widget. */
const REVALIDATED = new Set<Route>(["search", "suggest", "document", "similar", "entity-list", "entity", "widget"]);

/**
 * What the Worker may answer to `method url`, given the ids that exist.
 * @example
 * expectFor("GET", new URL("http://localhost/search?q=kabul&limit=0"), new Set(), new Set()).outcomes; // [{ status: 400, code: "limit_out_of_range" }]
 */
export function expectFor(
  method: string,
  url: URL,
  headers: Record<string, string>,
  documentIds: Set<string>,
  entityIds: Set<string>,
  facets: readonly string[] = [],
): Expectation {
  const href = url.href;
  const params = getQueryParams(href) as unknown as Params;
  const path = getPath(new Request(href));
  const doc = /^\/documents\/([^/]+)$/.exec(path);
  const similar = /^\/documents\/([^/]+)\/similar$/.exec(path);
  const ent = /^\/entities\/([^/]+)$/.exec(path);
  const id = doc?.[1] ?? similar?.[1] ?? ent?.[1];
  const decodedId = id === undefined ? undefined : tryDecodeURIComponent(id);
  let route: Route = "none";
  if (path === "/search") route = "search";
  else if (path === "/suggest") route = "suggest";
  else if (path === "/entities") route = "entity-list";
  else if (path === "/health") route = "health";
  else if (path === "/openapi.json") route = "openapi";
  else if (path === "/widget.js") route = "widget";
  else if (path === "/") route = "demo";
  else if (doc) route = "document";
  else if (similar) route = "similar";
  else if (ent) route = "entity";

  let outcomes: Outcome[];
  let bad = false;
  if (href.length > RUNTIME_MAX_HEAD) outcomes = [{ status: 431, runtime: true }];
  else if (method === "OPTIONS") outcomes = [{ status: 204 }];
  else if (method !== "GET" && method !== "HEAD")
    outcomes = [route === "none" ? error("not_found", 404) : error("method_not_allowed", 405)];
  else {
    switch (route) {
      case "search":
      case "suggest":
        outcomes = searchOutcomes(params, route === "search" ? 100 : 20, route === "search", entityIds);
        break;
      case "entity-list":
        outcomes = entityListOutcomes(params);
        break;
      case "document":
        outcomes = byIdOutcomes(decodedId ?? "", documentIds.has(decodedId ?? ""), DocumentResponse, "document_not_found");
        break;
      case "similar":
        // The limit is checked with the path's id, before the document is looked up.
        outcomes = numberOk(params.limit, 1, 5)
          ? byIdOutcomes(decodedId ?? "", documentIds.has(decodedId ?? ""), SimilarResponse, "document_not_found")
          : [error("limit_out_of_range"), ...(decodedId !== undefined && decodedId.length > 400 ? [error("bad_request")] : [])];
        break;
      case "entity":
        outcomes = byIdOutcomes(decodedId ?? "", entityIds.has(decodedId ?? ""), EntityResponse, "entity_not_found");
        break;
      case "health":
        outcomes = [{ status: 200, schema: HealthResponse }];
        break;
      case "openapi":
      case "widget":
      case "demo":
        outcomes = [{ status: 200 }];
        break;
      default:
        outcomes = [error("not_found", 404)];
    }
    // Valid parameters and one the route does not read: refused before the route runs (or any cache answers).
    const pattern = PATHS[route];
    const reads = pattern === undefined ? undefined : ROUTE_PARAMETERS[pattern];
    const unknown = reads && Object.keys(params).some((name) => !reads.includes(name) && !(route === "search" && facets.includes(name)));
    if (unknown && outcomes.some((o) => o.status === 200)) outcomes = [error("bad_request")];
    bad = outcomes.length === 1 && (outcomes[0]?.status ?? 0) >= 400;
    // A conditional read may be answered 304, but only where a 200 could be: a bad request always gets its 400.
    const conditional = Object.keys(headers).some((h) => h.toLowerCase() === "if-none-match");
    if (conditional && REVALIDATED.has(route) && outcomes.some((o) => o.status === 200)) outcomes.push({ status: 304 });
    if (href.length > RUNTIME_MAX_URL) {
      outcomes.push({ status: 431, runtime: true });
      bad = false;
    }
  }
  return { route, params, ...(decodedId === undefined ? {} : { id: decodedId }), outcomes, bad };
}
