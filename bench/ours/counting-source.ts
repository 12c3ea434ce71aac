/** @module Wraps a KV source to count what a query costs: round trips, keys and bytes by kind of key, and the CPU the store itself used. */
import type { KvSource } from "../../src/kv/source";

/** The kind of a key: `manifest` (live), or the kind in `bundle/<version>/<kind>/…`. */
export function kindOf(key: string): string {
  const parts = key.split("/");
  return parts[0] === "bundle" ? (parts[2] ?? "unknown") : key;
}

export interface RoundTrip {
  /** What the round trip was for: `manifest`, `index` (term shards, prefix groups) or `meta` (hits' metadata), or `other`. */
  purpose: "manifest" | "index" | "meta" | "other";
  keys: number;
  bytes: number;
}

export interface ReadLog {
  trips: RoundTrip[];
  bytesByKind: Record<string, number>;
  /** Largest single value read, and its key. */
  largest: { key: string; bytes: number };
  /** CPU milliseconds spent inside the store (reading files), to subtract from the engine's. */
  storeCpuMs: number;
}

const purposeOf = (kinds: Set<string>): RoundTrip["purpose"] =>
  kinds.has("term") || kinds.has("prefix") ? "index" : kinds.has("meta") ? "meta" : kinds.has("manifest") ? "manifest" : "other";

export const newReadLog = (): ReadLog => ({ trips: [], bytesByKind: {}, largest: { key: "", bytes: 0 }, storeCpuMs: 0 });

/**
 * A source that logs every `getMany` into `log`.
 * @example
 * const log = newReadLog();
 * const source = countingSource(kvDirSource(dir), log);
 */
export function countingSource(inner: KvSource, log: ReadLog): KvSource {
  return {
    async getMany(keys) {
      const cpu = process.cpuUsage();
      const values = await inner.getMany(keys);
      const used = process.cpuUsage(cpu);
      log.storeCpuMs += (used.user + used.system) / 1000;
      let bytes = 0;
      const kinds = new Set<string>();
      for (const [key, value] of values) {
        const kind = kindOf(key);
        const size = value == null ? 0 : Buffer.byteLength(value);
        kinds.add(kind);
        bytes += size;
        log.bytesByKind[kind] = (log.bytesByKind[kind] ?? 0) + size;
        if (size > log.largest.bytes) log.largest = { key, bytes: size };
      }
      log.trips.push({ purpose: purposeOf(kinds), keys: keys.length, bytes });
      return values;
    },
  };
}
