/** @module Entity record shards: entity id → its record, sharded by `fnv1a(id)`; read by `/entities/:id`. */
import type { EntityRecord } from "../schema";
import { type Codec, jsonCodec } from "./codec";

export type EntityShard = Record<string, EntityRecord>;

export const entityCodec: Codec<EntityShard, "entity"> = jsonCodec<EntityShard, "entity">("entity", 2);
