/** @module The Worker: a Hono app answering search, suggest, documents, entities and health from a KV bundle. */
import { Hono } from "hono";
import type { AppEnv } from "./app-env";
import type { BundleReader } from "./bundle/reader";
import { AppError, errorBody } from "./errors";
import { caching } from "./http/caching";
import { corsMiddleware } from "./http/cors";
import { openBundle } from "./isolate";
import { newReadStats } from "./kv/source";
import { documentRoutes } from "./routes/documents";
import { entityRoutes } from "./routes/entities";
import { healthRoutes } from "./routes/health";
import { searchRoutes } from "./routes/search";
import { widgetRoutes } from "./routes/widget";

const app = new Hono<AppEnv>();

app.use(corsMiddleware);

app.use(async (c, next) => {
  const stats = newReadStats();
  let reader: Promise<BundleReader> | undefined;
  c.set("stats", stats);
  c.set("cacheStatus", "none");
  c.set("bundle", () => {
    reader ??= openBundle(c.env, stats);
    return reader;
  });
  const started = performance.now();
  await next();
  // Server-Timing: time waiting for KV, and how many values came from KV or from the isolate's cache.
  c.header(
    "Server-Timing",
    `kv;dur=${stats.ms};desc="${stats.keys} keys, ${stats.bytes} bytes, ${stats.roundTrips} round trips", ` +
      `isolate;desc="${stats.cacheHits} cached values", edge;desc="${c.var.cacheStatus}", total;dur=${Math.round(performance.now() - started)}`,
  );
});

for (const path of ["/search", "/suggest", "/documents/*", "/entities", "/entities/*"]) app.use(path, caching);

app.route("/", searchRoutes);
app.route("/", documentRoutes);
app.route("/", entityRoutes);
app.route("/", healthRoutes);
app.route("/", widgetRoutes);

app.notFound((c) => c.json(errorBody(new AppError("not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}.`)), 404));

app.onError((error, c) => {
  if (error instanceof AppError) return c.json(errorBody(error), error.status);
  console.error(error);
  return c.json(errorBody(new AppError("internal")), 500);
});

export default app;
