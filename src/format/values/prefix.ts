/** @module Prefix shards: per prefix group (a word's first 2 or 3 letters), completions most frequent first and entities; read by typeahead, suggestions and typo corrections. */
import { type Codec, jsonCodec } from "./codec";

/** One prefix shard: per prefix group, completions `[word, documentFrequency]` most frequent first, and entities `[name, id, type, mentions]`. */
export type PrefixShard = Record<string, { terms: [string, number][]; entities: [string, string, string, number][] }>;

export const prefixCodec: Codec<PrefixShard, "prefix"> = jsonCodec<PrefixShard, "prefix">("prefix", 6);
