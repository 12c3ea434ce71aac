/** @module The one FlexSearch definition: FlexSearch does not export its configuration, so the build and the Worker both make their indexes here. */
import { Encoder, Index } from "flexsearch";

/** The indexed fields. `text` is title and body together, so several terms can match across both. */
export const fields = ["title", "text"] as const;
export type Field = (typeof fields)[number];

/** FlexSearch's resolution: how many position slots a term's postings are spread over. */
export const RESOLUTION = 9;

/**
 * The encoder: Unicode letters and digits, lower-cased, diacritics folded.
 * No letter dedupe or phonetics, so every indexed term is a word a user could type and read back.
 */
export function createEncoder(): Encoder {
  return new Encoder({
    normalize: true,
    dedupe: false,
    cache: false,
    include: { letter: true, number: true, symbol: false, punctuation: false, control: false },
  });
}

const sharedEncoder = createEncoder();

/**
 * Creates one field index, configured identically on both sides.
 * @example
 * const index = createFieldIndex();
 * index.add(0, "Kabul embassy");
 * index.search("kabul"); // [0]
 */
export function createFieldIndex(): Index {
  return new Index({
    tokenize: "strict",
    resolution: RESOLUTION,
    encoder: sharedEncoder,
    fastupdate: false,
    cache: false,
    context: false,
  });
}

/**
 * Splits text into indexed terms, exactly as FlexSearch does when it indexes.
 * @example
 * tokenize("Café U.S.’s"); // ["cafe", "u", "s", "s"]
 */
export function tokenize(text: string): string[] {
  return sharedEncoder.encode(text) as string[];
}
