/** @module Writes a bundle to disk as `wrangler kv bulk put` files, and reads it back as a file-backed KV. */
import { createHash } from "node:crypto";
import { type FileHandle, mkdir, open, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { LIVE_MANIFEST_KEY, versionPrefix } from "../format/bundle";
import type { KvSource } from "../kv/source";
import { writeEntityLookup, writeNationalDefaults } from "./entities/lookup";
import { ASSETS_PAID_FILES, BULK_MAX_BYTES, BULK_MAX_PAIRS } from "./layout";
import { readSpool } from "./parts";
import { writeTrendTable } from "./trends";
import { type Bundle, BundleBuildError, liveManifest } from "./write";

/** The file holding only the live manifest: uploaded last, so a half-uploaded version is never served. */
export const LIVE_FILE = "live-manifest.json";
/** The folder of a bundle written for Workers Static Assets (`--target assets`): one file a key, at the key's path. */
export const ASSETS_DIR = "assets";

/** Where a bundle goes: Workers KV (bulk files for `wrangler kv bulk put`), or the Worker's Static Assets too. */
export type Target = "kv" | "assets";

export interface WriteOptions {
  /** `assets` also writes `assets/`, one file a key (the live manifest at `assets/manifest`), for `--target assets`. */
  target?: Target;
}

export interface WrittenBundle {
  dir: string;
  /** Bulk files of the version's keys, in upload order; the live manifest file comes after them. */
  files: string[];
  largestValue: number;
}

type Pair = { key: string; value: string };

/**
 * Where each value of the bundle's bulk files is (`kv-index/<file>.json` beside `kv/`): `[key, start, length]`, the
 * byte range of the value's JSON string in the file. An update reads the keys it needs from it, not the whole archive.
 */
export const INDEX_DIR = "kv-index";
type IndexEntry = [key: string, start: number, length: number];

/**
 * A bulk file's bytes (`[pair,pair,…]`, what JSON.stringify of the array gives) and where each value is in it.
 * @example
 * const { bytes, index } = bulkFile([Buffer.from('{"key":"a","value":"x"}')], ["a"]); // index: [["a", 20, 3]]
 */
export function bulkFile(pairs: readonly Buffer[], keys: readonly string[]): { bytes: Buffer; index: IndexEntry[] } {
  const parts: Buffer[] = [OPEN];
  const index: IndexEntry[] = [];
  let at = 1;
  pairs.forEach((pair, i) => {
    if (i > 0) {
      parts.push(COMMA);
      at++;
    }
    const key = keys[i] as string;
    const head = Buffer.byteLength(`{"key":${JSON.stringify(key)},"value":`);
    index.push([key, at + head, pair.length - head - 1]);
    parts.push(pair);
    at += pair.length;
  });
  parts.push(CLOSE);
  return { bytes: Buffer.concat(parts), index };
}

/** The SHA-256 of a bulk file's bytes, in hex: what `kv-index/<file>.sha256` holds, for a deploy to check them against. */
export const digestOf = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** `<bundle>/kv-index/<name>.sha256` of the bulk file `<bundle>/kv/<name>`. */
const digestFile = (file: string) => join(dirname(dirname(file)), INDEX_DIR, `${basename(file)}.sha256`);

/**
 * Why the bulk file `file` (`<bundle>/kv/<name>`), whose bytes are `bytes`, is not what the build wrote: a value
 * changed, cut or added since (`bundle_file_corrupt`); undefined when it is, or when the build wrote no digest of it
 * (a bundle of before digests, or the live manifest's file, which an update rewrites).
 * @example
 * const problem = await bulkFileProblem("dist/bundle/kv/0001.json", await readFile("dist/bundle/kv/0001.json"));
 */
export async function bulkFileProblem(file: string, bytes: Buffer): Promise<string | undefined> {
  let expected: string;
  try {
    expected = (await readFile(digestFile(file), "utf8")).trim();
  } catch {
    return undefined;
  }
  const actual = digestOf(bytes);
  if (actual === expected) return undefined;
  return `${file} is not the file the build wrote: its SHA-256 is ${actual.slice(0, 12)}…, ${digestFile(file)} says ${expected.slice(0, 12)}… (bundle_file_corrupt)`;
}

/**
 * Why the Static Assets of the bundle in `dir` (`--target assets`) are not what the build wrote: each bulk file checked
 * against its digest, then each of its values against the asset file of its key (`bundle_file_corrupt`); at most
 * `limit` problems, none when they are.
 */
export async function assetsProblems(dir: string, limit = 3): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await bulkFiles(dir)) {
    if (file.endsWith(LIVE_FILE)) continue;
    const bytes = await readFile(file);
    const problem = await bulkFileProblem(file, bytes);
    if (problem) problems.push(problem);
    for (const { key, value } of problem ? [] : (JSON.parse(bytes.toString("utf8")) as Pair[])) {
      if (problems.length >= limit) return problems;
      const path = join(dir, ASSETS_DIR, ...key.split("/"));
      const held = await readFile(path, "utf8").catch(() => undefined);
      if (held !== value)
        problems.push(`${path} ${held === undefined ? "is missing" : "is not the value the build wrote"} (bundle_file_corrupt)`);
    }
  }
  return problems.slice(0, limit);
}

