/**
 * @module An update of a built archive (`npm run build -- --update`): its new and corrected documents as a delta
 * segment, its withdrawn ones marked, and a new live manifest naming the base and its deltas. No key of the archive
 * is rewritten: the delta's keys are new, and only the live manifest changes.
 */
import { rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { foldWords } from "../format/analyzer";
import type { DeltaManifest, Manifest } from "../format/bundle";
import { bundleKey, LIVE_MANIFEST_KEY, MIN_PREFIX, type NamedEntity, versionPrefix } from "../format/bundle";
import { shardOf } from "../format/hash";
import { BundleReader, parseValue, readManifest } from "../format/reader";
import type { EntityRecord, EntityRef, EntityType, SourceDocument, StoredDocument } from "../format/schema";
import { toRuns } from "../format/segments";
import { type StoredEntity, unpackEntity } from "../format/values/entity";
import type { EntityPage } from "../format/values/entity-list";
import type { ValueOf } from "../format/values/index";
import { LruCache } from "../kv/lru-cache";
import { type KvSource, newReadStats } from "../kv/source";
import { fileKvSource, indexedFileSource, LIVE_FILE, writeBulkFile } from "./bundle-files";
import { sourceOf } from "./compact";
import { type CacheReport, documentKey, ExtractionCache } from "./entities/cache";
import { byText } from "./entities/canonical";
import { lookupGazetteer } from "./entities/gazetteer";
import { mergeKeyCache } from "./entities/keys";
import {
  type EntityLookup,
  entitiesUnder,
  type Found,
  hasId,
  newestFiling,
  readEntityLookup,
  readNationalDefaults,
  writeEntityLookup,
  writeNationalDefaults,
} from "./entities/lookup";
import { type EntityMention, MAX_ENTITIES_PER_DOCUMENT, mergeEntities, type RegistryEntry } from "./entities/merge";
import { nameKey } from "./entities/normalize";
import { writtenName } from "./entities/occurrences";
import { extractParallel } from "./entities/parallel";
import { companyStem, type NationalDefaults, nationalBodyOf, withoutCountry } from "./entities/resolve";
import type { DocumentNames } from "./entities/types";
import { type IngestResult, readInputs } from "./ingest/read-inputs";
import { BULK_MAX_BYTES, BULK_MAX_PAIRS, type DeltaBase, SEARCH_META_BUCKETS } from "./layout";
import { readTrendTable, retimed, type TrendEntity, TrendTable, trendingPages, writeTrendTable } from "./trends";
import { type Bundle, buildBundle, wordFrequencies } from "./write";

export interface UpdateOptions {
  /** Ids to withdraw (and records of the inputs that say `"deleted": true`). */
  withdraw?: string[];
  /**
   * The version the update is made on (`--base`): the archive's base version, or its live version with deltas
   * (`BundleReader.liveVersion`, as `/health` and `npm run versions` show it). Another one fails with
   * `update_base_not_live` before anything is written.
   */
  base?: string;
  /** Go on past bad input and unknown ids, reporting them (`--skip-invalid`). */
  skipInvalid?: boolean;
  /** The extraction cache's directory (see `PipelineOptions.cache`). */
  cache?: string;
  /** Extract entities (default true). */
  entities?: boolean;
  /**
   * Fold the archive's deltas into this update's (`--merge-deltas`): the documents they hold come again, numbers kept,
   * and the live version is the base and one delta. Queries then read two keys a term, not one a segment; the update
   * writes every document added since the last compaction again.
   */
  mergeDeltas?: boolean;
  /**
   * The most documents of the archive an update moves after late ones (see `updateArchive`): past it the update fails
   * with `update_out_of_order` (default `maxMoved(documents)`).
   */
  maxMoved?: number;
  builtAt?: string;
  say?: (message: string) => void;
}

/**
 * How many of the archive's documents an update may move after late documents: 1,000, or 1% of the archive when that
 * is more (a day or two of news at a million articles). More is a backfill: a rebuild costs less than a delta of it.
 * @example
 * maxMoved(19_043); // 1000
 * maxMoved(1_000_000); // 10000
 */
export const maxMoved = (documents: number): number => Math.max(1000, Math.floor(documents / 100));

export interface UpdatePlan {
  /** New documents, corrected ones, withdrawn ones, and those given again unchanged (nothing written for them). */
  added: number;
  corrected: number;
  withdrawn: number;
  unchanged: number;
  /** Ids to withdraw that no document has (skipped with `skipInvalid`, else an error). */
  unknown: string[];
  /**
   * Documents of the archive dated after a late one, added again after it (counted in `added` too; a correction
   * that moves is counted in `corrected` alone).
   */
  moved?: number;
}

export interface UpdateResult {
  plan: UpdatePlan;
  read: IngestResult;
  /** The delta written, or undefined when the update changes nothing but withdrawals (or nothing at all). */
  delta?: Bundle;
  live: Manifest;
  /** Keys the update writes: the delta's, and the live manifest. */
  keys: number;
  cache?: CacheReport;
}

/** Why an update cannot be made; nothing is written. */
export class UpdateError extends Error {
  constructor(
    readonly code: "update_base_missing" | "update_base_not_live" | "update_out_of_order" | "update_unknown_id",
    message: string,
  ) {
    super(message);
    this.name = "UpdateError";
  }
}

const sameDocument = (a: StoredDocument, b: SourceDocument) =>
  a.title === b.title &&
  a.body === b.body &&
  (a.date ?? "") === (b.date ?? "") &&
  (a.url ?? "") === (b.url ?? "") &&
  JSON.stringify(a.meta ?? {}) === JSON.stringify(b.meta ?? {}) &&
  (a.lang === undefined || b.lang === undefined || a.lang === b.lang);

/** What a withdrawn (or superseded) document took out of an entity's record. */
interface Removed {
  docs: Set<string>;
  mentions: number;
  aliases: Map<string, number>;
  months: Map<string, number>;
  dates: string[];
}

/**
 * An entity's record after an update: the archive's record less what the withdrawn and superseded documents gave
 * it, plus the record the delta's documents make (undefined when none names it). Counts, documents, aliases and the
 * timeline are exact; related entities add their weights, top documents keep the first ten of both.
 */
export function updatedRecord(
  old: EntityRecord | undefined,
  added: EntityRecord | undefined,
  removed: Removed | undefined,
  /**
   * A document's number in the archive after the update, when the record takes in a document that is not new (a
   * correction, a folded one): the order it lists its documents in.
   */
  docNumber: ((id: string) => number) | undefined,
  /** The dates of the archive's documents still naming it, when a withdrawn one held its first or last date. */
  keptDates?: readonly string[],
  /** Documents withdrawn from their numbers and added anew after the others (see `datedAfter`). */
  moved: ReadonlySet<string> = new Set(),
): EntityRecord {
  const base = old ?? (added as EntityRecord);
  // A corrected document is listed again if it still names the entity, a withdrawn one leaves; in archive order (a
  // moved one among the new, after the others).
  const again = new Set(added?.documents.ids ?? []);
  const kept = (old?.documents.ids ?? []).filter((id) => !removed?.docs.has(id) || (again.has(id) && !moved.has(id)));
  const keptSet = new Set(kept);
  const unique = old ? [...kept, ...(added?.documents.ids ?? []).filter((id) => !keptSet.has(id))] : (added?.documents.ids ?? []);
  // New documents come after every other; a corrected or folded one that names it now goes where its number is.
  if (docNumber) unique.sort((a, b) => docNumber(a) - docNumber(b));
  const aliases = new Map<string, number>();
  for (const { name, count } of old?.aliases ?? []) aliases.set(name, count);
  for (const [name, count] of removed?.aliases ?? []) aliases.set(name, (aliases.get(name) ?? 0) - count);
  if (old) for (const { name, count } of added?.aliases ?? []) aliases.set(name, (aliases.get(name) ?? 0) + count);
  const months = new Map<string, number>(old?.timeline ?? []);
  for (const [month, n] of removed?.months ?? []) months.set(month, (months.get(month) ?? 0) - n);
  if (old) for (const [month, n] of added?.timeline ?? []) months.set(month, (months.get(month) ?? 0) + n);
  const related = new Map<string, EntityRecord["related"][number]>();
  for (const r of [...(old?.related ?? []), ...(old ? (added?.related ?? []) : [])]) {
    const had = related.get(r.id);
    related.set(r.id, had ? { ...had, weight: had.weight + r.weight } : { ...r });
  }
  const firsts = [...(keptDates ?? [old?.first_seen]), added?.first_seen].filter((d): d is string => !!d);
  const lasts = [...(keptDates ?? [old?.last_seen]), added?.last_seen].filter((d): d is string => !!d);
  const record: EntityRecord = {
    ...base,
    aliases: old
      ? [...aliases]
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
          .map(([name, count]) => ({ name, count }))
      : base.aliases,
    roles: [...new Set([...(old?.roles ?? []), ...(old ? (added?.roles ?? []) : [])])],
    mentions: old ? old.mentions - (removed?.mentions ?? 0) + (added?.mentions ?? 0) : base.mentions,
    documents: { count: unique.length, ids: unique },
    related: old
      ? [...related.values()].sort((a, b) => b.weight - a.weight || byText(a.name, b.name)).slice(0, base.related.length || 10)
      : base.related,
  };
  const timeline = [...months].filter(([, n]) => n > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  if (old) {
    if (timeline.length > 0) record.timeline = timeline;
    else delete record.timeline;
    const first = firsts.sort()[0];
    const last = lasts.sort().at(-1);
    if (first) record.first_seen = first;
    else delete record.first_seen;
    if (last) record.last_seen = last;
    else delete record.last_seen;
    const top = [...(old.top_documents ?? []), ...(added?.top_documents ?? added?.documents.ids ?? [])].filter(
      (id) => !removed?.docs.has(id),
    );
    if (unique.length > 1 && top.length > 0) record.top_documents = [...new Set(top)].slice(0, 10);
    else delete record.top_documents;
  }
  return record;
}

/** Every value of one kind in some segments (an update folding them: their ids, their entity records). */
async function readAll<K extends "id" | "entity">(
  reader: BundleReader,
  live: Manifest,
  versions: ReadonlySet<string>,
  kind: K,
): Promise<ValueOf<K>[]> {
  const wanted = (live.deltas ?? [])
    .filter((d) => versions.has(d.version))
    .flatMap((d) => Array.from({ length: d.layout[kind] }, (_, part) => [kind, part, d.version] as const));
  return ((await reader.readKinds(wanted)) as (ValueOf<K> | undefined)[]).filter((v): v is ValueOf<K> => !!v);
}

/** The entity lists' totals of an archive of one bundle (an update's first): what its list pages say. */
async function listTotals(reader: BundleReader): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const list of ["all", "person", "organization", "place"]) out[list] = (await reader.entityPage(list, 0))?.total ?? 0;
  return out;
}

