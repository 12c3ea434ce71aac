/** @module The bundle's contract: format version, key names and the manifest. The build and the Worker both read it from here. */
import { z } from "zod";
import { fields, RESOLUTION } from "./flex-config";
import type { KeyKind } from "./values/index";

/** Bumped whenever the layout of any value changes; a Worker refuses any other. */
export const FORMAT_VERSION = 5;

/** A facet's name: lower-case letters (what `name:value` in a query can carry), not a parameter or facet of its own. */
export const FACET_NAME = /^[a-z]{1,32}$/;
export const RESERVED_FACETS: readonly string[] = [
  ...["q", "limit", "offset", "entity", "lang", "sort", "recency", "group", "type", "trending", "title", "from", "to"],
  ...["person", "organization", "place", "dates"],
];
/** Values of one facet a search may filter by (any of them). */
export const MAX_FACET_VALUES = 10;

/**
 * The entity-field term of a facet's value: case and width folded, spaces as `_` (terms are split on spaces), at
 * most 100 characters; the same at build and at query time.
 * @example
 * fieldTerm("category", "World News"); // "f:category:world_news"
 */
export const fieldTerm = (name: string, value: string): string =>
  `f:${name}:${value.normalize("NFKC").toLowerCase().trim().replace(/\s+/gu, "_").slice(0, 100)}`;

/** Whether an entity-field term is a facet value's (see `fieldTerm`). */
export const isFieldTerm = (term: string): boolean => term.startsWith("f:");

/** Windows of the trending entity lists (`/entities?trending=`), in days before the archive's newest document. */
export const TRENDING_DAYS = [7, 30, 90, 365] as const;

/**
 * The name of a trending list in `layout.entityPages` and its keys (`entity-list/<name>/<page>`).
 * @example
 * trendingList(30, "person"); // "trending-30-person"
 */
export const trendingList = (days: number, type: string): string => `trending-${days}-${type}`;

/** The live pointer: the manifest of the version being served. Written last, after every key of its version. */
export const LIVE_MANIFEST_KEY = "manifest";

/** Shortest prefix that is expanded to completions; shorter last terms match exactly. */
export const MIN_PREFIX = 2;
/** Prefix groups are keyed by this many leading characters of a term. */
export const PREFIX_GROUP = 3;
/** Characters of the body kept beside the metadata for snippets. */
export const SNIPPET_SOURCE_CHARS = 2000;
/** Entity summaries per page of the entity list. */
export const ENTITY_PAGE_SIZE = 100;

/**
 * Postings a term keeps in its shard, per field: its best by BM25 weight (a champion list). The rest of a longer
 * list goes to tail chunks in document order, read only when a query needs them (filters, dates, exclusions).
 */
export const HEAD_POSTINGS = 2048;
/** Postings in one tail chunk. */
export const TAIL_CHUNK_POSTINGS = 16_384;

export type { KeyKind } from "./values/index";

/**
 * The name of a value within its version: its kind, then its part (a shard or bucket number, a page).
 * @example
 * keyPart("term", 17); // "term/17"
 * keyPart("dates"); // "dates"
 */
export function keyPart(kind: KeyKind, part?: number | string): string {
  return part === undefined || part === "" ? kind : `${kind}/${part}`;
}

/** Every key of a version starts with this. */
export const versionPrefix = (version: string): string => `bundle/${version}/`;

/**
 * The key of one value of a bundle version.
 * @example
 * bundleKey("3f2a9c0d1e2b4a5c", "term", 17); // "bundle/3f2a9c0d1e2b4a5c/term/17"
 */
export function bundleKey(version: string, kind: KeyKind, part?: number | string): string {
  return `${versionPrefix(version)}${keyPart(kind, part)}`;
}

