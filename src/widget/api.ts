/** @module Asks the API for one query's answer: `/search` and `/suggest` in parallel, under one abort signal. */
import type { Answer, EntityRef, SearchAnswer, SuggestAnswer } from "./types";

/** An error to show and to report in `edge-search:error`: the API's own code, or `network` / `bad_response`. */
export class WidgetError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
  ) {
    super(message);
  }
}

export interface Query {
  q: string;
  limit: number;
  filter?: EntityRef;
}

/** The `/search` address of a query; `entity=` when a filter is chosen. */
export function searchUrl(endpoint: string, query: Query): string {
  // The widget shows no facets: asking for none halves the KV keys a cold search reads (billed by the key).
  const params = new URLSearchParams({ q: query.q, limit: String(query.limit), facets: "none" });
  if (query.filter) params.set("entity", query.filter.id);
  return `${endpoint}/search?${params}`;
}

async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  let response: Response;
  let body: any;
  try {
    response = await fetch(url, { signal });
    body = await response.json().catch(() => undefined);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new WidgetError("network", "The search service could not be reached.");
  }
  if (!response.ok) {
    const code = body?.error?.code;
    const message = body?.error?.message;
    throw new WidgetError(
      typeof code === "string" ? code : `http_${response.status}`,
      typeof message === "string" ? message : `The search service answered ${response.status}.`,
      response.status,
    );
  }
  if (!body || typeof body !== "object") throw new WidgetError("bad_response", "The search service sent an answer it cannot read.");
  return body as T;
}

/**
 * Searches, and asks `/suggest` for entities to filter by and completions to offer when nothing is found.
 * A failed `/suggest` only costs the suggestions; a failed `/search` throws.
 */
export async function fetchAnswer(endpoint: string, query: Query, signal: AbortSignal): Promise<Answer> {
  const none: SuggestAnswer = { query: query.q, terms: [], entities: [], titles: [] };
  // The widget shows the completions and entities, not the titles: asking for none saves the search they take.
  const suggestUrl = `${endpoint}/suggest?${new URLSearchParams({ q: query.q, limit: "5", titles: "false" })}`;
  const suggestion = getJson<SuggestAnswer>(suggestUrl, signal).catch(() => none);
  const [search, suggest] = await Promise.all([getJson<SearchAnswer>(searchUrl(endpoint, query), signal), suggestion]);
  if (!Array.isArray(search.hits) || !search.hits.every((hit) => hit && typeof hit === "object" && Array.isArray(hit.entities)))
    throw new WidgetError("bad_response", "The search service sent an answer it cannot read.");
  // A malformed `/suggest` costs only its suggestions, as a failed one does.
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  return { search, suggest: { ...none, terms: list(suggest.terms), entities: list(suggest.entities) }, filter: query.filter };
}
