/** @module The Worker bundled as wrangler bundles it (one ES module, the `[alias]` of wrangler.toml): for tests, the fuzzer, the load test and the bench. */
import { fileURLToPath } from "node:url";
import { type BuildOptions, build } from "esbuild";

/** The project's root, whatever the current directory. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** esbuild's options for a Worker module; wrangler.toml's `[alias]` is the same. */
export const workerBuildOptions: BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  write: false,
  logLevel: "silent",
  absWorkingDir: ROOT,
  // zod without its locales (src/worker/shims/zod.ts).
  alias: { zod: "./src/worker/shims/zod.ts" },
};

/**
 * A Worker entry (a path from the root, or a module's source) bundled into one ES module's text.
 * @example
 * const script = await bundleWorker({ entry: "src/worker/index.ts" });
 */
export async function bundleWorker(from: { entry: string } | { source: string }): Promise<string> {
  const input =
    "entry" in from ? { entryPoints: [from.entry] } : { stdin: { contents: from.source, resolveDir: ROOT, loader: "ts" as const } };
  const result = await build({ ...workerBuildOptions, ...input });
  return result.outputFiles?.[0]?.text ?? "";
}
