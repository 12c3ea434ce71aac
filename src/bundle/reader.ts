/** @module Reads one bundle version: the live manifest, then only the values a request needs, through a byte-bounded cache. */

import { slugify } from "../entities/slug";
import { AppError } from "../errors";
import type { LruCache } from "../kv/lru-cache";
import type { KvSource, ReadStats } from "../kv/source";
import { type Field, fields, RESOLUTION } from "./flex-config";
import {
  bundleKey,
  FORMAT_VERSION,
  type KeyKind,
  LIVE_MANIFEST_KEY,
  Manifest,
  MIN_PREFIX,
  type NamedEntity,
  type NameShard,
  PREFIX_GROUP,
  type PrefixShard,
  type SparsePostings,
  type TailRef,
  type TermEntry,
  type TermShard,
} from "./format";
import { shardOf } from "./hash";
import type { DocMeta, EntityRecord, StoredDocument } from "./schema";

/** A term shard as stored: per field, entries sorted by term (found by binary search, no map to build). */
export type ParsedTermShard = Record<Field, TermEntry[]>;

/**
 * A term's entry in one field of its shard.
 * @example
 * findTerm(shard.text, "kabul"); // ["kabul", [[0, [3, 17]]]] or undefined
 */
export function findTerm(entries: TermEntry[], term: string): TermEntry | undefined {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const at = (entries[mid] as TermEntry)[0];
    if (at === term) return entries[mid];
    if (at < term) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}
export interface EntityPage {
  total: number;
  items: { id: string; name: string; type: string; mentions: number; documents: number }[];
}

/**
 * Reads and checks the live manifest. No manifest, an unreadable one, or another format version is a 503.
 * @example
 * const manifest = await readManifest(source);
 */
export async function readManifest(source: KvSource): Promise<Manifest> {
  const text = (await source.getMany([LIVE_MANIFEST_KEY])).get(LIVE_MANIFEST_KEY);
  if (text == null) throw new AppError("bundle_not_loaded");
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
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) throw new AppError("bundle_key_corrupt", "The live manifest does not match the format.");
  return parsed.data;
}

const isNumbers = (value: unknown) => Array.isArray(value) && value.every((n) => typeof n === "number");
/** Postings `[[slot, documents], ...]`. */
const isSparse = (value: unknown) =>
  Array.isArray(value) && value.every((p) => Array.isArray(p) && typeof p[0] === "number" && isNumbers(p[1]));
/**
 * Each field of a term shard is a list of `[term, postings]` or `[term, head, count, tail chunks]`: anything else
 * would be read as "no postings", a silently wrong answer. Postings are checked when a query uses them.
 */
const isTermList = (value: unknown) =>
  Array.isArray(value) &&
  value.every(
    (e) =>
      Array.isArray(e) &&
      typeof e[0] === "string" &&
      Array.isArray(e[1]) &&
      (e.length === 2 || (e.length === 4 && typeof e[2] === "number" && Array.isArray(e[3]) && e[3].every(isNumbers))),
  );

const parsers: Partial<Record<KeyKind, (raw: unknown) => unknown>> = {
  term: (raw) => {
    const shard = raw as TermShard;
    if (!fields.every((field) => isTermList(shard[field]))) throw new Error("not a term shard");
    // Terms are found by binary search: out of order, one would be silently missed.
    for (const field of fields) {
      const list = shard[field] as TermEntry[];
      for (let i = 1; i < list.length; i++)
        if (!((list[i - 1] as TermEntry)[0] < (list[i] as TermEntry)[0])) throw new Error("terms out of order");
    }
    return shard;
  },
  tail: (raw) => {
    if (!isSparse(raw)) throw new Error("not postings");
    return raw;
  },
};

/**
 * Refuses a tail chunk that is not what its reference in the term shard says: a slot outside the index's, or a
 * document outside the range `[first, last]` the reference gives (a key overwritten by another chunk or another
 * version). Read as it is, it would rank documents the term is not in.
 * @example
 * checkChunk([[2, [40, 41]]], [7, 40, 41]); // fine
 * checkChunk([[2, [99]]], [7, 40, 41]); // throws bundle_key_corrupt
 */
export function checkChunk(chunk: SparsePostings, [n, first, last]: TailRef): void {
  for (const [slot, ids] of chunk) {
    const fine =
      Number.isInteger(slot) && slot >= 0 && slot < RESOLUTION && ids.every((d) => Number.isInteger(d) && d >= first && d <= last);
    if (!fine) throw new AppError("bundle_key_corrupt", `Tail chunk ${n} holds postings outside the range its term shard gives.`);
  }
}

/**
 * Heap a parsed value takes per character of its JSON, by kind: small arrays and strings cost more than their
 * text. Measured on the 1M bench bundle with `node --expose-gc --import tsx bench/lib/parsed-size.ts DIR`
 * (term ×2.9, prefix ×5.6, id ×4.2, meta ×1.2, tail ×1.2), rounded up; the cache charges this, so its budget holds.
 */
