/** @module Id shards: a document's external id → its number, sharded by `fnv1a(id)`; read by `/documents/:id`. */
import { type Codec, jsonCodec } from "./codec";

export type IdShard = Record<string, number>;

export const idCodec: Codec<IdShard, "id"> = jsonCodec<IdShard, "id">("id", 4.5);
