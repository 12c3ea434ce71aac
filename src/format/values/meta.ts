/**
 * @module Metadata buckets: `metaSize` documents' titles, dates, snippet sources and entities, by document number; read for every page of hits.
 * Neighbouring documents almost always share a document bucket, so a document's `bucket` is stored only when it differs
 * from the one before it in the same metadata bucket (about 36 bytes less per bucket read).
 */
import type { DocMeta } from "../schema";
import { type Codec, isObject } from "./codec";

export const metaCodec: Codec<DocMeta[], "meta"> = {
  kind: "meta",
  heapPerChar: 1.5,
  encode(metas) {
    return JSON.stringify(
      metas.map((meta, i) => {
        if (i === 0 || meta.bucket !== metas[i - 1]?.bucket) return meta;
        const { bucket: _, ...rest } = meta;
        return rest;
      }),
    );
  },
  parse(raw) {
    if (!Array.isArray(raw)) throw new Error("not a list of documents");
    let bucket: unknown;
    for (const meta of raw as unknown[]) {
      if (!isObject(meta)) throw new Error("not a document");
      const entry = meta as { bucket?: unknown };
      if (entry.bucket === undefined) entry.bucket = bucket;
      if (!Number.isInteger(entry.bucket)) throw new Error("a document without its bucket");
      bucket = entry.bucket;
    }
    return raw as DocMeta[];
  },
};