/**
 * Builds an update of the archive in `dir` (a bundle `npm run build` wrote, with the updates made since) from
 * `inputs` and the ids to withdraw, and writes it there: the delta's bulk files beside the archive's, and the new
 * live manifest. Fails with an `UpdateError` before writing anything when the update cannot be made.
 * @example
 * const { plan } = await updateArchive("dist/bundle", ["today.jsonl"], { withdraw: ["reuters-17"] });
 */
export async function updateArchive(dir: string, inputs: string[], options: UpdateOptions = {}): Promise<UpdateResult> {
  const say = options.say ?? (() => {});
  let source: KvSource;
  try {
    // The keys the update needs, read from the bulk files' indexes; a bundle written before them is read whole.
    source = (await indexedFileSource(dir)) ?? (await fileKvSource(dir));
  } catch (error) {
    throw new UpdateError(
      "update_base_missing",
      `${dir}: no archive to update (${(error as Error).message}). Build one first: npm run build.`,
    );
  }
  const live = await readManifest(source);
  const reader = new BundleReader(source, new LruCache(1 << 30), live, newReadStats());
  if (options.base !== undefined && options.base !== live.version && options.base !== reader.liveVersion) {
    throw new UpdateError(
      "update_base_not_live",
      `The archive in ${dir} is ${reader.liveVersion}, not ${options.base}: the update would not apply to what serves. Build on the live version, or rebuild.`,
    );
  }
  const read =
    inputs.length > 0 ? await readInputs(inputs, { skipInvalid: options.skipInvalid }) : { documents: [], skipped: [], files: 0 };

  // Each document given: new, a correction of one the archive holds, or the same again; a record that says
  // `"deleted": true` withdraws its id.
  const deleted = read.documents.filter((d) => d.meta.deleted === true).map((d) => d.id);
  const given = read.documents.filter((d) => d.meta.deleted !== true);
  const numbers = await reader.documentNumbers(given.map((d) => d.id));
  // What the archive holds of them, in two reads (their metadata, then their buckets).
  const held = await reader.documentsAt([...numbers.values()]);
  const stored = new Map<string, StoredDocument>();
  for (const [id, n] of numbers) {
    const had = held.get(n);
    if (had) stored.set(id, had);
  }
  let unchanged = given.filter((d) => stored.has(d.id) && sameDocument(stored.get(d.id) as StoredDocument, d));
  let same = new Set(unchanged.map((d) => d.id));
  // A correction keeps its number (its place by date) unless it moves in time: then it is withdrawn and added anew.
  let corrected = given.filter((d) => numbers.has(d.id) && !same.has(d.id) && (stored.get(d.id)?.date ?? "") === (d.date ?? ""));
  let correctedIds = new Set(corrected.map((d) => d.id));
  let added = given.filter((d) => !same.has(d.id) && !correctedIds.has(d.id));
  /** Corrections that change the date: added anew at their new place, but corrections all the same to the update's line. */
  const redated = added.filter((d) => numbers.has(d.id)).length;

  const withdrawIds = [...new Set([...(options.withdraw ?? []), ...deleted])];
  const withdrawNumbers = await reader.documentNumbers(withdrawIds);
  const unknown = withdrawIds.filter((id) => !withdrawNumbers.has(id));
  if (unknown.length > 0 && !options.skipInvalid) {
    throw new UpdateError(
      "update_unknown_id",
      `No document of the archive has the id${unknown.length > 1 ? "s" : ""} ${unknown
        .slice(0, 5)
        .map((id) => JSON.stringify(id))
        .join(
          ", ",
        )}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}: nothing to withdraw. Pass --skip-invalid to withdraw the others.`,
    );
  }

  // Documents are numbered by date: a new document follows the archive's. A late one (older than the archive's newest)
  // is added after the archive's documents dated up to it, and those dated after it come again after it (withdrawn from
  // their numbers and added anew, as a correction that moves in time is), so that numbers stay in date order.
  const size = reader.documents;
  const cut = added.reduce<string | undefined>((min, d) => (min === undefined || (d.date ?? "") < min ? (d.date ?? "") : min), undefined);
  const limit = options.maxMoved ?? maxMoved(reader.counts.documents);
  const followers = cut === undefined ? [] : await datedAfter(reader, cut, new Set(withdrawNumbers.values()), limit + 1);
  if (followers.length > limit) {
    const late = added.filter((d) => (d.date ?? "") < (followers.at(-1)?.date ?? ""));
    throw new UpdateError(
      "update_out_of_order",
      `${late.length} new document${late.length > 1 ? "s are" : " is"} older than the archive's newest, e.g. ${JSON.stringify(late[0]?.id)} (${late[0]?.date ?? "undated"}): more than ${limit.toLocaleString("en-US")} of the archive's documents are dated after ${late.length > 1 ? "the oldest" : "it"} and would move after it. That is a backfill: rebuild the archive with them (npm run build) instead.`,
    );
  }
  // Documents that come again as they are (moved after a late one, or folded): what they gave their entities' related
  // lists stays in the archive's records, and is not given twice.
  const unchangedMoves = new Set<string>();
  /** Corrections of documents that also move after a late one: counted as corrected, not as moved. */
  let correctedMoving = 0;
  if (followers.length > 0) {
    // The archive's documents dated after the oldest new one come again after it, the newer text where the update
    // gives one; in the archive's order, before the update's own (they came first: ties of dates keep that order).
    // A document the update adds anew itself (a correction of its date) keeps its place among the update's own.
    const own = new Set(added.map((d) => d.id));
    const gaveAgain = new Map([...corrected, ...unchanged].map((d) => [d.id, d]));
    const again: SourceDocument[] = [];
    // The archive's own text of those the update does not give, in two reads.
    const kept = await reader.documentsAt(followers.filter(({ id }) => !own.has(id) && !gaveAgain.has(id)).map(({ n }) => n));
    for (const { id, n } of followers) {
      numbers.set(id, n);
      if (own.has(id)) continue;
      const mine = gaveAgain.get(id);
      if (mine) {
        again.push(mine);
        if (same.has(id)) unchangedMoves.add(id);
        continue;
      }
      const doc = kept.get(n);
      if (!doc) continue;
      stored.set(id, doc);
      again.push(sourceOf(doc));
      unchangedMoves.add(id);
    }
    const moving = new Set(again.map((d) => d.id));
    correctedMoving = corrected.filter((d) => moving.has(d.id)).length;
    unchanged = unchanged.filter((d) => !moving.has(d.id));
    same = new Set(unchanged.map((d) => d.id));
    corrected = corrected.filter((d) => !moving.has(d.id));
    correctedIds = new Set(corrected.map((d) => d.id));
    added = [...again, ...added.filter((d) => !moving.has(d.id))];
  }
  const moved = added.filter((d) => numbers.has(d.id)).map((d) => d.id);
  if (added.length + corrected.length + withdrawNumbers.size === 0) {
    const plan = { added: 0, corrected: 0, withdrawn: 0, unchanged: unchanged.length, unknown };
    return { plan, read, live, keys: 0 };
  }

  // Folding the deltas: every document they hold now comes again, as a correction of itself (its number kept, what it
  // gave its entities taken off and given again), unless the update corrects or withdraws it.
  const fold = options.mergeDeltas === true && (live.deltas?.length ?? 0) > 0;
  const folded: SourceDocument[] = [];
  const foldedVersions = new Set(fold ? (live.deltas ?? []).map((d) => d.version) : []);
  if (fold) {
    const skip = new Set([...correctedIds, ...added.map((d) => d.id), ...withdrawNumbers.keys()]);
    const held = new Set<string>();
    for (const shard of await readAll(reader, live, foldedVersions, "id")) for (const id of Object.keys(shard)) held.add(id);
    const places = await reader.documentNumbers([...held].filter((id) => !skip.has(id)));
    for (const [id, n] of places) {
      if ((reader.segments?.owner(n)?.segment ?? 0) === 0) continue;
      const doc = await reader.document(id);
      if (!doc) continue;
      stored.set(id, doc);
      numbers.set(id, n);
      folded.push(sourceOf(doc));
    }
    folded.sort((a, b) => (numbers.get(a.id) as number) - (numbers.get(b.id) as number));
  }
  const foldedIds = new Set(folded.map((d) => d.id));

  // Every document of the update, corrections first (they keep their numbers), then the new ones by date.
  const docs = [...corrected, ...folded, ...added];
  const names = await extractNames(docs, options, say);
  const lookups = await openLookups(dir, live);
  const { registry, reserved, isTaken } = lookups
    ? await candidatesByKey(lookups, names?.extracted ?? [])
    : await candidatesOf(reader, names?.extracted ?? []);
  const relatedSkip = new Set(docs.flatMap((d, i) => (unchangedMoves.has(d.id) || foldedIds.has(d.id) ? [i] : [])));
  // What the archive's build decided of bodies every country has: the newest segment's that kept it.
  let national: NationalDefaults | undefined;
  for (const version of [...(live.deltas ?? []).map((d) => d.version).reverse(), live.version]) {
    national = await readNationalDefaults(dir, version);
    if (national) break;
  }
  const index = names
    ? mergeEntities(docs, names.extracted, registry, {
        mentions: true,
        unmentioned: false,
        reserved,
        isTaken,
        relatedSkip,
        ...(national ? { national } : {}),
      })
    : { entities: [], byDocument: docs.map(() => []), mentions: undefined };

  // What the superseded and withdrawn documents took out of the records they were in.
  const gone = [...correctedIds, ...foldedIds, ...moved, ...withdrawNumbers.keys()];
  const { removed, goneDated } = await contributionsOf(gone, async (id) => stored.get(id) ?? (await reader.document(id)));
  const newNumbers = new Map<string, number>();
  // The delta's new documents are numbered after the archive's, by date as the build orders them.
  const order = added.map((d, i) => ({ date: d.date ?? "", i })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
  for (const [k, { i }] of order.entries()) newNumbers.set((added[i] as SourceDocument).id, size + k);

  // A folded delta's records are carried into this one (the newest record of each entity).
  const carried = new Set<string>();
  for (const shard of await readAll(reader, live, foldedVersions, "entity")) for (const id of shard.keys()) carried.add(id);
  const touched = new Set([...index.entities.map((e) => e.id), ...removed.keys(), ...carried]);
  const fresh = new Map(index.entities.map((e) => [e.id, e]));
  // The archive's record of each entity the update touches (the newest segment's).
  const archive = await recordsOf(source, reader, live, lookups, [...touched]);
  // Numbers of their documents, where a corrected or folded document may come in among them.
  const listed = new Set<string>();
  // A document the archive holds that a record takes in now: the record's documents are put in number order again.
  const reorders = (id: string, had: ReadonlySet<string>) =>
    (fresh.get(id)?.documents.ids ?? []).some((doc) => numbers.has(doc) && !had.has(doc));
  /** The touched entities whose records are put in number order again: once each (a record may list 250,000). */
  const reordered = new Set<string>();
  for (const id of touched) {
    const had = new Set(archive.get(id)?.documents.ids ?? []);
    if (!reorders(id, had)) continue;
    reordered.add(id);
    for (const doc of had) listed.add(doc);
  }
  // Documents moved after a late one leave their place in the records' lists for their new one, after every other.
  const movedIds = new Set(moved);
  const known = await reader.documentNumbers([...listed]);
  const docNumber = (id: string) => newNumbers.get(id) ?? numbers.get(id) ?? known.get(id) ?? Number.MAX_SAFE_INTEGER;
  // A record whose first or last date was a withdrawn document's: its other documents' dates say what they are now;
  // unless the update's documents naming it have that date again (a correction, a document moved after a late one):
  // at a million articles the newest documents name entities of hundreds of thousands of documents.
  const givenDate = new Map(docs.map((d) => [d.id, d.date]));
  const redate = [...touched].filter((id) => {
    const old = archive.get(id);
    const r = removed.get(id);
    if (!old || !r) return false;
    const again = new Set((fresh.get(id)?.documents.ids ?? []).map((doc) => givenDate.get(doc)));
    return r.dates.some((d) => (d === old.first_seen || d === old.last_seen) && !again.has(d));
  });
  const goneIds = new Set(gone);
  const keptIds = [...new Set(redate.flatMap((id) => (archive.get(id) as EntityRecord).documents.ids))].filter((id) => !goneIds.has(id));
  const keptNumbers = await reader.documentNumbers(keptIds);
  const keptDates = await endDates(
    reader,
    new Map(
      redate.map((id) => [
        id,
        (archive.get(id) as EntityRecord).documents.ids.flatMap((doc) => keptNumbers.get(doc) ?? []).sort((a, b) => a - b),
      ]),
    ),
  );
  const records = [...touched].map((id) => {
    const old = archive.get(id);
    const kept = keptDates.get(id);
    return updatedRecord(old, fresh.get(id), removed.get(id), reordered.has(id) ? docNumber : undefined, kept, movedIds);
  });
  const byDocument = index.mentions ? documentEntities(index.mentions, records) : index.byDocument;
  // Completions count live documents: the words of those withdrawn or corrected are taken off (folded: those of every
  // document of the base no longer live, as the folded deltas took them off).
  const goneDocs = fold
    ? await withdrawnOfBase(
        source,
        live,
        [...gone].flatMap((id) => {
          const n = numbers.get(id) ?? withdrawNumbers.get(id);
          return n !== undefined && (reader.segments?.owner(n)?.segment ?? 0) === 0 ? [n] : [];
        }),
      )
    : (await Promise.all(gone.map(async (id) => stored.get(id) ?? (await reader.document(id))))).filter(
        (d): d is StoredDocument => d !== undefined,
      );
  const wordAdjust = new Map([...wordFrequencies(goneDocs as SourceDocument[])].map(([w, n]) => [w, -n]));
  records.sort((a, b) => byText(a.id, b.id));

  // The trending lists, recomputed whole where the archive keeps its entities' trends (`kv-index/trends-*`): each
  // touched entity's document times lose those of the documents that went and gain those of the update's.
  const trends = await readTrends(dir, live);
  let trending: Map<string, EntityPage[]> | undefined;
  let touchedTrends: TrendEntity[] | undefined;
  if (trends) {
    const timeOf = new Map(docs.map((d) => [d.id, d.date ? Date.parse(d.date) : Number.NaN]));
    // Each id searched once in the base's table (a binary search over two million ids at a million articles).
    const inBase = new Map<string, number>();
    const baseIndex = (id: string) => {
      let i = inBase.get(id);
      if (i === undefined) {
        i = trends.base.indexOf(id);
        inBase.set(id, i);
      }
      return i;
    };
    const dated = (times: number[]) => times.filter((t) => !Number.isNaN(t));
    touchedTrends = records.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type,
      mentions: r.mentions,
      documents: r.documents.count,
      times: retimed(
        (trends.newer.get(r.id) ?? (baseIndex(r.id) >= 0 ? trends.base.entity(baseIndex(r.id)) : undefined))?.times ?? [],
        dated((removed.get(r.id)?.dates ?? []).map((d) => Date.parse(d))),
        dated((fresh.get(r.id)?.documents.ids ?? []).map((id) => timeOf.get(id) ?? Number.NaN)),
      ),
    }));
    for (const entity of touchedTrends) trends.newer.set(entity.id, entity);
    const goneNumbers = new Set([...withdrawNumbers.values(), ...moved.map((id) => numbers.get(id) as number)]);
    // The base's entries of the entities a delta holds newer ones of are left out.
    const skip = new Set([...trends.newer.keys()].map(baseIndex).filter((i) => i >= 0));
    trending = trendingPages(
      [{ table: trends.base, skip }, { table: TrendTable.of([...trends.newer.values()]) }],
      ...(await datedRange(reader, docs, goneNumbers)),
    );
  }

  let delta: Bundle | undefined;
  let deltaManifest: DeltaManifest | undefined;
  // An update that only withdraws has a delta of no documents: the records it rewrote, the completions it corrects.
  if (docs.length > 0 || records.length > 0 || wordAdjust.size > 0) {
    // Related articles: a document given again as it was keeps the archive's list (computed over every document, not
    // over this delta's few); the lists written name documents by archive number, read at their numbers now.
    const keptLists = new Map<string, [number, number][]>();
    const kept = [...unchangedMoves];
    (await Promise.all(kept.map((id) => reader.similarOf(id)))).forEach((list, i) => {
      if (list) keptLists.set(kept[i] as string, list);
    });
    const archiveNumber = (id: string) => newNumbers.get(id) ?? (numbers.get(id) as number);
    delta = await buildBundle(
      { documents: docs, entities: records, byDocument, ...(index.mentions ? { mentions: index.mentions } : {}) },
      {
        head: 0,
        profile: "delta",
        builtAt: options.builtAt,
        wordAdjust,
        allowEmpty: true,
        ...(live.engine.facets ? { facets: live.engine.facets } : {}),
        deltaBase: await baseCost(source, live),
        ...(trending ? { trending } : {}),
        related: (ids, lists) =>
          ids.map(
            (id, i) =>
              keptLists.get(id) ?? (lists[i] ?? []).map(([n, score]): [number, number] => [archiveNumber(ids[n] as string), score]),
          ),
      },
    );
    if (touchedTrends) delta.trends = touchedTrends;
    // Carried to the delta, so the next update reads the archive's decisions whichever segments compaction keeps.
    if (national) delta.national = national;
    const local = await deltaOrder(delta);
    const global = local.map((id) => newNumbers.get(id) ?? (numbers.get(id) as number));
    // Its new documents' date runs, after those of the deltas it folds (whose new documents it holds now).
    const runs: [string, number][] = fold ? (live.deltas ?? []).flatMap((d) => d.runs.map((r): [string, number] => [r[0], r[1]])) : [];
    for (const { i } of order) {
      const doc = added[i] as SourceDocument;
      const day = doc.date?.slice(0, 10) ?? "";
      if (runs.at(-1)?.[0] !== day) runs.push([day, newNumbers.get(doc.id) as number]);
    }
    // The documents moved after a late one, old number → new: lists written before name them by the old one.
    const moves = moved
      .map((id): [number, number] => [numbers.get(id) as number, newNumbers.get(id) as number])
      .filter(([from, to]) => from !== undefined && to !== undefined && from !== to)
      .sort((a, b) => a[0] - b[0]);
    const movedRuns: [number, number, number][] = [];
    for (const [from, to] of moves) {
      const last = movedRuns.at(-1);
      if (last && last[0] + last[2] === from && last[1] + last[2] === to) last[2]++;
      else movedRuns.push([from, to, 1]);
    }
    deltaManifest = {
      ...delta.manifest,
      numbers: toRuns(global),
      runs,
      similar: "archive",
      ...(movedRuns.length ? { moved: movedRuns } : {}),
    };
  }

  // Every superseded or withdrawn number, marked in the segment that holds it now.
  const next: Manifest = structuredClone(live);
  const segments = reader.segments;
  const mark = (n: number) => {
    const owner = segments?.owner(n) ?? { segment: 0 };
    // A folded delta goes: nothing to mark in it.
    if (fold && owner.segment > 0) return;
    if (owner.segment === 0) next.withdrawn = [...(next.withdrawn ?? []), n].sort((a, b) => a - b);
    else {
      const d = (next.deltas ?? [])[owner.segment - 1] as DeltaManifest;
      d.withdrawn = [...(d.withdrawn ?? []), n].sort((a, b) => a - b);
    }
  };
  for (const id of [...correctedIds, ...moved]) mark(numbers.get(id) as number);
  for (const n of withdrawNumbers.values()) mark(n);
  if (fold) next.deltas = [];
  if (deltaManifest) next.deltas = [...(next.deltas ?? []), deltaManifest];
  if (next.deltas?.length === 0) delete next.deltas;
  const liveCount = reader.counts.documents + added.length - moved.length - withdrawNumbers.size;
  const datedBefore = reader.counts.dated ?? reader.counts.documents;
  const undatedGone = [...moved, ...withdrawNumbers.keys()].filter((id) => goneDated.get(id) === false).length;
  // The live entities of each list, for `/entities` totals: the archive's records, those the update rewrote replaced.
  const lists: Record<string, number> = { ...(live.archive?.lists ?? (await listTotals(reader))) };
  for (const r of records) {
    const before = (archive.get(r.id)?.documents.count ?? 0) > 0 ? 1 : 0;
    const after = r.documents.count > 0 ? 1 : 0;
    lists.all = (lists.all ?? 0) + after - before;
    lists[r.type] = (lists[r.type] ?? 0) + after - before;
  }
  next.archive = {
    documents: liveCount,
    dated: datedBefore + added.filter((d) => d.date).length - (moved.length + withdrawNumbers.size - undatedGone),
    entities: lists.all ?? 0,
    lists,
  };
  const plan = {
    added: added.length - correctedMoving - redated,
    corrected: corrected.length + correctedMoving + redated,
    withdrawn: withdrawNumbers.size,
    unchanged: unchanged.length,
    unknown,
    ...(followers.length > correctedMoving ? { moved: followers.length - correctedMoving } : {}),
  };
  if (delta && deltaManifest) {
    // The delta's own manifest says it is one (its numbers), and it keeps the live manifest it made: what `npm run
    // rollback -- <delta>` restores, and how `versions` and `prune` know the segments it stands on.
    delta.values.set(`${versionPrefix(delta.manifest.version)}manifest`, JSON.stringify(deltaManifest));
    delta.values.set(`${versionPrefix(delta.manifest.version)}live`, JSON.stringify(next));
  }
  await writeUpdate(dir, delta, next);
  return {
    plan,
    read,
    ...(delta ? { delta } : {}),
    live: next,
    keys: (delta?.values.size ?? 0) + 1,
    ...(names?.cache ? { cache: names.cache } : {}),
  };
}

