/**
 * @module `npm run bench:cold-reads`: what a cold search reads from KV (keys and bytes) on a built bundle, each query
 * with an empty cache: two-word queries made from the titles of a JSONL corpus (every 60th record's first two words of
 * four letters or more), so two bundles of the same corpus, built by two versions of the code, compare query by query.
 */
import { readFileSync } from "node:fs";
import { parseCli, say } from "../../scripts/shared/cli";
import { fileKvSource } from "../../src/build/bundle-files";
import { BundleReader, readManifest } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { search } from "../../src/search/engine";

const usage = "Usage: npm run bench:cold-reads -- [--bundle DIR] [--corpus FILE.jsonl] [--queries N] [--facets sample|all]";
const { values: args } = parseCli(
  {
    options: {
      bundle: { type: "string", default: "dist/bundle" },
      corpus: { type: "string", default: "../shared/corpora/reuters21578.jsonl" },
      queries: { type: "string", default: "300" },
      facets: { type: "string", default: "sample" },
      help: { type: "boolean", default: false },
    },
  },
  usage,
);
if (args.help) {
  say(usage);
  process.exit(0);
}

const source = await fileKvSource(args.bundle);
const manifest = await readManifest(source);
const lines = readFileSync(args.corpus, "utf8").split("\n").filter(Boolean);
const queries: string[] = [];
for (let i = 0; i < lines.length && queries.length < Number(args.queries); i += 60) {
  const title = String((JSON.parse(lines[i] as string) as { title?: unknown }).title ?? "");
  const words = title.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  if (words.length >= 2) queries.push(`${words[0]} ${words[1]} `);
}
const bytes: number[] = [];
const keys: number[] = [];
const trips: number[] = [];
for (const q of queries) {
  const stats = newReadStats();
  const reader = new BundleReader(source, new LruCache<unknown>(64 * 1024 * 1024), manifest, stats);
  await search(bundleEngine(reader), reader, { q, limit: 10, offset: 0, facets: args.facets === "all" ? "all" : "sample" });
  bytes.push(stats.bytes);
  keys.push(stats.keys);
  trips.push(stats.roundTrips);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.99 * (xs.length - 1))] ?? 0;
say(
  `${queries.length} cold two-word searches on ${args.bundle} (${manifest.version}, facets=${args.facets}): bytes mean ${(mean(bytes) / 1024).toFixed(1)} KB, ` +
    `p99 ${(p99(bytes) / 1024).toFixed(1)} KB; keys mean ${mean(keys).toFixed(2)}, p99 ${p99(keys)}; round trips mean ${mean(trips).toFixed(2)}`,
);