const HEAP_PER_CHAR: Partial<Record<KeyKind, number>> = { term: 3.5, prefix: 6, id: 4.5, meta: 1.5, tail: 1.5 };

/**
 * A value of some kind from its parsed JSON, shape-checked; throws on the wrong shape.
 * @example
 * parseValue("term", JSON.parse(text)); // { title: [...], text: [...], entity: [...] }
 */
export function parseValue(kind: KeyKind, raw: unknown): unknown {
  if (raw === null || typeof raw !== "object") throw new Error("not an object");
  const parse = parsers[kind];
  return parse ? parse(raw) : raw;
}

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

  /** Values of several keys of this version, each parsed once per isolate; all in one round trip. */
  async read<T>(kind: KeyKind, parts: (number | string)[]): Promise<T[]> {
    const keys = parts.map((p) => bundleKey(this.version, kind, p));
    const before = this.stats.keys;
    const values = await this.cache.load(keys, async (missing) => {
      const started = Date.now();
      const texts = await this.source.getMany(missing);
      this.stats.ms += Date.now() - started;
      this.stats.roundTrips++;
      this.stats.keys += missing.length;
      const out = new Map<string, { value: unknown; size: number }>();
      for (const key of missing) {
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
          value = parseValue(kind, raw);
        } catch {
          throw new AppError("bundle_key_corrupt", `Key ${key} has the wrong shape.`);
        }
        out.set(key, { value, size: Math.ceil(text.length * (HEAP_PER_CHAR[kind] ?? 2)) });
      }
      return out;
    });
    this.stats.cacheHits += new Set(keys).size - (this.stats.keys - before);
    return values as T[];
  }

  /** The postings of `terms` in every field, from the shards that hold them. */
  async termShards(terms: string[]): Promise<Map<string, ParsedTermShard>> {
    const shards = [...new Set(terms.map((t) => shardOf(t, this.manifest.layout.term)))].sort((a, b) => a - b);
    const values = await this.read<ParsedTermShard>("term", shards);
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
    const values = await this.read<SparsePostings>(
      "tail",
      refs.map(([n]) => n),
    );
    const out = new Map<number, SparsePostings>();
    refs.forEach((ref, i) => {
      const chunk = values[i] as SparsePostings;
      try {
        checkChunk(chunk, ref);
      } catch (error) {
        this.cache.delete(bundleKey(this.version, "tail", ref[0]));
        throw error;
      }
      out.set(ref[0], chunk);
    });
    return out;
  }

  /** Prefix groups (completions), by group key. */
  async prefixGroups(groups: string[]): Promise<Map<string, PrefixShard[string]>> {
    const shards = [...new Set(groups.map((g) => shardOf(g, this.manifest.layout.prefix)))];
    const values = await this.read<PrefixShard>("prefix", shards);
    const out = new Map<string, PrefixShard[string]>();
    for (const group of groups) {
      const shard = values[shards.indexOf(shardOf(group, this.manifest.layout.prefix))];
      const value = shard?.[group];
      if (value) out.set(group, value);
    }
    return out;
  }

  /** Metadata of documents by number. */
  async metas(numbers: number[]): Promise<Map<number, DocMeta>> {
    const size = this.manifest.layout.metaSize;
    const buckets = [...new Set(numbers.map((n) => Math.floor(n / size)))];
    const values = await this.read<DocMeta[]>("meta", buckets);
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
    const [shard] = await this.read<Record<string, number>>("id", [shardOf(id, this.manifest.layout.id)]);
    return Object.hasOwn(shard ?? {}, id) ? shard?.[id] : undefined;
  }

  /** The whole document, by its id. */
  async document(id: string): Promise<StoredDocument | undefined> {
    const n = await this.documentNumber(id);
    if (n === undefined) return undefined;
    const meta = (await this.metas([n])).get(n) as DocMeta;
    const [bucket] = await this.read<StoredDocument[]>("doc", [meta.bucket]);
    return bucket?.find((d) => d.id === id);
  }

  /** Runs of documents by date, `[YYYY-MM-DD, first document number]` (documents are numbered by date). */
  async dates(): Promise<[string, number][]> {
    const [runs] = await this.read<[string, number][]>("dates", [""]);
    return runs ?? [];
  }

  async entity(id: string): Promise<EntityRecord | undefined> {
    const [shard] = await this.read<Record<string, EntityRecord>>("entity", [shardOf(id, this.manifest.layout.entity)]);
    return Object.hasOwn(shard ?? {}, id) ? shard?.[id] : undefined;
  }

  /** Entities whose names or aliases have a word starting with `group` (2 or 3 folded letters), most mentioned first. */
  async entityNames(group: string): Promise<NamedEntity[]> {
    const [shard] = await this.read<NameShard>("names", [shardOf(group, this.manifest.layout.names)]);
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
    const [value] = await this.read<EntityPage>("entity-list", [`${list}/${page}`]);
    return value;
  }
}