/**
 * The archive's record of each entity (the newest segment's, one of no documents included), read in one bulk read of
 * the shards holding them; with the segments' lookups, each record is cut out of its shard's text where the lookup says
 * it is and parsed alone (at a million articles an update touches ~3,500 records in ~3,300 shards of ~56 KB: 185 MB
 * to parse whole), else the shards are parsed whole.
 */
async function recordsOf(
  source: KvSource,
  reader: BundleReader,
  live: Manifest,
  lookups: readonly EntityLookup[] | undefined,
  ids: readonly string[],
): Promise<Map<string, EntityRecord>> {
  const out = new Map<string, EntityRecord>();
  if (!lookups) {
    for (const id of ids) {
      const record = await reader.entity(id, true);
      if (record) out.set(id, record);
    }
    return out;
  }
  const list = reader.segments?.list ?? [{ version: live.version, manifest: live }];
  const where = new Map<string, { key: string; start: number; length: number }>();
  for (const id of ids) {
    const found = newestFiling(lookups, id);
    if (!found) continue;
    const { version, manifest } = list[found.segment] as (typeof list)[number];
    const [, , , start, length] = found.entity;
    where.set(id, { key: bundleKey(version, "entity", shardOf(id, manifest.layout.entity)), start, length });
  }
  const texts = await source.getMany([...new Set([...where.values()].map((w) => w.key))]);
  for (const [id, { key, start, length }] of where) {
    const text = texts.get(key);
    if (text == null) throw new UpdateError("update_base_missing", `Key ${key} is missing from the archive: rebuild it (npm run build).`);
    let cut: StoredEntity | undefined;
    try {
      cut = start >= 0 ? (JSON.parse(text.slice(start, start + length)) as StoredEntity) : undefined;
    } catch {}
    const stored = cut?.id === id ? cut : (JSON.parse(text) as Record<string, StoredEntity>)[id];
    if (!stored || stored.id !== id)
      throw new UpdateError(
        "update_base_missing",
        `${key} holds no record of entity ${JSON.stringify(id)}: rebuild the archive (npm run build).`,
      );
    out.set(id, unpackEntity(stored));
  }
  return out;
}

