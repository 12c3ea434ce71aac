/**
 * @module `npm run bench:cold-reads`: what a cold search reads from KV (keys and bytes) and costs in CPU on a built
 * bundle, each query with an empty cache: two-word queries made from the titles of a JSONL corpus (every 60th record's
 * first two words of four letters or more), so two bundles of the same corpus, built by two versions of the code,
 * compare query by query. CPU is the process's (every thread) around each search in Node, after 20 searches that warm
 * the code up; parsing the values read is part of it. The date histogram's share is timed apart, at its worst: every
 * document of the bundle matching.
 */
import { readFileSync } from "node:fs";
import { parseCli, say } from "../../scripts/shared/cli";
import { fileKvSource, indexedFileSource } from "../../src/build/bundle-files";
import { BundleReader, readManifest } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { recentOfEntity, search } from "../../src/search/engine";
import { dateHistogram } from "../../src/search/histogram";
import { suggest } from "../../src/search/suggest";
import { cpuMsSince } from "../lib/heap";

const usage =
  "Usage: npm run bench:cold-reads -- [--bundle DIR] [--corpus FILE.jsonl] [--queries N] [--facets sample|all|none] [--limit N]\n                                   [--sort relevance|date] [--widget | --entity-pages | --entities N]";
const { values: args } = parseCli(
  {
    options: {
      bundle: { type: "string", default: "dist/bundle" },
      corpus: { type: "string", default: "../shared/corpora/reuters21578.jsonl" },
      queries: { type: "string", default: "300" },
      facets: { type: "string", default: "sample" },
      limit: { type: "string", default: "10" },
      // Newest first, as a news archive's readers ask most.
      sort: { type: "string", default: "relevance" },
      // As the widget asks while a word is typed: the second word cut to 3 letters, /search (no facets, 8 hits) and
      // /suggest (5, no titles) at once, in one isolate.
      widget: { type: "boolean", default: false },
      // As `/entities/:id` reads: the record, then its 10 newest documents (an entity-filtered search, no facets);
      // the 100 most mentioned entities instead of queries.
      "entity-pages": { type: "boolean", default: false },
      // Each query with an entity filter, as a facet chip under the results asks: the Nth query with the (N mod
      // --entities)th most mentioned entity (the longest lists: an archive's countries).
      entities: { type: "string", default: "0" },
    },
  },
  usage,
);

