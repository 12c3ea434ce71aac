/** @module What one isolate keeps between requests: the live manifest for a few seconds, and parsed values within a byte budget. */

import { AppError } from "../errors";
import { bundleKey, type Manifest } from "../format/bundle";
import { BundleReader, readManifest } from "../format/reader";
import { LruCache } from "../kv/lru-cache";
import { type KvSource, MIN_CACHE_TTL_S, newReadStats, type ReadStats, workersKvSource } from "../kv/source";
import { readSettings, type SettingVars } from "./settings";

/** KV's own edge cache lifetime for bundle keys: they never change once written. */
const VALUE_CACHE_TTL_S = 86_400;
/** The live manifest changes: it is read with KV's least `cacheTtl`, so a location sees a new upload within that. */
const MANIFEST_CACHE_TTL_S = MIN_CACHE_TTL_S;

let cache: LruCache<unknown> | undefined;
let manifest: { value: Manifest; at: number } | undefined;

/** What the isolate reads of the Worker's env: its KV namespace and its settings' vars. */
export type IsolateEnv = { SEARCH_KV: KVNamespace } & SettingVars;

function isolateCache(env: IsolateEnv): LruCache<unknown> {
  const budget = readSettings(env).cacheBudgetBytes;
  if (!cache || cache.budgetBytes !== budget) cache = new LruCache(budget);
  return cache;
}

/** Seconds an isolate trusts the live manifest (`MANIFEST_TTL_S`, default 30): a new version is seen within that. */
export function manifestTtlSeconds(env: IsolateEnv): number {
  return readSettings(env).manifestTtlSeconds;
}

/** A reader of the live bundle for one request, with its own read counters. */
export async function openBundle(env: IsolateEnv, stats: ReadStats = newReadStats()): Promise<BundleReader> {
  const values: KvSource = workersKvSource(env.SEARCH_KV, VALUE_CACHE_TTL_S);
  const now = Date.now();
  const ttlMs = manifestTtlSeconds(env) * 1000;
  if (!manifest || now - manifest.at >= ttlMs) {
    const started = Date.now();
    const value = await readManifest(workersKvSource(env.SEARCH_KV, MANIFEST_CACHE_TTL_S));
    stats.roundTrips++;
    stats.keys++;
    stats.ms += Date.now() - started;
    manifest = { value, at: now };
  }
  return new BundleReader(values, isolateCache(env), manifest.value, stats);
}

/** Bytes the isolate's cache holds now. */
export function cachedBytes(): number {
  return cache?.bytes ?? 0;
}

/**
 * A missing key, explained: when the version's own manifest is gone too, the live manifest points at a version
 * that is not in KV at all (`bundle_version_missing`); otherwise one key of it is (`bundle_key_missing`).
 * Only on that error's path, so answers cost no extra read.
 */
export async function explainMissingKey(env: IsolateEnv, error: AppError, version: string): Promise<AppError> {
  try {
    const key = bundleKey(version, "manifest");
    // On the error path only, and with KV's least cacheTtl: a miss read here is cached at this location that long.
    const found = await workersKvSource(env.SEARCH_KV, MIN_CACHE_TTL_S).getMany([key]);
    if (found.get(key) == null)
      return new AppError(
        "bundle_version_missing",
        `The live manifest names version ${version}, whose keys are not in KV (never uploaded, or pruned): upload it or roll back.`,
      );
  } catch {
    // KV failing now: the key's absence is all we know.
  }
  return error;
}
