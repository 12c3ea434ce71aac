/** @module Prefix shards: per prefix group (a word's first 2 or 3 letters), completions most frequent first and entities; read by typeahead, suggestions and typo corrections. */
import { type Codec, isObject } from "./codec";
import { LazyObject, lazyCodec } from "./lazy-object";

/** One prefix group: completions `[word, documentFrequency]` most frequent first, and entities `[name, id, type, mentions]`. */
export interface PrefixGroup {
  terms: [string, number][];
  entities: [string, string, string, number][];
  /**
   * Words of another group that are this group's key with one of their first letters left out, most frequent first:
   * where a typo among a word's first letters finds it ("knya" and "kanya" look here, under "kny", for "kenya").
   * Absent in bundles built before them.
   */
  near?: [string, number][];
}

/** One prefix shard: per prefix group, its completions and entities. */
export type PrefixShard = Record<string, PrefixGroup>;

/**
 * A prefix shard as read: its JSON text, a group parsed (and its shape checked) only when asked. A completion wants
 * one group of a shard's hundreds, in every segment: parsing whole shards of ~100 KB took a cold completion over 8
 * deltas past the Free plan's 10 ms of CPU.
 * @example
 * new PrefixShardText('{"ka":{"terms":[["kabul",3]],"entities":[]}}').get("ka")?.terms; // [["kabul", 3]]
 */
export class PrefixShardText extends LazyObject<PrefixGroup> {
  /** Throws when the group's text is no JSON, or no group (its completions `[word, count]` and entities, each a list). */
  override get(group: string): PrefixGroup | undefined {
    const value = super.get(group);
    if (value !== undefined && !isGroup(value)) throw new Error(`prefix group ${JSON.stringify(group)} is no group`);
    return value;
  }
}

const isGroup = (value: unknown): value is PrefixGroup =>
  isObject(value) &&
  Array.isArray((value as PrefixGroup).terms) &&
  (value as PrefixGroup).terms.every((t) => Array.isArray(t) && typeof t[0] === "string" && typeof t[1] === "number") &&
  Array.isArray((value as PrefixGroup).entities) &&
  (value as PrefixGroup).entities.every(
    (e) => Array.isArray(e) && typeof e[0] === "string" && typeof e[1] === "string" && typeof e[2] === "string" && typeof e[3] === "number",
  ) &&
  ((value as PrefixGroup).near === undefined ||
    (Array.isArray((value as PrefixGroup).near) &&
      ((value as PrefixGroup).near as unknown[]).every((t) => Array.isArray(t) && typeof t[0] === "string" && typeof t[1] === "number")));

/** A prefix shard's text, as the build stores it. */
export const encodePrefixShard = (shard: PrefixShard): string => JSON.stringify(shard);

/** Prefix shards: read from their text (`fromText`, no group parsed), or, when the text does not scan, parsed and checked. */
export const prefixCodec: Codec<PrefixShardText, "prefix"> = lazyCodec("prefix", 3, (text) => new PrefixShardText(text));
