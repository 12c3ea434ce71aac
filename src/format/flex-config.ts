/** @module What FlexSearch's indexes mean to both sides: the fields and the score slots. The build alone makes indexes (`src/build/flex-export.ts`); the Worker reads their stored slots. */

/**
 * The indexed fields. `text` is title and body together (so several terms can match across both),
 * `entity` holds the ids of a document's entities (for `entity:` filters).
 */
export const fields = ["title", "text", "entity"] as const;
export type Field = (typeof fields)[number];

/**
 * FlexSearch's resolution: the number of score slots a term's postings are spread over. The build puts a
 * document in the slot of its BM25 term weight (slot 0 is the best), so FlexSearch returns the best first.
 */
export const RESOLUTION = 24;
