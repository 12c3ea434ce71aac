/** @module The bundle's contract: format version, key names and the manifest. The build and the Worker both read it from here. */
import { fields, RESOLUTION } from "./flex-config";
import type { Manifest } from "./manifest-schema";
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
export const trendingList = (days: number, type: string): string => `${TRENDING_PREFIX}${days}-${type}`;
/** What every trending list's name starts with. */
export const TRENDING_PREFIX = "trending-";

/** The live pointer: the manifest of the version being served. Written last, after every key of its version. */
export const LIVE_MANIFEST_KEY = "manifest";

/** Shortest prefix that is expanded to completions; shorter last terms match exactly. */
export const MIN_PREFIX = 2;
/** Prefix groups are keyed by this many leading characters of a term. */
export const PREFIX_GROUP = 3;
/** Date runs the manifest holds at most (`Manifest.dates`): a few hundred bytes, under the 5 KB of the var it is deployed in. */
export const MANIFEST_DATE_RUNS = 64;
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

// The manifest's zod schema is the build's and the deploy's (src/format/manifest-schema.ts); the Worker checks a
// manifest with `isManifest`, so that zod's schema of it is not in the Worker's bundle.
export type { DeltaManifest, Layout, Manifest } from "./manifest-schema";

const isRecordObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");
const isIntRecord = (v: unknown, min = Number.MIN_SAFE_INTEGER): boolean =>
  isRecordObject(v) && Object.values(v).every((n) => isInt(n) && n >= min);
const isWeights = (v: unknown): boolean => isRecordObject(v) && isNumber(v.k1) && isNumber(v.b);
const LAYOUT_POSITIVE = ["term", "metaSize", "id", "similar", "prefix", "names", "entity"] as const;
const LAYOUT_COUNTS = ["head", "tail", "metaBuckets", "docBuckets"] as const;

/**
 * Whether a parsed value has the shape of `Manifest`, checked by hand: what `Manifest.safeParse(raw).success` says
 * (a test holds the two together), without zod's first-parse cost in a fresh isolate's first request.
 * @example
 * isManifest(JSON.parse(text)); // true for a manifest this build writes
 */
export function isManifest(raw: unknown): raw is Manifest {
  if (!isManifestCore(raw)) return false;
  const { deltas, withdrawn, archive } = raw as Record<string, unknown>;
  if (withdrawn !== undefined && !isNumbersAtLeast(withdrawn, 0)) return false;
  if (
    archive !== undefined &&
    !(
      isRecordObject(archive) &&
      ["documents", "dated", "entities"].every((k) => isInt(archive[k])) &&
      (archive.lists === undefined || isIntRecord(archive.lists))
    )
  )
    return false;
  return deltas === undefined || (Array.isArray(deltas) && deltas.every(isDelta));
}

const isNumbersAtLeast = (v: unknown, min: number): boolean => Array.isArray(v) && v.every((n) => isInt(n) && n >= min);

function isDelta(raw: unknown): boolean {
  if (!isManifestCore(raw)) return false;
  const { numbers, runs, withdrawn, moved, similar } = raw;
  if (similar !== undefined && similar !== "archive") return false;
  if (
    moved !== undefined &&
    !(
      Array.isArray(moved) &&
      moved.every(
        (r) => Array.isArray(r) && r.length === 3 && isInt(r[0]) && r[0] >= 0 && isInt(r[1]) && r[1] >= 0 && isInt(r[2]) && r[2] > 0,
      )
    )
  )
    return false;
  if (
    !Array.isArray(numbers) ||
    !numbers.every((r) => Array.isArray(r) && r.length === 2 && isInt(r[0]) && r[0] >= 0 && isInt(r[1]) && r[1] > 0)
  )
    return false;
  if (
    !Array.isArray(runs) ||
    !runs.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === "string" && isInt(r[1]) && r[1] >= 0)
  )
    return false;
  return withdrawn === undefined || isNumbersAtLeast(withdrawn, 0);
}

function isManifestCore(raw: unknown): raw is Record<string, unknown> {
  if (!isRecordObject(raw) || !isInt(raw.format) || typeof raw.version !== "string" || !/^[0-9a-f]{16}$/.test(raw.version)) return false;
  if (typeof raw.built_at !== "string") return false;
  const { engine, layout, counts, languages } = raw;
  if (!isRecordObject(engine) || !isRecordObject(layout) || !isRecordObject(counts)) return false;
  if (!Array.isArray(engine.fields) || !engine.fields.every((f) => (fields as readonly unknown[]).includes(f))) return false;
  if (!isInt(engine.resolution) || engine.tokenize !== "strict") return false;
  if (!isRecordObject(engine.lengths) || !isNumber(engine.lengths.title) || !isNumber(engine.lengths.text)) return false;
  if (engine.languages !== undefined && !isStrings(engine.languages)) return false;
  if (engine.facets !== undefined && !isStrings(engine.facets)) return false;
  if (engine.bm25 !== undefined && !(isRecordObject(engine.bm25) && isWeights(engine.bm25.title) && isWeights(engine.bm25.text)))
    return false;
  if (!LAYOUT_POSITIVE.every((k) => isInt(layout[k]) && layout[k] > 0)) return false;
  if (!LAYOUT_COUNTS.every((k) => isInt(layout[k]) && layout[k] >= 0)) return false;
  if (!isIntRecord(layout.entityPages, 0)) return false;
  if (layout.entityIdsLast !== undefined && layout.entityIdsLast !== true) return false;
  if (layout.nameGroupsCut !== undefined && layout.nameGroupsCut !== true && !isStrings(layout.nameGroupsCut)) return false;
  if (layout.bitsFrom !== undefined && !(isInt(layout.bitsFrom) && layout.bitsFrom > 0)) return false;
  if (languages !== undefined && !isIntRecord(languages)) return false;
  const { dates } = raw;
  if (
    dates !== undefined &&
    !(Array.isArray(dates) && dates.every((r) => Array.isArray(r) && r.length === 2 && typeof r[0] === "string" && isInt(r[1])))
  )
    return false;
  if (!["documents", "terms", "entities", "keys", "bytes"].every((k) => isInt(counts[k]))) return false;
  return counts.dated === undefined || isInt(counts.dated);
}

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
export type { CutNameGroup, NamedEntity, NameGroup, NameShard } from "./values/names";
export type { PrefixShard } from "./values/prefix";
export type { SparsePostings, TailRef } from "./values/tail";
export type { TermEntry, TermShard } from "./values/term";
