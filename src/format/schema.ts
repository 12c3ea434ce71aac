/** @module The shapes stored in a bundle: documents, entities and the manifest, as zod schemas and their types. */
import { z } from "zod";

export const entityTypes = ["person", "organization", "place"] as const;
export const EntityType = z.enum(entityTypes);
export type EntityType = z.infer<typeof EntityType>;

/** A document as the build reads it, before it is indexed. */
export const SourceDocument = z.object({
  id: z.string().min(1),
  title: z.string(),
  body: z.string().min(1),
  date: z.string().optional(),
  url: z.string().optional(),
  /** Language (ISO 639-1 code, "und" undetermined): the record's own `lang`/`language`, else detected by the build. */
  lang: z.string().optional(),
  /** Any extra fields of the input record, kept as metadata. */
  meta: z.record(z.string(), z.unknown()).default({}),
});
export type SourceDocument = z.infer<typeof SourceDocument>;

/**
 * A document's near-duplicates: its group (the number of the group's first document, which names it), how many other
 * documents the group holds, and the ids of the first 20 of them.
 */
export const Duplicates = z.object({ group: z.number().int(), count: z.number().int(), ids: z.array(z.string()) });
export type Duplicates = z.infer<typeof Duplicates>;

/** A reference to an entity, as embedded in search hits and documents. */
export const EntityRef = z.object({ id: z.string(), name: z.string(), type: EntityType });
export type EntityRef = z.infer<typeof EntityRef>;

/** One real-world entity and what the corpus says about it. */
export const EntityRecord = z
  .object({
    id: z.string(),
    name: z.string(),
    type: EntityType,
    aliases: z.array(z.object({ name: z.string(), count: z.number().int() })),
    roles: z.array(z.string()),
    mentions: z.number().int(),
    documents: z.object({ count: z.number().int(), ids: z.array(z.string()) }),
    related: z.array(EntityRef.extend({ weight: z.number() })),
    first_seen: z.string().optional(),
    last_seen: z.string().optional(),
    /** Its dated documents a month, `[YYYY-MM, documents]`, oldest first, months without any left out. */
    timeline: z.array(z.tuple([z.string(), z.number().int()])).optional(),
    /** The ids of the (at most 10) documents naming it most, most mentions first. */
    top_documents: z.array(z.string()).optional(),
  })
  .passthrough();
export type EntityRecord = z.infer<typeof EntityRecord>;

/** What a search hit needs of a document: stored in metadata buckets. */
export const DocMeta = z.object({
  id: z.string(),
  title: z.string(),
  date: z.string().optional(),
  url: z.string().optional(),
  /** The start of the body, which snippets are cut from. */
  text: z.string(),
  /** The document's language (absent: English); its words are stemmed in it. */
  lang: z.string().optional(),
  entities: z.array(EntityRef),
  /** Its values of the bundle's facets (`engine.facets`), as the records wrote them, when it has any. */
  fields: z.record(z.string(), z.array(z.string())).optional(),
  /** Its near-duplicates (the same story re-run), when it has any: see `Duplicates`. */
  duplicates: Duplicates.optional(),
  /** The document bucket holding the whole document. */
  bucket: z.number().int(),
});
export type DocMeta = z.infer<typeof DocMeta>;

/** Where an entity is named in a document: UTF-16 offsets into its body (or its title, `field: "title"`). */
export const Mention = z.object({
  start: z.number().int(),
  end: z.number().int(),
  entity: z.string(),
  type: EntityType,
  field: z.enum(["title", "body"]),
});
export type Mention = z.infer<typeof Mention>;

/** The whole document, as `/documents/:id` answers it. */
export const StoredDocument = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  date: z.string().optional(),
  url: z.string().optional(),
  /** The document's language: ISO 639-1 code, "und" when undetermined (absent from bundles of before it). */
  lang: z.string().optional(),
  meta: z.record(z.string(), z.unknown()),
  entities: z.array(EntityRef),
  /** Every mention of an entity, in text order (absent from bundles built without entities). */
  mentions: z.array(Mention).optional(),
});
export type StoredDocument = z.infer<typeof StoredDocument>;
