/** @module Document buckets: whole documents packed by size (each metadata record names its bucket); read by `/documents/:id`. */
import type { StoredDocument } from "../schema";
import { type Codec, jsonCodec } from "./codec";

export const docCodec: Codec<StoredDocument[], "doc"> = jsonCodec<StoredDocument[], "doc">("doc", 2);

/** One document's JSON, measured by the build to pack buckets by size. */
export const encodeDocument = (doc: StoredDocument): string => JSON.stringify(doc);

/**
 * A bucket from documents already encoded: the same text as `docCodec.encode` of the documents.
 * @example
 * encodeBucket([encodeDocument(a), encodeDocument(b)]);
 */
export const encodeBucket = (documents: string[]): string => `[${documents.join(",")}]`;
