/**
 * @module Document buckets: whole documents packed by size (each metadata record names its bucket); read by `/documents/:id`.
 * A document's mentions are stored packed (`PackedMentions`): the entity ids once each and four numbers a mention,
 * a third of what the same list of objects takes.
 */
import { entityTypes, type Mention, type StoredDocument } from "../schema";
import { type Codec, isObject, jsonCodec } from "./codec";

/** A document's mentions as stored: the ids of the entities they name, once each, then four numbers a mention. */
export interface PackedMentions {
  entities: string[];
  /** Per mention: `3 · field + type` (field 0 title, 1 body; type as in `entityTypes`), start, end, its entity's index. */
  spans: number[];
}

/** A document as a bucket stores it: its mentions packed. */
export type StoredDocumentValue = Omit<StoredDocument, "mentions"> & { mentions?: PackedMentions };

const FIELDS = ["title", "body"] as const;

/**
 * Packs mentions for storage (`unpackMentions` gives them back).
 * @example
 * packMentions([{ start: 0, end: 5, entity: "kabul", type: "place", field: "title" }]);
 * // { entities: ["kabul"], spans: [2, 0, 5, 0] }
 */
export function packMentions(mentions: readonly Mention[]): PackedMentions {
  const entities: string[] = [];
  const index = new Map<string, number>();
  const spans: number[] = [];
  for (const m of mentions) {
    let n = index.get(m.entity);
    if (n === undefined) {
      n = entities.length;
      entities.push(m.entity);
      index.set(m.entity, n);
    }
    spans.push(3 * FIELDS.indexOf(m.field) + entityTypes.indexOf(m.type), m.start, m.end, n);
  }
  return { entities, spans };
}

/**
 * The mentions of `packMentions`, as `/documents/:id` answers them. Throws on a packed list that cannot be read.
 * @example
 * unpackMentions({ entities: ["kabul"], spans: [2, 0, 5, 0] }); // [{ start: 0, end: 5, entity: "kabul", type: "place", field: "title" }]
 */
export function unpackMentions(packed: PackedMentions): Mention[] {
  const { entities, spans } = packed;
  if (!Array.isArray(entities) || !Array.isArray(spans) || spans.length % 4 !== 0) throw new Error("not packed mentions");
  const out: Mention[] = [];
  for (let i = 0; i < spans.length; i += 4) {
    const [code, start, end, n] = [spans[i], spans[i + 1], spans[i + 2], spans[i + 3]] as number[];
    const field = FIELDS[Math.floor((code as number) / 3)];
    const type = entityTypes[(code as number) % 3];
    const entity = entities[n as number];
    if (!field || !type || typeof entity !== "string" || !Number.isInteger(start) || !Number.isInteger(end)) {
      throw new Error("a mention that cannot be read");
    }
    out.push({ start: start as number, end: end as number, entity, type, field });
  }
  return out;
}

export const docCodec: Codec<StoredDocumentValue[], "doc"> = jsonCodec<StoredDocumentValue[], "doc">("doc", 2, (raw) => {
  if (!Array.isArray(raw) || !raw.every(isObject)) throw new Error("not a list of documents");
});

/** One document's JSON as a bucket stores it (mentions packed), measured by the build to pack buckets by size. */
export const encodeDocument = (doc: StoredDocument): string =>
  JSON.stringify(doc.mentions ? { ...doc, mentions: packMentions(doc.mentions) } : doc);

/**
 * A bucket from documents already encoded: the same text as `docCodec.encode` of the stored documents.
 * @example
 * encodeBucket([encodeDocument(a), encodeDocument(b)]);
 */
export const encodeBucket = (documents: string[]): string => `[${documents.join(",")}]`;
