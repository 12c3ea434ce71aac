/** @module Ranks judged queries with our engine over a bundle built from a corpus: what `npm run eval` and its suites score. */
import { readFileSync } from "node:fs";
import type { IngestResult } from "../../src/build/ingest/read-inputs";
import { memorySource } from "../../src/build/memory-source";
import { buildFromInputs } from "../../src/build/pipeline";
import { AppError } from "../../src/errors";
import type { Manifest } from "../../src/format/bundle";
import { BundleReader, readManifest } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { search } from "../../src/search/engine";
import { progress } from "../shared/cli";

export interface Query {
  _id: string;
  text: string;
}

/** BEIR queries, one JSON object a line. */
export function readQueries(path: string): Query[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Query);
}

export interface Ranking {
  /** Query id → the ids of its first 100 hits. */
  ranked: Map<string, string[]>;
  read: IngestResult;
  /** Tail chunks of the bundle. */
  tails: number;
  /** Queries the engine refused, by error code (over 32 index terms: `query_too_complex`): they found nothing. */
  refused: Map<string, number>;
}

/**
 * Builds a bundle from `corpus` without entities (`head`: postings a term keeps in its shard) and ranks every query
 * with our engine, as whole queries (a trailing space: the last word is not read as a prefix).
 * @example
 * const { ranked } = await rankWithEngine("../shared/corpora/xquad/zh-corpus.jsonl", readQueries("zh-queries.jsonl"));
 */
export async function rankWithEngine(
  corpus: string,
  queries: Query[],
  head?: number,
  say: (m: string) => void = () => {},
): Promise<Ranking> {
  say(`Building a bundle from ${corpus}${head ? ` with heads of ${head} postings` : ""}`);
  const { bundle, read } = await buildFromInputs([corpus], { entities: false, builtAt: "eval", head });
  const source = memorySource(bundle);
  const { ranked, refused, manifest } = await rankOver(source, queries, say);
  return { ranked, read, tails: manifest.layout.tail, refused };
}

/**
 * Ranks every query with our engine over the bundle a KV source holds (its live manifest: a base and its deltas, when
 * it has them).
 * @example
 * const { ranked } = await rankOver(await fileKvSource("dist/bundle"), queries);
 */
export async function rankOver(
  source: KvSource,
  queries: Query[],
  say: (m: string) => void = () => {},
): Promise<{ ranked: Map<string, string[]>; refused: Map<string, number>; manifest: Manifest }> {
  const manifest = await readManifest(source);
  const cache = new LruCache<unknown>(512 * 1024 * 1024);
  say(`Ranking ${queries.length} queries with our engine`);
  const ranked = new Map<string, string[]>();
  const refused = new Map<string, number>();
  for (const [i, q] of queries.entries()) {
    const reader = new BundleReader(source, cache, manifest, newReadStats());
    try {
      const result = await search(bundleEngine(reader), reader, { q: `${q.text} `, limit: 100, offset: 0 });
      ranked.set(
        q._id,
        result.hits.map((h) => h.id),
      );
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.set(error.code, (refused.get(error.code) ?? 0) + 1);
      ranked.set(q._id, []);
    }
    if (i % 100 === 99) progress("queries", i + 1, queries.length);
  }
  return { ranked, refused, manifest };
}
