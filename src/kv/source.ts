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

// Stryker disable all: the Workers KV binding exists only in workerd, where the workerd tests cover this function
// (test/faults.test.ts: KV throwing, hanging, slow, and a model of KV's edge cache); mutation testing runs in Node and cannot reach it.
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
    const out = new Map<string, string | null>();
    const batches: string[][] = [];
    for (let i = 0; i < keys.length; i += BULK_MAX) batches.push(keys.slice(i, i + BULK_MAX));
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const reads = Promise.all(
        batches.map((batch) =>
          batch.length === 1
            ? kv.get(batch[0] as string, { type: "text", cacheTtl: ttl }).then((v) => new Map([[batch[0] as string, v]]))
            : kv.get(batch, { type: "text", cacheTtl: ttl }),
        ),
      );
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const results = await Promise.race([reads, timeout]);
      for (const result of results) for (const [k, v] of result) out.set(k, v);
    } catch (error) {
      throw new AppError("storage_unavailable", `KV read failed: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
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
// Stryker restore all
