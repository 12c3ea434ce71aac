/** @module Reads one bundle version: the live manifest, then only the values a request needs, through a byte-bounded cache. */

import { AppError } from "../errors";
import type { LruCache } from "../kv/lru-cache";
import type { KvSource, ReadStats } from "../kv/source";
import { foldWords, longestWord } from "./analyzer";
import {
  bundleKey,
  ENTITY_PAGE_SIZE,
  FORMAT_VERSION,
  isManifest,
  type KeyKind,
  LIVE_MANIFEST_KEY,
  type Manifest,
  MIN_PREFIX,
  PREFIX_GROUP,
  readableEngine,
  TRENDING_PREFIX,
} from "./bundle";
import { fnv1a, shardOf } from "./hash";
import type { DocMeta, EntityRecord, StoredDocument } from "./schema";
import { mergePostings, type Segment, type Segments, segmentsOf, toArchive } from "./segments";
import { slugify } from "./slug";
import { type Bitmap, bitsPart, without } from "./values/bits";
import type { Codec } from "./values/codec";
import type { DateRuns } from "./values/dates";
import { inflateValue, isDeflated } from "./values/deflated";
import { unpackMentions } from "./values/doc";
import type { EntityShardText } from "./values/entity";
import { unpackEntity } from "./values/entity";
import type { EntityPage } from "./values/entity-list";
import { codecs, type ValueOf } from "./values/index";
import type { NamedEntity, NameGroup, NameShard } from "./values/names";
import type { PrefixGroup, PrefixShardText } from "./values/prefix";
import { checkChunk, type SparsePostings, type TailRef } from "./values/tail";
import type { ParsedTermShard, TermEntry } from "./values/term";
import { findTerm } from "./values/term";

export type { EntityPage } from "./values/entity-list";
export { parseValue } from "./values/index";
export { checkChunk } from "./values/tail";
export type { ParsedTermShard } from "./values/term";
export { findTerm };

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

/**
 * A live manifest's version as answers depend on it: the base's, and with deltas a hash of the deltas' versions and
 * of what was withdrawn (see `BundleReader.liveVersion`).
 */
export function liveVersionOf(manifest: Manifest): string {
  const { deltas, withdrawn } = manifest;
  if (!deltas?.length && !withdrawn?.length) return manifest.version;
  // Worked out once per manifest the isolate holds, not at every request's cache lookup.
  let live = liveVersions.get(manifest);
  if (live === undefined) {
    const parts = [withdrawn ?? [], ...(deltas ?? []).map((d) => `${d.version}:${(d.withdrawn ?? []).join(",")}`)];
    live = `${manifest.version}+${fnv1a(JSON.stringify(parts)).toString(36)}`;
    liveVersions.set(manifest, live);
  }
  return live;
}
const liveVersions = new WeakMap<Manifest, string>();

/** An id as an error message quotes it: JSON, at most 200 characters of it. */
const quoted = (id: string): string => JSON.stringify(id.slice(0, 200));

/** Tail chunks already checked, with the range they were checked against (in a version, a chunk has one). */
const checkedChunks = new WeakMap<SparsePostings, string>();

/** Postings in a sparse list. */
const countSparse = (postings: SparsePostings): number => postings.reduce((n, [, ids]) => n + ids.length, 0);

/** Each live manifest's segments, worked out once per isolate (a reader is made a request). */
const segmentsByManifest = new WeakMap<Manifest, Segments | undefined>();
function segmentsFor(manifest: Manifest): Segments | undefined {
  if (!segmentsByManifest.has(manifest)) segmentsByManifest.set(manifest, segmentsOf(manifest));
  return segmentsByManifest.get(manifest);
}

