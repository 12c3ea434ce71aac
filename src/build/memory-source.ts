/** @module A built bundle held in memory as a KV source, live manifest included: for evaluation and benchmarks in Node. */

import type { KvSource } from "../kv/source";
import { type Bundle, liveManifest } from "./write";

export function memorySource(bundle: Bundle): KvSource {
  const values = new Map(bundle.values);
  const [key, value] = liveManifest(bundle);
  values.set(key, value);
  return { getMany: async (keys) => new Map(keys.map((k) => [k, values.get(k) ?? null])) };
}
