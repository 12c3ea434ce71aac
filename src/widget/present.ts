/** @module What the popup shows for an answer or a failure: its options and its messages, as plain data. */
import { plural } from "./format";
import type { Answer, Item } from "./types";

export interface View {
  items: Item[];
  /** Shown above the options; empty when the results speak for themselves. */
  status: string;
  /** Announced by the polite live region. */
  live: string;
  error: boolean;
}

export const emptyView: View = { items: [], status: "", live: "", error: false };

/**
 * Unless a filter is already chosen, up to three entities to filter by first (a keyboard user reaches them without
 * going through every hit); then the hits, or when there are none, the completions of the query instead. Above them, how many results (about how many when the count is an
 * estimate), and the corrected query the results are for when the API corrected it.
 * @example
 * answerView(answer, true).live; // "5 results", or "2 results in Kabul" with a filter
 * answerView(corrected, true).status; // "2 results · showing results for “taliban”"
 */
export function answerView(answer: Answer, entityFilters: boolean): View {
  const { search, suggest, filter } = answer;
  const items: Item[] = [];
  if (entityFilters && !filter) for (const entity of suggest.entities.slice(0, 3)) items.push({ kind: "entity", entity });
  for (const hit of search.hits) items.push({ kind: "hit", hit });
  if (search.hits.length === 0) {
    for (const term of suggest.terms) if (term.text !== search.query) items.push({ kind: "term", text: term.text });
  }
  const within = filter ? ` in ${filter.name}` : "";
  const about = search.total_approximate ? "about " : "";
  if (search.total > 0) {
    const count = `${about}${plural(search.total, "result")}${within}`;
    const corrected = search.corrected ? ` \u00b7 showing results for \u201c${search.corrected}\u201d` : "";
    return { items, status: `${count}${corrected}`, live: `${count}${corrected}`, error: false };
  }
  const offer = items.length > 0 ? " Try one of these:" : "";
  return { items, status: `No results for \u201c${search.query}\u201d${within}.${offer}`, live: `No results${within}`, error: false };
}

export function errorView(message: string): View {
  const text = `Search failed: ${message}`;
  return { items: [], status: text, live: text, error: true };
}
