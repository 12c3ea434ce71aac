/** @module Turns documents and entities into a bundle: every KV value of one version, and its manifest. */

import { createHash } from "node:crypto";
import { analysisLanguage, analysisLanguages, DEFAULT_LANGUAGE, foldWords, isStopWord } from "../format/analyzer";
import {
  bundleKey,
  countIds,
  ENTITY_PAGE_SIZE,
  engineConfig,
  FACET_NAME,
  FORMAT_VERSION,
  fieldTerm,
  HEAD_POSTINGS,
  isFieldTerm,
  isLanguageTerm,
  keyPart,
  type Layout,
  LIVE_MANIFEST_KEY,
  languageTerm,
  MANIFEST_DATE_RUNS,
  MAX_FACET_VALUES,
  type Manifest,
  MIN_PREFIX,
  type NamedEntity,
  type NameGroup,
  type NameShard,
  PREFIX_GROUP,
  type PrefixShard,
  RESERVED_FACETS,
  type Slots,
  SNIPPET_SOURCE_CHARS,
  type SparsePostings,
  TAIL_CHUNK_POSTINGS,
  type TailRef,
  type TermEntry,
  type TermShard,
  versionPrefix,
} from "../format/bundle";
import type { Field } from "../format/flex-config";
import { shardOf } from "../format/hash";
import {
  type DocMeta,
  type Duplicates,
  type EntityRecord,
  type EntityRef,
  type EntityType,
  entityTypes,
  type Mention,
  type SourceDocument,
  type StoredDocument,
} from "../format/schema";
import { bm25 } from "../format/scoring";
import { BITS_FROM_CHUNKS, bitmapOf, bitsCodec, bitsPart, hasBitmap } from "../format/values/bits";
import { datesCodec } from "../format/values/dates";
import { encodeBucket, encodeDocument } from "../format/values/doc";
import { type EntityShard, packEntity } from "../format/values/entity";
import { type EntityPage, entityListCodec } from "../format/values/entity-list";
import { type IdShard, idCodec } from "../format/values/id";
import { manifestCodec } from "../format/values/manifest";
import { metaCodec } from "../format/values/meta";
import { namesCodec } from "../format/values/names";
import { encodePrefixShard } from "../format/values/prefix";
import { type SimilarShard, similarCodec } from "../format/values/similar";
import { tailCodec } from "../format/values/tail";
import { type ParsedTermShard, packTerms, termCodec } from "../format/values/term";
import { deletionGroups, MIN_CORRECTABLE } from "../search/typos";
import { deflateValue } from "./deflate";
import { MAX_LISTED_DUPLICATES, nearDuplicates, READ_WORDS, SIGNATURE, signatureOf } from "./duplicates";
import { type EntityLookup, fileEntities } from "./entities/lookup";
import type { NationalDefaults } from "./entities/resolve";
import { exportMaps, type FieldLengths, FlexIndexes } from "./flex-export";
import { type DeltaBase, deltaMetaSize, FREE_PLAN_KEYS, type LayoutPlan, MAX_VALUE_BYTES, type Profile, planLayout } from "./layout";
import { Parts, type SpooledValues } from "./parts";
import { similarDocuments } from "./similar";
import { TRENDING_LISTS, type TrendEntity, TrendTable, trendingPages } from "./trends";

export interface BundleInput {
  documents: SourceDocument[];
  entities: EntityRecord[];
  /** The entities of each document, in the order of `documents`. */
  byDocument: EntityRef[][];
  /**
   * Each document's mentions, in the order of `documents`, with offsets into the text entity extraction read: the
   * trimmed title, a blank line, then the body (`src/build/entities/document.ts`).
   */
  mentions?: { start: number; end: number; type: EntityType; entity: string }[][];
  /** What the merge decided of bodies every country has (`EntityIndex.national`), kept for updates. */
  national?: NationalDefaults;
}

export interface BuildOptions {
  profile?: Profile;
  /** The entities a name group lists (`NAME_GROUP_ENTRIES`; smaller in tests). */
  nameGroupEntries?: number;
  /**
   * The keys a `free` profile bundle may have: the Free plan's daily KV writes (`FREE_PLAN_KEYS`, the default), or
   * the files of a Worker version's Static Assets on the Free plan (`ASSETS_FREE_FILES`, `--target assets`).
   */
  keyBudget?: number;
  shards?: number;
  /** Postings a term keeps in its shard, per field (default `HEAD_POSTINGS`, 0 on the Free plan: no tails). */
  head?: number;
  /** Postings in one tail chunk (default `TAIL_CHUNK_POSTINGS`). */
  tailChunk?: number;
  builtAt?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
  /** The documents' text, indexed already (`indexText`); by default the bundle indexes it. */
  text?: TextIndex;
  /**
   * Document frequencies to add to the words' in the prefix groups: an update's delta takes off those of the
   * documents it withdraws or corrects (negative), so that completions summed over the segments count live documents.
   */
  wordAdjust?: ReadonlyMap<string, number>;
  /** Build a bundle of no documents (an update's delta that only withdraws: its entity records and corrections). */
  allowEmpty?: boolean;
  /** An update's delta: the base it extends, which its keys are planned against (`DeltaBase`). */
  deltaBase?: DeltaBase;
  /**
   * An update's delta: the archive's trending lists, recomputed (`trendingPages`), written whole in the delta with an
   * entry for every list (0 pages where there is none), which the reader then takes over the base's.
   */
  trending?: Map<string, EntityPage[]>;
  /**
   * An update's delta: the related-article lists to write, from those computed over its documents alone (`lists[i]` of
   * `ids[i]`, naming documents by their place in `ids`): in archive numbers, with the archive's own lists for the
   * documents it gives again unchanged (see `DeltaManifest.similar`).
   */
  related?: (ids: readonly string[], lists: [number, number][][]) => [number, number][][];
  /** Record fields (of `meta`) to make facets: filterable and counted (`FACET_NAME`, not `RESERVED_FACETS`). */
  facets?: string[];
  /**
   * A file to write the values to as they are made, instead of keeping them until the end (`Bundle.spooled`):
   * `writeBundle` reads them back. For large archives, where they are a third of the heap.
   */
  spool?: string;
}

