/** @module Metadata buckets: `metaSize` documents' titles, dates, snippet sources and entities, by document number; read for every page of hits. */
import type { DocMeta } from "../schema";
import { type Codec, jsonCodec } from "./codec";

export const metaCodec: Codec<DocMeta[], "meta"> = jsonCodec<DocMeta[], "meta">("meta", 1.5);
