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
  const { manifest } = await c.var.bundle();
  return c.json(
    {
      status: "ok" as const,
      version: manifest.version,
      format: manifest.format,
      built_at: manifest.built_at,
      documents: manifest.counts.documents,
      entities: manifest.counts.entities,
      store: c.env.BUNDLE ? ("assets" as const) : ("kv" as const),
    },
    200,
    // A health check must see the Worker's state now, never a cache's copy.
    { "Cache-Control": "no-store" },
  );
});
