/** @module A test-only Worker entry: the real app, its SEARCH_KV behind a proxy that fails as the FAULTS namespace says. */
import app from "../../src/worker/index";

interface FaultyEnv extends Env {
  /** `fault:<kind>:<key prefix>` → value; read on every KV call, so faults come and go while the isolate lives. */
  FAULTS: KVNamespace;
}

/** `throw` (value: message), `delay` (ms), `truncate` (characters kept), `garble` (the value served instead), `missing`. */
interface Fault {
  kind: string;
  prefix: string;
  value: string;
}

async function activeFaults(store: KVNamespace): Promise<Fault[]> {
  const { keys } = await store.list({ prefix: "fault:" });
  return Promise.all(
    keys.map(async ({ name }) => {
      const [, kind = "", ...prefix] = name.split(":");
      return { kind, prefix: prefix.join(":"), value: (await store.get(name)) ?? "" };
    }),
  );
}

function corrupt(faults: Fault[], key: string, value: string | null): string | null {
  let out = value;
  for (const f of faults) {
    if (!key.startsWith(f.prefix)) continue;
    if (f.kind === "missing") out = null;
    else if (out !== null && f.kind === "truncate") out = out.slice(0, Number(f.value) || 0);
    else if (out !== null && f.kind === "garble") out = f.value;
  }
  return out;
}

/**
 * A model of KV's cache at one location (this isolate stands for it), on while FAULTS holds `edge:clock` (the
 * location's time, in seconds, set by the test). As Cloudflare documents `cacheTtl`: a read's result, a miss too, is
 * kept for the read's `cacheTtl` (default 60, least 30); a later read with a lower `cacheTtl` shortens what is kept.
 */
const edge = new Map<string, { value: string | null; at: number; ttl: number }>();

async function edgeGet(kv: KVNamespace, keys: string[], options: unknown, clock: number): Promise<Map<string, string | null>> {
  const ttl = (options as { cacheTtl?: number } | undefined)?.cacheTtl ?? 60;
  if (!Number.isInteger(ttl) || ttl < 30) throw new Error(`KV GET failed: Invalid cache_ttl of ${ttl}`);
  const out = new Map<string, string | null>();
  const stale: string[] = [];
  for (const key of keys) {
    const kept = edge.get(key);
    if (kept) kept.ttl = Math.min(kept.ttl, ttl);
    if (kept && clock - kept.at < kept.ttl) out.set(key, kept.value);
    else stale.push(key);
  }
  if (stale.length > 0) {
    const fresh = (await kv.get(stale, { type: "text" })) as Map<string, string | null>;
    for (const key of stale) {
      const value = fresh.get(key) ?? null;
      edge.set(key, { value, at: clock, ttl });
      out.set(key, value);
    }
  }
  return out;
}

/** SEARCH_KV with faults injected into `get` (one key or many), through the edge cache model when it is on; every other member is the real one. */
function faultyKv(kv: KVNamespace, store: KVNamespace): KVNamespace {
  const get = async (key: string | string[], options?: unknown) => {
    const keys = Array.isArray(key) ? key : [key];
    const faults = (await activeFaults(store)).filter((f) => keys.some((k) => k.startsWith(f.prefix)));
    const delay = Math.max(0, ...faults.filter((f) => f.kind === "delay").map((f) => Number(f.value) || 0));
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const thrown = faults.find((f) => f.kind === "throw");
    if (thrown) throw new Error(thrown.value || "injected KV failure");
    const clock = await store.get("edge:clock");
    const result =
      clock === null
        ? await kv.get(key as never, options as never)
        : await edgeGet(kv, keys, options, Number(clock)).then((found) => (Array.isArray(key) ? found : (found.get(key) ?? null)));
    if (!Array.isArray(key)) return corrupt(faults, key, result as string | null);
    const out = new Map<string, string | null>();
    for (const [k, v] of result as unknown as Map<string, string | null>) out.set(k, corrupt(faults, k, v));
    return out;
  };
  return new Proxy(kv, {
    get(target, prop) {
      if (prop === "get") return get;
      const member = Reflect.get(target, prop);
      return typeof member === "function" ? member.bind(target) : member;
    },
  });
}

export default {
  fetch(request: Request, env: FaultyEnv, ctx: ExecutionContext) {
    return app.fetch(request, { ...env, SEARCH_KV: faultyKv(env.SEARCH_KV, env.FAULTS) }, ctx);
  },
};
