/** @module Entity name shards: per prefix group of each word of a name or alias, its entities most mentioned first; read by `/entities?q=` and alias lookups. */
import { type Codec, jsonCodec } from "./codec";

/** An entity as the name index lists it: `[name, id, type, mentions, other names (aliases)]`. */
export type NamedEntity = [string, string, string, number, string[]];
/**
 * A name group of more entities than a group lists (`NAME_GROUP_ENTRIES`): its most mentioned, and of each type its
 * most mentioned (`top`, most mentioned first), and how many it holds in all (`count`) and of each type (`types`). Its
 * words go on in groups one letter longer.
 */
export interface CutNameGroup {
  top: NamedEntity[];
  count: number;
  types: Record<string, number>;
}
/** A name group: its entities, most mentioned first (all of them), or a cut group's. */
export type NameGroup = NamedEntity[] | CutNameGroup;
/**
 * One name shard: per prefix group (the first 2 and 3 letters of each word of a name or alias, and one letter more
 * under each cut group, until a group lists all its entities or is a whole word), its entities, most mentioned first.
 */
export type NameShard = Record<string, NameGroup>;

const isNamed = (e: unknown) =>
  Array.isArray(e) &&
  typeof e[0] === "string" &&
  typeof e[1] === "string" &&
  typeof e[2] === "string" &&
  typeof e[3] === "number" &&
  Array.isArray(e[4]);

/** A group's value: a list of entities, or a cut group's `{ top, count, types }`. */
function isGroup(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isNamed);
  if (typeof value !== "object" || value === null) return false;
  const { top, count, types } = value as Partial<CutNameGroup>;
  return (
    Array.isArray(top) &&
    top.every(isNamed) &&
    Number.isInteger(count) &&
    typeof types === "object" &&
    types !== null &&
    Object.values(types).every((n) => Number.isInteger(n))
  );
}

export const namesCodec: Codec<NameShard, "names"> = jsonCodec<NameShard, "names">("names", 2, (raw) => {
  if (Array.isArray(raw) || !Object.values(raw).every(isGroup)) throw new Error("not name groups");
});
