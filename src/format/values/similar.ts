/**
 * @module Related articles: a document's external id → its most similar documents, `[[number, cosine], ...]` best
 * first, sharded by the same hash as the id shards (`fnv1a(id)`, `layout.similar` shards), so a lookup reads both in one round trip.
 */
import { type Codec, jsonCodec } from "./codec";

export type SimilarShard = Record<string, [number, number][]>;

export const similarCodec: Codec<SimilarShard, "similar"> = jsonCodec<SimilarShard, "similar">("similar", 4.5, (raw) => {
  for (const list of Object.values(raw)) {
    if (!Array.isArray(list) || !list.every((p) => Array.isArray(p) && Number.isInteger(p[0]) && typeof p[1] === "number"))
      throw new Error("not a list of related documents");
  }
});
