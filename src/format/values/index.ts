/** @module Every kind of bundle value and its codec: the one table the writer encodes with and the reader parses with. */
import type { KeyKind } from "../bundle";
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
import { tailCodec } from "./tail";
import { termCodec } from "./term";

export const codecs: { [K in KeyKind]: Codec<unknown> } = {
  term: termCodec,
  tail: tailCodec,
  names: namesCodec,
  meta: metaCodec,
  doc: docCodec,
  id: idCodec,
  prefix: prefixCodec,
  entity: entityCodec,
  "entity-list": entityListCodec,
  dates: datesCodec,
  manifest: manifestCodec,
} as { [K in KeyKind]: Codec<unknown> };

/**
 * A value of some kind from its parsed JSON, shape-checked; throws on the wrong shape.
 * @example
 * parseValue("term", JSON.parse(text)); // { title: [...], text: [...], entity: [...] }
 */
export function parseValue(kind: KeyKind, raw: unknown): unknown {
  return codecs[kind].parse(raw);
}
