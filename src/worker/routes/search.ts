/** @module `/search` and `/suggest`. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { AppError } from "../../errors";
import { bundleEngine } from "../../search/bundle-engine";
import { search } from "../../search/engine";
import { suggest } from "../../search/suggest";
import { errorResponses, MAX_ENTITY_FILTERS, SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from "../api/schemas";
import { validationHook } from "../api/validation";
import type { AppEnv } from "../app-env";

const searchRoute = createRoute({
  method: "get",
  path: "/search",
  summary: "Search the archive",
  request: { query: SearchQuery },
  responses: { 200: { description: "Ranked hits", content: { "application/json": { schema: SearchResponse } } }, ...errorResponses },
});

const suggestRoute = createRoute({
  method: "get",
  path: "/suggest",
  summary: "Completions for a typeahead",
  request: { query: SuggestQuery },
  responses: { 200: { description: "Completions", content: { "application/json": { schema: SuggestResponse } } }, ...errorResponses },
});

/** `entity` filters: repeated or comma-separated ids, at most a few. */
function entityFilters(value: string | string[] | undefined): string[] {
  const ids = [
    ...new Set(
      [value ?? []]
        .flat()
        .flatMap((v) => v.split(","))
        .map((v) => v.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (ids.length > MAX_ENTITY_FILTERS)
    throw new AppError("bad_request", `At most ${MAX_ENTITY_FILTERS} entity filters are allowed; got ${ids.length}.`);
  return ids;
}

export const searchRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(searchRoute, async (c) => {
    const query = c.req.valid("query");
    const reader = await c.var.bundle();
    const started = performance.now();
    const kvBefore = c.var.stats.ms;
    const result = await search(bundleEngine(reader), reader, {
      q: query.q,
      limit: query.limit,
      offset: query.offset,
      entities: entityFilters(query.entity),
      ...(query.lang ? { languages: [query.lang.toLowerCase()] } : {}),
      sort: query.sort,
      recencyDays: query.recency,
      group: query.group === "true",
    });
    const took = Math.round(performance.now() - started);
    c.set("searchMs", Math.max(0, took - (c.var.stats.ms - kvBefore)));
    const { total, approximate, facets, facetsExhaustive, corrected, hits } = result;
    return c.json(
      {
        query: result.query,
        total,
        total_approximate: approximate,
        took_ms: took,
        corrected,
        facets,
        facets_exhaustive: facetsExhaustive,
        hits,
      },
      200,
    );
  })
  .openapi(suggestRoute, async (c) => {
    const { q, limit } = c.req.valid("query");
    const reader = await c.var.bundle();
    return c.json(await suggest(bundleEngine(reader), reader, q, limit), 200);
  });
