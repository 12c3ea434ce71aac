/**
 * @module `npm run query`: BEIR-style queries on stdin (or one query as arguments) → ranked document ids on stdout,
 * through the Worker's own search code.
 */
import { createInterface } from "node:readline";
import { fileKvSource } from "../../src/build/bundle-files";
import { AppError } from "../../src/errors";
import { BundleReader, readManifest } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { search } from "../../src/search/engine";
import { fail, parseCli, say } from "../shared/cli";

const usage = `Usage: npm run query -- [--bundle DIR] [--limit N] [--stats] < queries.jsonl
       npm run query -- [--bundle DIR] [--limit N] [--stats] WORDS…
  Searches a built bundle (default dist/bundle) as the Worker does and prints one JSON line a query:
  {"id", "hits": [document ids, best first]} (with --stats, what it read). Queries come as JSON lines on stdin,
  {"_id": "q1", "text": "kabul embassy"} (BEIR's form; "id" and "query" are read too), or as one query in the
  arguments: npm run query -- kabul embassy
  --limit N   hits a query, 1-1000 (default 10)`;
const { values: args, positionals } = parseCli(
  {
    allowPositionals: true,
    options: {
      bundle: { type: "string", default: "dist/bundle" },
      limit: { type: "string", default: "10" },
      stats: { type: "boolean", default: false },
    },
  },
  usage,
);
const limit = Number(args.limit);
if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
  fail(`--limit must be an integer from 1 to 1000, not "${args.limit}".\n${usage}`);

const source = await fileKvSource(args.bundle).catch((error: Error) => fail(`Cannot read bundle ${args.bundle}: ${error.message}`));
const manifest = await readManifest(source);
const cache = new LruCache<unknown>(256 * 1024 * 1024);
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
  const stats = newReadStats();
  const reader = new BundleReader(source, cache, manifest, stats);
  try {
    // A whole query, not one being typed: the trailing space keeps its last word from matching as a prefix.
    const result = await search(bundleEngine(reader), reader, { q: `${text} `, limit, offset: 0 });
    const out: Record<string, unknown> = { id, hits: result.hits.map((h) => h.id) };
    if (args.stats) out.stats = stats;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors++;
    process.stdout.write(`${JSON.stringify({ id, hits: [], error: error.code })}\n`);
  }
  count++;
}
say(`✔ ${count} queries${errors ? `, ${errors} answered with an error` : ""}`);
