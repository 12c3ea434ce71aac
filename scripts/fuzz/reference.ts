/** @module The fuzz's reference answers: the same engine run in Node over the same bundle in memory, with no HTTP layer and no edge cache. */

import { memorySource } from "../../src/build/memory-source";
import type { Bundle } from "../../src/build/write";
import { BundleReader } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { type SearchParams, type SearchResult, search } from "../../src/search/engine";
import { similarTo } from "../../src/search/similar";
import { type Suggestions, suggest } from "../../src/search/suggest";
import { documentAnswer } from "../../src/worker/routes/documents";

export interface Reference {
  search(params: SearchParams): Promise<SearchResult>;
  suggest(q: string, limit: number): Promise<Suggestions>;
  /** The document as `/documents/:id` should return it, or undefined. */
  document(id: string): Promise<unknown>;
  /** Its related articles as `/documents/:id/similar` should list them, or undefined. */
  similar(id: string, limit: number): Promise<unknown>;
  /** Whether the Worker must read `text` exactly as Node does (no code point of it differs in their Unicode data). */
  comparable(text: string): boolean;
}

/**
 * @example
 * const ref = reference(bundle, await unicodeDrift());
 * await ref.search({ q: "kabul", limit: 10, offset: 0 });
 */
export function reference(bundle: Bundle, drifting: (cp: number) => boolean = () => false): Reference {
  const source = memorySource(bundle);
  const cache = new LruCache<unknown>(32 * 1024 * 1024);
  const reader = () => new BundleReader(source, cache, bundle.manifest, newReadStats());
  return {
    search(params) {
      const r = reader();
      return search(bundleEngine(r), r, params);
    },
    suggest(q, limit) {
      const r = reader();
      return suggest(bundleEngine(r), r, q, limit);
    },
    comparable(text) {
      for (const c of text) if (drifting(c.codePointAt(0) as number)) return false;
      return true;
    },
    similar(id, limit) {
      return similarTo(reader(), id, limit);
    },
    async document(id) {
      const doc = await reader().document(id);
      return doc && documentAnswer(doc);
    },
  };
}
