/** @module `/health`: which bundle is served. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { errorResponses, HealthResponse } from "../api/schemas";
import type { AppEnv } from "../app-env";

const route = createRoute({
  method: "get",
  path: "/health",
  summary: "The bundle being served",
  responses: { 200: { description: "Healthy", content: { "application/json": { schema: HealthResponse } } }, 503: errorResponses[503] },
});

export const healthRoutes = new OpenAPIHono<AppEnv>().openapi(route, async (c) => {
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
