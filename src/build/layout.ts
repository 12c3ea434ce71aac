/** @module How many keys of each kind a bundle gets: scaled to the corpus, or squeezed into the Free plan's daily KV writes. */
import { HEAD_POSTINGS, type Layout } from "../format/bundle";

/** `delta`: an update's segment (`npm run build -- --update`), read beside the base by every query. */
export type Profile = "default" | "free" | "delta";

/** The Free plan allows 1,000 KV writes a day; keep a margin for the live manifest and a rollback. */
export const FREE_PLAN_KEYS = 1000;
/** Workers KV refuses values over 25 MiB. */
export const MAX_VALUE_BYTES = 25 * 1024 * 1024;
/** Target size of one term shard, so that a cold query reads tens of KB per term, not MBs. */
const TERM_SHARD_TARGET_BYTES = 48 * 1024;
/**
 * A delta's keys are planned against the base it extends (`DeltaBase`): every query reads two of its term shards (one a
 * term) and, when a hit is among its documents, that document's metadata bucket. Its term shards are stored deflated,
 * each at most a hundredth of what a cold two-word search reads of the base (at least 1 KB): eight live deltas (the
 * compaction threshold) then add about 16% to it through their terms. Against a large base that is fewer, larger
 * shards (an update of 1,000 articles on a million: ~100 term shards of ~2 KB); against any base, no more than
 * `DELTA_TERM_KEYS` keys while that keeps them under `DELTA_TERM_SHARD_MAX_BYTES`.
 */
const DELTA_TERM_SHARD_BYTES = 1024;
const DELTA_TERM_SHARD_MAX_BYTES = 3.5 * 1024;
const DELTA_TERM_KEYS = 320;
export const DELTA_TERM_SHARE = 1 / 100;
/**
 * A delta's term shards and metadata buckets are stored deflated (`deflateValue`), which is what their bytes count; a
 * metadata bucket holds as many documents (4 to `DELTA_META_MAX`) as keep it within the base's buckets' bytes, so that
 * a hit among a delta's documents reads about what one of the base's does (`deltaMetaSize`).
 */
const DELTA_META_MAX = 32;
/** Metadata buckets a cold two-word search reads of a bundle, about (the estimate of `DeltaBase.queryBytes`). */
export const SEARCH_META_BUCKETS = 12;

/** The base an update's delta extends, as measured on a sample of its values (`baseCost` in the update). */
export interface DeltaBase {
  /** Bytes a cold two-word search reads of it: two term shards and `SEARCH_META_BUCKETS` metadata buckets. */
  queryBytes: number;
  /** Bytes of one of its metadata buckets. */
  metaBucketBytes: number;
}
/** Pages of each entity list a delta keeps: the lists merge the first pages of every segment (see the reader). */
const DELTA_LIST_PAGES = 4;
/**
 * Target size of one shard of entity records: `/entities/:id` reads one (a shard of 200 records at a million articles
 * was ~2 MB, tens of ms of parsing), and an update reads one for each entity it touches.
 */
const ENTITY_SHARD_TARGET_BYTES = 48 * 1024;

export interface CorpusSize {
  documents: number;
  terms: number;
  entities: number;
  /** Bytes of the entity records, as JSON (estimated); without it, shards of ~200 records. */
  entityBytes?: number;
  /** Bytes of the term postings the shards hold (heads only when lists are split), as JSON. */
  termBytes: number;
  /** Bytes of all whole documents, as JSON. */
  docBytes: number;
  /** A delta's documents a metadata bucket (`deltaMetaSize`); 4 by default. */
  metaSize?: number;
}

