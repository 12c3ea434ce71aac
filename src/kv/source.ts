/** @module Where bundle values come from: Workers KV in the Worker, files in Node. Both answer many keys at once. */
import { AppError } from "../errors";

/** Reads many keys in one go; a missing key maps to `null`. */
export interface KvSource {
  getMany(keys: string[]): Promise<Map<string, string | null>>;
}

/** Counters of one request's reads, reported in `Server-Timing` and by `npm run query`. */
export interface ReadStats {
  /** Round trips to the store. */
  roundTrips: number;
  /** Keys read from the store (cache misses). */
  keys: number;
  /** Bytes read from the store. */
  bytes: number;
  /** Keys answered by the isolate's cache. */
  cacheHits: number;
  /** Milliseconds spent waiting for the store. */
  ms: number;
}

export const newReadStats = (): ReadStats => ({ roundTrips: 0, keys: 0, bytes: 0, cacheHits: 0, ms: 0 });

/** KV's bulk `get` takes at most 100 keys and counts as one operation. */
const BULK_MAX = 100;
/** A read slower than this fails (503 `storage_unavailable`): KV answers in milliseconds, and a request must never hang on it. */
export const KV_TIMEOUT_MS = 5_000;
/**
 * KV's least `cacheTtl`, in seconds. KV caches a miss too, at the location that read it, for the read's `cacheTtl`;
 * reading the key again with a lower one shortens that (Cloudflare's "Read key-value pairs", `cacheTtl`).
 */
export const MIN_CACHE_TTL_S = 30;

// Stryker disable all: the Workers KV binding and the assets binding exist only in workerd, where the workerd tests
// cover these functions (test/faults.test.ts: KV throwing, hanging, slow, and a model of KV's edge cache;
// test/assets.test.ts); mutation testing runs in Node and cannot reach them.
/**
 * A store's read, bounded: it fails as `storage_unavailable` (named by `store`) when it throws or gives no answer
 * within `timeoutMs`, never hangs the request.
 */
async function bounded<T>(store: string, timeoutMs: number, read: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return await Promise.race([read(), timeout]);
  } catch (error) {
    throw new AppError("storage_unavailable", `${store} read failed: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Workers KV as a source. Bundle keys never change, so they are read with a long `cacheTtl`. A key that comes back
 * missing is read again at once with KV's least `cacheTtl`: KV caches the miss at this location for the `cacheTtl`
 * of the read that found it, and a key that was late to arrive here (a half-propagated upload) would otherwise stay
 * missing for a day. The second read costs a round trip on that error path only.
 * @example
 * const source = workersKvSource(env.SEARCH_KV, 86400);
 */
export function workersKvSource(kv: KVNamespace, cacheTtl: number, timeoutMs = KV_TIMEOUT_MS): KvSource {
  const read = async (keys: string[], ttl: number): Promise<Map<string, string | null>> => {
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += BULK_MAX) batches.push(keys.slice(i, i + BULK_MAX));
    const results = await bounded("KV", timeoutMs, () =>
      Promise.all(
        batches.map((batch) =>
          batch.length === 1
            ? kv.get(batch[0] as string, { type: "text", cacheTtl: ttl }).then((v) => new Map([[batch[0] as string, v]]))
            : kv.get(batch, { type: "text", cacheTtl: ttl }),
        ),
      ),
    );
    const out = new Map<string, string | null>();
    for (const result of results) for (const [k, v] of result) out.set(k, v);
    return out;
  };
  return {
    async getMany(keys) {
      const out = await read(keys, cacheTtl);
      const missing = keys.filter((key) => out.get(key) == null);
      if (missing.length > 0 && cacheTtl > MIN_CACHE_TTL_S) for (const [k, v] of await read(missing, MIN_CACHE_TTL_S)) out.set(k, v);
      return out;
    },
  };
}

/**
 * Where a bundle key is served from in a Workers Static Assets directory: the key's path, each segment
 * percent-encoded (a name group's part may hold any letter). The build writes the value to the file at the key's
 * path; the assets server decodes the request's path to find it.
 * @example
 * assetPath("bundle/3f2a9c0d1e2b4a5c/names/é a"); // "/bundle/3f2a9c0d1e2b4a5c/names/%C3%A9%20a"
 */
export const assetPath = (key: string): string => `/${key.split("/").map(encodeURIComponent).join("/")}`;

/**
 * A bundle deployed as the Worker's Static Assets (`npm run deploy -- --target assets`), read through the assets
 * binding: one request a key, all at once (one round trip). Asset reads are not billed and not counted against KV's
 * daily reads; they ship with the Worker version, so nothing is ever missing for a while (a missing file is a broken
 * deploy, answered as a missing key).
 * @example
 * const source = assetsSource(env.BUNDLE);
 */
export function assetsSource(assets: Fetcher, timeoutMs = KV_TIMEOUT_MS): KvSource {
  const one = async (key: string): Promise<[string, string | null]> => {
    const res = await assets.fetch(new Request(`https://bundle.invalid${assetPath(key)}`));
    if (res.status === 404) {
      await res.body?.cancel();
      return [key, null];
    }
    if (!res.ok) throw new Error(`asset ${key}: HTTP ${res.status}`);
    return [key, await res.text()];
  };
  return { getMany: async (keys) => new Map(await bounded("Assets", timeoutMs, () => Promise.all(keys.map(one)))) };
}
// Stryker restore all
