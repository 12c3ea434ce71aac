/** @module Pages of the entity list, for all types and for each type, most mentioned first, and of the trending lists; read by `/entities`. */
import { type Codec, jsonCodec } from "./codec";

export interface EntityPage {
  /** Entities in the whole list. */
  total: number;
  items: { id: string; name: string; type: string; mentions: number; documents: number; trend?: Trend }[];
}

/**
 * How much more an entity appears lately (a trending list's): its documents in the last `days` before the newest
 * document, its documents before, and `score`, the first over what its earlier rate would give in as many days
 * (both plus one).
 */
export interface Trend {
  recent: number;
  before: number;
  score: number;
}

export const entityListCodec: Codec<EntityPage, "entity-list"> = jsonCodec<EntityPage, "entity-list">("entity-list", 2);
