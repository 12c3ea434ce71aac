/** @module The Hono environment every route shares: Worker bindings and per-request variables. */
import type { BundleReader } from "../format/reader";
import type { ReadStats } from "../kv/source";

export type AppEnv = {
  /** `BUNDLE`: the assets binding of a Worker deployed with its bundle as Static Assets (not in wrangler.toml: `npm run deploy -- --target assets` adds it). */
  Bindings: Env & { BUNDLE?: Fetcher };
  Variables: {
    /** This request's KV read counters. */
    stats: ReadStats;
    /** Opens the live bundle (once per request). */
    bundle: () => Promise<BundleReader>;
    /** Milliseconds the search itself took (not waiting for KV), when the route searched. */
    searchMs: number | undefined;
    /**
     * How the HTTP caches answered: `isolate` (this isolate's answer cache), `hit` (edge cache), `miss`,
     * `revalidated` (304) or `none` (not a cached route).
     */
    cacheStatus: "isolate" | "hit" | "miss" | "revalidated" | "none";
    /** The answer is another pass's, over the live version (see `verifyBundle`): leave it as it is. */
    answeredAgain: boolean;
    /** The route answers without a bundle too (`/openapi.json`): a bundle that cannot be read is no error of its. */
    bundleOptional: boolean;
  };
};
