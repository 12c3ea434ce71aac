/** @module `/entities` (a paged list, most mentioned first, optionally of one type) and `/entities/:id`. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { EntityListQuery, EntityListResponse, EntityResponse, ErrorResponse, errorResponses, IdParam } from "../api/schemas";
import { validationHook } from "../api/validation";
import type { AppEnv } from "../app-env";
import { ENTITY_PAGE_SIZE } from "../bundle/format";
import type { EntityPage } from "../bundle/reader";
import { AppError } from "../errors";

const listRoute = createRoute({
  method: "get",
  path: "/entities",
  summary: "People, organizations and places, most mentioned first",
  request: { query: EntityListQuery },
  responses: {
    200: { description: "A page of entities", content: { "application/json": { schema: EntityListResponse } } },
    ...errorResponses,
  },
});

const oneRoute = createRoute({
  method: "get",
  path: "/entities/{id}",
  summary: "One entity: aliases, roles, documents, related entities",
  request: { params: IdParam },
  responses: {
    200: { description: "The entity", content: { "application/json": { schema: EntityResponse } } },
    404: { description: "No entity has this id", content: { "application/json": { schema: ErrorResponse } } },
    ...errorResponses,
  },
});

export const entityRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => {
    const { type, limit, offset } = c.req.valid("query");
    const reader = await c.var.bundle();
    const first = Math.floor(offset / ENTITY_PAGE_SIZE);
    const last = Math.floor((offset + limit - 1) / ENTITY_PAGE_SIZE);
    const pages: (EntityPage | undefined)[] = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, i) => reader.entityPage(type, first + i)),
    );
    const items = pages.flatMap((p) => p?.items ?? []) as EntityListResponseItems;
    const start = offset - first * ENTITY_PAGE_SIZE;
    const total = pages[0]?.total ?? (await reader.entityPage(type, 0))?.total ?? 0;
    return c.json({ type, total, items: items.slice(start, start + limit) }, 200);
  })
  .openapi(oneRoute, async (c) => {
    const { id } = c.req.valid("param");
    const reader = await c.var.bundle();
    const entity = await reader.entity(id);
    if (!entity) throw new AppError("entity_not_found", `No entity has the id "${id.slice(0, 200)}".`);
    return c.json(entity, 200);
  });

type EntityListResponseItems = import("zod").infer<typeof EntityListResponse>["items"];
