/**
 * @module Values stored deflated: `~` and the base64 of their deflate-raw bytes. A delta's term shards and metadata
 * buckets are (the keys an update writes are fewer and larger; see `planLayout`); the reader inflates any value that
 * starts with the mark, which no JSON does, before its codec parses it.
 */

/** The first character of a deflated value. */
export const DEFLATED_MARK = "~";

/** Whether a stored value is deflated. */
export const isDeflated = (text: string): boolean => text.charCodeAt(0) === 126;

/**
 * The text of a deflated value, with the platform's `DecompressionStream` (Workers, Node, browsers); rejects when it
 * is not base64 of deflate-raw bytes.
 * @example
 * await inflateValue(deflateValue('{"a":1}')); // '{"a":1}' (`deflateValue` in src/build/deflate.ts)
 */
export async function inflateValue(text: string): Promise<string> {
  const binary = atob(text.slice(1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const inflate = new DecompressionStream("deflate-raw");
  const writer = inflate.writable.getWriter();
  // A failure shows in the text read below; these two would otherwise reject unhandled.
  writer.write(bytes).catch(() => {});
  writer.close().catch(() => {});
  return await new Response(inflate.readable).text();
}
