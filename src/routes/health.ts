/** @module `/health`: which bundle is served. */
import { Hono } from "hono";
import type { AppEnv } from "../app-env";

export const healthRoutes = new Hono<AppEnv>().get("/health", async (c) => {
  const { manifest } = await c.var.bundle();
  return c.json({
    status: "ok",
    version: manifest.version,
    format: manifest.format,
    built_at: manifest.built_at,
    documents: manifest.counts.documents,
    entities: manifest.counts.entities,
  });
});
