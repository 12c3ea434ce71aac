/** @module The plain-data shapes the entity extractor and merger pass around. */
import type { EntityType } from "../../format/schema";

/** One mention of a named entity: a span of the text it was found in. */
export interface Mention {
  /** Exactly `text.slice(start, end)` of the source text (possessive and leading "the" already cut). */
  text: string;
  type: EntityType;
  start: number;
  end: number;
  /** A title or job seen right before a person ("press secretary", "Secretary of State"). */
  role?: string;
}

/** A mention with the index of the sentence it was found in, for co-occurrence. */
export interface LocatedMention extends Mention {
  sentence: number;
  /** Found in a title-case or capitals headline, where "Gatt" or "NATO" says nothing of how the name is spelt. */
  headline?: boolean;
}

/** A name found in a text that nothing in the text types ("Kirby's figures" alone). */
export interface UntypedName {
  text: string;
  start: number;
  end: number;
  sentence: number;
}

/** What the extractor hands the merger for one document. */
export interface DocumentNames {
  mentions: LocatedMention[];
  /** Typed by the merger when the rest of the corpus knows the name, dropped otherwise. */
  untyped: UntypedName[];
}

/** A document as the merger reads it. */
export interface EntityDocument {
  id: string;
  title: string;
  body: string;
  date?: string;
  /** The document's language (ISO 639-1, "und" undetermined): entities are extracted from English and undetermined text only. */
  lang?: string;
}

/** A curated entity (`seeds/entities.json`): it wins over whatever the extractor guessed. */
export interface RegistryEntry {
  id: string;
  name: string;
  type: EntityType;
  aliases?: string[];
  /** Merge keys it goes by besides its name's and aliases' (an update's archive entities: the keys they were found by). */
  mergeKeys?: string[];
  description?: string;
  url?: string;
  [extra: string]: unknown;
}
