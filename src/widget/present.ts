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
 * answerView(answer, true).live; // "5 results for “kabul”", or "2 results for “embassy” in Kabul" with a filter
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
    const count = `${about}${plural(search.total, "result")}`;
    const corrected = search.corrected ? ` \u00b7 showing results for \u201c${search.corrected}\u201d` : "";
    // The live region names the query: a new answer with the same count ("2 results" for "kab", then "kabul") is
    // announced again, as screen readers skip a live region whose text did not change.
    const live = `${count} for \u201c${search.corrected ?? search.query}\u201d${within}`;
    return { items, status: `${count}${within}${corrected}`, live, error: false };
  }
  const offer = items.length > 0 ? " Try one of these:" : "";
  return { items, status: `No results for \u201c${search.query}\u201d${within}.${offer}`, live: `No results${within}`, error: false };
}

/**
 * What the reader can do about a search the API refused for what was typed: said plainly, not as a failure.
 * Other errors (the service down, a broken bundle) are failures, with the API's message.
 */
const ADVICE: Record<string, string> = {
  query_too_long: "That search is too long: try a few words.",
  query_too_complex: "That search has too many words: try fewer.",
  query_too_broad: "A word you left out with \u201c-\u201d is in too many articles to leave out: try without it.",
  dates_unavailable: "The articles here have no dates, so dates cannot narrow the search.",
  timeout: "The search took too long. Try again in a moment.",
};

/**
 * @example
 * errorView("storage_unavailable", "KV did not answer.").status; // "Search failed: KV did not answer."
 * errorView("query_too_complex", "The query needs 40 index terms…").status; // "That search has too many words: try fewer."
 */
export function errorView(code: string, message: string): View {
  const text = ADVICE[code] ?? `Search failed: ${message}`;
  return { items: [], status: text, live: text, error: true };
}
