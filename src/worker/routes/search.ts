/** @module `/search` and `/suggest`. */
import { Hono } from "hono";
import { AppError } from "../../errors";
import { MAX_FACET_VALUES } from "../../format/bundle";
import type { BundleReader } from "../../format/reader";
import { bundleEngine } from "../../search/bundle-engine";
import { type SearchResult, search } from "../../search/engine";
import { parseQuery } from "../../search/parse-query";
import { suggest } from "../../search/suggest";
import type { RouteDoc } from "../api/openapi";
import { errorResponses, MAX_ENTITY_FILTERS, SearchQuery, SearchResponse, SuggestQuery, SuggestResponse } from "../api/schemas";
import { validate } from "../api/validation";
import type { AppEnv } from "../app-env";

const searchRoute = {
  method: "get",
  path: "/search",
  summary: "Search the archive",
  request: { query: SearchQuery },
  responses: { 200: { description: "Ranked hits", content: { "application/json": { schema: SearchResponse } } }, ...errorResponses },
} as const satisfies RouteDoc;

const suggestRoute = {
  method: "get",
  path: "/suggest",
  summary: "Completions for a typeahead",
  request: { query: SuggestQuery },
  responses: { 200: { description: "Completions", content: { "application/json": { schema: SuggestResponse } } }, ...errorResponses },
} as const satisfies RouteDoc;

/** What `/openapi.json` says of these routes. */
export const searchDocs: RouteDoc[] = [searchRoute, suggestRoute];

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

/**
 * A search's result as `/search` answers it: the API's names, and each facet of the bundle among the facets.
 * @example
 * searchAnswer(await search(engine, reader, params), 3); // { query, total, total_approximate, took_ms: 3, ... }
 */
export function searchAnswer(result: SearchResult, took: number) {
  const { total, approximate, facets, fieldFacets, facetsExhaustive, corrected, hits } = result;
  return {
    query: result.query,
    order: result.order,
    total,
    total_approximate: approximate,
    took_ms: took,
    corrected,
    facets: { ...facets, ...fieldFacets },
    facets_exhaustive: facetsExhaustive,
    hits,
  };
}

/**
 * The filters on the bundle's facets (`category=politics`, repeatable: any of the values): at most `MAX_FACET_VALUES`
 * values of at most 200 characters each a facet. A parameter naming no facet of the bundle is not read.
 */
function facetFilters(facets: readonly string[], values: (name: string) => string[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of facets) {
    const list = [...new Set((values(name) ?? []).map((v) => v.trim()).filter(Boolean))];
    if (list.length === 0) continue;
    if (list.length > MAX_FACET_VALUES || list.some((v) => v.length > 200))
      throw new AppError("bad_request", `At most ${MAX_FACET_VALUES} values of ${name}, of at most 200 characters each.`);
    out[name] = list;
  }
  return out;
}

/**
 * The entities `ids` name under another id (an alias's slug, an id folded into another), by id; throws
 * `entity_unknown` for an id that names no entity of the archive. Reads only after a search with them found nothing.
 */
async function canonicalEntities(reader: BundleReader, ids: readonly string[]): Promise<Map<string, string>> {
  const renamed = new Map<string, string>();
  for (const id of new Set(ids.map((i) => i.toLowerCase()))) {
    // `findEntity` reads the id itself first, then its other spellings.
    const found = await reader.findEntity(id);
    if (!found) throw new AppError("entity_unknown", `No entity of this archive has the id ${JSON.stringify(id.slice(0, 200))}.`);
    if (found.id !== id) renamed.set(id, found.id);
  }
  return renamed;
}

export const searchRoutes = new Hono<AppEnv>()
  .get(searchRoute.path, validate("query", SearchQuery), async (c) => {
    const query = c.req.valid("query");
    const reader = await c.var.bundle();
    const fields = facetFilters(reader.manifest.engine.facets ?? [], (name) => c.req.queries(name));
    const started = performance.now();
    const kvBefore = c.var.stats.ms;
    const params = {
      q: query.q,
      limit: query.limit,
      offset: query.offset,
      entities: entityFilters(query.entity),
      ...(query.lang ? { languages: [query.lang.toLowerCase()] } : {}),
      sort: query.sort,
      recencyDays: query.recency,
      group: query.group === "true",
      facets: query.facets,
      fields,
    };
    let result = await search(bundleEngine(reader), reader, params);
    // Nothing found with an entity filter: its id may be an older one of the entity (an alias's slug, an id an
    // update or a compaction folded into another: `/entities/:id` finds it so) or no entity's at all.
    if (result.total === 0) {
      const named = [...parseQuery(query.q).entities, ...params.entities];
      const renamed = await canonicalEntities(reader, named);
      if (renamed.size > 0) {
        const rename = (id: string) => renamed.get(id.toLowerCase()) ?? id;
        const q = query.q.replace(/\bentity:(\S+)/giu, (_, id: string) => `entity:${rename(id)}`);
        result = await search(bundleEngine(reader), reader, { ...params, q, entities: params.entities.map(rename) });
      }
    }
    const took = Math.round(performance.now() - started);
    c.set("searchMs", Math.max(0, took - (c.var.stats.ms - kvBefore)));
    return c.json(searchAnswer(result, took), 200);
  })
  .get(suggestRoute.path, validate("query", SuggestQuery), async (c) => {
    const { q, limit, titles } = c.req.valid("query");
    const reader = await c.var.bundle();
    return c.json(await suggest(bundleEngine(reader), reader, q, limit, { titles: titles === "true" }), 200);
  });
