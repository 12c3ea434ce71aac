/**
 * @module zod for the Worker, without its 50 translations of error messages (about 250 KB of the Worker's 580 KB,
 * minified). wrangler.toml's `[alias]` (and the tests' bundle, scripts/shared/worker-bundle.ts) point `zod` here.
 * The schemas use zod's namespace (`z.object`, `z.toJSONSchema` for `/openapi.json`), so no bundler can leave out what
 * it holds; this one holds what zod's entry point does (`zod-exports.ts`) but `locales`, `fromJSONSchema` and the
 * ahead-of-time compiler (`compile`, `withParser`: 45 KB together), which nothing in the Worker calls. English stays the default
 * (zod registers it when the first schema is made). A zod upgrade that moves these files fails the Worker build,
 * not a request.
 */
import * as z from "./zod-exports";

export * from "./zod-exports";
export { z, z as default };