/** The names in each document, through the extraction cache when there is one. */
async function extractNames(
  docs: SourceDocument[],
  options: UpdateOptions,
  say: (message: string) => void,
): Promise<{ extracted: DocumentNames[]; cache?: CacheReport } | undefined> {
  if (options.entities === false || docs.length === 0) return undefined;
  const store = options.cache === undefined ? undefined : await ExtractionCache.open(options.cache);
  const keys = store ? docs.map((doc) => documentKey(doc)) : [];
  const found = docs.map((doc, i) => store?.get(doc, keys[i]));
  const missing = docs.filter((_, i) => found[i] === undefined);
  say(`Extracting entities from ${missing.length.toLocaleString("en-US")} document${missing.length === 1 ? "" : "s"}`);
  const fresh = await extractParallel(missing, {});
  let next = 0;
  const extracted = found.map((names) => names ?? (fresh[next++] as DocumentNames));
  if (store && missing.length > 0) await store.save(keys, extracted);
  return {
    extracted,
    ...(store ? { cache: { hits: docs.length - missing.length, misses: missing.length, unreadable: store.unreadableLines } } : {}),
  };
}

/** The ids of a bundle's documents in its own number order (from its id shards). */
async function deltaOrder(bundle: Bundle): Promise<string[]> {
  const prefix = `bundle/${bundle.manifest.version}/id/`;
  const ids: string[] = [];
  for (const [key, value] of bundle.values) {
    if (!key.startsWith(prefix)) continue;
    for (const [id, n] of Object.entries(JSON.parse(value) as Record<string, number>)) ids[n] = id;
  }
  return ids;
}