if (args.sort !== "relevance" && args.sort !== "date") throw new Error(`--sort is relevance or date, not ${args.sort}.\n${usage}`);
const sort = args.sort;
// Value by value through the bulk files' indexes where there are some: a million articles' bundle does not fit in memory.
const source = (await indexedFileSource(args.bundle)) ?? (await fileKvSource(args.bundle));
const manifest = await readManifest(source);
const lines = readFileSync(args.corpus, "utf8").split("\n").filter(Boolean);
const queries: string[] = [];
for (let i = 0; i < lines.length && queries.length < Number(args.queries); i += 60) {
  const title = String((JSON.parse(lines[i] as string) as { title?: unknown }).title ?? "");
  const words = title.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  if (words.length >= 2) queries.push(args.widget ? `${words[0]} ${(words[1] as string).slice(0, 3)}` : `${words[0]} ${words[1]} `);
}
const filters = Number(args.entities);
if (args["entity-pages"] || filters > 0) {
  const top = await new BundleReader(source, new LruCache<unknown>(64 * 1024 * 1024), manifest, newReadStats()).entityPage("all", 0);
  const ids = (top?.items ?? []).map((e) => e.id);
  if (args["entity-pages"]) queries.splice(0, queries.length, ...ids.slice(0, 100));
  else
    queries.forEach((q, i) => {
      queries[i] = `${q.trim()} entity:${ids[i % Math.min(filters, ids.length)]}`;
    });
}
const bytes: number[] = [];
const keys: number[] = [];
const trips: number[] = [];
const cpu: number[] = [];
/** Bucket sizes the metadata's spread is counted at: how many buckets a search's documents would fall in. */
const SPREAD_SIZES = [4, 16, 64, 256, 1024];
const spread = new Map<number, number[]>(SPREAD_SIZES.map((size) => [size, []]));
const once = async (q: string, count = false) => {
  const stats = newReadStats();
  const reader = new BundleReader(source, new LruCache<unknown>(64 * 1024 * 1024), manifest, stats);
  const docs: number[] = [];
  const metas = reader.metas.bind(reader);
  reader.metas = (numbers, withDates) => {
    docs.push(...numbers);
    return metas(numbers, withDates);
  };
  const started = process.cpuUsage();
  const engine = bundleEngine(reader);
  const entity = args["entity-pages"] ? await reader.findEntity(q) : undefined;
  if (entity) {
    const page = recentOfEntity(entity.id, manifest.counts.dated !== 0);
    await search(engine, reader, args.facets === "sample" ? { ...page, facets: "sample" } : page);
  } else if (args.widget)
    await Promise.all([
      search(engine, reader, { q, limit: 8, offset: 0, facets: "none" }),
      suggest(engine, reader, q, 5, { titles: false }),
    ]);
  else
    await search(engine, reader, {
      q,
      limit: Number(args.limit),
      offset: 0,
      sort,
      facets: args.facets === "all" || args.facets === "none" ? args.facets : "sample",
    });
  const ms = cpuMsSince(started);
  if (count) for (const size of SPREAD_SIZES) spread.get(size)?.push(new Set(docs.map((n) => Math.floor(n / size))).size);
  return { stats, cpu: ms };
};
for (const q of queries.slice(0, 20)) await once(q);
for (const q of queries) {
  const { stats, cpu: ms } = await once(q, true);
  bytes.push(stats.bytes);
  keys.push(stats.keys);
  trips.push(stats.roundTrips);
  cpu.push(ms);
}
// The histogram at its worst: every document matching, counted run by run.
const runs = await new BundleReader(source, new LruCache<unknown>(64 * 1024 * 1024), manifest, newReadStats()).dates();
const every = Array.from({ length: manifest.counts.documents }, (_, i) => i);
for (let i = 0; i < 5; i++) dateHistogram(every, undefined, runs);
const histogramStarted = process.cpuUsage();
for (let i = 0; i < 20; i++) dateHistogram(every, undefined, runs);
const histogramMs = cpuMsSince(histogramStarted) / 20;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const at = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] ?? 0;
const p99 = (xs: number[]) => at(xs, 0.99);
say(
  `${queries.length} cold ${args["entity-pages"] ? `entity pages (the most mentioned entities; their recent documents with facets=${args.facets === "sample" ? "sample, as before 2026-12-05" : "none"})` : args.widget ? "typed two-word queries as the widget sends them (search and suggest)" : `two-word searches${filters > 0 ? `, each with one of the ${filters} most mentioned entities,` : ""}`} on ${args.bundle} (${manifest.version}${args.widget ? "" : `, facets=${args.facets}, limit=${args.limit}, sort=${sort}`}): bytes mean ${(mean(bytes) / 1024).toFixed(1)} KB, ` +
    `p99 ${(p99(bytes) / 1024).toFixed(1)} KB; keys mean ${mean(keys).toFixed(2)}, p99 ${p99(keys)}; round trips mean ${mean(trips).toFixed(2)}; ` +
    `CPU p50 ${at(cpu, 0.5).toFixed(1)} ms, p99 ${p99(cpu).toFixed(1)} ms`,
);
say(
  `date histogram with every one of the ${manifest.counts.documents.toLocaleString("en-US")} documents matching (${runs.length.toLocaleString("en-US")} date runs): ${histogramMs.toFixed(2)} ms CPU`,
);
// Documents are numbered by date and a query's best matches are spread over the archive: larger metadata buckets
// would not make fewer keys (DESIGN.md, "Why a cold search reads about 20 KV keys").
say(
  `metadata buckets a search's documents fall in, by documents a bucket: ${SPREAD_SIZES.map((size) => `${size}: ${mean(spread.get(size) ?? []).toFixed(1)}`).join(", ")} ` +
    `(this bundle: ${manifest.layout.metaSize} a bucket)`,
);
