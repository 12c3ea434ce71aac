/** @module Entity name shards: per prefix group of each word of a name or alias, its entities most mentioned first; read by `/entities?q=` and alias lookups. */
import { type Codec, jsonCodec } from "./codec";

/** An entity as the name index lists it: `[name, id, type, mentions, other names (aliases)]`. */
export type NamedEntity = [string, string, string, number, string[]];
/** One name shard: per prefix group (the first 2 and 3 letters of each word of a name or alias), its entities, most mentioned first. */
export type NameShard = Record<string, NamedEntity[]>;

export const namesCodec: Codec<NameShard, "names"> = jsonCodec<NameShard, "names">("names", 2);