/**
 * Writes the delta's values as bulk files of their own beside the archive's and replaces the live manifest (its
 * file, and `manifest.json`): the delta's files first, the live manifest last, so a crash half-way leaves the
 * archive as it was with a delta nothing names.
 */
async function writeUpdate(dir: string, delta: Bundle | undefined, live: Manifest): Promise<void> {
  if (delta) {
    // Bulk files within what `wrangler kv bulk put` takes, as the build's own, each with its index.
    const files: { pairs: Buffer[]; keys: string[] }[] = [{ pairs: [], keys: [] }];
    let bytes = 2;
    for (const [key, value] of delta.values) {
      const pair = Buffer.from(JSON.stringify({ key, value }));
      let current = files.at(-1) as { pairs: Buffer[]; keys: string[] };
      if (current.pairs.length > 0 && (current.pairs.length >= BULK_MAX_PAIRS || bytes + pair.length + 1 > BULK_MAX_BYTES)) {
        current = { pairs: [], keys: [] };
        files.push(current);
        bytes = 2;
      }
      current.pairs.push(pair);
      current.keys.push(key);
      bytes += pair.length + 1;
    }
    for (const [i, { pairs, keys }] of files.entries()) {
      await writeBulkFile(dir, `delta-${delta.manifest.version}-${String(i + 1).padStart(4, "0")}.json`, pairs, keys);
    }
    if (delta.lookup) await writeEntityLookup(dir, delta.manifest.version, delta.lookup);
    if (delta.trends) await writeTrendTable(dir, delta.manifest.version, delta.trends);
    if (delta.national) await writeNationalDefaults(dir, delta.manifest.version, delta.national);
  }
  const text = JSON.stringify(live);
  const liveFile = join(dir, "kv", LIVE_FILE);
  await writeFile(`${liveFile}.tmp`, JSON.stringify([{ key: LIVE_MANIFEST_KEY, value: text }]));
  await rename(`${liveFile}.tmp`, liveFile);
  await writeFile(join(dir, "manifest.json"), `${JSON.stringify(live, null, 2)}\n`);
}