/**
 * A document's values of the declared facets, from its record's fields: strings, numbers and booleans, alone or in
 * lists, as written (trimmed, distinct, at most `MAX_FACET_VALUES` a facet); undefined when it has none.
 * @example
 * facetValues({ category: "Politics", tags: ["eu", "vote"] }, ["category"]); // { category: ["Politics"] }
 */
export function facetValues(meta: Record<string, unknown>, facets: readonly string[]): Record<string, string[]> | undefined {
  let out: Record<string, string[]> | undefined;
  for (const name of facets) {
    const raw = meta[name];
    const list = (Array.isArray(raw) ? raw : [raw])
      .filter((v) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      .map((v) => String(v).trim())
      .filter((v) => v.length > 0 && v.length <= 200);
    // Distinct by their term, each as first written.
    const byTerm = new Map<string, string>();
    for (const v of list) {
      const term = fieldTerm(name, v);
      if (!byTerm.has(term)) byTerm.set(term, v);
    }
    const values = [...byTerm.values()].slice(0, MAX_FACET_VALUES);
    if (values.length > 0) {
      out ??= {};
      out[name] = values;
    }
  }
  return out;
}

export interface Bundle {
  manifest: Manifest;
  /**
   * Every value of the version, key → JSON text, the versioned manifest included; the live manifest is not. With
   * `spooled`, only the versioned manifest: the other values are in the spool file.
   */
  values: Map<string, string>;
  /** Where the values are when the build spooled them (`BuildOptions.spool`). */
  spooled?: SpooledValues;
  /** Its entities filed by the keys names resolve by, for updates (`kv-index/entities-<version>.*`, never uploaded). */
  lookup?: EntityLookup;
  /**
   * Its entities' trends, for updates to recompute the trending lists from (`kv-index/trends-<version>.*`, never
   * uploaded): a base's every entity, a delta's those its update touched.
   */
  trends?: TrendEntity[];
  /** What its merge decided of bodies every country has, for updates (`kv-index/national-<version>.json`, never uploaded). */
  national?: NationalDefaults;
}

export class BundleBuildError extends Error {
  constructor(
    readonly code: "value_too_large" | "too_many_keys" | "too_many_files" | "empty_corpus" | "facet_invalid",
    message: string,
  ) {
    super(message);
  }
}

/** Top completions kept for a two-character prefix. */
const SHORT_PREFIX_TOP = 50;
/** Entities kept per prefix group. */
const PREFIX_ENTITIES_TOP = 20;

/** Documents `indexText` indexes between two turns of the event loop, when it pauses: about 10 ms of work. */
const PAUSE_EVERY = 64;
/** Characters of a delta's packed terms deflated at a time to measure them: about a shard's. */
const DEFLATE_PIECE = 3000;
const bytes = (text: string) => Buffer.byteLength(text, "utf8");
const byKey = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * A corpus's text indexed before its entities are known: the documents in bundle order (by date, undated first,
 * then as given, so a date range is a range of document numbers) and the FlexSearch indexes with the entity field
 * still empty. The build makes it while entities are extracted on other threads; `buildBundle` adds the entities.
 */
export class TextIndex {
  private indexes: FlexIndexes | undefined;

  constructor(
    readonly documents: readonly SourceDocument[],
    /** Input position of each document number. */
    readonly order: readonly number[],
    indexes: FlexIndexes,
    /** Documents of each language, most first (the manifest's `languages`). */
    readonly languageCounts: Record<string, number>,
    /** The languages the text was analyzed in (`analysisLanguages` of the counts). */
    readonly languages: readonly string[],
    /** Each document's MinHash signature (`signatureOf`), by document number, end to end: what near-duplicates are found from. */
    readonly signatures: Uint16Array,
  ) {
    this.indexes = indexes;
  }

  /** The indexes, once: the bundle lets them go as soon as their postings are exported. */
  take(): FlexIndexes {
    const indexes = this.indexes;
    if (!indexes) throw new Error("This TextIndex was already built into a bundle.");
    this.indexes = undefined;
    return indexes;
  }
}

/**
 * Indexes the title and body of every document, in bundle order. With `pause`, it gives the event loop a turn every
 * few dozen documents, so that worker threads extracting entities meanwhile are answered and kept busy.
 * @example
 * const text = await indexText(documents);
 * const bundle = await buildBundle({ documents, entities, byDocument }, { text });
 */
