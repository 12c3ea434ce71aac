/**
 * @module A bundle as one file per key: a KV store outside the JS heap, so the heap the engine reports is its own
 * (the bulk files of `npm run build` would have to be held in memory whole).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { type Bundle, liveManifest } from "../../src/build/write";
import type { KvSource } from "../../src/kv/source";

/** The list of keys, live manifest last, in the same directory (no bundle key starts with `_`). */
const KEYS_FILE = "_keys.json";

/**
 * Writes every value of `bundle`, and the live manifest, under `dir`.
 * @example
 * writeKvDir(bundle, "/tmp/bench/kv-19k");
 */
export function writeKvDir(bundle: Bundle, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const keys: string[] = [];
  const made = new Set<string>();
  const put = (key: string, value: string) => {
    const file = join(dir, key);
    const parent = dirname(file);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(file, value);
    keys.push(key);
  };
  for (const [key, value] of bundle.values) put(key, value);
  put(...liveManifest(bundle));
  writeFileSync(join(dir, KEYS_FILE), JSON.stringify(keys));
}

/** Every key of a written directory, live manifest last. */
export function kvDirKeys(dir: string): string[] {
  return JSON.parse(readFileSync(join(dir, KEYS_FILE), "utf8")) as string[];
}

/**
 * The directory as a KV source: each key read from its file when asked (a missing file is a missing key).
 * @example
 * const source = kvDirSource("/tmp/bench/kv-19k");
 */
export function kvDirSource(dir: string): KvSource {
  const read = (key: string): string | null => {
    try {
      return readFileSync(join(dir, key), "utf8");
    } catch {
      return null;
    }
  };
  return { getMany: async (keys) => new Map(keys.map((k) => [k, read(k)])) };
}
