/** @module Runs the real Worker in workerd (Miniflare) with local KV, loaded with a bundle: for tests, the fuzzer and the load test. */

import { readFile } from "node:fs/promises";
import { Miniflare } from "miniflare";
import { bulkFiles } from "../../src/build/bundle-files";
import { type Bundle, liveManifest } from "../../src/build/write";
import { LIVE_MANIFEST_KEY } from "../../src/format/bundle";
import { bundleWorker } from "./worker-bundle";

let script: Promise<string> | undefined;

/** The Worker bundled as wrangler would: one ES module. */
export function workerScript(): Promise<string> {
  script ??= bundleWorker({ entry: "src/worker/index.ts" });
  return script;
}

export interface TestWorker {
  mf: Miniflare;
  kv: KVNamespace;
  /** GET (or any method) on the Worker, returning the response. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** GET and parse JSON. */
  json<T = any>(path: string): Promise<{ status: number; body: T; headers: Headers }>;
  /** Puts every key of a bundle, then points the live manifest at it. */
  load(bundle: Bundle): Promise<void>;
  /** Puts the pairs of a bundle folder's bulk files (`npm run build`'s, and an update's), the live manifest last. */
  loadDir(dir: string): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts the Worker with an empty local KV; with `assets` (a bundle's `assets/` folder, `--target assets`), the
 * bundle is the Worker's Static Assets behind the binding `BUNDLE`, as `npm run deploy -- --target assets` deploys
 * it: every request reaches the Worker first.
 */
export async function startWorker(
  options: { cacheBudgetMb?: number; bindings?: Record<string, string>; assets?: string } = {},
): Promise<TestWorker> {
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "index.js", contents: await workerScript() }],
    compatibilityDate: "2026-04-01",
    kvNamespaces: ["SEARCH_KV"],
    ...(options.assets
      ? {
          assets: {
            directory: options.assets,
            binding: "BUNDLE",
            routerConfig: { invoke_user_worker_ahead_of_assets: true, has_user_worker: true },
          },
        }
      : {}),
    bindings: { CACHE_BUDGET_MB: String(options.cacheBudgetMb ?? 32), ...options.bindings },
  });
  const kv = (await mf.getKVNamespace("SEARCH_KV")) as unknown as KVNamespace;
  const worker: TestWorker = {
    mf,
    kv,
    fetch: (path, init) => mf.dispatchFetch(`http://localhost${path}`, init as never) as unknown as Promise<Response>,
    async json(path) {
      const res = await worker.fetch(path);
      return { status: res.status, body: await res.json(), headers: res.headers };
    },
    async load(bundle) {
      const entries = [...bundle.values];
      for (let i = 0; i < entries.length; i += 50) {
        await Promise.all(entries.slice(i, i + 50).map(([k, v]) => kv.put(k, v)));
      }
      const [key, value] = liveManifest(bundle);
      await kv.put(key, value);
    },
    async loadDir(dir) {
      for (const file of await bulkFiles(dir)) {
        const pairs = JSON.parse(await readFile(file, "utf8")) as { key: string; value: string }[];
        for (let i = 0; i < pairs.length; i += 50) await Promise.all(pairs.slice(i, i + 50).map(({ key, value }) => kv.put(key, value)));
      }
    },
    dispose: () => mf.dispose(),
  };
  return worker;
}

export { LIVE_MANIFEST_KEY };

/** Builds a bundle from input paths (as `npm run build` would), starts the Worker and loads it. */
export async function startWorkerWith(
  inputs: string[],
  options: Parameters<typeof startWorker>[0] = {},
): Promise<{ worker: TestWorker; bundle: Bundle }> {
  const { buildFromInputs } = await import("../../src/build/pipeline");
  const { bundle } = await buildFromInputs(inputs, { builtAt: "2026-01-01T00:00:00.000Z" });
  const worker = await startWorker(options);
  await worker.load(bundle);
  return { worker, bundle };
}
