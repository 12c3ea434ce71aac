/** @module The bundle versions present in a KV namespace, read through wrangler. */
import { LIVE_MANIFEST_KEY } from "../../src/format/bundle";
import { Manifest } from "../../src/format/manifest-schema";
import { getValue, listKeys, type Target } from "./wrangler";

export interface StoredVersion {
  version: string;
  keys: string[];
  manifest?: Manifest;
  live: boolean;
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
  const live = liveText ? Manifest.safeParse(JSON.parse(liveText)).data?.version : undefined;
  const versions = [...byVersion].map(([version, keys]) => {
    const text = getValue(`bundle/${version}/manifest`, target);
    const manifest = text ? Manifest.safeParse(JSON.parse(text)).data : undefined;
    return { version, keys, live: version === live, ...(manifest ? { manifest } : {}) };
  });
  return versions.sort((a, b) => ((a.manifest?.built_at ?? "") < (b.manifest?.built_at ?? "") ? 1 : -1));
}
