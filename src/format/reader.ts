/** @module Reads one bundle version: the live manifest, then only the values a request needs, through a byte-bounded cache. */

import { AppError } from "../errors";
import type { LruCache } from "../kv/lru-cache";
import type { KvSource, ReadStats } from "../kv/source";
import {
  bundleKey,
  FORMAT_VERSION,
  isManifest,
  type KeyKind,
  LIVE_MANIFEST_KEY,
  type Manifest,
  MIN_PREFIX,
  PREFIX_GROUP,
  readableEngine,
} from "./bundle";
import { shardOf } from "./hash";
import type { DocMeta, EntityRecord, StoredDocument } from "./schema";
import { slugify } from "./slug";
import type { DateRuns } from "./values/dates";
import { unpackMentions } from "./values/doc";
import { unpackEntity } from "./values/entity";
import type { EntityPage } from "./values/entity-list";
import { codecs, type ValueOf } from "./values/index";
import type { NamedEntity } from "./values/names";
import type { PrefixShard } from "./values/prefix";
import { checkChunk, type SparsePostings, type TailRef } from "./values/tail";
import type { ParsedTermShard } from "./values/term";

export type { EntityPage } from "./values/entity-list";
export { parseValue } from "./values/index";
export { checkChunk } from "./values/tail";
export type { ParsedTermShard } from "./values/term";
export { findTerm } from "./values/term";

/**
 * Reads and checks the live manifest. No manifest, an unreadable one, or another format version is a 503.
 * @example
 * const manifest = await readManifest(source);
 */
export async function readManifest(source: KvSource): Promise<Manifest> {
  const text = (await source.getMany([LIVE_MANIFEST_KEY])).get(LIVE_MANIFEST_KEY);
  if (text == null) throw new AppError("bundle_not_loaded");
  return parseManifest(text);
}

/**
 * A manifest's JSON text, checked as `readManifest` checks the live one; throws its `AppError` otherwise.
 * @example
 * parseManifest(env.BUNDLE_MANIFEST).version; // the version `npm run deploy` deployed with the Worker
 */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("bundle_key_corrupt", "The live manifest is not valid JSON.");
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== FORMAT_VERSION) {
    throw new AppError("bundle_unsupported", `The bundle has format ${String(format)}; this Worker reads format ${FORMAT_VERSION}.`);
  }
  if (!isManifest(raw)) throw new AppError("bundle_key_corrupt", "The live manifest does not match the format.");
  if (!readableEngine(raw)) {
    throw new AppError("bundle_unsupported", "The bundle was indexed with engine settings (resolution, fields) this Worker does not read.");
  }
  return raw;
}

/** An id as an error message quotes it: JSON, at most 200 characters of it. */
const quoted = (id: string): string => JSON.stringify(id.slice(0, 200));

/** Tail chunks already checked, with the range they were checked against (in a version, a chunk has one). */
const checkedChunks = new WeakMap<SparsePostings, string>();

/**
 * One request's view of a bundle version: every read goes through the isolate's cache and is counted.
 * @example
 * const reader = new BundleReader(source, cache, manifest, newReadStats());
 * const shards = await reader.termShards(["kabul", "embassy"]);
 */
export class BundleReader {
  constructor(
    private readonly source: KvSource,
    private readonly cache: LruCache<unknown>,
    readonly manifest: Manifest,
    readonly stats: ReadStats,
  ) {}

  get version(): string {
    return this.manifest.version;
  }

  /**
   * Values of several keys of this version, each parsed once per isolate by its kind's codec; all in one round trip.
   * Any kind of the codec table reads this way: the methods below only choose the parts.
   * @example
   * const [runs] = await reader.read("dates", [""]);
   */
  async read<K extends KeyKind>(kind: K, parts: (number | string)[]): Promise<ValueOf<K>[]> {
    return (await this.readKinds(parts.map((part) => [kind, part] as const))) as ValueOf<K>[];
  }

