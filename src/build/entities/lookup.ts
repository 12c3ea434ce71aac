/**
 * @module Where an update finds the archive's entities: each segment's entities filed under the keys the merger
 * resolves names by (`lookupKeys`) and under their ids, as a table of 64-bit hashes sorted for binary search, beside
 * the bulk files (`kv-index/entities-<version>.bin`, and `.ids.json`: each entity's id, name and type). Local to the
 * build: nothing of it is uploaded. An update looks up the keys of its names and reads the records of the entities it
 * touches, not every entity sharing a word with them.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type EntityRecord, type EntityType, entityTypes } from "../../format/schema";
import { mergeKey, mergeKeyCache } from "./keys";
import { type NationalDefaults, nationalBodyOfName } from "./resolve";

/**
 * An entity as a lookup files it: id, name, type (its index in `entityTypes`), and where its record is in its shard's
 * text (`[start, length]`; -1 when not known).
 */
export type FiledEntity = [id: string, name: string, type: number, start: number, length: number];

/** The entities of one segment, filed: `entries` holds `[hash, second hash, index into entities]` sorted by hash. */
export interface EntityLookup {
  entities: FiledEntity[];
  entries: Uint32Array;
}

/** What a lookup says of an entity: found under the key, with its name and type there. */
export interface Found {
  id: string;
  name: string;
  type: EntityType;
}

const KEY = "k\u0000";
const SURNAME = "s\u0000";
const ID = "#\u0000";
/** An id whose entity no live document names any more (a delta's record of no documents). */
const GONE = "-\u0000";

/**
 * Two independent 32-bit hashes of a string (64 bits: with millions of keys, a false match is one in billions).
 * @example
 * hash64("antony blinken"); // [h1, h2]
 */
export function hash64(text: string): [number, number] {
  let a = 0xdeadbeef;
  let b = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 2654435761);
    b = Math.imul(b ^ c, 1597334677);
  }
  a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
  return [a >>> 0, b >>> 0];
}

/**
 * The keys the merger can resolve a name to an entity by: the merge key of its name and of each alias (`exact`), and
 * for a person every last part of its name (`surnames`: "silk" and "kilroy silk" for Robert Kilroy-Silk).
 * @example
 * lookupKeys({ name: "Antony Blinken", type: "person", aliases: [{ name: "Blinken", count: 2 }] });
 * // { exact: ["antony blinken", "blinken"], surnames: ["blinken"] }
 */
export function lookupKeys(
  entity: Pick<EntityRecord, "name" | "type" | "aliases">,
  keyOf: (s: string) => string = mergeKey,
): { exact: string[]; surnames: string[] } {
  const exact = new Set<string>();
  const own = keyOf(entity.name);
  if (own) exact.add(own);
  for (const { name } of entity.aliases) {
    const key = keyOf(name);
    if (key) exact.add(key);
  }
  // A country's national body ("Japanese Finance Ministry") also under the body alone, as an update looks every
  // country's up by it ("Japan's Finance Ministry" is written "Finance Ministry" after the place).
  const body = entity.type === "organization" ? nationalBodyOfName(entity.name, keyOf)?.rest : undefined;
  if (body) exact.add(body);
  const surnames: string[] = [];
  if (entity.type === "person") {
    const words = own.split(" ");
    for (let n = 1; n < words.length; n++) surnames.push(words.slice(n).join(" "));
  }
  return { exact: [...exact], surnames };
}

/** Files each entity under its lookup keys and its id (an entity no document names any more as gone). */
export function fileEntities(
  entities: readonly (Pick<EntityRecord, "id" | "name" | "type" | "aliases"> & { documents?: { count: number } })[],
  placed: ReadonlyMap<string, [number, number]> = new Map(),
): EntityLookup {
  const triples: number[] = [];
  const keyOf = mergeKeyCache();
  const push = (text: string, i: number) => {
    const [h1, h2] = hash64(text);
    triples.push(h1, h2, i);
  };
  entities.forEach((entity, i) => {
    push((entity.documents?.count === 0 ? GONE : ID) + entity.id, i);
    const { exact, surnames } = lookupKeys(entity, keyOf);
    for (const key of exact) push(KEY + key, i);
    for (const key of surnames) push(SURNAME + key, i);
  });
  // First hash and position as one 64-bit number: a typed array sorts them natively.
  const count = triples.length / 3;
  const packed = new BigUint64Array(count);
  for (let i = 0; i < count; i++) packed[i] = (BigInt(triples[3 * i] as number) << 32n) | BigInt(i);
  packed.sort();
  const entries = new Uint32Array(triples.length);
  for (let to = 0; to < count; to++) {
    const from = Number((packed[to] as bigint) & 0xffffffffn);
    entries[3 * to] = triples[3 * from] as number;
    entries[3 * to + 1] = triples[3 * from + 1] as number;
    entries[3 * to + 2] = triples[3 * from + 2] as number;
  }
  return {
    entities: entities.map((e) => {
      const [start, length] = placed.get(e.id) ?? [-1, -1];
      return [e.id, e.name, entityTypes.indexOf(e.type), start, length];
    }),
    entries,
  };
}