/**
 * The archive's entity trends after its last update: the base's table, and what the deltas' say of the entities they
 * touched (the newest entry winning); undefined when a segment has none (written before trend tables).
 */
async function readTrends(dir: string, live: Manifest): Promise<{ base: TrendTable; newer: Map<string, TrendEntity> } | undefined> {
  const base = await readTrendTable(dir, live.version);
  if (!base) return undefined;
  const newer = new Map<string, TrendEntity>();
  for (const { version } of live.deltas ?? []) {
    const table = await readTrendTable(dir, version);
    if (!table) return undefined;
    for (const entity of table.entities()) newer.set(entity.id, entity);
  }
  return { base, newer };
}

/**
 * The archive's live documents dated after `cut` (ISO dates compare as text; "" is undated, before every date), in
 * number order, at most `most` of them (then the newest `most`), `skip` left out. Documents are numbered by date:
 * they are the top numbers, read down from the newest until one is dated `cut` or before (one metadata read of the
 * newest when the update's documents are all newer, as they usually are).
 * @example
 * await datedAfter(reader, "2026-03-04T10:00:00.000Z", new Set(), 1001); // [{ id: "d41", n: 41, date: "2026-03-04T11:…" }, …]
 */
async function datedAfter(
  reader: BundleReader,
  cut: string,
  skip: ReadonlySet<number>,
  most: number,
): Promise<{ id: string; n: number; date: string }[]> {
  const found: { id: string; n: number; date: string }[] = [];
  let top = reader.documents - 1;
  for (let batch = 16; top >= 0 && found.length < most; batch = Math.min(RANGE_BATCH, batch * 4)) {
    const wanted = Array.from({ length: Math.min(batch, top + 1) }, (_, i) => top - i);
    top -= wanted.length;
    const metas = await reader.metas(wanted.filter((n) => !skip.has(n)));
    for (const n of wanted) {
      const meta = metas.get(n);
      if (!meta) continue;
      if ((meta.date ?? "") <= cut) return found.reverse();
      found.push({ id: meta.id, n, date: meta.date ?? "" });
      if (found.length >= most) break;
    }
  }
  return found.reverse();
}

/**
 * The first and last dates of each entity's documents, given their numbers in increasing order: documents are
 * numbered by date (the undated first), so they are the dates of the lowest- and the highest-numbered dated one; read
 * from both ends, a few metadata reads in all, not the metadata of every document (at a million articles a country's
 * record lists hundreds of thousands).
 * @example
 * await endDates(reader, new Map([["kabul", [3, 17, 40]]])); // Map { "kabul" => ["2026-03-01…", "2026-03-09…"] }
 */
