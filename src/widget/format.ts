/** @module Formats what a hit shows, and decides which of its links may be followed. */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/** A date as the reader's locale writes it ("16 Aug 2021"), or the raw text when it is not a date. */
export function formatDate(date: string): string {
  const time = Date.parse(date);
  return Number.isNaN(time) ? date : dateFormat.format(time);
}

/**
 * The absolute http(s) address of a hit's url, resolved against the page; undefined for any other scheme,
 * so a document's `javascript:` url can never run.
 */
export function safeUrl(url: string | null, base: string): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, base);
    return resolved.protocol === "https:" || resolved.protocol === "http:" ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** "1 result", "12 results". */
export function plural(n: number, word: string): string {
  return `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;
}
