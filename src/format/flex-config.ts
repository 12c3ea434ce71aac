/** @module The one FlexSearch definition: FlexSearch does not export its configuration, so the build and the Worker both make their indexes here. */
import { Encoder, Index } from "flexsearch";

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

/** Slot of a posting: FlexSearch calls it once per distinct term of a document while indexing. */
export type SlotFunction = (term: string) => number;

/**
 * Text reaches FlexSearch already analyzed (`analyzer.ts`): terms separated by spaces. Its encoder only
 * splits them, so the index holds exactly the analyzer's terms.
 */
const passThrough = new Encoder({ normalize: false, dedupe: false, cache: false, numeric: false, split: " ", minlength: 1 });

/**
 * Creates one field index, configured identically on both sides; `slot` (build only) places postings.
 * @example
 * const index = createFieldIndex();
 * index.add(0, "embassi kabul");
 * index.search("kabul"); // [0]
 */
export function createFieldIndex(slot?: SlotFunction): Index {
  return new Index({
    tokenize: "strict",
    resolution: RESOLUTION,
    encoder: passThrough,
    fastupdate: false,
    cache: false,
    context: false,
    ...(slot ? { score: (_content: string[], term: string) => slot(term) } : {}),
  });
}
