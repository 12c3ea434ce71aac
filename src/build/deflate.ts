/** @module Deflating a value for storage (see `src/format/values/deflated.ts`, which the reader inflates with). */
import { deflateRawSync } from "node:zlib";
import { DEFLATED_MARK } from "../format/values/deflated";

/**
 * A value deflated for storage: `~` and the base64 of its deflate-raw bytes (level 9; the same text always gives the
 * same value with the same Node).
 * @example
 * deflateValue('{"a":1}').startsWith("~"); // true
 */
export function deflateValue(text: string): string {
  return DEFLATED_MARK + deflateRawSync(Buffer.from(text, "utf8"), { level: 9 }).toString("base64");
}
