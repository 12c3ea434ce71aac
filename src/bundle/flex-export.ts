/** @module Indexing with FlexSearch and reading its export back as plain `[term, slots]` entries, ready to re-partition. */
import type { Index } from "flexsearch";
import { type Field, createFieldIndex, fields } from "./flex-config";
import type { Slots } from "./format";

/** One FlexSearch index per field, as the build fills them. */
export class FlexIndexes {
  readonly byField: Record<Field, Index> = { title: createFieldIndex(), text: createFieldIndex() };

  /** Indexes document number `n`: its title, and title and body together. */
  add(n: number, title: string, body: string): void {
    this.byField.title.add(n, title);
    this.byField.text.add(n, `${title}\n${body}`);
  }
}

/**
 * Every term of every field, from FlexSearch's own `export()`: its chunks cut by insertion
 * order, merged back into one list per field so they can be cut again by term.
 * @example
 * const maps = exportMaps(indexes);
 * maps.text; // [["kabul", [[0], null, [1]]], ...]
 */
export function exportMaps(indexes: FlexIndexes): Record<Field, [string, Slots][]> {
  const out = { title: [], text: [] } as Record<Field, [string, Slots][]>;
  for (const field of fields) {
    indexes.byField[field].export((key: string, data: string) => {
      if (!key.endsWith(".map")) return;
      for (const entry of JSON.parse(data) as [string, Slots][]) out[field].push(entry);
    });
  }
  return out;
}
