/** @module A typed client for TypeScript callers: `hono/client` over the Worker's own route types. */
import { hc } from "hono/client";
import type { errorBody } from "../errors";
import type { AppType } from "./index";

/**
 * Creates a client whose methods and answers are typed from the Worker's routes. Path parameters are encoded: an id
 * that is a URL ("https://news.example/2025/03/story?x=1") or holds "/", "?", "#" or "%" reaches its own document.
 * @example
 * const api = createClient("https://search.example.workers.dev");
 * const res = await api.search.$get({ query: { q: "kabul embassy", limit: "5" } });
 * if (res.ok) for (const hit of (await res.json()).hits) console.log(hit.title);
 * else console.log((await apiError(res)).code); // "query_missing", "storage_unavailable", …
 */
export function createClient(baseUrl: string, options?: Parameters<typeof hc>[1]) {
  return encodingParameters(hc<AppType>(baseUrl, options));
}

/** What every error answer holds (README, "Errors"): the body `errorBody` writes. */
export type ApiError = ReturnType<typeof errorBody>["error"];

/**
 * The error of an answer that is not ok: the client's types are those of the success answers, as the routes declare
 * them. Throws when the body is not an error answer.
 * @example
 * const res = await api.documents[":id"].$get({ param: { id } });
 * if (res.status === 404) console.log((await apiError(res)).code); // "document_not_found"
 */
export async function apiError(res: { status: number; json(): Promise<unknown> }): Promise<ApiError> {
  const body = (await res.json()) as { error?: Partial<ApiError> };
  if (typeof body?.error?.code !== "string" || typeof body.error.message !== "string")
    throw new Error(`Not an error answer (status ${res.status}).`);
  return body.error as ApiError;
}

/**
 * `client` with every method's path parameters (`{ param: { id } }`) percent-encoded: `hono/client` puts them into
 * the path as given, so "x/similar" would ask for the similar documents of "x".
 */
function encodingParameters<T>(client: T): T {
  const wrap = (target: unknown): unknown =>
    new Proxy(target as object, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver) as unknown;
        if (typeof key === "string" && key.startsWith("$") && typeof value === "function") {
          // Reflect.apply: the client's functions are proxies whose every property is a path (`.call` included).
          return (args?: { param?: Record<string, unknown> }, ...rest: unknown[]) =>
            Reflect.apply(value as (...a: unknown[]) => unknown, object, [
              args?.param ? { ...args, param: encoded(args.param) } : args,
              ...rest,
            ]);
        }
        return value !== null && (typeof value === "object" || typeof value === "function") ? wrap(value) : value;
      },
    });
  return wrap(client) as T;
}

const encoded = (param: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(param).map(([name, value]) => [name, encodeURIComponent(String(value))]));
