/**
 * @module `npm run bench:names`: what `/entities?q=` reads from KV (keys, bytes, round trips) and costs in CPU on a
 * built bundle, a typed word at a time: the longest word of 300 entity names drawn by their mentions (what people
 * look up), typed from 2 letters to the whole word, each with an empty cache. `--regroup` first makes the name groups
 * the build writes now from the bundle's own entity records (so a bundle built before a change of them measures
 * both ways without building it again: the name shards are served from memory, the rest from the bundle).
 */
import { parseCli, say } from "../../scripts/shared/cli";
import { fileKvSource, indexedFileSource } from "../../src/build/bundle-files";
import { planLayout } from "../../src/build/layout";
import { seeded } from "../../src/build/random";
import { nameShardsOf } from "../../src/build/write";
import { foldWords, longestWord } from "../../src/format/analyzer";
import { bundleKey, type Manifest } from "../../src/format/bundle";
import { BundleReader, readManifest } from "../../src/format/reader";
import type { EntityRecord } from "../../src/format/schema";
import { inflateValue, isDeflated } from "../../src/format/values/deflated";
import { type StoredEntity, unpackEntity } from "../../src/format/values/entity";
import { namesCodec } from "../../src/format/values/names";
import { LruCache } from "../../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../../src/kv/source";
import { cpuMsSince } from "../lib/heap";

const usage = "Usage: npm run bench:names -- [--bundle DIR] [--words N] [--regroup]";
const { values: args } = parseCli(
  {
    options: {
      bundle: { type: "string", default: "dist/bundle" },
      words: { type: "string", default: "300" },
      regroup: { type: "boolean", default: false },
    },
  },
  usage,
);
const wordCount = Number(args.words);
if (!Number.isInteger(wordCount) || wordCount < 1) throw new Error(`--words must be a positive integer.\n${usage}`);

const disk = (await indexedFileSource(args.bundle)) ?? (await fileKvSource(args.bundle));
let manifest: Manifest = await readManifest(disk);
if (manifest.deltas?.length) throw new Error(`${args.bundle} has updates: compact it first (npm run compact).`);

// Every entity record of the bundle.
const entities: EntityRecord[] = [];
const keys = Array.from({ length: manifest.layout.entity }, (_, n) => bundleKey(manifest.version, "entity", n));
for (let i = 0; i < keys.length; i += 100) {
  for (const value of (await disk.getMany(keys.slice(i, i + 100))).values()) {
    if (value === null) throw new Error(`${args.bundle}: an entity shard is missing.`);
    const text = isDeflated(value) ? await inflateValue(value) : value;
    for (const stored of Object.values(JSON.parse(text) as Record<string, StoredEntity>)) entities.push(unpackEntity(stored));
  }
}
say(`${entities.length.toLocaleString("en-US")} entities in ${args.bundle}`);

let source: KvSource = disk;
let names = new Map<string, string>();
if (args.regroup) {
  const plan = planLayout(
    { documents: manifest.counts.documents, terms: manifest.counts.terms, entities: entities.length, termBytes: 0, docBytes: 0 },
    "default",
  );
  const started = performance.now();
  const { shards, nameGroupsCut } = nameShardsOf(entities, plan.names);
  const seconds = (performance.now() - started) / 1000;
  names = new Map(shards.map((shard, n) => [bundleKey(manifest.version, "names", n), namesCodec.encode(shard)]));
  manifest = { ...manifest, layout: { ...manifest.layout, names: plan.names, nameGroupsCut } };
  const groups = shards.reduce((n, shard) => n + Object.keys(shard).length, 0);
  say(`regrouped: ${groups.toLocaleString("en-US")} groups in ${plan.names} shards, ${seconds.toFixed(1)} s`);
  source = {
    async getMany(asked) {
      const fromDisk = await disk.getMany(asked.filter((k) => !names.has(k)));
      return new Map(asked.map((k) => [k, names.get(k) ?? fromDisk.get(k) ?? null]));
    },
  };
}

// The name shards' sizes.
const shardKeys = Array.from({ length: manifest.layout.names }, (_, n) => bundleKey(manifest.version, "names", n));
const shardBytes: number[] = [];
for (let i = 0; i < shardKeys.length; i += 100)
  for (const value of (await source.getMany(shardKeys.slice(i, i + 100))).values()) shardBytes.push(Buffer.byteLength(value ?? ""));

// Words people look up: the longest word of an entity's name, drawn by mentions.
const random = seeded(20261206);
const cumulative: number[] = [];
let sum = 0;
for (const e of entities) {
  sum += e.mentions;
  cumulative.push(sum);
}
const words: string[] = [];
while (words.length < wordCount) {
  const r = random() * sum;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  const word = longestWord(foldWords((entities[lo] as EntityRecord).name));
  if (word.length >= 2) words.push(word);
}

// Warm the code up, then each typed prefix on an empty cache.
for (const word of words.slice(0, 20))
  await new BundleReader(source, new LruCache(1 << 28), manifest, newReadStats()).entitiesWithWord(word);
const rows: { keys: number; bytes: number; trips: number; cpu: number }[] = [];
for (const word of words) {
  for (let length = 2; length <= word.length; length++) {
    const stats = newReadStats();
    const reader = new BundleReader(source, new LruCache(1 << 28), manifest, stats);
    const cpu = process.cpuUsage();
    await reader.entitiesWithWord(word.slice(0, length));
    rows.push({ keys: stats.keys, bytes: stats.bytes, trips: stats.roundTrips, cpu: cpuMsSince(cpu) });
  }
}
const at = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] ?? 0;
const line = (name: string, xs: number[], f: (x: number) => string) =>
  say(
    `  ${name.padEnd(12)} mean ${f(xs.reduce((a, b) => a + b, 0) / xs.length)}, p50 ${f(at(xs, 0.5))}, p90 ${f(at(xs, 0.9))}, p99 ${f(at(xs, 0.99))}, max ${f(at(xs, 1))}`,
  );
const kb = (x: number) => `${(x / 1024).toFixed(0)} KB`;
say(`${rows.length} typed prefixes of ${words.length} words (${args.regroup ? "groups as built now" : "the bundle's own groups"}):`);
line(
  "bytes",
  rows.map((r) => r.bytes),
  kb,
);
line(
  "keys",
  rows.map((r) => r.keys),
  (x) => x.toFixed(1),
);
line(
  "round trips",
  rows.map((r) => r.trips),
  (x) => x.toFixed(1),
);
line(
  "CPU ms",
  rows.map((r) => r.cpu),
  (x) => x.toFixed(1),
);
line("name shards", shardBytes, kb);
say(`  ${shardBytes.length} name shards, ${(shardBytes.reduce((a, b) => a + b, 0) / 1024 / 1024).toFixed(0)} MB in all`);