async function endDates(reader: BundleReader, numbers: ReadonlyMap<string, readonly number[]>): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const ends = [...numbers].filter(([, list]) => list.length > 0);
  const first = await reader.metas([...new Set(ends.flatMap(([, list]) => [list[0] as number, list.at(-1) as number]))]);
  // Where the first dated document is, for an entity whose lowest-numbered one is undated: in [lo, hi], hi dated.
  const search = new Map<string, { lo: number; hi: number; date: string; last: string }>();
  for (const [id, list] of numbers) {
    out.set(id, []);
    const last = list.length > 0 ? first.get(list.at(-1) as number)?.date : undefined;
    // The highest-numbered undated: none is dated.
    if (!last) continue;
    const lowest = first.get(list[0] as number)?.date;
    if (lowest) out.set(id, [lowest, last]);
    else search.set(id, { lo: 1, hi: list.length - 1, date: last, last });
  }
  // Halving: the undated come first, so a dated document's number is above every undated one's.
  while (search.size > 0) {
    const mid = (id: string) => {
      const { lo, hi } = search.get(id) as { lo: number; hi: number };
      return (numbers.get(id) as readonly number[])[(lo + hi) >> 1] as number;
    };
    const metas = await reader.metas([...new Set([...search.keys()].map(mid))]);
    for (const [id, range] of [...search]) {
      if (range.lo >= range.hi) {
        out.set(id, [range.date, range.last]);
        search.delete(id);
        continue;
      }
      const at = (range.lo + range.hi) >> 1;
      const date = metas.get(mid(id))?.date;
      if (date) Object.assign(range, { hi: at, date });
      else range.lo = at + 1;
    }
  }
  return out;
}

/** Numbers `datedRange` reads the metadata of at a time. */
const RANGE_BATCH = 256;

/**
 * The times (ms) of the newest and the oldest dated document the archive holds after the update: its own documents',
 * and the archive's live ones but `gone` (withdrawn, or moved by a correction of their date); NaN for both when none
 * has a date. Documents are numbered by date, the undated first: the newest is the first dated one from the top, the
 * oldest the first from where the date runs say the dated start.
 */
async function datedRange(reader: BundleReader, docs: readonly SourceDocument[], gone: ReadonlySet<number>): Promise<[number, number]> {
  let newest = Number.NEGATIVE_INFINITY;
  let oldest = Number.POSITIVE_INFINITY;
  const take = (date: string | undefined) => {
    const time = date ? Date.parse(date) : Number.NaN;
    if (Number.isNaN(time)) return false;
    newest = Math.max(newest, time);
    oldest = Math.min(oldest, time);
    return true;
  };
  for (const doc of docs) take(doc.date);
  const size = reader.documents;
  // The undated come first: the date runs say where the dated start (an archive without dates reads nothing).
  const first = (await reader.dates()).find(([day]) => day !== "")?.[1];
  if (first !== undefined) {
    const scan = async (numbers: (from: number) => number[]) => {
      for (let from = 0; from < size - first; from += RANGE_BATCH) {
        const wanted = numbers(from).filter((n) => n >= first && n < size && !gone.has(n));
        const metas = await reader.metas(wanted);
        for (const n of wanted) if (take(metas.get(n)?.date)) return;
      }
    };
    await scan((from) => Array.from({ length: RANGE_BATCH }, (_, i) => size - 1 - from - i));
    await scan((from) => Array.from({ length: RANGE_BATCH }, (_, i) => first + from + i));
  }
  return Number.isFinite(newest) ? [newest, oldest] : [Number.NaN, Number.NaN];
}

/** Values of each kind `baseCost` measures. */
const COST_SAMPLE = 16;

/**
 * What a cold two-word search reads of the base, which a delta's keys are planned against (`DeltaBase`): two of its
 * term shards and `SEARCH_META_BUCKETS` metadata buckets, measured on `COST_SAMPLE` of each spread over the base.
 * @example
 * await baseCost(source, live); // { queryBytes: 205_000, metaBucketBytes: 5_600 } at a million articles
 */
async function baseCost(source: KvSource, live: Manifest): Promise<DeltaBase> {
  const prefix = versionPrefix(live.version);
  const spread = (count: number) => [
    ...new Set(Array.from({ length: Math.min(COST_SAMPLE, count) }, (_, i) => Math.floor((i * count) / Math.min(COST_SAMPLE, count)))),
  ];
  const mean = async (kind: string, count: number) => {
    const values = [...(await source.getMany(spread(count).map((n) => `${prefix}${kind}/${n}`))).values()].filter(
      (v): v is string => v !== null,
    );
    return values.length === 0 ? 0 : values.reduce((n, v) => n + Buffer.byteLength(v, "utf8"), 0) / values.length;
  };
  const term = await mean("term", live.layout.term);
  const meta = await mean("meta", live.layout.metaBuckets);
  return { queryBytes: Math.round(2 * term + SEARCH_META_BUCKETS * meta), metaBucketBytes: Math.round(meta) };
}

/**
 * The base's documents at some numbers, read from its own values whatever holds the numbers now (a withdrawn or
 * corrected document's text as the base stored it).
 */
async function withdrawnOfBase(source: KvSource, live: Manifest, numbers: number[]): Promise<StoredDocument[]> {
  const all = [...new Set([...(live.withdrawn ?? []), ...numbers])];
  const size = live.layout.metaSize;
  const prefix = versionPrefix(live.version);
  const metaKeys = [...new Set(all.map((n) => `${prefix}meta/${Math.floor(n / size)}`))];
  const metaValues = await source.getMany(metaKeys);
  const metas = new Map(
    all.map((n) => {
      const text = metaValues.get(`${prefix}meta/${Math.floor(n / size)}`);
      return [n, text ? (parseValue("meta", JSON.parse(text)) as { id: string; bucket: number }[])[n % size] : undefined] as const;
    }),
  );
  const docValues = await source.getMany([...new Set([...metas.values()].flatMap((m) => (m ? [`${prefix}doc/${m.bucket}`] : [])))]);
  const out: StoredDocument[] = [];
  for (const meta of metas.values()) {
    if (!meta) continue;
    const bucket = docValues.get(`${prefix}doc/${meta.bucket}`);
    const doc = bucket ? (JSON.parse(bucket) as StoredDocument[]).find((d) => d.id === meta.id) : undefined;
    if (doc) out.push(doc);
  }
  return out;
}

/** Every segment's entity lookup (`kv-index/entities-<version>.*`), the base first; undefined when one has none. */
async function openLookups(dir: string, live: Manifest): Promise<EntityLookup[] | undefined> {
  const lookups = await Promise.all([live.version, ...(live.deltas ?? []).map((d) => d.version)].map((v) => readEntityLookup(dir, v)));
  return lookups.every((l): l is EntityLookup => l !== undefined) ? lookups : undefined;
}

/**
 * The keys the merger may resolve the update's names by: each name's merge key (as a person's, its title cut off; a
 * one-word headline name as the acronym prose writes), that key without a leading country, and a company's name
 * without its legal form (the gazetteer's for it, if any).
 */
