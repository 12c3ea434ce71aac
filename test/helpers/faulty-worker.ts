/** @module The real Worker in workerd with local KV that can be made to fail: throw, hang, truncate, garble or lose keys, then recover. */
import { Miniflare } from "miniflare";
import { bundleWorker } from "../../scripts/shared/worker-bundle";
import { type Bundle, liveManifest } from "../../src/build/write";

let script: Promise<string> | undefined;

/** `test/helpers/faulty-entry.ts` bundled as wrangler bundles the Worker (see `workerScript`). */
function faultyScript(): Promise<string> {
  script ??= bundleWorker({ entry: "test/helpers/faulty-entry.ts" });
  return script;
}

export type FaultKind = "throw" | "delay" | "truncate" | "garble" | "missing";

export interface FaultyWorker {
  mf: Miniflare;
  /** The real store, without faults. */
  kv: KVNamespace;
  /** GET a path and read the answer as JSON, with how long it took. */
  json<T = any>(path: string): Promise<{ status: number; body: T; headers: Headers; ms: number }>;
  /** Puts every key of a bundle; then points the live manifest at it unless `live` is false (a half-finished upload). */
  load(bundle: Bundle, options?: { live?: boolean }): Promise<void>;
  /** Injects a fault into every KV read of a key starting with `prefix` ("" for all keys). */
  fault(kind: FaultKind, prefix: string, value?: string): Promise<void>;
  /** Removes every fault. */
  heal(): Promise<void>;
  /** Turns on the model of KV's cache at the Worker's location (see faulty-entry.ts), at this time in seconds; later calls move its clock. */
  edgeClock(seconds: number): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Starts the faulty Worker; `persist` keeps KV in a folder, so that a second Worker (a fresh isolate) sees the same keys.
 * @example
 * const w = await startFaultyWorker();
 * await w.load(bundle);
 * await w.fault("throw", "bundle/");
 */
export async function startFaultyWorker(options: { persist?: string; bindings?: Record<string, string> } = {}): Promise<FaultyWorker> {
  const mf = new Miniflare({
    modules: [{ type: "ESModule", path: "index.js", contents: await faultyScript() }],
    compatibilityDate: "2026-04-01",
    kvNamespaces: ["SEARCH_KV", "FAULTS"],
    ...(options.persist ? { kvPersist: options.persist } : {}),
    bindings: { CACHE_BUDGET_MB: "32", ...options.bindings },
  });
  const kv = (await mf.getKVNamespace("SEARCH_KV")) as unknown as KVNamespace;
  const faults = (await mf.getKVNamespace("FAULTS")) as unknown as KVNamespace;
  return {
    mf,
    kv,
    async json(path) {
      const started = performance.now();
      const res = (await mf.dispatchFetch(`http://localhost${path}`)) as unknown as Response;
      const text = await res.text();
      let body: any;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: res.status, body, headers: res.headers, ms: performance.now() - started };
    },
    async load(bundle, { live = true } = {}) {
      const entries = [...bundle.values];
      for (let i = 0; i < entries.length; i += 50) await Promise.all(entries.slice(i, i + 50).map(([k, v]) => kv.put(k, v)));
      if (live) await kv.put(...liveManifest(bundle));
    },
    fault: (kind, prefix, value = "") => faults.put(`fault:${kind}:${prefix}`, value),
    async heal() {
      const { keys } = await faults.list({ prefix: "fault:" });
      await Promise.all(keys.map((k) => faults.delete(k.name)));
    },
    edgeClock: (seconds) => faults.put("edge:clock", String(seconds)),
    dispose: () => mf.dispose(),
  };
}
