/** @module What one isolate keeps between requests: the live manifest for a few seconds, and parsed values within a byte budget. */

import { AppError } from "../errors";
import { bundleKey, type Manifest } from "../format/bundle";
import { BundleReader, liveVersionOf, parseManifest, readManifest } from "../format/reader";
import { LruCache } from "../kv/lru-cache";
import { assetsSource, type KvSource, MIN_CACHE_TTL_S, newReadStats, type ReadStats, workersKvSource } from "../kv/source";
import { readSettings, type SettingVars } from "./settings";

/** KV's own edge cache lifetime for bundle keys: they never change once written. */
const VALUE_CACHE_TTL_S = 86_400;
/** The live manifest changes: it is read with KV's least `cacheTtl`, so a location sees a new upload within that. */
const MANIFEST_CACHE_TTL_S = MIN_CACHE_TTL_S;

let cache: LruCache<unknown> | undefined;
let manifest: { value: Manifest; at: number } | undefined;

/**
 * What the isolate reads of the Worker's env: its KV namespace, its settings' vars, and the manifest of the version
 * `npm run deploy` uploaded with this Worker (`BUNDLE_MANIFEST`, a var it sets; absent locally). A Worker deployed
 * with its bundle as Static Assets (`npm run deploy -- --target assets`) has the assets binding `BUNDLE` and reads
 * everything from it, KV never.
 */
export type IsolateEnv = { SEARCH_KV: KVNamespace; BUNDLE?: Fetcher; BUNDLE_MANIFEST?: string } & SettingVars;

/** The manifest of a bundle deployed as assets: read once per isolate (assets change only with the Worker). */
let assetsManifest: Promise<Manifest> | undefined;

/** A fresh isolate answered from the deployed manifest, and the live one names another version: answer again. */
export class ManifestMoved extends Error {}

/** The deployed manifest, parsed once per text; undefined when there is none or it does not check. */
let deployed: { text: string; value: Manifest | undefined } | undefined;
function deployedManifest(env: IsolateEnv): Manifest | undefined {
  const text = env.BUNDLE_MANIFEST;
  if (!text) return undefined;
  if (deployed?.text !== text) {
    let value: Manifest | undefined;
    try {
      value = parseManifest(text);
    } catch {
      value = undefined; // a var that does not check is ignored: the live manifest is read first, as without one
    }
    deployed = { text, value };
  }
  return deployed.value;
}

/** Readers opened on the deployed manifest before the live one was read, and the check that they are the live version. */
const provisional = new WeakMap<BundleReader, Promise<void>>();

/**
 * Settles once the reader's version is known to be the live one: at once for a reader opened on the live manifest;
 * for one a fresh isolate opened on the deployed manifest, when the live manifest (read meanwhile) is back. Rejects
 * with `ManifestMoved` when the live manifest names another version, or with the live manifest's own error.
 */
export function verifyBundle(reader: BundleReader): Promise<void> {
  return provisional.get(reader) ?? Promise.resolve();
}

function isolateCache(env: IsolateEnv): LruCache<unknown> {
  const budget = readSettings(env).cacheBudgetBytes;
  if (!cache || cache.budgetBytes !== budget) cache = new LruCache(budget);
  return cache;
}

/** Seconds an isolate trusts the live manifest (`MANIFEST_TTL_S`, default 30): a new version is seen within that. */
export function manifestTtlSeconds(env: IsolateEnv): number {
  return readSettings(env).manifestTtlSeconds;
}

/**
 * A reader of the live bundle for one request, with its own read counters. A fresh isolate of a deployed Worker
 * does not wait for the live manifest: it opens the version deployed with it (`BUNDLE_MANIFEST`) and reads the live
 * manifest meanwhile, in the same round trip as its first values; the app checks the two agree (`verifyBundle`)
 * before it answers, and answers again from the live version when they do not (a rollback or a newer upload).
 */
export async function openBundle(env: IsolateEnv, stats: ReadStats = newReadStats()): Promise<BundleReader> {
  if (env.BUNDLE) return openAssets(env, env.BUNDLE, stats);
  const values: KvSource = workersKvSource(env.SEARCH_KV, VALUE_CACHE_TTL_S);
  const now = Date.now();
  const ttlMs = manifestTtlSeconds(env) * 1000;
  const first = manifest ? undefined : deployedManifest(env);
  if (first) {
    const live = readLive(env, stats, now, false);
    const check = live.then((value) => {
      if (liveVersionOf(value) !== liveVersionOf(first))
        throw new ManifestMoved(`The live version is ${liveVersionOf(value)}, not ${liveVersionOf(first)}.`);
    });
    check.catch(() => {}); // settled through verifyBundle
    const reader = new BundleReader(values, isolateCache(env), first, stats);
    provisional.set(reader, check);
    return reader;
  }
  if (!manifest || now - manifest.at >= ttlMs) await readLive(env, stats, now, true);
  return new BundleReader(values, isolateCache(env), (manifest as { value: Manifest }).value, stats);
}

/**
 * A reader of a bundle deployed as the Worker's Static Assets. Its manifest is the one deployed with the Worker
 * (`BUNDLE_MANIFEST`), else read once per isolate in a round trip of its own (a free read: no KV); a failed read is
 * tried again by the next request. There is no live manifest to watch: the assets change only with the Worker.
 */
async function openAssets(env: IsolateEnv, assets: Fetcher, stats: ReadStats): Promise<BundleReader> {
  const source = assetsSource(assets);
  // Deployed with its manifest (the same build as its assets): nothing to read first.
  const deployedValue = assetsManifest ? undefined : deployedManifest(env);
  if (deployedValue) assetsManifest = Promise.resolve(deployedValue);
  if (!assetsManifest) {
    const started = Date.now();
    const reading = readManifest(source).then((value) => {
      stats.roundTrips++;
      stats.keys++;
      stats.ms += Date.now() - started;
      return value;
    });
    reading.catch(() => {
      if (assetsManifest === reading) assetsManifest = undefined;
    });
    assetsManifest = reading;
  }
  return new BundleReader(source, isolateCache(env), await assetsManifest, stats);
}

/**
 * Reads the live manifest and keeps it for the isolate. Its key is counted; its round trip only when the request
 * waits for it alone (`sequential`), not when it overlaps the first read of values.
 */
async function readLive(env: IsolateEnv, stats: ReadStats, now: number, sequential: boolean): Promise<Manifest> {
  const started = Date.now();
  const value = await readManifest(workersKvSource(env.SEARCH_KV, MANIFEST_CACHE_TTL_S));
  if (sequential) {
    stats.roundTrips++;
    stats.ms += Date.now() - started;
  }
  stats.keys++;
  manifest = { value, at: now };
  return value;
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
    const source = env.BUNDLE ? assetsSource(env.BUNDLE) : workersKvSource(env.SEARCH_KV, MIN_CACHE_TTL_S);
    const found = await source.getMany([key]);
    if (found.get(key) == null)
      return new AppError(
        "bundle_version_missing",
        env.BUNDLE
          ? `The deployed manifest names version ${version}, whose files are not among the Worker's assets: deploy again with --target assets.`
          : `The live manifest names version ${version}, whose keys are not in KV (never uploaded, or pruned): upload it or roll back.`,
      );
  } catch {
    // KV failing now: the key's absence is all we know.
  }
  return error;
}
