/** @module `/health`: which bundle is served. */
import { Hono } from "hono";
import type { RouteDoc } from "../api/openapi";
import { errorResponses, HealthResponse } from "../api/schemas";
import type { AppEnv } from "../app-env";

const route = {
  method: "get",
  path: "/health",
  summary: "The bundle being served",
  responses: { 200: { description: "Healthy", content: { "application/json": { schema: HealthResponse } } }, 503: errorResponses[503] },
} as const satisfies RouteDoc;

/** What `/openapi.json` says of this route. */
export const healthDocs: RouteDoc[] = [route];

export const healthRoutes = new Hono<AppEnv>().get(route.path, async (c) => {
  const reader = await c.var.bundle();
  const { manifest } = reader;
  return c.json(
    {
      status: "ok" as const,
      version: manifest.version,
      format: manifest.format,
      built_at: manifest.built_at,
      documents: reader.counts.documents,
      entities: reader.counts.entities,
      store: c.env.BUNDLE ? ("assets" as const) : ("kv" as const),
      deltas: (manifest.deltas ?? []).map((d) => d.version),
    },
    200,
    // A health check must see the Worker's state now, never a cache's copy.
    { "Cache-Control": "no-store" },
  );
});
