/** @module What a built bundle holds: keys and bytes by kind, the largest value, and the spread of term shard sizes. */
import type { Bundle } from "../../src/build/write";
import { type Summary, summarize } from "../lib/stats";
import { kindOf } from "./counting-source";

export interface BundleStats {
  version: string;
  documents: number;
  terms: number;
  termShards: number;
  /** Keys as uploaded (every value, the versioned manifest and the live one). */
  keys: number;
  bytes: number;
  largestValue: { key: string; bytes: number };
  byKind: Record<string, { keys: number; bytes: number; max: number }>;
  /** Sizes of the term shards, in bytes. */
  termShardBytes: Summary;
}

/**
 * @example
 * bundleStats(bundle).termShardBytes.p99; // bytes of the 99th-percentile term shard
 */
export function bundleStats(bundle: Bundle): BundleStats {
  const byKind: BundleStats["byKind"] = {};
  const termSizes: number[] = [];
  let largest = { key: "", bytes: 0 };
  for (const [key, value] of bundle.values) {
    const bytes = Buffer.byteLength(value);
    const kind = kindOf(key);
    const k = byKind[kind] ?? { keys: 0, bytes: 0, max: 0 };
    byKind[kind] = k;
    k.keys++;
    k.bytes += bytes;
    k.max = Math.max(k.max, bytes);
    if (kind === "term") termSizes.push(bytes);
    if (bytes > largest.bytes) largest = { key: key.split("/").slice(2).join("/"), bytes };
  }
  const { manifest } = bundle;
  return {
    version: manifest.version,
    documents: manifest.counts.documents,
    terms: manifest.counts.terms,
    termShards: manifest.layout.term,
    keys: manifest.counts.keys,
    bytes: manifest.counts.bytes,
    largestValue: largest,
    byKind,
    termShardBytes: summarize(termSizes, 0),
  };
}
