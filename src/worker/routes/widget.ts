/** @module `/widget.js`, the built search widget with a content-hashed ETag, and `/`, the demo page that embeds it. */
import { Hono } from "hono";
import { demoPage } from "../../widget/demo-page";
import { widgetHash, widgetJs } from "../../widget/generated/widget.gen";
import type { AppEnv } from "../app-env";
import { etagMatches } from "../http/etag";

/** `?v=<hash>` names these exact bytes forever; any other URL may change with the next deploy. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=300, must-revalidate";
const etag = `"${widgetHash}"`;

export const widgetRoutes = new Hono<AppEnv>()
  .get("/widget.js", (c) => {
    c.header("ETag", etag);
    c.header("Cache-Control", c.req.query("v") === widgetHash ? IMMUTABLE : REVALIDATE);
    // A module script is fetched with CORS: any site may embed the widget, whatever origins the API allows.
    c.header("Access-Control-Allow-Origin", "*");
    c.header("X-Content-Type-Options", "nosniff");
    if (etagMatches(c.req.header("If-None-Match"), etag)) return c.body(null, 304);
    return c.body(widgetJs, 200, { "Content-Type": "text/javascript; charset=utf-8" });
  })
  .get("/", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.html(demoPage(new URL(c.req.url).origin, widgetHash));
  });
