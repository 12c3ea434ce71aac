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

/** SEARCH_KV with faults injected into `get` (one key or many); every other member is the real one. */
function faultyKv(kv: KVNamespace, store: KVNamespace): KVNamespace {
  const get = async (key: string | string[], options?: unknown) => {
    const keys = Array.isArray(key) ? key : [key];
    const faults = (await activeFaults(store)).filter((f) => keys.some((k) => k.startsWith(f.prefix)));
    const delay = Math.max(0, ...faults.filter((f) => f.kind === "delay").map((f) => Number(f.value) || 0));
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const thrown = faults.find((f) => f.kind === "throw");
    if (thrown) throw new Error(thrown.value || "injected KV failure");
    const result = await kv.get(key as never, options as never);
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