function resolutionKeys(extracted: readonly DocumentNames[], keyOf: (surface: string) => string): Set<string> {
  const keys = new Set<string>();
  const texts = new Set<string>();
  for (const { mentions, untyped } of extracted) for (const m of [...mentions, ...untyped]) texts.add(m.text);
  const add = (key: string) => {
    if (!key || keys.has(key)) return;
    keys.add(key);
    const bare = withoutCountry(key);
    if (bare) keys.add(bare.rest);
    // "Japanese Finance Ministry": the archive's finance ministries, Japan's among them, are all named so.
    const national = nationalBodyOf(key);
    if (national) keys.add(national.rest);
    const stem = companyStem(key);
    const known = lookupGazetteer(stem);
    if (known) keys.add(nameKey(known.name));
    // "SK Hynix Inc" may be the archive's SK Hynix (the resolver's `companyOf`: names of two words or more).
    if (stem !== key && stem.includes(" ")) keys.add(stem);
  };
  // Keyed as the merger keys them (`writtenName`, as `occurrencesOf` does).
  for (const text of texts) {
    const { surface, key } = writtenName(text, false, keyOf);
    add(key);
    if (!/\s/u.test(surface)) add(keyOf(surface.toUpperCase()));
    add(writtenName(text, true, keyOf).key);
  }
  return keys;
}

/**
 * The archive entities the update's names may be, found by key in the segments' lookups (`entities/lookup.ts`): every
 * entity a name's key is the name, an alias or (a person's) surname of, as its newest record has them, as registry
 * entries. New entities may not take an id a live entity of the archive has (`isTaken`).
 */
async function candidatesByKey(
  lookups: readonly EntityLookup[],
  extracted: readonly DocumentNames[],
): Promise<{ registry: RegistryEntry[]; reserved: string[]; isTaken: (id: string) => boolean }> {
  const keyOf = mergeKeyCache();
  const keys = [...resolutionKeys(extracted, keyOf)].sort(byText);
  // Each entity found, with the keys it was found by: as the merger matches names only by those keys, they are all of
  // its aliases it needs.
  const found = new Map<string, { entity: Found; keys: Set<string> }>();
  const add = (entity: Found, key: string) => {
    const had = found.get(entity.id);
    if (had) had.keys.add(key);
    else found.set(entity.id, { entity, keys: new Set([key]) });
  };
  for (const key of keys) {
    for (const entity of entitiesUnder(lookups, key)) add(entity, key);
    // The people it is the surname of: the resolver asks only whether one full name has it, so two names tell.
    const names = new Set<string>();
    for (const entity of entitiesUnder(lookups, key, true)) {
      if (names.size >= 2) break;
      names.add(keyOf(entity.name));
      if (!found.has(entity.id)) found.set(entity.id, { entity, keys: new Set() });
    }
  }
  const registry = [...found.values()]
    .map(({ entity: { id, name, type }, keys }) => ({ id, name, type, mergeKeys: [...keys].sort(byText) }))
    .sort((a, b) => byText(a.id, b.id));
  return { registry, reserved: [], isTaken: (id) => hasId(lookups, id) };
}

/**
 * The archive entities the update's names may be (an archive written without entity lookups): those sharing a word with one of its names, found in the name
 * groups by the words' first letters (the merger reads nothing else of them), as registry entries; and their ids,
 * which new entities may not take (a new entity whose id an archive entity has would share its words).
 */
async function candidatesOf(
  reader: BundleReader,
  extracted: readonly DocumentNames[],
): Promise<{ registry: RegistryEntry[]; reserved: string[]; isTaken?: (id: string) => boolean }> {
  const words = new Set<string>();
  for (const { mentions, untyped } of extracted)
    for (const m of [...mentions, ...untyped]) for (const w of foldWords(m.text)) if (w.length >= MIN_PREFIX) words.add(w);
  const named = new Map<string, NamedEntity>();
  // Each word's own group (a cut group lists its most mentioned: an archive of millions of entities), 50 words a round trip.
  const all = [...words];
  for (let i = 0; i < all.length; i += 50)
    for (const { entities } of await Promise.all(all.slice(i, i + 50).map((w) => reader.entitiesWithWord(w))))
      for (const e of entities) named.set(e[1], e);
  const registry: RegistryEntry[] = [];
  for (const [name, id, type, , aliases] of named.values()) {
    const others = aliases.filter((a) => a !== name);
    if ([name, ...others].some((n) => foldWords(n).some((w) => words.has(w))))
      registry.push({ id, name, type: type as EntityType, aliases: others });
  }
  registry.sort((a, b) => byText(a.id, b.id));
  return { registry, reserved: [...named.keys()] };
}

/**
 * What the documents an update withdraws or supersedes gave the entities they name (mentions, the document, the
 * aliases they wrote, their month and date), by entity; and which of them had a date.
 */
async function contributionsOf(
  gone: readonly string[],
  documentOf: (id: string) => Promise<StoredDocument | undefined>,
): Promise<{ removed: Map<string, Removed>; goneDated: Map<string, boolean> }> {
  const removed = new Map<string, Removed>();
  const goneDated = new Map<string, boolean>();
  for (const id of gone) {
    const doc = await documentOf(id);
    if (!doc) continue;
    goneDated.set(id, doc.date !== undefined);
    const month = doc.date?.slice(0, 7);
    const counted = new Set<string>();
    for (const m of doc.mentions ?? []) {
      const r: Removed = removed.get(m.entity) ?? { docs: new Set(), mentions: 0, aliases: new Map(), months: new Map(), dates: [] };
      r.mentions++;
      r.docs.add(id);
      const surface = (m.field === "title" ? doc.title : doc.body).slice(m.start, m.end);
      r.aliases.set(surface, (r.aliases.get(surface) ?? 0) + 1);
      if (!counted.has(m.entity)) {
        counted.add(m.entity);
        if (month && /^\d{4}-\d{2}$/.test(month)) r.months.set(month, (r.months.get(month) ?? 0) + 1);
        if (doc.date) r.dates.push(doc.date);
      }
      removed.set(m.entity, r);
    }
  }
  return { removed, goneDated };
}

/**
 * Each document's entities as a build lists them (`MAX_ENTITIES_PER_DOCUMENT` at most): most named in it, then as it
 * first names them, with the names and types of their records after the update.
 */
function documentEntities(mentions: readonly EntityMention[][], records: readonly EntityRecord[]): EntityRef[][] {
  const refOf = new Map(records.map((r) => [r.id, { id: r.id, name: r.name, type: r.type }]));
  return mentions.map((list) => {
    const inDoc = new Map<string, number>();
    const first = new Map<string, number>();
    for (const m of list) {
      inDoc.set(m.entity, (inDoc.get(m.entity) ?? 0) + 1);
      if (m.start < (first.get(m.entity) ?? Number.POSITIVE_INFINITY)) first.set(m.entity, m.start);
    }
    return [...inDoc.keys()]
      .sort(
        (a, b) =>
          (inDoc.get(b) as number) - (inDoc.get(a) as number) ||
          (first.get(a) as number) - (first.get(b) as number) ||
          byText(refOf.get(a)?.name ?? a, refOf.get(b)?.name ?? b) ||
          byText(a, b),
      )
      .slice(0, MAX_ENTITIES_PER_DOCUMENT)
      .flatMap((id) => {
        const ref = refOf.get(id);
        return ref ? [ref] : [];
      });
  });
}
