/** @module A typed client for TypeScript callers: `hono/client` over the Worker's own route types. */
import { hc } from "hono/client";
import type { AppType } from "./index";

/**
 * Creates a client whose methods and answers are typed from the Worker's routes.
 * @example
 * const api = createClient("https://search.example.workers.dev");
 * const res = await api.search.$get({ query: { q: "kabul embassy", limit: "5" } });
 * if (res.ok) for (const hit of (await res.json()).hits) console.log(hit.title);
 */
export function createClient(baseUrl: string, options?: Parameters<typeof hc>[1]) {
  return hc<AppType>(baseUrl, options);
}
