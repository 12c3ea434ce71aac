/** @module A built bundle read straight from memory in Node, counting the keys read: for pure engine tests. */

import { type Bundle, liveManifest } from "../../src/build/write";
import { BundleReader } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../../src/kv/source";

export interface MemoryBundle {
  source: KvSource;
  /** Every key read from the source, in order. */
  reads: string[];
  /** A reader with a cold cache (a fresh isolate). */
  coldReader(): BundleReader;
}

export function memoryBundle(bundle: Bundle): MemoryBundle {
  const values = new Map(bundle.values);
  const [key, value] = liveManifest(bundle);
  values.set(key, value);
  const reads: string[] = [];
  const source: KvSource = {
    async getMany(keys) {
      reads.push(...keys);
      return new Map(keys.map((k) => [k, values.get(k) ?? null]));
    },
  };
  return {
    source,
    reads,
    coldReader: () => new BundleReader(source, new LruCache(64 * 1024 * 1024), bundle.manifest, newReadStats()),
  };
}