/**
 * Writes a bulk file and its index (`INDEX_DIR`) in bundle folder `dir`, under `name`: the index and the file's
 * digest first, the file last and whole (written aside, then renamed), so a bulk file is never read half-written.
 */
export async function writeBulkFile(dir: string, name: string, pairs: readonly Buffer[], keys: readonly string[]): Promise<void> {
  const { bytes, index } = bulkFile(pairs, keys);
  await mkdir(join(dir, INDEX_DIR), { recursive: true });
  await writeFile(join(dir, INDEX_DIR, name), JSON.stringify(index));
  await writeFile(join(dir, INDEX_DIR, `${name}.sha256`), `${digestOf(bytes)}\n`);
  const path = join(dir, "kv", name);
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path);
}

const OPEN = Buffer.from("[");
const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]");

/**
 * Writes `manifest.json` and `kv/NNNN.json` bulk files (≤ 10,000 pairs, < 100 MB each) into `dir`, and with
 * `target: "assets"` the `assets/` folder too, replacing what was there only once everything is written. A bundle of
 * more keys than a Worker version takes files fails before anything is written (`too_many_files`).
 */
export async function writeBundle(bundle: Bundle, dir: string, options: WriteOptions = {}): Promise<WrittenBundle> {
  const assets = options.target === "assets";
  const keys = bundle.manifest.counts.keys;
  if (assets && keys > ASSETS_PAID_FILES) {
    throw new BundleBuildError(
      "too_many_files",
      `The bundle has ${keys.toLocaleString("en-US")} keys, over the ${ASSETS_PAID_FILES.toLocaleString("en-US")} files a Worker version's Static Assets take (Paid plan): deploy it to KV (--target kv), or build with --profile free.`,
    );
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(join(tmp, "kv"), { recursive: true });
  const made = new Set<string>();
  const asset = async (key: string, value: string) => {
    const path = join(tmp, ASSETS_DIR, ...key.split("/"));
    const folder = dirname(path);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(path, value);
  };
  const files: string[] = [];
  // Each pair is serialized and encoded once: a file is `[pair,pair,…]`, the same text as JSON.stringify of the array.
  let batch: Buffer[] = [];
  let batchKeys: string[] = [];
  let batchBytes = 2;
  let largestValue = 0;
  const flush = async () => {
    const name = `${String(files.length + 1).padStart(4, "0")}.json`;
    await writeBulkFile(tmp, name, batch, batchKeys);
    files.push(join("kv", name));
    batch = [];
    batchKeys = [];
    batchBytes = 2;
  };
  for (const [key, value] of valuesOf(bundle)) {
    const pair = Buffer.from(JSON.stringify({ key, value } satisfies Pair));
    const size = pair.length + 1;
    largestValue = Math.max(largestValue, Buffer.byteLength(value));
    if (batch.length > 0 && (batch.length >= BULK_MAX_PAIRS || batchBytes + size > BULK_MAX_BYTES)) await flush();
    batch.push(pair);
    batchKeys.push(key);
    batchBytes += size;
    if (assets) await asset(key, value);
  }
  if (batch.length > 0) await flush();
  if (bundle.lookup || bundle.trends || bundle.national) await mkdir(join(tmp, INDEX_DIR), { recursive: true });
  if (bundle.lookup) await writeEntityLookup(tmp, bundle.manifest.version, bundle.lookup);
  if (bundle.national) await writeNationalDefaults(tmp, bundle.manifest.version, bundle.national);
  if (bundle.trends) await writeTrendTable(tmp, bundle.manifest.version, bundle.trends);
  const [key, value] = liveManifest(bundle);
  if (assets) await asset(key, value);
  await writeFile(join(tmp, "kv", LIVE_FILE), JSON.stringify([{ key, value }]));
  await writeFile(join(tmp, "manifest.json"), `${JSON.stringify(bundle.manifest, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, ".."), { recursive: true });
  await rename(tmp, dir);
  return { dir, files, largestValue };
}

/** A bundle's values in upload order: its parts by name (read back from the spool when it has one), then its manifest. */
function* valuesOf(bundle: Bundle): Generator<[string, string]> {
  const { spooled } = bundle;
  if (spooled) for (const [name, value] of readSpool(spooled)) yield [`${versionPrefix(spooled.version)}${name}`, value];
  yield* bundle.values;
}

/** The bulk files of a written bundle, version keys first and the live manifest last. */
export async function bulkFiles(dir: string): Promise<string[]> {
  const names = (await readdir(join(dir, "kv"))).filter((n) => n.endsWith(".json")).sort();
  return [...names.filter((n) => n !== LIVE_FILE), ...names.filter((n) => n === LIVE_FILE)].map((n) => join(dir, "kv", n));
}

/**
 * A KV source over a bundle folder that reads only the values asked for, through the bulk files' indexes
 * (`INDEX_DIR`); undefined when a bulk file has none (a bundle written before them: read it with `fileKvSource`).
 * @example
 * const source = (await indexedFileSource("dist/bundle")) ?? (await fileKvSource("dist/bundle"));
 */
export async function indexedFileSource(dir: string): Promise<KvSource | undefined> {
  const where = new Map<string, { file: string; start: number; length: number }>();
  let live: string | undefined;
  for (const file of await bulkFiles(dir)) {
    const name = file.slice(file.lastIndexOf("/") + 1);
    if (name === LIVE_FILE) {
      live = (JSON.parse(await readFile(file, "utf8")) as Pair[]).find((p) => p.key === LIVE_MANIFEST_KEY)?.value;
      continue;
    }
    let index: IndexEntry[];
    try {
      index = JSON.parse(await readFile(join(dir, INDEX_DIR, name), "utf8")) as IndexEntry[];
    } catch {
      return undefined;
    }
    for (const [key, start, length] of index) where.set(key, { file, start, length });
  }
  if (live === undefined) throw new Error(`${dir} holds no live manifest: is it a bundle written by npm run build?`);
  return {
    async getMany(keys) {
      const out = new Map<string, string | null>();
      // Each file opened once a read, and closed after it.
      const handles = new Map<string, FileHandle>();
      try {
        for (const key of keys) {
          if (key === LIVE_MANIFEST_KEY) {
            out.set(key, live ?? null);
            continue;
          }
          const at = where.get(key);
          if (!at) {
            out.set(key, null);
            continue;
          }
          let handle = handles.get(at.file);
          if (!handle) {
            handle = await open(at.file, "r");
            handles.set(at.file, handle);
          }
          const bytes = Buffer.alloc(at.length);
          await handle.read(bytes, 0, at.length, at.start);
          out.set(key, JSON.parse(bytes.toString("utf8")) as string);
        }
      } finally {
        await Promise.all([...handles.values()].map((h) => h.close()));
      }
      return out;
    },
  };
}

/**
 * A KV source over a written bundle's files, for `npm run query` and tests in Node.
 * @example
 * const source = await fileKvSource("dist/bundle");
 */
export async function fileKvSource(dir: string): Promise<KvSource & { values: Map<string, string> }> {
  const values = new Map<string, string>();
  for (const file of await bulkFiles(dir)) {
    for (const { key, value } of JSON.parse(await readFile(file, "utf8")) as Pair[]) values.set(key, value);
  }
  if (!values.has(LIVE_MANIFEST_KEY)) throw new Error(`${dir} holds no live manifest: is it a bundle written by npm run build?`);
  return {
    values,
    async getMany(keys) {
      return new Map(keys.map((k) => [k, values.get(k) ?? null]));
    },
  };
}
