/** @module The bundle versions present in a KV namespace, read through wrangler. */
import { LIVE_MANIFEST_KEY } from "../../src/format/bundle";
import { Manifest } from "../../src/format/manifest-schema";
import { getValue, listKeys, type Target } from "./wrangler";

export interface StoredVersion {
  version: string;
  keys: string[];
  manifest?: Manifest;
  /** Live: the live manifest's version, or one of its delta segments. */
  live: boolean;
  /** A delta segment (`npm run build -- --update`): the live manifest it made, which names its base and deltas. */
  madeLive?: Manifest;
}

/** The versions a live manifest reads: its base and its deltas. */
export const versionsOf = (manifest: Manifest): string[] => [manifest.version, ...(manifest.deltas ?? []).map((d) => d.version)];

/**
 * The versions `npm run prune -- --keep N` keeps: the live one (its base and deltas) and the newest builds up to
 * `keep` in all, each with every segment it stands on (a delta's base and the deltas before it), so that a version
 * kept can be rolled back to whole.
 * @example
 * keptVersions(storedVersions(target), 2); // Set { "<live base>", "<its deltas>", "<the newest other build>" }
 */
export function keptVersions(versions: readonly StoredVersion[], keep: number): Set<string> {
  const kept = new Set(versions.filter((v) => v.live).map((v) => v.version));
  let builds = kept.size > 0 ? 1 : 0;
  for (const v of versions) {
    if (v.live || kept.has(v.version) || builds >= keep) continue;
    kept.add(v.version);
    builds++;
  }
  for (const v of versions) if (kept.has(v.version) && v.madeLive) for (const s of versionsOf(v.madeLive)) kept.add(s);
  return kept;
}

/** Every version with keys in the namespace, newest build first, and which one is live. */
export function storedVersions(target: Target): StoredVersion[] {
  const byVersion = new Map<string, string[]>();
  for (const key of listKeys("bundle/", target)) {
    const version = key.split("/")[1] ?? "";
    if (!byVersion.has(version)) byVersion.set(version, []);
    byVersion.get(version)?.push(key);
  }
  const liveText = getValue(LIVE_MANIFEST_KEY, target);
  const liveManifest = liveText ? Manifest.safeParse(JSON.parse(liveText)).data : undefined;
  const live = new Set(liveManifest ? versionsOf(liveManifest) : []);
  const versions = [...byVersion].map(([version, keys]) => {
    const text = getValue(`bundle/${version}/manifest`, target);
    const manifest = text ? Manifest.safeParse(JSON.parse(text)).data : undefined;
    const madeText = keys.includes(`bundle/${version}/live`) ? getValue(`bundle/${version}/live`, target) : undefined;
    const madeLive = madeText ? Manifest.safeParse(JSON.parse(madeText)).data : undefined;
    return { version, keys, live: live.has(version), ...(manifest ? { manifest } : {}), ...(madeLive ? { madeLive } : {}) };
  });
  return versions.sort((a, b) => ((a.manifest?.built_at ?? "") < (b.manifest?.built_at ?? "") ? 1 : -1));
}
