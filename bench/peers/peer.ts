/** @module What the harness needs of a peer search library: build, serialize, load, and answer a query with its top 10. */
import type { SourceDocument } from "../../src/format/schema";

export interface Peer<Index> {
  name: string;
  /** What it is, in the report's words (version, options that matter). */
  description: string;
  build(documents: SourceDocument[]): Promise<Index>;
  /** The index as text: one string, or the chunks of a library that exports in chunks (one string cannot pass ~512 MB). */
  serialize(index: Index): Promise<string[]>;
  /** From the serialized text to an index that answers queries. */
  load(serialized: string[]): Promise<Index>;
  /** Ways to query, by name; each returns how many hits it gives back (at most 10). */
  queries: Record<string, (index: Index, q: string) => number | Promise<number>>;
}

export type AnyPeer = Peer<any>;