  /**
   * Values of keys of several kinds, each parsed by its own kind's codec; all in one round trip.
   * @example
   * const [ids, similar] = await reader.readKinds([["id", 3], ["similar", 3]]);
   */
  async readKinds(wanted: readonly (readonly [KeyKind, number | string])[]): Promise<unknown[]> {
    const kindOf = new Map<string, KeyKind>();
    const keys = wanted.map(([kind, part]) => {
      const key = bundleKey(this.version, kind, part);
      kindOf.set(key, kind);
      return key;
    });
    // Counted here, not as a difference of `stats.keys`: another read of the same request may be counting meanwhile.
    let fetched = 0;
    const values = await this.cache.load(keys, async (missing) => {
      fetched += missing.length;
      const started = Date.now();
      const texts = await this.source.getMany(missing);
      this.stats.ms += Date.now() - started;
      this.stats.roundTrips++;
      this.stats.keys += missing.length;
      const out = new Map<string, { value: unknown; size: number }>();
      for (const key of missing) {
        const kind = kindOf.get(key) as KeyKind;
        const text = texts.get(key);
        if (text == null) throw new AppError("bundle_key_missing", `Key ${key} is missing from KV.`);
        this.stats.bytes += text.length;
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          throw new AppError("bundle_key_corrupt", `Key ${key} is not valid JSON.`);
        }
        let value: unknown;
        try {
          value = codecs[kind].parse(raw);
        } catch {
          throw new AppError("bundle_key_corrupt", `Key ${key} has the wrong shape.`);
        }
        out.set(key, { value, size: Math.ceil(text.length * codecs[kind].heapPerChar) });
      }
      return out;
    });
    this.stats.cacheHits += new Set(keys).size - fetched;
    return values;
  }

  /** The postings of `terms` in every field, from the shards that hold them. */
  async termShards(terms: string[]): Promise<Map<string, ParsedTermShard>> {
    const shards = [...new Set(terms.map((t) => shardOf(t, this.manifest.layout.term)))].sort((a, b) => a - b);
    const values = await this.read("term", shards);
    const out = new Map<string, ParsedTermShard>();
    for (const term of terms) {
      const i = shards.indexOf(shardOf(term, this.manifest.layout.term));
      out.set(term, values[i] as ParsedTermShard);
    }
    return out;
  }

  /**
   * Tail chunks of long posting lists, by their references in the term shards; all in one round trip. A chunk that
   * does not hold what its reference says is refused and dropped from the cache, so that a fixed upload is read.
   */
  async tails(refs: TailRef[]): Promise<Map<number, SparsePostings>> {
    const values = await this.read(
      "tail",
      refs.map(([n]) => n),
    );
    const out = new Map<number, SparsePostings>();
    refs.forEach((ref, i) => {
      const chunk = values[i] as SparsePostings;
      // Checked once per parsed chunk: the isolate's cache hands later requests the same object.
      const range = `${ref[1]}-${ref[2]}`;
      if (checkedChunks.get(chunk) !== range) {
        try {
          checkChunk(chunk, ref);
        } catch (error) {
          this.cache.delete(bundleKey(this.version, "tail", ref[0]));
          throw error;
        }
        checkedChunks.set(chunk, range);
      }
      out.set(ref[0], chunk);
    });
    return out;
  }

  /** Prefix groups (completions), by group key. */
  async prefixGroups(groups: string[]): Promise<Map<string, PrefixShard[string]>> {
    const shards = [...new Set(groups.map((g) => shardOf(g, this.manifest.layout.prefix)))];
    const values = await this.read("prefix", shards);
    const out = new Map<string, PrefixShard[string]>();
    for (const group of groups) {
      const shard = values[shards.indexOf(shardOf(group, this.manifest.layout.prefix))];
      const value = shard?.[group];
      if (value) out.set(group, value);
    }
    return out;
  }

  /**
   * Metadata of documents by number. `withDates` reads the date runs in the same round trip (for the date histogram;
   * `dates()` then finds them in the cache).
   */
  async metas(numbers: number[], withDates = false): Promise<Map<number, DocMeta>> {
    const size = this.manifest.layout.metaSize;
    const buckets = [...new Set(numbers.map((n) => Math.floor(n / size)))];
    // Runs the manifest holds are no key to read.
    const dates = withDates && !this.manifest.dates;
    const read = await this.readKinds([...buckets.map((b) => ["meta", b] as const), ...(dates ? [["dates", ""] as const] : [])]);
    const values = read.slice(0, buckets.length) as DocMeta[][];
    const out = new Map<number, DocMeta>();
    for (const n of numbers) {
      const meta = values[buckets.indexOf(Math.floor(n / size))]?.[n % size];
      if (!meta) throw new AppError("bundle_key_corrupt", `Metadata of document ${n} is missing from its bucket.`);
      out.set(n, meta);
    }
    return out;
  }

  /** The number of a document, by its id; undefined when no document has it. */
  async documentNumber(id: string): Promise<number | undefined> {
    return (await this.documentNumbers([id])).get(id);
  }

  /** Document numbers by id, all in one round trip; an unknown id is left out. */
  async documentNumbers(ids: string[]): Promise<Map<string, number>> {
    const shards = [...new Set(ids.map((id) => shardOf(id, this.manifest.layout.id)))];
    const values = await this.read("id", shards);
    const out = new Map<string, number>();
    for (const id of ids) {
      const shard = values[shards.indexOf(shardOf(id, this.manifest.layout.id))];
      if (shard && Object.hasOwn(shard, id)) out.set(id, shard[id] as number);
    }
    return out;
  }

  /** The whole document, by its id, with its near-duplicates (from its metadata). */
  async document(id: string): Promise<(StoredDocument & Pick<DocMeta, "duplicates">) | undefined> {
    const n = await this.documentNumber(id);
    if (n === undefined) return undefined;
    const meta = (await this.metas([n])).get(n) as DocMeta;
    const [bucket] = await this.read("doc", [meta.bucket]);
    const stored = bucket?.find((d) => d.id === id);
    if (!stored) return undefined;
    const { mentions } = stored;
    const doc: StoredDocument = mentions
      ? { ...stored, mentions: this.unpack("doc", meta.bucket, `The mentions of document ${quoted(id)}`, () => unpackMentions(mentions)) }
      : (stored as StoredDocument);
    return meta.duplicates ? { ...doc, duplicates: meta.duplicates } : doc;
  }

  /** Runs of documents by date, `[YYYY-MM-DD, first document number]` (documents are numbered by date). */
  async dates(): Promise<DateRuns> {
    if (this.manifest.dates) return this.manifest.dates;
    const [runs] = await this.read("dates", [""]);
    return runs ?? [];
  }

  async entity(id: string): Promise<EntityRecord | undefined> {
    const part = shardOf(id, this.manifest.layout.entity);
    const [shard] = await this.read("entity", [part]);
    const stored = shard && Object.hasOwn(shard, id) ? shard[id] : undefined;
    if (!stored) return undefined;
    return this.unpack("entity", part, `The record of entity ${quoted(id)}`, () => unpackEntity(stored));
  }

  /**
   * What `unpack` makes of part of a value read: one that cannot be unpacked is `bundle_key_corrupt` (`what` cannot
   * be read), and its key leaves the isolate's cache, so that the value uploaded again is read.
   */
  private unpack<T>(kind: KeyKind, part: number | string, what: string, unpack: () => T): T {
    try {
      return unpack();
    } catch {
      this.cache.delete(bundleKey(this.version, kind, part));
      throw new AppError("bundle_key_corrupt", `${what} cannot be read.`);
    }
  }

  /** Entities whose names or aliases have a word starting with `group` (2 or 3 folded letters), most mentioned first. */
  async entityNames(group: string): Promise<NamedEntity[]> {
    const [shard] = await this.read("names", [shardOf(group, this.manifest.layout.names)]);
    return shard && Object.hasOwn(shard, group) ? (shard[group] ?? []) : [];
  }

  /**
   * An entity by its id, or by another spelling of it: any case, or the slug of one of its aliases
   * (`/entities/blinken` is Antony Blinken when no entity has the id `blinken`).
   */
  async findEntity(id: string): Promise<EntityRecord | undefined> {
    const lower = id.toLowerCase();
    const direct = await this.entity(lower);
    if (direct) return direct;
    const words = lower.split("-").filter(Boolean);
    const first = words[0];
    if (!first || first.length < MIN_PREFIX) return undefined;
    const candidates = await this.entityNames(first.slice(0, PREFIX_GROUP));
    const match = candidates.find(([name, , , , others]) => [name, ...others].some((n) => slugify(n) === lower));
    return match ? this.entity(match[1]) : undefined;
  }

  /** One page of the entity list (`all` or one type), most mentioned first. */
  async entityPage(list: string, page: number): Promise<EntityPage | undefined> {
    if (page >= (this.manifest.layout.entityPages[list] ?? 0)) return undefined;
    const [value] = await this.read("entity-list", [`${list}/${page}`]);
    return value;
  }
}
