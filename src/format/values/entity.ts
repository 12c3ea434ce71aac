/**
 * @module Entity record shards: entity id → its record, sharded by `fnv1a(id)`; read by `/entities/:id`. A record's
 * related entities are stored as `[id, name, type, weight]` lists (`StoredEntity`): they are most of a record.
 */
import { type EntityRecord, entityTypes } from "../schema";
import { type Codec, jsonCodec } from "./codec";

/** A related entity as stored: id, name, type (its index in `entityTypes`), weight. */
export type PackedRelated = [id: string, name: string, type: number, weight: number];

/** An entity record as a shard stores it: its related entities packed. */
export type StoredEntity = Omit<EntityRecord, "related"> & { related: PackedRelated[] };

export type EntityShard = Record<string, StoredEntity>;

/**
 * A record as a shard stores it (`unpackEntity` gives it back).
 * @example
 * packEntity(record).related[0]; // ["kabul", "Kabul", 2, 3]
 */
export function packEntity(record: EntityRecord): StoredEntity {
  return { ...record, related: record.related.map((r) => [r.id, r.name, entityTypes.indexOf(r.type), r.weight]) };
}

/**
 * A stored record as the API answers it. Throws on related entities that cannot be read.
 * @example
 * unpackEntity(stored).related[0]; // { id: "kabul", name: "Kabul", type: "place", weight: 3 }
 */
export function unpackEntity(stored: StoredEntity): EntityRecord {
  if (!Array.isArray(stored.related)) throw new Error("an entity without its related list");
  const related = stored.related.map((packed) => {
    const [id, name, type, weight] = Array.isArray(packed) ? packed : [];
    const kind = entityTypes[type as number];
    if (typeof id !== "string" || typeof name !== "string" || !kind || typeof weight !== "number") {
      throw new Error("a related entity that cannot be read");
    }
    return { id, name, type: kind, weight };
  });
  return { ...stored, related } as EntityRecord;
}

/**
 * A shard of entity records as read: its JSON text, each record parsed only when asked. A delta's shards at a million
 * articles hold ~1 MB of records (popular entities list every document), 8 ms to parse whole; one entity page wants
 * one record. Its top-level keys are found in one pass that skips strings with `indexOf`.
 * @example
 * new EntityShardText('{"kabul":{"id":"kabul"}}').get("kabul"); // { id: "kabul" }
 */
export class EntityShardText {
  private readonly at: Map<string, [number, number]>;

  /** Throws when the text is no JSON object (see `topLevel`). */
  constructor(readonly text: string) {
    this.at = topLevel(text);
  }

  /** A shard read from parsed JSON (the text did not scan: `entityCodec` checks it as any value). */
  static fromParsed(raw: EntityShard): EntityShardText {
    return new EntityShardText(JSON.stringify(raw));
  }

  has(id: string): boolean {
    return this.at.has(id);
  }

  /** A record as stored, parsed now; undefined when the shard has none. Throws when its text is no JSON. */
  get(id: string): StoredEntity | undefined {
    const place = this.at.get(id);
    return place ? (JSON.parse(this.text.slice(place[0], place[1])) as StoredEntity) : undefined;
  }

  ids(): string[] {
    return [...this.at.keys()];
  }
}

const QUOTE = 34;
const BACKSLASH = 92;

/** The index after the string that starts at `i` (a quote); throws when it does not end. */
function afterString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const quote = text.indexOf('"', j);
    if (quote < 0) throw new Error("a string that does not end");
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    j = quote + 1;
  }
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The index after the value that starts at `i`: strings and nested objects and arrays skipped whole. */
function afterValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return afterString(text, i);
  if (c !== 123 && c !== 91) {
    let j = i;
    for (let d = text.charCodeAt(j); j < text.length && d !== 44 && d !== 125 && d !== 93 && !isSpace(d); d = text.charCodeAt(++j));
    if (j === i) throw new Error("a missing value");
    return j;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === QUOTE) j = afterString(text, j) - 1;
    else if (d === 123 || d === 91) depth++;
    else if (d === 125 || d === 93) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  throw new Error("an object or array that does not end");
}

/** Where each top-level key's value is in a JSON object's text; throws when the text is no JSON object. */
function topLevel(text: string): Map<string, [number, number]> {
  const at = new Map<string, [number, number]>();
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== 123) throw new Error("not an object");
  i = skipSpace(text, i + 1);
  if (text.charCodeAt(i) === 125) {
    if (skipSpace(text, i + 1) !== text.length) throw new Error("text after the object");
    return at;
  }
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) throw new Error("a key that is no string");
    const keyEnd = afterString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 58) throw new Error("a key without its value");
    const start = skipSpace(text, i + 1);
    i = afterValue(text, start);
    at.set(key, [start, i]);
    i = skipSpace(text, i);
    const c = text.charCodeAt(i);
    if (c === 44) {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (c === 125 && skipSpace(text, i + 1) === text.length) return at;
    throw new Error("an object that does not end");
  }
}

const shardCheck = jsonCodec<EntityShard, "entity">("entity", 2, (raw) => {
  if (Array.isArray(raw)) throw new Error("not a shard of entities");
});

/**
 * Entity shards: read from their text (`fromText`, no parse of the records), or, when the text does not scan, parsed
 * and checked as any value is.
 */
export const entityCodec: Codec<EntityShardText, "entity"> = {
  kind: "entity",
  heapPerChar: 2,
  encode: (shard) => shard.text,
  parse: (raw) => EntityShardText.fromParsed(shardCheck.parse(raw)),
  fromText(text) {
    try {
      return new EntityShardText(text);
    } catch {
      return undefined;
    }
  },
};