/** A value to read: its kind, its part, and the version it is in (default: the reader's, the base). */
type Wanted = readonly [KeyKind, number | string] | readonly [KeyKind, number | string, string];

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
   * What the answers of this version depend on: the base's version, and with deltas the deltas' versions and what
   * they withdrew, so that an update never serves an answer cached before it.
   * @example
   * reader.liveVersion; // "3f2a9c0d1e2b4a5c", or "3f2a9c0d1e2b4a5c+1k2j3h" after an update
   */
  get liveVersion(): string {
    return liveVersionOf(this.manifest);
  }

  /**
   * The version's segments when it has deltas (`npm run build -- --update`); undefined for a bundle of its own,
   * which every method reads exactly as it always did.
   */
  get segments(): Segments | undefined {
    return segmentsFor(this.manifest);
  }

  /** The size of the document number space (one past the highest number). */
  get documents(): number {
    return this.segments?.size ?? this.manifest.counts.documents;
  }

  /** Document numbers no segment holds live any more (withdrawn): a search leaves them out. */
  get dead(): readonly number[] {
    return this.segments?.dead ?? [];
  }

  /** The live archive's counts: documents, dated documents, entities. */
  get counts(): { documents: number; dated?: number; entities: number } {
    return this.manifest.archive ?? this.manifest.counts;
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
  async readKinds(wanted: readonly Wanted[]): Promise<unknown[]> {
    const kindOf = new Map<string, KeyKind>();
    const keys = wanted.map(([kind, part, version]) => {
      const key = bundleKey(version ?? this.version, kind, part);
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
        let text = texts.get(key);
        if (text == null) throw new AppError("bundle_key_missing", `Key ${key} is missing from KV.`);
        this.stats.bytes += text.length;
        if (isDeflated(text)) {
          try {
            text = await inflateValue(text);
          } catch {
            throw new AppError("bundle_key_corrupt", `Key ${key} is not deflated as its mark says.`);
          }
        }
        const codec = codecs[kind] as Codec<unknown>;
        let value = codec.fromText?.(text);
        if (value === undefined) {
          let raw: unknown;
          try {
            raw = JSON.parse(text);
          } catch {
            throw new AppError("bundle_key_corrupt", `Key ${key} is not valid JSON.`);
          }
          try {
            value = codec.parse(raw);
          } catch {
            throw new AppError("bundle_key_corrupt", `Key ${key} has the wrong shape.`);
          }
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
    const segments = this.segments;
    if (segments) return this.segmentTermShards(terms, segments);
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
   * Each term's entries in every segment, read in one round trip, as one shard of that term alone: its postings in
   * archive numbers, those a segment no longer holds live left out, document counts summed. Tails are the base's (a
   * delta keeps every posting in its shards).
   */
  private async segmentTermShards(terms: string[], segments: Segments): Promise<Map<string, ParsedTermShard>> {
    const wanted = segments.list.flatMap((segment) =>
      [...new Set(terms.map((t) => shardOf(t, segment.manifest.layout.term)))].map((part) => ["term", part, segment.version] as const),
    );
    const values = (await this.readKinds(wanted)) as ParsedTermShard[];
    const shardOfSegment = (segment: Segment, term: string) =>
      values[wanted.findIndex(([, part, version]) => version === segment.version && part === shardOf(term, segment.manifest.layout.term))];
    const out = new Map<string, ParsedTermShard>();
    for (const term of terms) {
      const merged = {} as ParsedTermShard;
      for (const field of Object.keys(values[0] ?? {}) as (keyof ParsedTermShard)[]) {
        let count = 0;
        let tails: TailRef[] | undefined;
        const lists: SparsePostings[] = [];
        for (const segment of segments.list) {
          const entry = findTerm(shardOfSegment(segment, term)?.[field] ?? [], term);
          if (!entry) continue;
          const postings = toArchive(entry[1], segment.global, segment.withdrawn);
          lists.push(postings);
          const removed = countSparse(entry[1]) - countSparse(postings);
          count += (entry.length === 4 ? entry[2] : countSparse(entry[1])) - removed;
          if (entry.length === 4 && !segment.global) tails = entry[3];
        }
        if (lists.length === 0) {
          merged[field] = [];
          continue;
        }
        const postings = mergePostings(lists);
        merged[field] = [tails ? ([term, postings, count, tails] as TermEntry) : ([term, postings] as TermEntry)];
      }
      out.set(term, merged);
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
      const base = this.segments?.list[0];
      out.set(ref[0], base && base.withdrawn.size > 0 ? toArchive(chunk, undefined, base.withdrawn) : chunk);
    });
    return out;
  }

  /**
   * Membership bitmaps of long entity-field lists (`Layout.bitsFrom`), by term; all in one round trip. Only terms
   * whose list has that many tail chunks have one: ask for no other (a missing key is an error, and KV would
   * remember it missing).
   */
  async bits(terms: string[]): Promise<Map<string, Bitmap>> {
    const values = await this.read(
      "bits",
      terms.map((term) => {
        const part = bitsPart(term);
        if (part === undefined) throw new Error(`${term}: too long a term for a bitmap`);
        return part;
      }),
    );
    // A base's documents corrected or withdrawn since are no longer its: their bits go, as their postings do (`toArchive`).
    const withdrawn = this.segments?.list[0]?.withdrawn;
    return new Map(terms.map((term, i) => [term, withdrawn ? without(values[i] as Bitmap, withdrawn) : (values[i] as Bitmap)]));
  }

  /** Prefix groups (completions), by group key. */
  async prefixGroups(groups: string[]): Promise<Map<string, PrefixGroup>> {
    const segments = this.segments;
    if (segments) return this.segmentPrefixGroups(groups, segments);
    const shards = [...new Set(groups.map((g) => shardOf(g, this.manifest.layout.prefix)))];
    const values = await this.read("prefix", shards);
    const out = new Map<string, PrefixGroup>();
    for (const group of groups) {
      const part = shardOf(group, this.manifest.layout.prefix);
      const value = this.groupOf(values[shards.indexOf(part)], group, part);
      if (value) out.set(group, value);
    }
    return out;
  }

  /** A group of a prefix shard, parsed now (see `PrefixShardText`): one that cannot be read is `bundle_key_corrupt`. */
  private groupOf(shard: PrefixShardText | undefined, group: string, part: number, version = this.version): PrefixGroup | undefined {
    return shard && this.unpack("prefix", part, `Prefix group ${quoted(group)}`, () => shard.get(group), version);
  }

  /** Prefix groups of every segment, in one round trip: words' document frequencies summed, entities newest first. */
  private async segmentPrefixGroups(groups: string[], segments: Segments): Promise<Map<string, PrefixGroup>> {
    const wanted = segments.list.flatMap((segment) =>
      [...new Set(groups.map((g) => shardOf(g, segment.manifest.layout.prefix)))].map((part) => ["prefix", part, segment.version] as const),
    );
    const values = (await this.readKinds(wanted)) as (PrefixShardText | undefined)[];
    const out = new Map<string, PrefixGroup>();
    for (const group of groups) {
      const found = segments.list.flatMap((segment) => {
        const part = shardOf(group, segment.manifest.layout.prefix);
        const i = wanted.findIndex(([, p, version]) => version === segment.version && p === part);
        const value = this.groupOf(values[i], group, part, segment.version);
        return value ? [value] : [];
      });
      if (found.length === 0) continue;
      const summed = (lists: ([string, number][] | undefined)[]) => {
        const df = new Map<string, number>();
        for (const list of lists) for (const [term, n] of list ?? []) df.set(term, (df.get(term) ?? 0) + n);
        return [...df].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      };
      const entities = new Map<string, [string, string, string, number]>();
      for (const value of [...found].reverse()) for (const e of value.entities) if (!entities.has(e[1])) entities.set(e[1], e);
      const near = summed(found.map((value) => value.near));
      out.set(group, {
        terms: summed(found.map((value) => value.terms)),
        entities: [...entities.values()].filter((e) => e[3] > 0).sort((a, b) => b[3] - a[3] || (a[1] < b[1] ? -1 : 1)),
        ...(near.length > 0 ? { near } : {}),
      });
    }
    return out;
  }

  /**
   * Metadata of documents by number. `withDates` reads the date runs in the same round trip (for the date histogram;
   * `dates()` then finds them in the cache).
   */
  async metas(numbers: number[], withDates = false): Promise<Map<number, DocMeta>> {
    const segments = this.segments;
    if (segments) return this.segmentMetas(numbers, withDates, segments);
    const size = this.manifest.layout.metaSize;
    const buckets = [...new Set(numbers.map((n) => Math.floor(n / size)))];
    // Runs the manifest holds are no key to read.
    const dates = withDates && !this.manifest.dates;
    const read = await this.readKinds([...buckets.map((b) => ["meta", b] as const), ...(dates ? [["dates", ""] as const] : [])]);
    const values = read.slice(0, buckets.length) as DocMeta[][];
    const at = new Map(buckets.map((b, i) => [b, i]));
    const out = new Map<number, DocMeta>();
    for (const n of numbers) {
      const meta = values[at.get(Math.floor(n / size)) as number]?.[n % size];
      if (!meta) throw new AppError("bundle_key_corrupt", `Metadata of document ${n} is missing from its bucket.`);
      out.set(n, meta);
    }
    return out;
  }

  /** Metadata from the segment that holds each number now; a number none holds (withdrawn) is left out. */
  private async segmentMetas(numbers: number[], withDates: boolean, segments: Segments): Promise<Map<number, DocMeta>> {
    const places = numbers.map((n) => [n, segments.owner(n)] as const);
    const wanted: Wanted[] = [];
    const index = new Map<string, number>();
    const bucketOf = (segment: number, local: number) => {
      const { version, manifest } = segments.list[segment] as Segment;
      const part = Math.floor(local / manifest.layout.metaSize);
      const key = `${version}/${part}`;
      if (!index.has(key)) {
        index.set(key, wanted.length);
        wanted.push(["meta", part, version]);
      }
      return index.get(key) as number;
    };
    const at = places.map(([, place]) => (place ? bucketOf(place.segment, place.local) : -1));
    const dates = withDates && !this.manifest.dates;
    const read = await this.readKinds([...wanted, ...(dates ? [["dates", ""] as const] : [])]);
    const out = new Map<number, DocMeta>();
    places.forEach(([n, place], i) => {
      if (!place) return;
      const { manifest } = segments.list[place.segment] as Segment;
      const meta = (read[at[i] as number] as DocMeta[] | undefined)?.[place.local % manifest.layout.metaSize];
      if (!meta) throw new AppError("bundle_key_corrupt", `Metadata of document ${n} is missing from its bucket.`);
      out.set(n, meta);
    });
    return out;
  }

  /** The number of a document, by its id; undefined when no document has it. */
  async documentNumber(id: string): Promise<number | undefined> {
    return (await this.documentNumbers([id])).get(id);
  }

  /** Document numbers by id, all in one round trip; an unknown id is left out. */
  async documentNumbers(ids: string[]): Promise<Map<string, number>> {
    const segments = this.segments;
    if (segments) return new Map([...(await this.segmentNumbers(ids, segments))].map(([id, place]) => [id, place.n]));
    const shards = [...new Set(ids.map((id) => shardOf(id, this.manifest.layout.id)))];
    const values = await this.read("id", shards);
    const at = new Map(shards.map((part, i) => [part, i]));
    const out = new Map<string, number>();
    for (const id of ids) {
      const shard = values[at.get(shardOf(id, this.manifest.layout.id)) as number];
      if (shard && Object.hasOwn(shard, id)) out.set(id, shard[id] as number);
    }
    return out;
  }

  /**
   * Where each id lives now: its archive number, its segment and its number there, read in every segment's id
   * shards in one round trip; an id no segment holds live is left out.
   */
  private async segmentNumbers(ids: string[], segments: Segments): Promise<Map<string, { n: number; segment: number; local: number }>> {
    const wanted = segments.list.flatMap((segment) =>
      [...new Set(ids.map((id) => shardOf(id, segment.manifest.layout.id)))].map((part) => ["id", part, segment.version] as const),
    );
    const values = (await this.readKinds(wanted)) as (Record<string, number> | undefined)[];
    // Found by a map, not a search of `wanted` for each id: an update may ask for hundreds of thousands.
    const at = new Map(wanted.map(([, part, version], i) => [`${version}/${part}`, i]));
    const out = new Map<string, { n: number; segment: number; local: number }>();
    for (const id of ids) {
      for (let s = segments.list.length - 1; s >= 0; s--) {
        const segment = segments.list[s] as Segment;
        const shard = values[at.get(`${segment.version}/${shardOf(id, segment.manifest.layout.id)}`) as number];
        if (!shard || !Object.hasOwn(shard, id)) continue;
        const local = shard[id] as number;
        const n = segment.global ? (segment.global[local] as number) : local;
        const owner = segments.owner(n);
        if (owner?.segment === s) out.set(id, { n, segment: s, local });
        break;
      }
    }
    return out;
  }

  /** The whole document, by its id, with its near-duplicates (from its metadata). */
  async document(id: string): Promise<(StoredDocument & Pick<DocMeta, "duplicates">) | undefined> {
    const n = await this.documentNumber(id);
    if (n === undefined) return undefined;
    return (await this.documentsAt([n])).get(n);
  }

  /**
   * Whole documents by number, with their near-duplicates: their metadata in one read, then their document buckets in
   * another (what an update moving thousands of documents, or a compaction, reads). Numbers are the archive's: one
   * withdrawn since is left out (an archive with deltas), one past the archive is `bundle_key_corrupt` (one bundle).
   */
  async documentsAt(numbers: readonly number[]): Promise<Map<number, StoredDocument & Pick<DocMeta, "duplicates">>> {
    const metas = await this.metas([...numbers]);
    const segments = this.segments;
    const versionOf = (n: number) => {
      const owner = segments?.owner(n);
      return segments && owner ? (segments.list[owner.segment] as Segment).version : this.version;
    };
    const wanted: Wanted[] = [];
    const at = new Map<string, number>();
    // Each document's segment version and where its bucket is in `wanted`.
    const places = [...metas].map(([n, meta]) => {
      const version = versionOf(n);
      const key = `${version}/${meta.bucket}`;
      if (!at.has(key)) {
        at.set(key, wanted.length);
        wanted.push(["doc", meta.bucket, version]);
      }
      return { n, meta, version, bucket: at.get(key) as number };
    });
    const buckets = (await this.readKinds(wanted)) as (ValueOf<"doc"> | undefined)[];
    const out = new Map<number, StoredDocument & Pick<DocMeta, "duplicates">>();
    for (const { n, meta, version, bucket } of places) {
      const stored = buckets[bucket]?.find((d) => d.id === meta.id);
      if (!stored) continue;
      const { mentions } = stored;
      const doc: StoredDocument = mentions
        ? {
            ...stored,
            mentions: this.unpack(
              "doc",
              meta.bucket,
              `The mentions of document ${quoted(meta.id)}`,
              () => unpackMentions(mentions),
              version,
            ),
          }
        : (stored as StoredDocument);
      out.set(n, meta.duplicates ? { ...doc, duplicates: meta.duplicates } : doc);
    }
    return out;
  }

  /**
   * A document's related articles as the build listed them, `[number, score]`, most similar first; undefined when no
   * document has the id. One round trip: the id shards and the related lists of every segment.
   */
  async similarOf(id: string): Promise<[number, number][] | undefined> {
    const segments = this.segments;
    const list = segments?.list ?? [{ version: this.version, manifest: this.manifest, global: undefined }];
    const wanted = list.flatMap(({ version, manifest }) => [
      ["id", shardOf(id, manifest.layout.id), version] as const,
      ["similar", shardOf(id, manifest.layout.similar), version] as const,
    ]);
    const values = (await this.readKinds(wanted)) as (Record<string, unknown> | undefined)[];
    for (let s = list.length - 1; s >= 0; s--) {
      const ids = values[2 * s] as Record<string, number> | undefined;
      if (!ids || !Object.hasOwn(ids, id)) continue;
      const { global, manifest } = list[s] as { global?: Int32Array; manifest: { similar?: string } };
      const local = ids[id] as number;
      // Withdrawn, or corrected since by a later segment that does not hold it: no document has the id now.
      if (segments && segments.owner(global ? (global[local] as number) : local)?.segment !== s) return undefined;
      const lists = values[2 * s + 1] as Record<string, [number, number][]> | undefined;
      const related = lists && Object.hasOwn(lists, id) ? (lists[id] ?? []) : [];
      // A delta's lists name its own numbers, or archive numbers (`similar: "archive"`); a moved document is read at
      // its number now.
      const numbered =
        global && manifest.similar !== "archive" ? related.map(([n, score]): [number, number] => [global[n] as number, score]) : related;
      return segments ? numbered.map(([n, score]): [number, number] => [segments.current(n), score]) : numbered;
    }
    return undefined;
  }

  /** Runs of documents by date, `[YYYY-MM-DD, first document number]` (documents are numbered by date). */
  async dates(): Promise<DateRuns> {
    const base = this.manifest.dates ?? (await this.read("dates", [""]))[0] ?? [];
    const later = this.segments?.runs ?? [];
    if (later.length === 0) return base;
    // The deltas' new documents follow the base's: a run on the same day as the one before continues it. A run of an
    // earlier day than the one before starts where an update added a late document: the documents dated after it came
    // again after it, so the runs it follows of later days hold none now.
    const runs: DateRuns = [...base];
    for (const run of later) {
      while (runs.length > 0 && (runs.at(-1) as DateRuns[number])[0] > run[0]) runs.pop();
      if (runs.at(-1)?.[0] !== run[0]) runs.push(run);
    }
    return runs;
  }

  /**
   * An entity's record, the newest segment's. One an update left with no document is no entity (undefined), unless
   * `withEmpty` (what an update reads, to carry it). `maxIds`: at most that many of its documents' ids (the first;
   * `documents.count` says how many there are), the rest not parsed (see `EntityShardText.capped`).
   */
  async entity(id: string, withEmpty = false, maxIds?: number): Promise<EntityRecord | undefined> {
    // A delta holds the whole record of every entity it touched: the newest segment's record is the entity's.
    const list = this.segments?.list ?? [{ version: this.version, manifest: this.manifest }];
    const wanted = list.map(({ version, manifest }) => ["entity", shardOf(id, manifest.layout.entity), version] as const);
    const shards = (await this.readKinds(wanted)) as (EntityShardText | undefined)[];
    for (let s = list.length - 1; s >= 0; s--) {
      const shard = shards[s];
      if (!shard?.has(id)) continue;
      const [, part, version] = wanted[s] as (typeof wanted)[number];
      const idsLast = (list[s] as { manifest: Manifest }).manifest.layout.entityIdsLast === true;
      const record = this.unpack(
        "entity",
        part,
        `The record of entity ${quoted(id)}`,
        () => unpackEntity((maxIds === undefined ? shard.get(id) : shard.capped(id, maxIds, idsLast)) as never),
        version,
      );
      // An update that withdrew every document naming it left a record of none: no entity has the id now.
      return record.documents.count > 0 || withEmpty ? record : undefined;
    }
    return undefined;
  }

  /**
   * What `unpack` makes of part of a value read: one that cannot be unpacked is `bundle_key_corrupt` (`what` cannot
   * be read), and its key leaves the isolate's cache, so that the value uploaded again is read.
   */
  private unpack<T>(kind: KeyKind, part: number | string, what: string, unpack: () => T, version = this.version): T {
    try {
      return unpack();
    } catch {
      this.cache.delete(bundleKey(version, kind, part));
      throw new AppError("bundle_key_corrupt", `${what} cannot be read.`);
    }
  }

  /**
   * Entities whose names or aliases have a word starting with `word` (folded, 2 letters or more), most mentioned first,
   * from its name groups: the group of its first 3 letters (2 for a two-letter word) lists them all, unless it holds
   * more entities than a group lists (`CutNameGroup`); its words then go on in groups one letter longer, as far as
   * needed. One round trip reads the first letters' group and the whole word's (which exists only when every shorter
   * one is cut); when neither answers, a binary search between them (a round trip a step) finds a group that lists all
   * its entities. The answer may hold entities of a shorter group's letters: the caller filters. `cut` says that even
   * the whole word's group lists only its most mentioned, and how many it holds in all and of each type (`estimated`
   * over segments: an entity an update changed counts in each). Over segments, the newest segment's entry of an
   * entity first, only those with a word starting with `word`.
   * @example
   * await reader.entitiesWithWord("blin"); // { entities: [["Antony Blinken", "antony-blinken", "person", 12, ["Blinken"]]] }
   */
  async entitiesWithWord(
    word: string,
  ): Promise<{ entities: NamedEntity[]; cut?: { count: number; types: Record<string, number>; estimated?: true } }> {
    const list = this.segments?.list ?? [{ version: this.version, manifest: this.manifest }];
    const first = Math.min(word.length, PREFIX_GROUP);
    /** Each segment's answer, once found; else the deepest cut level known and the shallowest level known missing. */
    const answer: (NameGroup | undefined)[] = list.map(() => undefined);
    const bounds = list.map(() => ({ lo: first, hi: word.length }));
    const read = async (asks: [segment: number, length: number][]) => {
      const shards = (await this.readKinds(
        asks.map(([i, length]) => {
          const { version, manifest } = list[i] as (typeof list)[number];
          return ["names", shardOf(word.slice(0, length), manifest.layout.names), version] as const;
        }),
      )) as (NameShard | undefined)[];
      return asks.map(([, length], n) => {
        const shard = shards[n];
        const key = word.slice(0, length);
        return shard && Object.hasOwn(shard, key) ? shard[key] : undefined;
      });
    };
    // Only a word of a cut three-letter group's letters has longer groups (a bundle of before them: none).
    const deep = (i: number) => {
      const cut = list[i]?.manifest.layout.nameGroupsCut;
      return word.length > first && (cut === true || (cut?.includes(word.slice(0, PREFIX_GROUP)) ?? false));
    };
    const deeper = list.map((_, i) => deep(i));
    const asks: [number, number][] = list.flatMap((_, i): [number, number][] =>
      deeper[i]
        ? [
            [i, first],
            [i, word.length],
          ]
        : [[i, first]],
    );
    const got = await read(asks);
    // In the order asked: each segment's first letters' group, then its whole word's when it has one.
    let n = 0;
    list.forEach((_, i) => {
      const shallow = got[n++];
      const whole = deeper[i] ? got[n++] : shallow;
      if (whole !== undefined) answer[i] = whole;
      else if (shallow === undefined || Array.isArray(shallow)) answer[i] = shallow ?? [];
    });
    for (;;) {
      const open = list.flatMap((_, i) => (answer[i] === undefined ? [i] : []));
      if (open.length === 0) break;
      // Levels lo (cut) and hi (missing) are known: no entity has a word of hi's letters once they are adjacent.
      for (const i of open) if ((bounds[i] as { hi: number }).hi - (bounds[i] as { lo: number }).lo <= 1) answer[i] = [];
      const searching = open.filter((i) => answer[i] === undefined);
      if (searching.length === 0) break;
      const mids = searching.map((i): [number, number] => {
        const { lo, hi } = bounds[i] as { lo: number; hi: number };
        return [i, (lo + hi) >> 1];
      });
      const groups = await read(mids);
      mids.forEach(([i, mid], n) => {
        const group = groups[n];
        const b = bounds[i] as { lo: number; hi: number };
        if (group === undefined) b.hi = mid;
        else if (Array.isArray(group)) answer[i] = group;
        else b.lo = mid;
      });
    }
    const found = answer as NameGroup[];
    const listed = (group: NameGroup) => (Array.isArray(group) ? group : group.top);
    let cut: { count: number; types: Record<string, number>; estimated?: true } | undefined;
    for (const group of found) {
      if (Array.isArray(group)) continue;
      cut ??= { count: 0, types: {}, ...(found.length > 1 ? { estimated: true as const } : {}) };
      cut.count += group.count;
      for (const [type, n] of Object.entries(group.types)) cut.types[type] = (cut.types[type] ?? 0) + n;
    }
    if (found.length === 1) return { entities: listed(found[0] as NameGroup), ...(cut ? { cut } : {}) };
    // The newest segment's entry of an entity is its whole record's.
    const holds = (named: NamedEntity) => [named[0], ...named[4]].some((n) => foldWords(n).some((w) => w.startsWith(word)));
    // Each segment's entities with such a word, its names folded once.
    const kept = found.map((group) => listed(group).filter(holds));
    const byId = new Map<string, NamedEntity>();
    for (const named of [...kept].reverse().flat()) if (!byId.has(named[1])) byId.set(named[1], named);
    if (cut) for (const [i, group] of found.entries()) if (Array.isArray(group)) cut.count += (kept[i] as NamedEntity[]).length;
    const entities = [...byId.values()].filter((named) => named[3] > 0).sort((a, b) => b[3] - a[3] || (a[0] < b[0] ? -1 : 1));
    return { entities, ...(cut ? { cut } : {}) };
  }

  /**
   * An entity by its id, or by another spelling of it: any case, the slug of one of its aliases (`/entities/blinken`
   * is Antony Blinken when no entity has the id `blinken`), or either with a leading "the-".
   */
  async findEntity(id: string, maxIds?: number): Promise<EntityRecord | undefined> {
    const lower = id.toLowerCase();
    const direct = await this.entity(lower, false, maxIds);
    if (direct) return direct;
    // The slug's first word's group, then its longest word's (the likeliest to list every entity it names, where a
    // group lists only its most mentioned): "at-and-t" is AT&T, whose words are "at" and "t".
    const words = lower.split("-").filter((w) => w.length >= MIN_PREFIX);
    const longest = longestWord(words);
    for (const word of new Set([words[0], longest])) {
      if (!word) continue;
      const { entities } = await this.entitiesWithWord(foldWords(word)[0] ?? word);
      const match = entities.find(([name, , , , others]) => [name, ...others].some((n) => slugify(n) === lower));
      if (match) return this.entity(match[1], false, maxIds);
    }
    // Names are kept without a leading "the" ("The Hague" is "Hague"): "the-hague" is looked up without it.
    const bare = lower.replace(/^(?:the-)+/u, "");
    return bare !== lower && bare !== "" ? this.findEntity(bare, maxIds) : undefined;
  }

  /** One page of the entity list (`all` or one type), most mentioned first. */
  async entityPage(list: string, page: number): Promise<EntityPage | undefined> {
    const segments = this.segments;
    if (segments && segments.list.length > 1) return this.segmentEntityPage(list, page, segments);
    if (page >= (this.manifest.layout.entityPages[list] ?? 0)) return undefined;
    const [value] = await this.read("entity-list", [`${list}/${page}`]);
    return value;
  }

  /**
   * A page of an entity list over segments: the base's pages up to this one and every delta's first pages, the
   * newest record of each entity, most mentioned first. Exact for the entities those pages hold; an entity of a
   * later base page that an update raised above them shows once compacted (`npm run compact`).
   */
  private async segmentEntityPage(list: string, page: number, segments: Segments): Promise<EntityPage | undefined> {
    // A trending list is the newest segment's that has one (an update recomputes them whole, 0 pages where there is
    // none); deltas written before that have none, and the base's stands.
    if (list.startsWith(TRENDING_PREFIX)) {
      for (let s = segments.list.length - 1; s >= 0; s--) {
        const { manifest, version } = segments.list[s] as Segment;
        const pages = manifest.layout.entityPages[list];
        if (pages === undefined && s > 0) continue;
        if (page >= (pages ?? 0)) return undefined;
        const [value] = (await this.readKinds([["entity-list", `${list}/${page}`, version]])) as (EntityPage | undefined)[];
        return value;
      }
    }
    const wanted: Wanted[] = [];
    for (const segment of segments.list) {
      const pages = Math.min(segment.manifest.layout.entityPages[list] ?? 0, page + 1);
      for (let p = 0; p < pages; p++) wanted.push(["entity-list", `${list}/${p}`, segment.version]);
    }
    if (wanted.length === 0) return undefined;
    const pages = (await this.readKinds(wanted)) as (EntityPage | undefined)[];
    const byId = new Map<string, EntityPage["items"][number]>();
    for (let i = pages.length - 1; i >= 0; i--) for (const item of pages[i]?.items ?? []) if (!byId.has(item.id)) byId.set(item.id, item);
    // Trending lists rank by their trend, the others by mentions.
    const weight = (item: EntityPage["items"][number]) => item.trend?.score ?? item.mentions;
    const items = [...byId.values()]
      .filter((item) => item.documents > 0)
      .sort((a, b) => weight(b) - weight(a) || b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
    const pageItems = items.slice(page * ENTITY_PAGE_SIZE, (page + 1) * ENTITY_PAGE_SIZE);
    if (pageItems.length === 0) return undefined;
    const listed = this.manifest.archive?.lists?.[list] ?? Math.max(...pages.map((p) => p?.total ?? 0), items.length);
    return { total: listed, items: pageItems };
  }
}
