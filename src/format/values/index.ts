/** @module Every kind of bundle value and its codec: the one table of kinds, that key names, the writer and the reader all follow. A new kind is a codec module and its line here. */
import { bitsCodec } from "./bits";
import type { Codec } from "./codec";
import { datesCodec } from "./dates";
import { docCodec } from "./doc";
import { entityCodec } from "./entity";
import { entityListCodec } from "./entity-list";
import { idCodec } from "./id";
import { manifestCodec } from "./manifest";
import { metaCodec } from "./meta";
import { namesCodec } from "./names";
import { prefixCodec } from "./prefix";
import { similarCodec } from "./similar";
import { tailCodec } from "./tail";
import { termCodec } from "./term";

export const codecs = {
  term: termCodec,
  tail: tailCodec,
  bits: bitsCodec,
  names: namesCodec,
  meta: metaCodec,
  doc: docCodec,
  id: idCodec,
  similar: similarCodec,
  prefix: prefixCodec,
  entity: entityCodec,
  "entity-list": entityListCodec,
  dates: datesCodec,
  manifest: manifestCodec,
};

/** The kinds of value a bundle holds: the codec table's names. */
export type KeyKind = keyof typeof codecs;
export const keyKinds = Object.keys(codecs) as KeyKind[];
/** What a value of kind `K` parses to. */
export type ValueOf<K extends KeyKind> = (typeof codecs)[K] extends Codec<infer T, string> ? T : never;

/**
 * A value of some kind from its parsed JSON, shape-checked; throws on the wrong shape.
 * @example
 * parseValue("term", JSON.parse(text)); // { title: [...], text: [...], entity: [...] }
 */
export function parseValue(kind: KeyKind, raw: unknown): unknown {
  return codecs[kind].parse(raw);
}
