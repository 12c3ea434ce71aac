/** @module The Worker: a Hono app answering search, suggest, documents, entities and health from a KV bundle, with its OpenAPI document. */
import { type Context, Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { AppError, errorBody } from "../errors";
import type { BundleReader } from "../format/reader";
import { newReadStats } from "../kv/source";
import { openApiDocument, withFacets } from "./api/openapi";
import type { AppEnv } from "./app-env";
import { caching } from "./http/caching";
import { corsMiddleware } from "./http/cors";
import { formatServerTiming } from "./http/server-timing";
import { explainMissingKey, ManifestMoved, manifestTtlSeconds, openBundle, verifyBundle } from "./isolate";
import { documentDocs, documentRoutes } from "./routes/documents";
import { entityDocs, entityRoutes } from "./routes/entities";
import { healthDocs, healthRoutes } from "./routes/health";
import { searchDocs, searchRoutes } from "./routes/search";
import { widgetRoutes } from "./routes/widget";

const base = new Hono<AppEnv>();

base.use(corsMiddleware);
base.use(async (c, next) => {
  const stats = newReadStats();
  let reader: Promise<BundleReader> | undefined;
  c.set("stats", stats);
  c.set("cacheStatus", "none");
  c.set("searchMs", undefined);
  c.set("answeredAgain", false);
  c.set("bundle", () => {
    reader ??= openBundle(c.env, stats);
    return reader;
  });
  const started = performance.now();
  await next();
  if (c.var.answeredAgain) return;
  // A fresh isolate may have answered from the version deployed with it: answer only once that is the live one.
  if (reader) {
    const moved = await reader.then(verifyBundle).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (moved instanceof ManifestMoved) {
      c.res = await answerAgain(c);
      return;
    }
    if (moved instanceof AppError && !c.var.bundleOptional) c.res = await errorResponse(c, moved);
  }
  c.header(
    "Server-Timing",
    formatServerTiming({
      ...(c.env.BUNDLE ? { store: "assets" as const } : {}),
      kvMs: stats.ms,
      keys: stats.keys,
      bytes: stats.bytes,
      roundTrips: stats.roundTrips,
      cachedValues: stats.cacheHits,
      edge: c.var.cacheStatus,
      ...(c.var.searchMs === undefined ? {} : { searchMs: c.var.searchMs }),
      totalMs: Math.round(performance.now() - started),
    }),
  );
});
/** The reads answered with an ETag, `Cache-Control` and 304s (see http/caching.ts). */
const CACHED_PATHS = ["/search", "/suggest", "/documents/*", "/entities", "/entities/*"];
const cachedPath = (path: string) => CACHED_PATHS.some((p) => path === p || (p.endsWith("/*") && path.startsWith(p.slice(0, -1))));
for (const path of CACHED_PATHS) base.use(path, caching);
// The demo page is HTML: strict security headers (its inline script is the embed snippet, allowed by hash-free 'self' + nonce-less module).
base.use(
  "/",
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
  }),
);

// A route asked with a method it does not answer: 405 with the methods it does (not a 404: the route exists).
/** What `/openapi.json` describes: every API route. */
const routeDocs = [...searchDocs, ...documentDocs, ...entityDocs, ...healthDocs];
/** Every route: the API's, the OpenAPI document, the demo page and the widget. */
const ROUTES = [...routeDocs.map((route) => route.path), "/openapi.json", "/", "/widget.js"];
for (const path of ROUTES)
  base.use(path, async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    return c.json(
      errorBody(new AppError("method_not_allowed", `${c.req.method} is not allowed here: this route answers GET and HEAD.`)),
      405,
      {
        Allow: "GET, HEAD, OPTIONS",
        "Cache-Control": "no-store",
      },
    );
  });

const app = base
  .route("/", searchRoutes)
  .route("/", documentRoutes)
  .route("/", entityRoutes)
  .route("/", healthRoutes)
  .route("/", widgetRoutes);

/**
 * The OpenAPI document: made from the schemas once per isolate, then written once per origin (it names the origin as
 * its server, all it changes).
 */
let apiDocument: ReturnType<typeof openApiDocument> | undefined;
const openApiDocuments = new Map<string, string>();
app.get("/openapi.json", async (c) => {
  const origin = new URL(c.req.url).origin;
  // The loaded bundle's facets are parameters of /search too; without a bundle, the document says none.
  c.set("bundleOptional", true);
  const facets = await c.var
    .bundle()
    .then((reader) => reader.manifest.engine.facets ?? [])
    .catch(() => []);
  const key = `${origin}\u0000${facets.join("\u0000")}`;
  let document = openApiDocuments.get(key);
  if (document === undefined) {
    apiDocument ??= openApiDocument(routeDocs, origin, cachedPath);
    document = JSON.stringify({ ...withFacets(apiDocument, facets), servers: [{ url: origin }] });
    // A few origins and bundles at most (workers.dev, a custom domain, a preview): more are served but not kept.
    if (openApiDocuments.size < 8) openApiDocuments.set(key, document);
  }
  // It changes with the Worker's code and the bundle's facets: five minutes in browsers and caches.
  return c.body(document, 200, { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" });
});

app.notFound((c) =>
  c.json(errorBody(new AppError("not_found", `No route for ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 200)}.`)), 404, {
    "Cache-Control": "no-store",
  }),
);

/** An `AppError` as the API answers it; a missing key explained, and 503s with `Retry-After`. */
async function errorResponse(c: Context<AppEnv>, error: AppError): Promise<Response> {
  const known = error.code === "bundle_key_missing" ? await explainMissingKey(c.env, error, (await c.var.bundle()).version) : error;
  // A 503 passes: KV failing may answer again in a moment; a bundle fixed in KV is seen once the manifest is read again.
  const after = known.code === "storage_unavailable" ? 1 : Math.max(1, Math.ceil(manifestTtlSeconds(c.env)));
  // No cache keeps an error (README, "Errors").
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (known.status === 503) headers["Retry-After"] = String(after);
  return c.json(errorBody(known), known.status, headers);
}

/** The same request once more: the isolate now holds the live manifest, so it is answered from the live version. */
function answerAgain(c: Context<AppEnv>): Promise<Response> {
  c.set("answeredAgain", true);
  let ctx: Parameters<typeof app.fetch>[2];
  try {
    ctx = c.executionCtx as typeof ctx;
  } catch {
    ctx = undefined; // no execution context (tests calling app.fetch directly)
  }
  return Promise.resolve(app.fetch(c.req.raw, c.env, ctx));
}

app.onError(async (error, c) => {
  if (error instanceof AppError) {
    // Keys missing from the version deployed with a fresh isolate (rolled back, then pruned): the live version answers.
    // Only for a missing key, whose bundle is open: any other error costs no read.
    const moved =
      error.code === "bundle_key_missing" &&
      (await c.var
        .bundle()
        .then(verifyBundle)
        .then(
          () => false,
          (e: unknown) => e instanceof ManifestMoved,
        ));
    if (moved) return answerAgain(c);
    return errorResponse(c, error);
  }
  console.error(error);
  return c.json(errorBody(new AppError("internal")), 500);
});

// Hono's router compiles every route into its matcher on the first match: done here, when the isolate loads the
// Worker (startup), rather than in the first request's CPU time.
app.router.match("GET", "/health");

/** The app's type, for `hono/client` (see `src/worker/client.ts`). */
export type AppType = typeof app;

export default app;
