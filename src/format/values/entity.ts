/**
 * @module Entity record shards: entity id → its record, sharded by `fnv1a(id)`; read by `/entities/:id`. A record's
 * related entities are stored as `[id, name, type, weight]` lists (`StoredEntity`): they are most of a record.
 */
import { type EntityRecord, entityTypes } from "../schema";
import type { Codec } from "./codec";
import { afterString, LazyObject, lazyCodec } from "./lazy-object";

/** A related entity as stored: id, name, type (its index in `entityTypes`), weight. */
export type PackedRelated = [id: string, name: string, type: number, weight: number];

/** An entity record as a shard stores it: its related entities packed. */
export type StoredEntity = Omit<EntityRecord, "related"> & { related: PackedRelated[] };

export type EntityShard = Record<string, StoredEntity>;

/**
 * A record as a shard stores it (`unpackEntity` gives it back), its documents last: a page that shows the first of
 * them reads the record without parsing the rest (`EntityShardText.capped`).
 * @example
 * packEntity(record).related[0]; // ["kabul", "Kabul", 2, 3]
 */
export function packEntity(record: EntityRecord): StoredEntity {
  const { documents, ...rest } = record;
  return { ...rest, related: record.related.map((r) => [r.id, r.name, entityTypes.indexOf(r.type), r.weight]), documents };
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
 * one record.
 * @example
 * new EntityShardText('{"kabul":{"id":"kabul"}}').get("kabul"); // { id: "kabul" }
 */
export class EntityShardText extends LazyObject<StoredEntity> {
  /**
   * A record as stored with at most `maxIds` of its documents' ids (the first, in archive order; `documents.count`
   * says how many there are). In a bundle whose records are written documents last (`idsLast`: its layout's
   * `entityIdsLast`, see `packEntity`) it is parsed up to them: at a million articles a country's record lists 258,454
   * documents, 3.2 MB, ~18 ms to parse whole. Any other is parsed whole and cut (a record of before may end with a
   * registry field that ends as its documents do). Throws when its text is no JSON.
   */
  capped(id: string, maxIds: number, idsLast: boolean): StoredEntity | undefined {
    const place = this.span(id);
    if (!place) return undefined;
    const [start, end] = place;
    const text = this.text;
    const at = idsLast ? text.indexOf(DOCUMENTS, start) : -1;
    // Its documents last: `"documents":{"count":N,"ids":[…]}}` closes the record.
    if (at >= 0 && at < end && text.startsWith("]}}", end - 3)) {
      const ids = text.indexOf(IDS, at + DOCUMENTS.length);
      if (ids >= 0 && ids < end) {
        let cut = ids + IDS.length;
        let kept = 0;
        while (kept < maxIds && text.charCodeAt(cut) === QUOTE) {
          cut = afterString(text, cut);
          kept++;
          if (text.charCodeAt(cut) === COMMA) cut++;
        }
        if (text.charCodeAt(cut) === CLOSE) return JSON.parse(text.slice(start, end)) as StoredEntity;
        const head = text.slice(start, cut).replace(/,$/u, "");
        return JSON.parse(`${head}]}}`) as StoredEntity;
      }
    }
    const whole = this.get(id) as StoredEntity & Pick<EntityRecord, "documents">;
    return { ...whole, documents: { count: whole.documents.count, ids: whole.documents.ids.slice(0, maxIds) } };
  }
}

const DOCUMENTS = '"documents":{"count":';
const IDS = '"ids":[';
const QUOTE = 34;
const COMMA = 44;
const CLOSE = 93;

/**
 * Entity shards: read from their text (`fromText`, no parse of the records), or, when the text does not scan, parsed
 * and checked as any value is.
 */
export const entityCodec: Codec<EntityShardText, "entity"> = lazyCodec("entity", 2, (text) => new EntityShardText(text));
