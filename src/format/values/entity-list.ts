/** @module Pages of the entity list, for all types and for each type, most mentioned first; read by `/entities`. */
import { type Codec, jsonCodec } from "./codec";

export interface EntityPage {
  /** Entities in the whole list. */
  total: number;
  items: { id: string; name: string; type: string; mentions: number; documents: number }[];
}

export const entityListCodec: Codec<EntityPage, "entity-list"> = jsonCodec<EntityPage, "entity-list">("entity-list", 2);