export const Layout = z.object({
  /** Term shards: a term lives in shard `fnv1a(term) % term`. */
  term: z.number().int().positive(),
  /** Documents per metadata bucket: document `i` is in bucket `floor(i / metaSize)`. */
  metaSize: z.number().int().positive(),
  /** Postings a term keeps in its shard, per field (0: all of them, no tails). */
  head: z.number().int().nonnegative(),
  /** Tail chunks, numbered from 0. */
  tail: z.number().int().nonnegative(),
  metaBuckets: z.number().int().nonnegative(),
  /** Whole-document buckets (packed by size; each metadata record names its bucket). */
  docBuckets: z.number().int().nonnegative(),
  /** External id → internal number shards. */
  id: z.number().int().positive(),
  /** Related-article shards, by `fnv1a(id)` too (finer than the id shards: a lookup reads one beside its id shard). */
  similar: z.number().int().positive(),
  /** Prefix-group shards, for completions. */
  prefix: z.number().int().positive(),
  /** Entity name shards (names and aliases by prefix group, for `/entities?q=`). */
  names: z.number().int().positive(),
  /** Entity record shards: an entity lives in shard `fnv1a(id) % entity`. */
  entity: z.number().int().positive(),
  /** Pages of the entity list, per type and for all types. */
  entityPages: z.record(z.string(), z.number().int().nonnegative()),
});
export type Layout = z.infer<typeof Layout>;

export const Manifest = z.object({
  format: z.number().int(),
  /** Content hash of every value but the manifest: the same input gives the same version. */
  version: z.string().regex(/^[0-9a-f]{16}$/),
  built_at: z.string(),
  engine: z.object({
    fields: z.array(z.enum(fields)),
    resolution: z.number().int(),
    tokenize: z.literal("strict"),
    /** Average length of each field, in terms (BM25's avgdl). */
    lengths: z.object({ title: z.number(), text: z.number() }),
    /**
     * The languages documents were analyzed in, the main one first (`analysisLanguages`): a query is stemmed in each,
     * and a document in none of them was analyzed as the first. Absent from bundles of before it: English alone.
     */
    languages: z.array(z.string()).optional(),
    /** Record fields declared facets at build (`--facet category`): filterable (`category=politics`) and counted. */
    facets: z.array(z.string()).optional(),
    /** The BM25 parameters the postings' weight slots were computed with (bundles of before it: `bm25`'s values). */
    bm25: z.object({ title: z.object({ k1: z.number(), b: z.number() }), text: z.object({ k1: z.number(), b: z.number() }) }).optional(),
  }),
  layout: Layout,
  /** Documents of each language (ISO 639-1 code, "und" for undetermined); absent from bundles of before it (all English). */
  languages: z.record(z.string(), z.number().int()).optional(),
  counts: z.object({
    documents: z.number().int(),
    /** Documents with a date; 0: date order, recency and date ranges mean nothing (absent from bundles of before it). */
    dated: z.number().int().optional(),
    terms: z.number().int(),
    entities: z.number().int(),
    keys: z.number().int(),
    bytes: z.number().int(),
  }),
});
export type Manifest = z.infer<typeof Manifest>;

/**
 * The entity-field term a document of language `lang` is indexed under (a document of the bundle's main language,
 * the first of its analysis languages, has none: see `languageFilter`). No entity id holds a colon.
 * @example
 * languageTerm("de"); // "lang:de"
 */
export const languageTerm = (lang: string): string => `lang:${lang}`;

/** Whether an entity-field term is a language's (see `languageTerm`). */
export const isLanguageTerm = (term: string): boolean => term.startsWith("lang:");

export const engineConfig = { fields: [...fields], resolution: RESOLUTION, tokenize: "strict" } as const;

/**
 * The manifest's engine settings that this code can read: another resolution or other fields would put postings in
 * slots that mean other weights, a silently wrong ranking.
 * @example
 * readableEngine(manifest); // true for every bundle this build writes
 */
export function readableEngine(manifest: Manifest): boolean {
  const { resolution, fields: stored } = manifest.engine;
  return resolution === RESOLUTION && stored.length === fields.length && stored.every((f, i) => f === fields[i]);
}

/** A term's postings as FlexSearch exports them: position slots, each a list of document numbers. */
export type Slots = (number[] | null)[];

/** How many postings some slots hold. */
export const countIds = (slots: Slots): number => slots.reduce((n, ids) => n + (ids?.length ?? 0), 0);
// The shapes of stored values live beside their codecs (`values/`); these are re-exported for the code that names them.
export type { NamedEntity, NameShard } from "./values/names";
export type { PrefixShard } from "./values/prefix";
export type { SparsePostings, TailRef } from "./values/tail";
export type { TermEntry, TermShard } from "./values/term";