export async function indexText(
  documents: readonly SourceDocument[],
  options: { onProgress?: BuildOptions["onProgress"]; pause?: boolean } = {},
): Promise<TextIndex> {
  const progress = options.onProgress ?? (() => {});
  const order = documents
    .map((doc, i) => ({ date: doc.date ?? "", i }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i))
    .map((o) => o.i);
  const indexes = new FlexIndexes(FlexIndexes.measure(order.map((i) => documents[i] as SourceDocument)));
  // Each document in its language when the corpus holds enough of it, else in the corpus's main language.
  const counts = languageCounts(documents);
  const languages = analysisLanguages(counts);
  const signatures = new Uint16Array(order.length * SIGNATURE);
  for (let n = 0; n < order.length; n++) {
    const doc = documents[order[n] as number] as SourceDocument;
    const { titleWords, bodyWords } = indexes.addText(n, { title: doc.title, body: doc.body, lang: analysisLanguage(doc.lang, languages) });
    // The words just folded for the index make the signature: no second pass over the text.
    signatureOf(titleWords.concat(bodyWords.slice(0, READ_WORDS)), signatures.subarray(n * SIGNATURE, (n + 1) * SIGNATURE));
    if (n % 1000 === 999) progress("index", n + 1, order.length);
    if (options.pause && n % PAUSE_EVERY === PAUSE_EVERY - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  progress("index", order.length, order.length);
  return new TextIndex(documents, order, indexes, counts, languages, signatures);
}

/**
 * Builds a bundle in memory. The same input gives byte-identical values and the same version.
 * @example
 * const { manifest, values } = await buildBundle({ documents, entities: [], byDocument: documents.map(() => []) });
 * values.get(bundleKey(manifest.version, "term", 0));
 */
export async function buildBundle(input: BundleInput, options: BuildOptions = {}): Promise<Bundle> {
  const { documents, entities, byDocument } = input;
  if (documents.length === 0 && !options.allowEmpty) throw new BundleBuildError("empty_corpus", "No documents to index.");

  const text = options.text ?? (await indexText(documents, { onProgress: options.onProgress }));
  if (text.documents !== documents) throw new Error("BuildOptions.text indexes other documents than the input's.");
  const docs = text.order.map((i) => documents[i] as SourceDocument);
  const facets = [...new Set(options.facets ?? [])];
  for (const name of facets) {
    if (!FACET_NAME.test(name) || RESERVED_FACETS.includes(name)) {
      throw new BundleBuildError(
        "facet_invalid",
        `--facet ${JSON.stringify(name)}: a facet is a record field named with lower-case letters (a-z, at most 32), not one of ${RESERVED_FACETS.join(", ")}.`,
      );
    }
  }
  const docFields = docs.map((doc) => facetValues(doc.meta, facets));
  const docEntities = text.order.map((i) => byDocument[i] ?? []);

  // The index lives in this block, and its postings until the term shards are written: at a million documents
  // they are gigabytes of heap, which every collection while documents and metadata are serialized would walk again.
  let maps: ReturnType<typeof exportMaps> | undefined;
  let lengths: FieldLengths;
  let words: Map<string, number>;
  // A document of another language than the corpus's main one is indexed under its language, for `lang=` filters.
  const main = text.languages[0];
  {
    const indexes = text.take();
    for (let i = 0; i < docs.length; i++) {
      const ids = docEntities[i]?.map((e) => e.id) ?? [];
      const lang = (docs[i] as SourceDocument).lang ?? DEFAULT_LANGUAGE;
      const values = Object.entries(docFields[i] ?? {}).flatMap(([name, list]) => list.map((v) => fieldTerm(name, v)));
      indexes.addEntities(i, [...ids, ...(lang === main ? [] : [languageTerm(lang)]), ...values]);
    }
    ({ lengths, words } = indexes);
    maps = exportMaps(indexes);
  }

  // What the shards will hold: every posting on the Free plan, else the heads (a posting is ~7 bytes of JSON).
  const head = options.head ?? (options.profile === "free" ? 0 : HEAD_POSTINGS);
  let termBytes = 0;
  // An update's delta is measured as it will be written (its keys are what an update writes): its shards are packed
  // (see `writeTerms`), its documents numbered from 0.
  const delta = options.profile === "delta";
  // A delta's packed terms, in pieces of about a shard, deflated as its shards will be.
  let piece = "";
  for (const entries of Object.values(maps)) {
    for (const [term, slots] of entries) {
      if (delta && head === 0) {
        piece += `${packTerms([[term, splitPostings(slots, 0).head]])} `;
        if (piece.length >= DEFLATE_PIECE) {
          termBytes += deflateValue(piece).length;
          piece = "";
        }
      } else termBytes += term.length + 12 + 7 * (head > 0 ? Math.min(head, countIds(slots)) : countIds(slots)) + 4 * slots.length;
    }
  }
  if (piece) termBytes += deflateValue(piece).length;
  // `words`: counted while indexing (the same as `wordFrequencies(docs)`, without folding every text again).

  const stored: StoredDocument[] = docs.map((doc, i) => ({
    id: doc.id,
    title: doc.title,
    body: doc.body,
    ...(doc.date ? { date: doc.date } : {}),
    ...(doc.url ? { url: doc.url } : {}),
    ...(doc.lang ? { lang: doc.lang } : {}),
    meta: doc.meta,
    entities: docEntities[i] ?? [],
  }));
  // Each document's mentions placed in its fields as it is encoded, not all of them first: at a million documents
  // with entities, a second copy of every mention is gigabytes of heap.
  const { mentions } = input;
  let storedJson: string[] | undefined = stored.map((doc, i) => {
    const n = text.order[i] as number;
    return encodeDocument(mentions ? { ...doc, mentions: placeMentions(documents[n] as SourceDocument, mentions[n] ?? []) } : doc);
  });
  const docBytes = storedJson.reduce((n, s) => n + s.length, 0);

  const plan = planLayout(
    {
      documents: documents.length,
      terms: words.size,
      entities: entities.length,
      entityBytes: entityBytesOf(entities),
      termBytes,
      docBytes,
      ...(delta
        ? {
            metaSize: deltaMetaSize(
              (n) => deflateValue(metaCodec.encode(stored.slice(0, n).map((doc, i) => docMeta(doc, 0, undefined, docFields[i])))).length,
              options.deltaBase,
            ),
          }
        : {}),
    },
    options.profile ?? "default",
    options.shards,
    options.keyBudget,
    options.deltaBase,
  );
  plan.head = head;
  const parts = new Parts(options.spool); // key without version → value
  const groups = nearDuplicates(text.signatures, {
    times: Float64Array.from(docs, (doc) => (doc.date ? Date.parse(doc.date) : Number.NaN)),
  });
  // Related articles, from the postings before the term shards take them.
  const similar = similarDocuments(
    [
      { entries: maps.text, params: bm25.text, keep: (term) => !/\d/.test(term) },
      { entries: maps.entity, params: bm25.text, keep: (term) => !isLanguageTerm(term) && !isFieldTerm(term) },
    ],
    docs.length,
    groups,
  );
  const { tails, bits } = writeTerms(parts, maps, plan, options.tailChunk ?? TAIL_CHUNK_POSTINGS, delta, docs.length);
  maps = undefined;
  writePrefixes(parts, prefixGroups(adjusted(words, options.wordAdjust), entities), plan, delta);
  const { bucketOf, docBuckets } = writeDocuments(parts, storedJson, plan);
  storedJson = undefined; // in the buckets now
  const runs = dateRuns(docs);
  parts.set(keyPart("dates"), datesCodec.encode(runs));
  const metaBuckets = writeMetas(parts, stored, bucketOf, duplicatesOf(docs, groups), docFields, plan, delta);
  writeIds(
    parts,
    docs,
    options.related
      ? options.related(
          docs.map((doc) => doc.id),
          similar,
        )
      : similar,
    plan,
  );
  const placed = new Map<string, [number, number]>();
  const trends = delta ? undefined : trendEntities(entities, docs);
  const lists =
    options.trending ??
    (trends ? trendingPages([{ table: TrendTable.of(trends.entities) }], trends.newest, trends.oldest) : new Map<string, EntityPage[]>());
  const { pages, nameGroupsCut } = writeEntities(parts, entities, plan, placed, options.nameGroupEntries);
  const entityPages = { ...pages, ...writeTrending(parts, lists, options.trending !== undefined) };

  // The version is a hash of every part, so a new build never mixes with an old one.
  const names = parts.names();
  // A hash of every value's hash: one string of all values would pass V8's longest string at a million documents.
  const hashes = names.map((name) => `${name}\n${parts.hash(name)}`);
  const version = sha256Hex(hashes.join("\n")).slice(0, 16);
  const layout: Layout = {
    term: plan.term,
    metaSize: plan.metaSize,
    head: plan.head,
    tail: tails,
    metaBuckets,
    docBuckets,
    id: plan.id,
    similar: plan.similar,
    prefix: plan.prefix,
    entity: plan.entity,
    names: plan.names,
    entityPages,
    entityIdsLast: true,
    nameGroupsCut,
    ...(bits ? { bitsFrom: BITS_FROM_CHUNKS } : {}),
  };
  const values = new Map<string, string>();
  let total = 0;
  for (const name of names) {
    const size = parts.size(name);
    if (size > MAX_VALUE_BYTES) {
      throw new BundleBuildError(
        "value_too_large",
        `Value ${name} is ${size} bytes, over KV's 25 MiB limit: raise --shards or split the largest documents.`,
      );
    }
    total += size;
    const value = parts.value(name);
    if (value !== undefined) values.set(`${versionPrefix(version)}${name}`, value);
  }
  const spooled = parts.finish(version);
  const manifest: Manifest = {
    format: FORMAT_VERSION,
    version,
    built_at: options.builtAt ?? new Date().toISOString(),
    engine: {
      ...engineConfig,
      fields: [...engineConfig.fields],
      languages: [...text.languages],
      ...(facets.length > 0 ? { facets } : {}),
      lengths,
      bm25,
    },
    layout,
    languages: text.languageCounts,
    // A few runs travel with the manifest: a search reads no key for them.
    ...(runs.length <= MANIFEST_DATE_RUNS ? { dates: runs } : {}),
    counts: {
      documents: documents.length,
      dated: documents.reduce((n, doc) => n + (doc.date ? 1 : 0), 0),
      terms: words.size,
      entities: entities.length,
      keys: names.length + 2,
      bytes: total,
    },
  };
  manifest.counts.bytes += 2 * bytes(manifestCodec.encode(manifest));
  values.set(bundleKey(version, "manifest"), manifestCodec.encode(manifest));
  const budget = options.keyBudget ?? FREE_PLAN_KEYS;
  if (options.profile === "free" && manifest.counts.keys > budget) {
    const what = budget === FREE_PLAN_KEYS ? "writes a day" : "files a Worker version's Static Assets take";
    throw new BundleBuildError(
      "too_many_keys",
      `The bundle has ${manifest.counts.keys} keys, over the Free plan's ${budget.toLocaleString("en-US")} ${what}: lower --shards.`,
    );
  }
  // Where an update finds these entities again (local to the build, not uploaded).
  return {
    manifest,
    values,
    ...(spooled ? { spooled } : {}),
    lookup: fileEntities(entities, placed),
    ...(trends ? { trends: trends.entities } : {}),
    ...(input.national ? { national: input.national } : {}),
  };
}

/**
 * Term shards, and the tail chunks of lists longer than the head; returns how many chunks. With `pack` and no tail
 * chunk (a delta, whose lists all fit), each field is one packed string (`packTerms`). Every shard is written,
 * even an empty one, so a missing key always means a broken upload.
 */
function writeTerms(
  parts: Parts,
  maps: Record<Field, [string, Slots][]>,
  plan: LayoutPlan,
  chunkSize: number,
  pack: boolean,
  documents: number,
): { tails: number; bits: boolean } {
  const termShards: TermShard[] = Array.from({ length: plan.term }, () => ({}));
  let tails = 0;
  let bits = false;
  for (const field of engineConfig.fields) {
    for (const shard of termShards) shard[field] = [];
    for (const [term, slots] of [...maps[field]].sort(byKey)) {
      // A language's list goes to tail chunks but for one posting: only a lang= filter reads it (a round trip of its
      // own, as for a long entity list), and the words sharing its shard (thousands of undetermined documents in
      // Reuters' results tables) are not read any longer for it.
      const head = plan.head > 0 && field === "entity" && isLanguageTerm(term) ? 1 : plan.head;
      const split = splitPostings(slots, head);
      let entry: TermEntry = [term, split.head];
      if (split.tail.length > 0) {
        const refs: TailRef[] = [];
        for (const chunk of tailChunks(split.tail, chunkSize)) {
          refs.push([tails, chunk.first, chunk.last]);
          parts.set(keyPart("tail", tails++), tailCodec.encode(chunk.postings));
        }
        entry = [term, split.head, split.count, refs];
        // A long entity or facet list: its documents as a bitmap too, for searches by relevance to test candidates
        // (a language's list is read by lang= filters alone, as a list).
        if (field === "entity" && hasBitmap(term, refs.length)) {
          const docs = slots.flatMap((ids) => ids ?? []);
          parts.set(keyPart("bits", bitsPart(term) as string), bitsCodec.encode(bitmapOf(docs, documents)));
          bits = true;
        }
      }
      termShards[shardOf(term, plan.term)]?.[field]?.push(entry);
    }
  }
  // A delta's lists all fit their shards (head 0): its fields are packed, the bytes most of what a query reads of it.
  const packed = pack && tails === 0;
  for (const [n, shard] of termShards.entries()) {
    const value = packed
      ? Object.fromEntries(Object.entries(shard).map(([field, entries]) => [field, packTerms(entries as [string, SparsePostings][])]))
      : shard;
    const text = termCodec.encode(value as ParsedTermShard);
    // Packed is a delta's, and a delta's shards are stored deflated (see `planLayout`).
    parts.set(keyPart("term", n), packed ? deflateValue(text) : text);
  }
  return { tails, bits };
}

/** Prefix groups, for completions and the last term of a typeahead query. */
function writePrefixes(parts: Parts, groups: Map<string, PrefixShard[string]>, plan: LayoutPlan, deflate = false): void {
  const shards: PrefixShard[] = Array.from({ length: plan.prefix }, () => ({}));
  for (const [group, value] of [...groups].sort(byKey)) {
    const shard = shards[shardOf(group, plan.prefix)];
    if (shard) shard[group] = value;
  }
  // A delta's prefix groups are read by every completion, in every delta (one key each, of ~1,500 words and the
  // entities the update touched: ~100 KB): deflated, as its term shards and metadata are.
  for (const [n, shard] of shards.entries()) {
    const text = encodePrefixShard(shard);
    parts.set(keyPart("prefix", n), deflate ? deflateValue(text) : text);
  }
}

/** Whole documents, packed into buckets by size; returns each document's bucket (its metadata names it). */
function writeDocuments(parts: Parts, storedJson: string[], plan: LayoutPlan): { bucketOf: number[]; docBuckets: number } {
  const bucketOf: number[] = [];
  let bucket: string[] = [];
  let bucketBytes = 0;
  let docBuckets = 0;
  const flush = () => {
    parts.set(keyPart("doc", docBuckets), encodeBucket(bucket));
    docBuckets++;
    bucket = [];
    bucketBytes = 0;
  };
  storedJson.forEach((json, i) => {
    if (bucket.length > 0 && bucketBytes + json.length > plan.docBucketBytes) flush();
    bucketOf[i] = docBuckets;
    bucket.push(json);
    bucketBytes += json.length;
  });
  if (bucket.length > 0) flush();
  return { bucketOf, docBuckets };
}

/** A document's metadata, as its bucket holds it (`bucket`: its document bucket). */
function docMeta(doc: StoredDocument, bucket: number, duplicates?: Duplicates, fields?: Record<string, string[]>): DocMeta {
  return {
    id: doc.id,
    title: doc.title,
    ...(doc.date ? { date: doc.date } : {}),
    ...(doc.url ? { url: doc.url } : {}),
    text: doc.body.slice(0, SNIPPET_SOURCE_CHARS),
    // English, the default, is left out: what a hit's words are stemmed in.
    ...(doc.lang && doc.lang !== DEFAULT_LANGUAGE ? { lang: doc.lang } : {}),
    entities: doc.entities,
    ...(fields ? { fields } : {}),
    ...(duplicates ? { duplicates } : {}),
    bucket,
  };
}

/** Metadata buckets of `metaSize` documents each, by number (deflated in a delta); returns how many. */
function writeMetas(
  parts: Parts,
  stored: StoredDocument[],
  bucketOf: number[],
  duplicates: (Duplicates | undefined)[],
  fields: (Record<string, string[]> | undefined)[],
  plan: LayoutPlan,
  deflate: boolean,
): number {
  const metaBuckets = Math.ceil(stored.length / plan.metaSize);
  for (let b = 0; b < metaBuckets; b++) {
    const metas: DocMeta[] = [];
    for (let i = b * plan.metaSize; i < Math.min(stored.length, (b + 1) * plan.metaSize); i++) {
      metas.push(docMeta(stored[i] as StoredDocument, bucketOf[i] ?? 0, duplicates[i], fields[i]));
    }
    const value = metaCodec.encode(metas);
    parts.set(keyPart("meta", b), deflate ? deflateValue(value) : value);
  }
  return metaBuckets;
}

/**
 * Each document's near-duplicates (`group`: `nearDuplicates` of the signatures `indexText` made), by document number: its
 * group (the group's first document), how many others the group holds and the ids of the first `MAX_LISTED_DUPLICATES`
 * of them; undefined for a document without any.
 */
function duplicatesOf(docs: readonly SourceDocument[], group: Int32Array): (Duplicates | undefined)[] {
  const members = new Map<number, number[]>();
  group.forEach((first, n) => {
    if (first < 0) return;
    const list = members.get(first);
    if (list) list.push(n);
    else members.set(first, [n]);
  });
  return docs.map((_, n) => {
    const first = group[n] as number;
    const list = first < 0 ? undefined : members.get(first);
    if (!list) return undefined;
    const others = list.filter((m) => m !== n);
    return { group: first, count: others.length, ids: others.slice(0, MAX_LISTED_DUPLICATES).map((m) => (docs[m] as SourceDocument).id) };
  });
}

/** How many documents of each language a corpus holds, most first (ties by code); a document without one is English. */
function languageCounts(documents: readonly SourceDocument[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const doc of documents) {
    const lang = doc.lang ?? DEFAULT_LANGUAGE;
    counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
}

/** About how many bytes the entity records take as JSON (their document ids, related entities and aliases are most of it). */
function entityBytesOf(entities: readonly EntityRecord[]): number {
  let bytes = 0;
  for (const e of entities) {
    bytes += 160 + 3 * e.name.length + 48 * e.related.length + (e.timeline?.length ?? 0) * 14;
    for (const id of e.documents.ids) bytes += id.length + 3;
    for (const a of e.aliases) bytes += a.name.length + 20;
  }
  return bytes;
}

/** Id shards (id → number), and the related articles of each document (`similar`, by number) in shards of their own, by the same hash. */
function writeIds(parts: Parts, docs: SourceDocument[], similar: [number, number][][], plan: LayoutPlan): void {
  const shards: IdShard[] = Array.from({ length: plan.id }, () => ({}));
  const related: SimilarShard[] = Array.from({ length: plan.similar }, () => ({}));
  docs.forEach((doc, i) => {
    const shard = shards[shardOf(doc.id, plan.id)];
    if (shard) shard[doc.id] = i;
    const list = similar[i];
    const relatedShard = related[shardOf(doc.id, plan.similar)];
    if (relatedShard && list && list.length > 0) relatedShard[doc.id] = list;
  });
  for (const [n, shard] of shards.entries()) parts.set(keyPart("id", n), idCodec.encode(shard));
  for (const [n, shard] of related.entries()) parts.set(keyPart("similar", n), similarCodec.encode(shard));
}

/** Entities: records sharded by id, names and aliases by prefix group, and paged lists (all types, and each type); returns the pages per list. */
function writeEntities(
  parts: Parts,
  entities: EntityRecord[],
  plan: LayoutPlan,
  /** Filled with where each record is in its shard's text: `[start, length]` (what an update reads of it). */
  placed: Map<string, [number, number]>,
  cap = NAME_GROUP_ENTRIES,
): { pages: Record<string, number>; nameGroupsCut: Layout["nameGroupsCut"] } {
  const sortedEntities = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const entityShards: EntityShard[] = Array.from({ length: plan.entity }, () => ({}));
  for (const entity of sortedEntities) {
    const shard = entityShards[shardOf(entity.id, plan.entity)];
    if (shard) shard[entity.id] = packEntity(entity);
  }
  for (const [n, shard] of entityShards.entries()) {
    // JSON.stringify(shard), written record by record to know where each is.
    let text = "{";
    for (const [id, stored] of Object.entries(shard)) {
      if (text.length > 1) text += ",";
      text += `${JSON.stringify(id)}:`;
      const json = JSON.stringify(stored);
      placed.set(id, [text.length, json.length]);
      text += json;
    }
    parts.set(keyPart("entity", n), `${text}}`);
  }
  const { shards: nameShards, nameGroupsCut } = nameShardsOf(entities, plan.names, cap);
  for (const [n, shard] of nameShards.entries()) parts.set(keyPart("names", n), namesCodec.encode(shard));
  const entityPages: Record<string, number> = {};
  const ranked = [...sortedEntities].sort((a, b) => b.mentions - a.mentions || (a.id < b.id ? -1 : 1));
  for (const type of ["all", ...entityTypes] as const) {
    const list = ranked
      .filter((e) => type === "all" || e.type === type)
      .map((e) => ({ id: e.id, name: e.name, type: e.type, mentions: e.mentions, documents: e.documents.count }));
    const pages = Math.min(plan.maxEntityPages, Math.ceil(list.length / ENTITY_PAGE_SIZE));
    entityPages[type] = pages;
    for (let p = 0; p < pages; p++) {
      const page = { total: list.length, items: list.slice(p * ENTITY_PAGE_SIZE, (p + 1) * ENTITY_PAGE_SIZE) };
      parts.set(keyPart("entity-list", `${type}/${p}`), entityListCodec.encode(page));
    }
  }
  return { pages: entityPages, nameGroupsCut };
}

/**
 * Writes the trending lists' pages (`trendingPages`) and returns the pages per list; `every`: an entry for every list,
 * 0 where there is none (an update's, which replaces the base's).
 */
function writeTrending(parts: Parts, lists: ReadonlyMap<string, EntityPage[]>, every: boolean): Record<string, number> {
  const pages: Record<string, number> = {};
  if (every) for (const name of TRENDING_LISTS) pages[name] = 0;
  for (const [name, list] of lists) {
    pages[name] = list.length;
    list.forEach((page, p) => {
      parts.set(keyPart("entity-list", `${name}/${p}`), entityListCodec.encode(page));
    });
  }
  return pages;
}

/**
 * Each entity's trend fields (its record's, and the times of its dated documents), and the times (ms) of the newest
 * and the oldest dated document: no entities, and NaN for both, in an archive without dates.
 */
function trendEntities(
  entities: readonly EntityRecord[],
  docs: readonly SourceDocument[],
): { entities: TrendEntity[]; newest: number; oldest: number } {
  const timeOf = new Map<string, number>();
  // A loop, not a spread: a million arguments overflow the stack.
  let newest = Number.NEGATIVE_INFINITY;
  let oldest = Number.POSITIVE_INFINITY;
  for (const doc of docs) {
    const time = doc.date ? Date.parse(doc.date) : Number.NaN;
    if (Number.isNaN(time)) continue;
    timeOf.set(doc.id, time);
    if (time > newest) newest = time;
    if (time < oldest) oldest = time;
  }
  if (timeOf.size === 0) return { entities: [], newest: Number.NaN, oldest: Number.NaN };
  const trends = entities.map(({ id, name, type, mentions, documents }) => {
    const times: number[] = [];
    for (const doc of documents.ids) {
      const time = timeOf.get(doc);
      if (time !== undefined) times.push(time);
    }
    return { id, name, type, mentions, documents: documents.count, times };
  });
  return { entities: trends, newest, oldest };
}

/**
 * Hex SHA-256 of a string's UTF-8 bytes (a lone surrogate counts as U+FFFD, as `TextEncoder` has it): what a
 * bundle's version is made of.
 * @example
 * sha256Hex("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The live manifest's key and value, to be written after every other key. */
export function liveManifest(bundle: Bundle): [string, string] {
  return [LIVE_MANIFEST_KEY, bundle.values.get(bundleKey(bundle.manifest.version, "manifest")) as string];
}

/**
 * Mentions as offsets into the stored title or body. Extraction read the trimmed title, a blank line, then the
 * body; a span that does not fall inside one of them is dropped rather than stored wrong.
 * @example
 * const doc = { id: "a", title: " Kabul ", body: "Taliban took Kabul.", meta: {} };
 * placeMentions(doc, [{ start: 20, end: 25, type: "place", entity: "kabul" }]);
 * // [{ start: 13, end: 18, entity: "kabul", type: "place", field: "body" }]
 */
export function placeMentions(doc: SourceDocument, mentions: NonNullable<BundleInput["mentions"]>[number]): Mention[] {
  const title = doc.title.trim();
  const lead = doc.title.length - doc.title.trimStart().length;
  const bodyAt = title ? title.length + 2 : 0;
  const out: Mention[] = [];
  for (const { start, end, type, entity } of mentions) {
    if (end <= start) continue;
    if (title && end <= title.length) out.push({ start: start + lead, end: end + lead, entity, type, field: "title" });
    else if (start >= bodyAt && end - bodyAt <= doc.body.length)
      out.push({ start: start - bodyAt, end: end - bodyAt, entity, type, field: "body" });
  }
  return out;
}

/**
 * Splits a term's postings into its head, the best `head` of them (whole slots from the best, the last one cut
 * keeping the lowest document numbers, as ranking breaks ties), and the rest as `[document, slot]` in document
 * order. `head` 0 keeps every posting in the head.
 * @example
 * splitPostings([[4, 7], null, [1, 2, 3]], 3); // { head: [[0, [4, 7]], [2, [1]]], tail: [[2, 2], [3, 2]], count: 5 }
 */
export function splitPostings(slots: Slots, head: number): { head: SparsePostings; tail: [number, number][]; count: number } {
  const out: SparsePostings = [];
  const tail: [number, number][] = [];
  let count = 0;
  slots.forEach((ids, slot) => {
    if (!ids || ids.length === 0) return;
    const room = head > 0 ? Math.max(0, head - count) : ids.length;
    if (room > 0) out.push([slot, ids.slice(0, room)]);
    for (let i = room; i < ids.length; i++) tail.push([ids[i] as number, slot]);
    count += ids.length;
  });
  tail.sort((a, b) => a[0] - b[0]);
  return { head: out, tail, count };
}

/** Cuts the rest of a list (in document order) into chunks of postings in FlexSearch's slots. */
function* tailChunks(tail: [number, number][], size: number): Generator<{ first: number; last: number; postings: SparsePostings }> {
  for (let start = 0; start < tail.length; start += size) {
    const part = tail.slice(start, start + size);
    const bySlot = new Map<number, number[]>();
    for (const [doc, slot] of part) {
      const ids = bySlot.get(slot);
      if (ids) ids.push(doc);
      else bySlot.set(slot, [doc]);
    }
    const postings: SparsePostings = [...bySlot].sort((a, b) => a[0] - b[0]);
    yield { first: part[0]?.[0] as number, last: part.at(-1)?.[0] as number, postings };
  }
}

/** How many documents hold each folded word (stop words and one-letter words left out): the dictionary of completions and corrections. */
export function wordFrequencies(docs: SourceDocument[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) {
    const seen = new Set(foldWords(`${doc.title}\n${doc.body}`));
    for (const word of seen) if (word.length >= MIN_PREFIX && !isStopWord(word)) df.set(word, (df.get(word) ?? 0) + 1);
  }
  return df;
}

/** Runs of documents by date: `[date, first document number]`, in order. Documents are numbered by date. */
function dateRuns(docs: SourceDocument[]): [string, number][] {
  const runs: [string, number][] = [];
  docs.forEach((doc, i) => {
    const day = doc.date?.slice(0, 10) ?? "";
    if (runs.at(-1)?.[0] !== day) runs.push([day, i]);
  });
  return runs;
}

/**
 * The bytes a name group's list may take (KV takes 25 MiB a value). A group lists at most `NAME_GROUP_ENTRIES`
 * entities (some 70 KB): only one with hundreds of aliases an entity comes near it.
 */
export const NAME_GROUP_BYTES = 8 * 1024 * 1024;

/**
 * The entities a name group lists. A larger group (a two- or three-letter one of an archive of millions of entities:
 * "ka" held 95,591 at 200,000 synthetic articles, and its shard was 9 MB at a million) lists its most mentioned, with
 * its counts (and the most mentioned of each type), and its words go on in groups one letter longer, as many as
 * needed, so that a longer `q` reads a group that lists all its entities: pages past the first 500 of a two-letter
 * `q` are empty (search engines page no deeper than 1,000).
 */
export const NAME_GROUP_ENTRIES = 500;

/** Cut three-letter name groups the manifest lists (`Layout.nameGroupsCut`); past this it says `true`. */
const NAME_GROUPS_LISTED = 256;

/**
 * The name shards of some entities (`nameGroups`, each group in the shard its letters hash to among `count`), and
 * what the manifest says of their cut three-letter groups (`Layout.nameGroupsCut`).
 * @example
 * nameShardsOf(entities, 512).shards[shardOf("bli", 512)]?.bli; // [["Antony Blinken", "antony-blinken", "person", 12, ["Blinken"]]]
 */
export function nameShardsOf(
  entities: EntityRecord[],
  count: number,
  cap = NAME_GROUP_ENTRIES,
): { shards: NameShard[]; nameGroupsCut: true | string[] } {
  const shards: NameShard[] = Array.from({ length: count }, () => ({}));
  const cut: string[] = [];
  for (const [group, list] of [...nameGroups(entities, cap)].sort(byKey)) {
    const shard = shards[shardOf(group, count)];
    if (shard) shard[group] = list;
    if (group.length === PREFIX_GROUP && !Array.isArray(list)) cut.push(group);
  }
  return { shards, nameGroupsCut: cut.length > NAME_GROUPS_LISTED ? true : cut };
}

/** A name group's list (most mentioned first), cut to the most mentioned that fit `NAME_GROUP_BYTES`. */
export function withinBudget(list: NamedEntity[]): NamedEntity[] {
  // About 70 bytes an entity: a list this short is far under the budget, and is not measured.
  if (list.length < NAME_GROUP_BYTES / 256) return list;
  const size = JSON.stringify(list).length;
  if (size <= NAME_GROUP_BYTES) return list;
  return list.slice(0, Math.floor((list.length * NAME_GROUP_BYTES) / size));
}

/** Most mentioned first, then by id: name groups' and prefix groups' entities. */
const byMentions = (a: { 1: string; 3: number }, b: { 1: string; 3: number }) => b[3] - a[3] || (a[1] < b[1] ? -1 : 1);

/**
 * Entities by the prefix groups (first 2 and 3 letters) of every word of their names and aliases, most mentioned first;
 * a group of more than `cap` entities lists its `cap` most mentioned, and of each type, with its counts (`CutNameGroup`), and, from three
 * letters on, the words of its entities that are longer go on in groups one letter longer ("kab" → "kabu" → …).
 * @example
 * nameGroups(entities).get("bli"); // [["Antony Blinken", "antony-blinken", "person", 12, ["Blinken"]]]
 */
export function nameGroups(entities: EntityRecord[], cap = NAME_GROUP_ENTRIES): Map<string, NameGroup> {
  /** Each group's entities, with their names' folded words. */
  const full = new Map<string, { entry: NamedEntity; words: string[] }[]>();
  const add = (key: string, member: { entry: NamedEntity; words: string[] }) => {
    const list = full.get(key);
    if (!list) full.set(key, [member]);
    else if (list.at(-1) !== member) list.push(member);
  };
  for (const e of entities) {
    const others = [...new Set(e.aliases.map((a) => a.name))].filter((n) => n !== e.name);
    const entry: NamedEntity = [e.name, e.id, e.type, e.mentions, others];
    const words = [...new Set([e.name, ...others].flatMap((name) => foldWords(name)))];
    const member = { entry, words };
    const keys = new Set<string>();
    for (const word of words) for (const len of [MIN_PREFIX, PREFIX_GROUP]) if (word.length >= len) keys.add(word.slice(0, len));
    for (const key of keys) add(key, member);
  }
  for (const list of full.values()) list.sort((a, b) => byMentions(a.entry, b.entry));
  const groups = new Map<string, NameGroup>();
  const pending = [...full.keys()];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    const list = full.get(key) ?? [];
    full.delete(key);
    const listed = list.length <= cap ? withinBudget(list.map((m) => m.entry)) : undefined;
    if (listed && listed.length === list.length) {
      groups.set(key, listed);
      continue;
    }
    // Its `cap` most mentioned, and of each type its `cap` most mentioned (so that `type=` lists some too).
    const types: Record<string, number> = {};
    const top = list.filter(({ entry }, i) => {
      const n = types[entry[2]] ?? 0;
      types[entry[2]] = n + 1;
      return i < cap || n < cap;
    });
    groups.set(key, { top: withinBudget(top.map((m) => m.entry)), count: list.length, types });
    // A two-letter group's words are in the three-letter groups already.
    if (key.length < PREFIX_GROUP) continue;
    // In the group's order (most mentioned first): each longer group is in that order too.
    const longer = new Set<string>();
    for (const member of list)
      for (const word of member.words) {
        if (word.length <= key.length || !word.startsWith(key)) continue;
        const child = word.slice(0, key.length + 1);
        add(child, member);
        longer.add(child);
      }
    pending.push(...longer);
  }
  return groups;
}

/** Groups terms (and entity names) by their leading characters, for completions. */
/** Words' document frequencies with `adjust` added; a word at 0 is left out. */
function adjusted(words: ReadonlyMap<string, number>, adjust: ReadonlyMap<string, number> | undefined): ReadonlyMap<string, number> {
  if (!adjust || adjust.size === 0) return words;
  const out = new Map(words);
  for (const [word, n] of adjust) {
    const total = (out.get(word) ?? 0) + n;
    if (total === 0) out.delete(word);
    else out.set(word, total);
  }
  return out;
}

function prefixGroups(df: ReadonlyMap<string, number>, entities: EntityRecord[]): Map<string, PrefixShard[string]> {
  const groups = new Map<string, PrefixShard[string]>();
  const group = (key: string) => {
    let g = groups.get(key);
    if (!g) {
      g = { terms: [], entities: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const [term, count] of df) {
    if (term.length < MIN_PREFIX) continue;
    group(term.slice(0, MIN_PREFIX)).terms.push([term, count]);
    if (term.length >= PREFIX_GROUP) group(term.slice(0, PREFIX_GROUP)).terms.push([term, count]);
    // Its near list entries: the groups of its first letters with one of them left out, where a typo of it is looked
    // for ("knya" or "kanya" find "kenya" under "kny").
    if (term.length >= MIN_CORRECTABLE && (count >= NEAR_MIN_DOCUMENTS || count < 0))
      for (const key of deletionGroups(term)) {
        const g = group(key);
        g.near ??= [];
        g.near.push([term, count]);
      }
  }
  for (const entity of entities) {
    const seen = new Set<string>();
    for (const word of foldWords(entity.name)) {
      for (const len of [MIN_PREFIX, PREFIX_GROUP]) {
        if (word.length < len || seen.has(word.slice(0, len))) continue;
        seen.add(word.slice(0, len));
        group(word.slice(0, len)).entities.push([entity.name, entity.id, entity.type, entity.mentions]);
      }
    }
  }
  for (const [key, g] of groups) {
    g.terms.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    // Negative counts (an update's, see `BuildOptions.wordAdjust`) are corrections to other segments: never cut.
    if (key.length === MIN_PREFIX)
      g.terms = [...g.terms.filter(([, n]) => n > 0).slice(0, SHORT_PREFIX_TOP), ...g.terms.filter(([, n]) => n < 0)];
    g.entities.sort(byMentions);
    g.entities = g.entities.slice(0, PREFIX_ENTITIES_TOP);
    if (g.near) {
      // The most frequent (typos are mostly of common words), and every negative count (an update's correction).
      g.near.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      g.near = [...g.near.filter(([, n]) => n > 0).slice(0, NEAR_TOP), ...g.near.filter(([, n]) => n < 0)];
    }
  }
  return groups;
}

/** Words a near list keeps (see `PrefixGroup.near`): its most frequent. */
const NEAR_TOP = 16;
/** Documents a word is in to be in near lists: a typo of a word of one or two documents is rarely what was meant. */
const NEAR_MIN_DOCUMENTS = 3;
