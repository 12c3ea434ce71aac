/** @module A Worker served by workerd (Miniflare) on 127.0.0.1 with local KV, for a load generator to hit. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { kvDirKeys } from "../ours/kv-dir";

export interface Served {
  url: URL;
  dispose(): Promise<void>;
}

/**
 * Starts `script` on a free port of 127.0.0.1; with `kvDir`, its SEARCH_KV holds that bundle (live manifest last).
 * @example
 * const worker = await serve(await oursScript(), { kvDir, cacheBudgetMb: 32 });
 * await fetch(new URL("/health", worker.url));
 */
export async function serve(
  script: string,
  options: { kvDir?: string; cacheBudgetMb?: number; edgeCache?: boolean; answerCache?: boolean } = {},
): Promise<Served> {
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "index.js", contents: script }],
    compatibilityDate: "2026-04-01",
    kvNamespaces: ["SEARCH_KV"],
    bindings: { CACHE_BUDGET_MB: String(options.cacheBudgetMb ?? 32), ...(options.answerCache === false ? { ANSWER_CACHE_MB: "0" } : {}) },
    // Without it, `caches.default` answers nothing and stores nothing: the edge cache is off.
    cache: options.edgeCache ?? true,
    host: "127.0.0.1",
    port: 0,
  });
  const url = await mf.ready;
  if (options.kvDir) {
    const kv = (await mf.getKVNamespace("SEARCH_KV")) as unknown as KVNamespace;
    const keys = kvDirKeys(options.kvDir);
    const dir = options.kvDir;
    // Every version key first, in parallel batches; the live manifest (last in the list) after all of them.
    const body = keys.slice(0, -1);
    for (let i = 0; i < body.length; i += 50) {
      await Promise.all(body.slice(i, i + 50).map((k) => kv.put(k, readFileSync(join(dir, k), "utf8"))));
    }
    const live = keys.at(-1) as string;
    await kv.put(live, readFileSync(join(dir, live), "utf8"));
  }
  return { url, dispose: () => mf.dispose() };
}
