/** @module `/search` and `/suggest`. */
import { Hono } from "hono";
import { bundleEngine } from "../search/bundle-engine";
import { search } from "../search/engine";
import { suggest } from "../search/suggest";
import type { AppEnv } from "../app-env";
import { readEntities, readLimit, readOffset, readQuery, readRecency, readSort } from "./params";

export const searchRoutes = new Hono<AppEnv>()
  .get("/search", async (c) => {
    const params = {
      q: readQuery(c),
      limit: readLimit(c, 10),
      offset: readOffset(c),
      entities: readEntities(c),
      sort: readSort(c),
      recencyDays: readRecency(c),
    };
    const reader = await c.var.bundle();
    const started = performance.now();
    const result = await search(bundleEngine(reader), reader, params);
    return c.json({
      query: result.query,
      total: result.total,
      took_ms: Math.round(performance.now() - started),
      corrected: result.corrected,
      hits: result.hits,
    });
  })
  .get("/suggest", async (c) => {
    const q = readQuery(c);
    const limit = readLimit(c, 5, 20);
    const reader = await c.var.bundle();
    return c.json(await suggest(bundleEngine(reader), reader, q, limit));
  });
