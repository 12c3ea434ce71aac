/** @module What the widget reads from the API (`/search`, `/suggest`) and what its events carry. */
// The API's own response types, from the zod schemas that validate and document it (`import type`: nothing of the
// Worker reaches the widget's bundle), so the widget cannot drift from the answers it reads.
import type { z } from "zod";
import type { EntityRef as EntityRefSchema, SearchHit, SearchResponse, SuggestResponse } from "../worker/api/schemas";

export type EntityRef = z.infer<typeof EntityRefSchema>;
export type EntityType = EntityRef["type"];
export type Hit = z.infer<typeof SearchHit>;
type SearchResponseBody = z.infer<typeof SearchResponse>;
/** Fields that older Workers do not send: the widget reads them only when present. */
type Newer = "total_approximate" | "facets" | "facets_exhaustive" | "corrected" | "order";
export type SearchAnswer = Omit<SearchResponseBody, Newer> & Partial<Pick<SearchResponseBody, Newer>>;
export type SuggestAnswer = z.infer<typeof SuggestResponse>;

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
