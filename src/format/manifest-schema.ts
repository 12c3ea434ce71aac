/**
 * @module The manifest's schema in zod: what the build writes and `npm run deploy`, `rollback` and `versions` check.
 * The Worker checks the same shape by hand (`isManifest` in bundle.ts, held to this schema by a test), which keeps
 * zod's schema of it out of the Worker's bundle and its first parse out of a fresh isolate's first request.
 */
import { z } from "zod";
import { fields } from "./flex-config";

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
  /**
   * Records written with their documents last (`packEntity`): a page reads a record up to its first document ids
   * (`EntityShardText.capped`). Absent from bundles of before it: their records are parsed whole.
   */
  entityIdsLast: z.literal(true).optional(),
  /**
   * The three-letter name groups of more entities than a group lists (`CutNameGroup`), whose words go on in groups
   * one letter longer: a word of their letters reads its whole word's group with its first letters'. `true` when they
   * are over `NAME_GROUPS_LISTED` (an archive of millions of entities: every word does). Absent from bundles of before
   * cut groups: each group lists all its entities.
   */
  nameGroupsCut: z.union([z.literal(true), z.array(z.string())]).optional(),
  /**
   * Entity-field lists (entities, facet values) of this many tail chunks or more have a membership bitmap,
   * `bits/<part>` (see values/bits.ts). Absent from bundles of before them, and from those with no such list.
   */
  bitsFrom: z.number().int().positive().optional(),
  /** Pages of the entity list, per type and for all types. */
  entityPages: z.record(z.string(), z.number().int().nonnegative()),
});
export type Layout = z.infer<typeof Layout>;

const ManifestCore = z.object({
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
  /**
   * The date runs (the `dates` value) when there are at most `MANIFEST_DATE_RUNS`: a search then reads no key for
   * them. The `dates` key is written all the same, for Workers that read it.
   */
  dates: z.array(z.tuple([z.string(), z.number().int()])).optional(),
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

/**
 * A delta segment's manifest, as the live manifest lists it (`npm run build -- --update`): a bundle of its own
 * documents under its own version, numbered from `offset` on in the archive (after the base's and the deltas' before it).
 */
export const DeltaManifest = ManifestCore.extend({
  /** The archive number of each of its documents, as runs `[first, count]` (new documents one run, corrections one each). */
  numbers: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().positive()])),
  /** Its new documents' date runs `[YYYY-MM-DD, first]`, in archive numbers: they follow the segments' before it. */
  runs: z.array(z.tuple([z.string(), z.number().int().nonnegative()])),
  /** Archive numbers whose postings and values in this delta are no longer live (withdrawn or corrected by a later update). */
  withdrawn: z.array(z.number().int().nonnegative()).optional(),
  /**
   * The documents this update moved after a late one, as runs `[old first, new first, count]`: related-article lists
   * written before it name them by their old numbers, and are read through these.
   */
  moved: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative(), z.number().int().positive()])).optional(),
  /** "archive": its related-article lists name documents by archive number (older deltas': by their own numbers). */
  similar: z.literal("archive").optional(),
});
export type DeltaManifest = z.infer<typeof DeltaManifest>;

export const Manifest = ManifestCore.extend({
  /**
   * The live manifest of an archive updated since its base was built: its delta segments, oldest first. The base's
   * own manifest key never has them; a version is the base and this list.
   */
  deltas: z.array(DeltaManifest).optional(),
  /** With deltas: archive numbers of the base whose postings and values are no longer live (withdrawn or corrected). */
  withdrawn: z.array(z.number().int().nonnegative()).optional(),
  /** With deltas: the live archive's counts (`counts` stays the base's). */
  archive: z
    .object({
      documents: z.number().int(),
      dated: z.number().int(),
      entities: z.number().int(),
      /** Entities of each list (`all` and each type): the totals `/entities` gives. */
      lists: z.record(z.string(), z.number().int()).optional(),
    })
    .optional(),
});
export type Manifest = z.infer<typeof Manifest>;
