/** @module `/entities` (a paged list, most mentioned first, optionally of one type) and `/entities/:id`. */
import { Hono } from "hono";
import { AppError } from "../../errors";
import { foldWords, longestWord } from "../../format/analyzer";
import { ENTITY_PAGE_SIZE, MIN_PREFIX, type NamedEntity, trendingList } from "../../format/bundle";
import type { BundleReader, EntityPage } from "../../format/reader";
import type { EntityType } from "../../format/schema";
import { bundleEngine } from "../../search/bundle-engine";
import { recentOfEntity, search } from "../../search/engine";
import { nextPeriod } from "../../search/histogram";
import type { RouteDoc } from "../api/openapi";
import { EntityListQuery, EntityListResponse, EntityResponse, ErrorResponse, errorResponses, IdParam } from "../api/schemas";
import { validate } from "../api/validation";
import type { AppEnv } from "../app-env";

/**
 * Documents' ids an entity page lists at most (the first, in archive order; `documents.count` says how many there are,
 * `/search?q=entity:<id>` pages through all): a country's record at a million articles lists 258,454.
 */
export const ENTITY_PAGE_IDS = 1000;

const listRoute = {
  method: "get",
  path: "/entities",
  summary: "People, organizations and places, most mentioned first",
  request: { query: EntityListQuery },
  responses: {
    200: { description: "A page of entities", content: { "application/json": { schema: EntityListResponse } } },
    ...errorResponses,
  },
} as const satisfies RouteDoc;

const oneRoute = {
  method: "get",
  path: "/entities/:id",
  summary: "One entity: aliases, roles, documents, related entities",
  request: { params: IdParam },
  responses: {
    200: { description: "The entity", content: { "application/json": { schema: EntityResponse } } },
    404: { description: "No entity has this id", content: { "application/json": { schema: ErrorResponse } } },
    ...errorResponses,
  },
} as const satisfies RouteDoc;

/** What `/openapi.json` says of these routes. */
export const entityDocs: RouteDoc[] = [listRoute, oneRoute];

export const entityRoutes = new Hono<AppEnv>()
  .get(listRoute.path, validate("query", EntityListQuery), async (c) => {
    const { type, q, limit, offset, trending } = c.req.valid("query");
    const reader = await c.var.bundle();
    if (trending !== undefined) {
      if (q !== undefined) throw new AppError("bad_request", "trending lists entities by their trend; it does not take q.");
      if (reader.counts.dated === 0)
        throw new AppError("dates_unavailable", "No document of this archive has a date, so trending cannot apply.");
    }
    const list = trending === undefined ? type : trendingList(Number(trending), type);
    if (q !== undefined) {
      const { found, total, approximate } = await entitiesNamed(reader, q, type);
      const entities = found
        .slice(offset, offset + limit)
        .map(([name, id, t, mentions]) => ({ id, name, type: t as EntityType, mentions }));
      return c.json({ type, total, ...(approximate ? { total_approximate: true } : {}), entities }, 200);
    }
    const first = Math.floor(offset / ENTITY_PAGE_SIZE);
    const last = Math.floor((offset + limit - 1) / ENTITY_PAGE_SIZE);
    const pages: (EntityPage | undefined)[] = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, i) => reader.entityPage(list, first + i)),
    );
    const items = pages.flatMap((p) => p?.items ?? []) as EntityListResponseItems;
    const start = offset - first * ENTITY_PAGE_SIZE;
    const total = pages[0]?.total ?? (await reader.entityPage(list, 0))?.total ?? 0;
    return c.json({ type, total, entities: items.slice(start, start + limit) }, 200);
  })
  .get(oneRoute.path, validate("param", IdParam), async (c) => {
    const { id } = c.req.valid("param");
    const reader = await c.var.bundle();
    const entity = await reader.findEntity(id, ENTITY_PAGE_IDS);
    if (!entity) throw new AppError("entity_not_found", `No entity has the id "${id.slice(0, 200)}".`);
    const timeline = monthly(entity.timeline ?? []);
    const latest = await search(bundleEngine(reader), reader, recentOfEntity(entity.id, reader.counts.dated !== 0));
    const recent = latest.hits.map((h) => ({ id: h.id, title: h.title, date: h.date, url: h.url }));
    return c.json(
      { ...entity, timeline, recent, recent_order: latest.order === "mentions" ? ("mentions" as const) : ("date" as const) },
      200,
    );
  });

/**
 * A sparse timeline as the API gives it: every month from the first to the last, those without a document at 0.
 * @example
 * monthly([["2025-11", 2], ["2026-01", 1]]); // [{ month: "2025-11", documents: 2 }, { month: "2025-12", documents: 0 }, { month: "2026-01", documents: 1 }]
 */
export function monthly(timeline: [string, number][]): { month: string; documents: number }[] {
  const counts = new Map(timeline);
  const first = timeline[0]?.[0];
  const last = timeline.at(-1)?.[0];
  if (!first || !last) return [];
  const out: { month: string; documents: number }[] = [];
  for (let month = first; month <= last && out.length < 12_000; month = nextPeriod(month)) {
    out.push({ month, documents: counts.get(month) ?? 0 });
  }
  return out;
}

type EntityListResponseItems = import("zod").infer<typeof EntityListResponse>["entities"];

/**
 * Entities with a name or alias whose words start with every word of `q`, most mentioned first, read from the name
 * groups of its longest word (the likeliest to list every entity it starts). Where even the deepest of them lists only
 * its `NAME_GROUP_ENTRIES` most mentioned, the matches are among those: `total` is the group's own count when `q` is
 * that one word (exact), else the matches found (`approximate`).
 * @example
 * await entitiesNamed(reader, "state dep", "all"); // { found: [["State Department", "state-department", "organization", 9, [...]]], total: 1, approximate: false }
 */
async function entitiesNamed(
  reader: BundleReader,
  q: string,
  type: string,
): Promise<{ found: NamedEntity[]; total: number; approximate: boolean }> {
  const words = foldWords(q);
  const longest = longestWord(words);
  if (longest.length < MIN_PREFIX) throw new AppError("bad_request", "Parameter q needs a word of at least 2 letters.");
  const { entities, cut } = await reader.entitiesWithWord(longest);
  const found = entities.filter(([name, , t, , others]) => {
    if (type !== "all" && t !== type) return false;
    return [name, ...others].some((n) => {
      const nameWords = foldWords(n);
      return words.every((w) => nameWords.some((nw) => nw.startsWith(w)));
    });
  });
  if (!cut) return { found, total: found.length, approximate: false };
  // A group is cut only when its letters are the whole word: every entity of it matches a q of that one word.
  if (words.every((w) => w === longest)) {
    return { found, total: type === "all" ? cut.count : (cut.types[type] ?? 0), approximate: cut.estimated === true };
  }
  return { found, total: found.length, approximate: true };
}
