/** @module Reads a snippet from `/search` as text: only the literal `<mark>` tags are markup, and only the five escapes are decoded. */

const ESCAPES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"', "&#39;": "'" };

/** Decodes the five escapes the server writes, in one pass (so `&amp;lt;` stays the text `&lt;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|amp|quot|#39);/g, (e) => ESCAPES[e] ?? e);
}

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Splits a snippet into plain-text runs, noting which were inside `<mark>`. Anything else that looks like
 * markup stays text: the caller turns runs into text nodes, never into HTML.
 * @example
 * snippetSegments("in <mark>Kabul</mark> &lt;b&gt;"); // [{ text: "in ", mark: false }, { text: "Kabul", mark: true }, { text: " <b>", mark: false }]
 */
export function snippetSegments(snippet: string): Segment[] {
  const segments: Segment[] = [];
  let mark = false;
  for (const part of snippet.split(/(<\/?mark>)/)) {
    if (part === "<mark>") mark = true;
    else if (part === "</mark>") mark = false;
    else if (part) segments.push({ text: decodeEntities(part), mark });
  }
  return segments;
}
