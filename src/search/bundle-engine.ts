/** @module The engine over a bundle: postings from term shards, completions and corrections from prefix groups, dates from the date runs. */
import { MIN_PREFIX, PREFIX_GROUP } from "../format/bundle";
import type { BundleReader } from "../format/reader";
import { shardedPostings } from "./postings";
import type { Engine } from "./types";

/**
 * Completions of a prefix from the bundle's prefix groups, most frequent first.
 * @example
 * await completionsFromBundle(reader, "kab"); // [["kabul", 2]]
 */
export async function completionsFromBundle(reader: BundleReader, prefix: string): Promise<[string, number][]> {
  if (prefix.length < MIN_PREFIX) return [];
  const group = prefix.length >= PREFIX_GROUP ? prefix.slice(0, PREFIX_GROUP) : prefix;
  const found = (await reader.prefixGroups([group])).get(group);
  return (found?.terms ?? []).filter(([term]) => term.startsWith(prefix));
}

export function bundleEngine(reader: BundleReader): Engine {
  return {
    postings: shardedPostings(reader),
    completions: (prefix) => completionsFromBundle(reader, prefix),
    async dictionary(groups) {
      const found = await reader.prefixGroups(groups);
      // With each group's near list: the words a typo among the first letters may be of.
      return [...found.values()].flatMap((g) => [...g.terms, ...(g.near ?? [])]);
    },
    dates: () => reader.dates(),
    ...(reader.manifest.engine.bm25 ? { scoring: reader.manifest.engine.bm25 } : {}),
    ...(reader.manifest.engine.languages ? { languages: reader.manifest.engine.languages } : {}),
    ...(reader.manifest.languages ? { documentLanguages: reader.manifest.languages } : {}),
  };
}