export interface LayoutPlan extends Omit<Layout, "docBuckets" | "metaBuckets" | "entityPages" | "tail"> {
  /** Upper bound on a document bucket's bytes (a larger document gets a bucket of its own). */
  docBucketBytes: number;
  /** Upper bound on pages per entity list (Infinity when unbounded). */
  maxEntityPages: number;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const pow2 = (n: number) => 2 ** Math.ceil(Math.log2(Math.max(1, n)));

/**
 * Plans the key counts for a corpus. The `free` profile fits the bundle in `budget` keys: the Free plan's daily KV
 * writes by default, or the files a Worker version's Static Assets take on the Free plan (`ASSETS_FREE_FILES`).
 * @example
 * planLayout({ documents: 19043, terms: 40000, entities: 9000, termBytes: 9e6, docBytes: 27e6 }, "free").term; // fits 1,000 keys
 */
export function planLayout(
  size: CorpusSize,
  profile: Profile,
  shards?: number,
  budget: number = FREE_PLAN_KEYS,
  base?: DeltaBase,
): LayoutPlan {
  const plan: LayoutPlan = {
    term: shards ?? clamp(pow2(size.termBytes / TERM_SHARD_TARGET_BYTES), 1, 4096),
    metaSize: 4,
    head: HEAD_POSTINGS,
    id: clamp(pow2(size.documents / 2000), 1, 1024),
    // Five related articles a document take about three times its id entry: shards of ~500 documents.
    similar: clamp(pow2(size.documents / 500), 1, 4096),
    prefix: clamp(pow2(size.terms / 2000), 1, 1024),
    entity:
      size.entityBytes === undefined
        ? clamp(pow2(size.entities / 200), 1, 1024)
        : clamp(pow2(size.entityBytes / ENTITY_SHARD_TARGET_BYTES), 1, 65536),
    names: clamp(pow2(size.entities / 100), 1, 16384),
    docBucketBytes: 1024 * 1024,
    maxEntityPages: Number.POSITIVE_INFINITY,
  };
  if (profile === "delta") {
    // Not rounded to a power of two: a delta's keys are what an update writes.
    return {
      ...plan,
      term:
        shards ??
        clamp(
          Math.min(
            Math.ceil(size.termBytes / deltaShardBytes(base)),
            Math.max(DELTA_TERM_KEYS, Math.ceil(size.termBytes / DELTA_TERM_SHARD_MAX_BYTES)),
          ),
          1,
          4096,
        ),
      metaSize: size.metaSize ?? 4,
      prefix: clamp(Math.ceil(size.terms / 1500), 1, 1024),
      names: clamp(Math.ceil(size.entities / 500), 1, 4096),
      // Few keys to write: an update's records are read one entity at a time.
      entity: clamp(Math.ceil(size.entities / 250), 1, 1024),
      maxEntityPages: DELTA_LIST_PAGES,
    };
  }
  if (profile !== "free") return plan;
  // Two manifests (live and versioned) and at most 5 pages for each of the 4 entity lists (more in a larger budget).
  const maxEntityPages = Math.max(5, Math.floor(budget / 400));
  const left = budget - 2 - 4 * maxEntityPages;
  const term = Math.min(plan.term, Math.floor(left * 0.45));
  const rest = left - term;
  const metaBuckets = Math.max(1, Math.floor(rest * 0.35));
  const docBuckets = Math.max(1, Math.floor(rest * 0.25));
  return {
    term,
    // Tail chunks would cost writes of their own: a Free-plan bundle keeps every posting in its shard.
    head: 0,
    metaSize: Math.max(plan.metaSize, Math.ceil(size.documents / metaBuckets)),
    id: Math.min(plan.id, Math.max(1, Math.floor(rest * 0.1))),
    similar: Math.min(plan.similar, Math.max(1, Math.floor(rest * 0.06))),
    prefix: Math.min(plan.prefix, Math.max(1, Math.floor(rest * 0.12))),
    entity: Math.min(plan.entity, Math.max(1, Math.floor(rest * 0.1))),
    names: Math.min(plan.names, Math.max(1, Math.floor(rest * 0.02))),
    docBucketBytes: Math.max(plan.docBucketBytes, Math.ceil(size.docBytes / docBuckets) + 1),
    maxEntityPages,
  };
}

/**
 * The bytes of a delta's term shard against its base (see `DELTA_TERM_SHARE`).
 * @example
 * deltaShardBytes({ queryBytes: 205_000, metaBucketBytes: 5_600 }); // 2050
 * deltaShardBytes(undefined); // 1024
 */
export function deltaShardBytes(base: DeltaBase | undefined): number {
  return Math.max(DELTA_TERM_SHARD_BYTES, Math.round((base?.queryBytes ?? 0) * DELTA_TERM_SHARE));
}

/**
 * Documents a delta's metadata bucket holds against its base: the most, from 4 to `DELTA_META_MAX`, whose bucket
 * (`bytesOf(n)`: the stored bytes of a bucket of its first `n` documents) is no larger than the base's; 4 without one.
 * @example
 * deltaMetaSize((n) => n * 500, { queryBytes: 205_000, metaBucketBytes: 5_600 }); // 11
 */
export function deltaMetaSize(bytesOf: (documents: number) => number, base: DeltaBase | undefined): number {
  if (!base) return 4;
  let lo = 4;
  let hi = DELTA_META_MAX;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (bytesOf(mid) <= base.metaBucketBytes) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** `wrangler kv bulk put` takes at most 10,000 pairs a file, and a file under 100 MB. */
export const BULK_MAX_PAIRS = 10_000;
export const BULK_MAX_BYTES = 95 * 1000 * 1000;

/**
 * Workers Static Assets take at most this many files a Worker version (Workers limits: "Number of Static Asset files
 * per Worker version"): a bundle deployed as assets is one file a key.
 */
export const ASSETS_FREE_FILES = 20_000;
export const ASSETS_PAID_FILES = 100_000;
