/** @module What the widget reads from the API (`/search`, `/suggest`) and what its events carry. */
// Written out rather than imported: the widget is browser code type-checked on its own (src/widget/tsconfig.json),
// and the Worker's types pull in Workers KV. They mirror `SearchHit`/`SearchResult` in src/search/engine.ts
// and `Suggestions` in src/search/suggest.ts; test/widget-api.test.ts checks real answers against them.

export type EntityType = "person" | "organization" | "place";
export interface EntityRef {
  id: string;
  name: string;
  type: EntityType;
}

export interface Hit {
  id: string;
  /** Plain text. */
  title: string;
  url: string | null;
  date: string | null;
  score: number;
  /** HTML-escaped text whose only markup is `<mark>`…`</mark>`. */
  snippet: string;
  entities: EntityRef[];
}

export interface SearchAnswer {
  query: string;
  total: number;
  /** Whether `total` is an estimate (absent from older Workers). */
  total_approximate?: boolean;
  /** Entities of each type among the best matches (absent from older Workers; the widget does not show them yet). */
  facets?: Record<"person" | "organization" | "place", (EntityRef & { count: number })[]>;
  facets_exhaustive?: boolean;
  took_ms: number;
  hits: Hit[];
}

export interface SuggestAnswer {
  query: string;
  terms: { text: string; documents: number }[];
  entities: (EntityRef & { mentions: number })[];
  titles: { id: string; title: string }[];
}

/** One answer to one query: what is shown in the listbox. */
export interface Answer {
  search: SearchAnswer;
  suggest: SuggestAnswer;
  filter?: EntityRef;
}

/** One row of the listbox: a document, an entity to filter by, or a completed query to run. */
export type Item = { kind: "hit"; hit: Hit } | { kind: "entity"; entity: EntityRef } | { kind: "term"; text: string };

/** `edge-search:select`: cancel it (`preventDefault()`) to stop the widget's own action. */
export type SelectDetail = { kind: "hit"; hit: Hit; url?: string } | { kind: "entity"; entity: EntityRef };
/** `edge-search:results`. */
export interface ResultsDetail {
  query: string;
  total: number;
  hits: Hit[];
  filter?: EntityRef;
}
/** `edge-search:error`: `code` is the API's error code, or `network` / `bad_response`. */
export interface ErrorDetail {
  code: string;
  message: string;
  status: number;
}
