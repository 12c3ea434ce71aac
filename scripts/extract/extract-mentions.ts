/** @module The mentions of a corpus as `npm run extract` prints them: offsets into each body, types, merged entity ids. */

import { bodyOffset } from "../../src/build/entities/document";
import { mergeEntities, type RegistryEntry } from "../../src/build/entities/merge";
import { extractParallel, type ParallelOptions } from "../../src/build/entities/parallel";
import type { EntityType } from "../../src/format/schema";

/** One output line of `npm run extract`: the contract the quality benchmark reads, so keep it stable. */
export interface ExtractedDocument {
  id: string | number;
  mentions: { start: number; end: number; text: string; type: EntityType; entity: string }[];
}

/**
 * Extracts (on every core, see `extractParallel`) and merges the entities of a corpus, and gives each document's
 * mentions in body order with offsets in UTF-16 code units into `body` exactly as given:
 * `body.slice(start, end) === text`. Mentions found in the title are left out (they have no place in the body), but
 * the title is read as it is in the build, so the entity ids are those the build gives.
 * @example
 * await extractCorpus([{ id: 1, title: "", body: "Antony Blinken spoke. Blinken left." }]);
 * // [{ id: 1, mentions: [{ start: 0, end: 14, text: "Antony Blinken", type: "person", entity: "antony-blinken" },
 * //                      { start: 22, end: 29, text: "Blinken", type: "person", entity: "antony-blinken" }] }]
 */
export async function extractCorpus(
  inputs: readonly { id: string | number; title?: string; body: string }[],
  registry: readonly RegistryEntry[] = [],
  options: ParallelOptions = {},
): Promise<ExtractedDocument[]> {
  const docs = inputs.map(({ id, title, body }) => ({ id: String(id), title: title ?? "", body }));
  const extracted = await extractParallel(docs, options);
  const { mentions = [] } = mergeEntities(docs, extracted, registry, { mentions: true });
  return inputs.map(({ id, body }, i) => {
    const offset = bodyOffset(docs[i] as { title: string });
    return {
      id,
      mentions: (mentions[i] ?? [])
        .filter(({ start }) => start >= offset)
        .map(({ start, end, type, entity }) => ({
          start: start - offset,
          end: end - offset,
          text: body.slice(start - offset, end - offset),
          type,
          entity,
        })),
    };
  });
}
