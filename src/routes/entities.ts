/** @module `/entities` (a paged list, most mentioned first, optionally of one type) and `/entities/:id`. */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";
import { ENTITY_PAGE_SIZE } from "../bundle/format";
import { entityTypes } from "../bundle/schema";
import { AppError } from "../errors";
import { readLimit, readOffset } from "./params";

export const entityRoutes = new Hono<AppEnv>()
  .get("/entities", async (c) => {
    const type = c.req.query("type") || "all";
    if (type !== "all" && !(entityTypes as readonly string[]).includes(type)) throw new AppError("type_unknown");
    const limit = readLimit(c, 20);
    const offset = readOffset(c);
    const reader = await c.var.bundle();
    const first = Math.floor(offset / ENTITY_PAGE_SIZE);
    const last = Math.floor((offset + limit - 1) / ENTITY_PAGE_SIZE);
    const pages = await Promise.all(
      Array.from({ length: last - first + 1 }, (_, i) => reader.entityPage(type, first + i)),
    );
    const items = pages.flatMap((p) => p?.items ?? []);
    const start = offset - first * ENTITY_PAGE_SIZE;
    return c.json({ type, total: pages[0]?.total ?? 0, items: items.slice(start, start + limit) });
  })
  .get("/entities/:id", async (c) => {
    const reader = await c.var.bundle();
    const entity = await reader.entity(c.req.param("id"));
    if (!entity) throw new AppError("entity_not_found", `No entity has the id "${c.req.param("id").slice(0, 200)}".`);
    return c.json(entity);
  });
