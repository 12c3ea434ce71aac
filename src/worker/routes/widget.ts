/** @module `/widget.js`, the built search widget with a content-hashed ETag, `/`, the demo page that embeds it, and its icon. */
import { Hono } from "hono";
import { demoPage } from "../../widget/demo-page";
import { widgetHash, widgetJs } from "../../widget/generated/widget.gen";
import type { AppEnv } from "../app-env";
import { etagMatches } from "../http/etag";

/** `?v=<hash>` names these exact bytes forever; any other URL may change with the next deploy. */
const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=300, must-revalidate";
const etag = `"${widgetHash}"`;

/** A magnifying glass: the demo page's icon, at the address browsers ask for one (SVG, which they all show). */
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="10" cy="10" r="6.5" fill="none" stroke="#1a56db" stroke-width="3"/><path d="M15 15l6.5 6.5" stroke="#1a56db" stroke-width="3" stroke-linecap="round"/></svg>';

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
  .get("/favicon.ico", (c) => {
    c.header("Cache-Control", "public, max-age=86400");
    return c.body(ICON, 200, { "Content-Type": "image/svg+xml" });
  })
  .get("/", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.html(demoPage(new URL(c.req.url).origin, widgetHash));
  });
