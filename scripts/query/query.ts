/**
 * @module `npm run query`: BEIR-style queries on stdin (or one query as arguments) → ranked document ids on stdout,
 * through the Worker's own search code.
 */
import { createInterface } from "node:readline";
import { fileKvSource, indexedFileSource } from "../../src/build/bundle-files";
import { AppError } from "../../src/errors";
import { BundleReader, readManifest } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { search } from "../../src/search/engine";
import { fail, parseCli, say } from "../shared/cli";

const usage = `Usage: npm run query -- [--bundle DIR] [--limit N] [--sort relevance|date] [--stats [--repeat N]] < queries.jsonl
       npm run query -- [--bundle DIR] [--limit N] [--sort relevance|date] [--stats [--repeat N]] WORDS…
  Searches a built bundle (default dist/bundle) as the Worker does and prints one JSON line a query:
  {"id", "hits": [document ids, best first]} ("corrected": the query as searched, when it corrected a word; with
  --stats, what it read, its total and its CPU time). Queries come
  as JSON lines on stdin, {"_id": "q1", "text": "kabul embassy"} (BEIR's form; "id" and "query" are read too), or as
  one query in the arguments: npm run query -- kabul embassy
  --limit N    hits a query, 1-1000 (default 10)
  --sort S     relevance (default) or date (newest first)
  --repeat N   with --stats: each query N times (1-100), each on an empty isolate cache (the bundle's values read
               from disk once); cpu_ms is then the median of the runs after the first (the first compiles the code)
               and what it read is a cold run's`;
const { values: args, positionals } = parseCli(
  {
    allowPositionals: true,
    options: {
      bundle: { type: "string", default: "dist/bundle" },
      limit: { type: "string", default: "10" },
      stats: { type: "boolean", default: false },
      sort: { type: "string", default: "relevance" },
      repeat: { type: "string", default: "1" },
    },
  },
  usage,
);
const limit = Number(args.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
  fail(`--limit must be an integer from 1 to 1000, not "${args.limit}".\n${usage}`);

const sort = args.sort;
if (sort !== "relevance" && sort !== "date") fail(`--sort must be relevance or date, not "${sort}".\n${usage}`);
const repeat = Number(args.repeat);
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 100)
  fail(`--repeat must be an integer from 1 to 100, not "${args.repeat}".\n${usage}`);

// A bundle with its bulk files' indexes is read value by value (a million articles' bundle does not fit in memory).
const disk = await indexedFileSource(args.bundle)
  .then((indexed) => indexed ?? fileKvSource(args.bundle))
  .catch((error: Error) => fail(`Cannot read bundle ${args.bundle}: ${error.message}`));
// Values read from disk once: `--repeat` times the search, not the disk.
const read = new Map<string, string | null>();
const source: KvSource = {
  async getMany(keys) {
    const missing = keys.filter((k) => !read.has(k));
    if (missing.length > 0) for (const [k, v] of await disk.getMany(missing)) read.set(k, v);
    return new Map(keys.map((k) => [k, read.get(k) ?? null]));
  },
};
const manifest = await readManifest(source);
let cache = new LruCache<unknown>(256 * 1024 * 1024);
let count = 0;
let errors = 0;
// One query in the arguments, else JSON lines on stdin.
const lines: AsyncIterable<string> | string[] =
  positionals.length > 0 ? [JSON.stringify({ _id: "1", text: positionals.join(" ") })] : createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let query: { _id?: unknown; id?: unknown; text?: unknown; query?: unknown };
  try {
    query = JSON.parse(line);
  } catch {
    fail(`stdin line ${count + 1}: not JSON. Each line must be {"_id": ..., "text": ...}.`);
  }
  const id = String(query._id ?? query.id ?? count);
  const text = String(query.text ?? query.query ?? "");
  let stats = newReadStats();
  try {
    const times: number[] = [];
    let result: Awaited<ReturnType<typeof search>> | undefined;
    for (let run = 0; run < (args.stats ? repeat : 1); run++) {
      if (repeat > 1) cache = new LruCache<unknown>(256 * 1024 * 1024);
      stats = newReadStats();
      const reader = new BundleReader(source, cache, manifest, stats);
      const cpu = process.cpuUsage();
      // A whole query, not one being typed: the trailing space keeps its last word from matching as a prefix.
      result = await search(bundleEngine(reader), reader, { q: `${text} `, limit, offset: 0, sort });
      const used = process.cpuUsage(cpu);
      times.push((used.user + used.system) / 1000);
    }
    if (!result) throw new Error("no run");
    const out: Record<string, unknown> = { id, hits: result.hits.map((h) => h.id) };
    // What the search read the query as, when it corrected a word ("ceasfire" → "ceasefire").
    if (result.corrected) out.corrected = result.corrected;
    if (args.stats) {
      const warm = (times.length > 1 ? times.slice(1) : times).sort((a, b) => a - b);
      const cpu_ms = Number((warm[Math.floor((warm.length - 1) / 2)] ?? 0).toFixed(1));
      out.stats = { ...stats, total: result.total, total_approximate: result.approximate, cpu_ms };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors++;
    process.stdout.write(`${JSON.stringify({ id, hits: [], error: error.code })}\n`);
  }
  count++;
}
say(`✔ ${count} queries${errors ? `, ${errors} answered with an error` : ""}`);