const fileOf = (dir: string, version: string) => join(dir, "kv-index", `entities-${version}`);

/** Writes a segment's lookup beside its bulk files (`dir/kv-index`, which must exist). */
export async function writeEntityLookup(dir: string, version: string, lookup: EntityLookup): Promise<void> {
  const base = fileOf(dir, version);
  await writeFile(`${base}.ids.json`, JSON.stringify(lookup.entities));
  await writeFile(`${base}.bin`, new Uint8Array(lookup.entries.buffer, lookup.entries.byteOffset, lookup.entries.byteLength));
}

/** A segment's lookup, or undefined when the bundle was written without one (or it cannot be read). */
export async function readEntityLookup(dir: string, version: string): Promise<EntityLookup | undefined> {
  const base = fileOf(dir, version);
  try {
    const [ids, bytes] = await Promise.all([readFile(`${base}.ids.json`, "utf8"), readFile(`${base}.bin`)]);
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    const lookup = { entities: JSON.parse(ids) as FiledEntity[], entries: new Uint32Array(copy.buffer) };
    if (!Array.isArray(lookup.entities) || copy.byteLength % 12 !== 0) return undefined;
    return lookup;
  } catch {
    return undefined;
  }
}

/** Writes what a segment's merge decided of bodies every country has beside its bulk files (`dir/kv-index`, which must exist). */
export async function writeNationalDefaults(dir: string, version: string, national: NationalDefaults): Promise<void> {
  await writeFile(join(dir, "kv-index", `national-${version}.json`), JSON.stringify(national));
}

/** What a segment's merge decided of bodies every country has, or undefined when it was written without (or unreadable). */
export async function readNationalDefaults(dir: string, version: string): Promise<NationalDefaults | undefined> {
  try {
    const national = JSON.parse(await readFile(join(dir, "kv-index", `national-${version}.json`), "utf8")) as NationalDefaults;
    const bodies = national?.bodies;
    if (typeof bodies !== "object" || bodies === null || Object.values(bodies).some((c) => typeof c !== "string")) return undefined;
    if (!Array.isArray(national.written) || national.written.some((k) => typeof k !== "string")) return undefined;
    return national.home === undefined || typeof national.home === "string" ? national : undefined;
  } catch {
    return undefined;
  }
}

/** The entities filed under a text (with its tag) in one lookup. */
function filed(lookup: EntityLookup, text: string): FiledEntity[] {
  const [h1, h2] = hash64(text);
  const { entries, entities } = lookup;
  const count = entries.length / 3;
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[3 * mid] as number) < h1) lo = mid + 1;
    else hi = mid;
  }
  const out: FiledEntity[] = [];
  for (let i = lo; i < count && entries[3 * i] === h1; i++) {
    if (entries[3 * i + 1] === h2) out.push(entities[entries[3 * i + 2] as number] as FiledEntity);
  }
  return out;
}

/**
 * The live entities filed under `key` as a name or alias, or (`surname`) as a person's surname, as the newest segment
 * that files each has it (`lookups` go oldest, the base, first): an older segment's filing of an entity a newer one
 * files again is the older record's, and stands only if the newer one files it so too.
 */
export function entitiesUnder(lookups: readonly EntityLookup[], key: string, surname = false): Found[] {
  const text = (surname ? SURNAME : KEY) + key;
  const out = new Map<string, Found>();
  for (let i = lookups.length - 1; i >= 0; i--) {
    for (const [id, name, type] of filed(lookups[i] as EntityLookup, text)) {
      if (out.has(id)) continue;
      const newest = newestFiling(lookups, id);
      if (!newest?.live || newest.segment !== i) continue;
      out.set(id, { id, name, type: entityTypes[type] as EntityType });
    }
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The newest segment that files an id, with its filing and whether the entity is live there (a record of no documents
 * is not); undefined when no segment files it.
 */
export function newestFiling(
  lookups: readonly EntityLookup[],
  id: string,
): { segment: number; entity: FiledEntity; live: boolean } | undefined {
  for (let i = lookups.length - 1; i >= 0; i--) {
    const lookup = lookups[i] as EntityLookup;
    for (const live of [true, false]) {
      const entity = filed(lookup, (live ? ID : GONE) + id).find(([filedId]) => filedId === id);
      if (entity) return { segment: i, entity, live };
    }
  }
  return undefined;
}

/** Whether the archive has a live entity with this id (an update's new entities take other ids). */
export function hasId(lookups: readonly EntityLookup[], id: string): boolean {
  return newestFiling(lookups, id)?.live === true;
}
