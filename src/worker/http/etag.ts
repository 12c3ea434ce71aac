/** @module Matching `If-None-Match` against an answer's ETag, for every route that sends one. */

/**
 * Whether an `If-None-Match` header names `etag`: by weak comparison (`W/"x"` and `"x"` are the same tag), in a list,
 * or `*` when `star` (the answer is known to exist).
 * @example
 * etagMatches('W/"a", "b"', '"b"'); // true
 * etagMatches('"a"', 'W/"a"'); // true
 */
export function etagMatches(header: string | null | undefined, etag: string, star = true): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.replace(/^W\//, "");
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return (star && t === "*") || opaque(t) === opaque(etag);
  });
}
