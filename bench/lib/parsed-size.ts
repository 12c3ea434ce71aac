/**
 * @module How much heap a bundle's values take once parsed, per kind of key, against their JSON text: the factors
 * the isolate cache charges (`src/format/reader.ts`). Run: `node --expose-gc --import tsx bench/lib/parsed-size.ts KV_DIR`
 * (a directory written by the bench, e.g. /tmp/edge-search-bench/run-1m/kv).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseValue } from "../../src/format/reader";
import type { DocMeta } from "../../src/format/schema";
import { analyzeDoc } from "../../src/search/doc-words";

const dir = process.argv[2] ?? "/tmp/edge-search-bench/run-19k/kv";
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with node --expose-gc.");
const version = readdirSync(join(dir, "bundle"))[0] as string;
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

for (const kind of ["term", "tail", "prefix", "meta", "id", "entity"] as const) {
  let files: string[];
  try {
    files = readdirSync(join(dir, "bundle", version, kind)).slice(0, 300);
  } catch {
    continue;
  }
  const texts = files.map((f) => readFileSync(join(dir, "bundle", version, kind, f), "utf8"));
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const before = heap();
  const kept = texts.map((t) => parseValue(kind, JSON.parse(t)));
  const parsed = heap() - before;
  let analyzed = 0;
  if (kind === "meta") {
    const start = heap();
    const words = (kept as DocMeta[][]).flatMap((bucket) => bucket.map((meta) => analyzeDoc(meta)));
    analyzed = heap() - start;
    words.length = 0;
  }
  console.log(
    `${kind.padEnd(7)} ${files.length} values, ${(chars / 1e6).toFixed(1)} MB of text → ${(parsed / 1e6).toFixed(1)} MB parsed: ×${(parsed / chars).toFixed(2)}` +
      (analyzed ? `; analyzed words of every document (doc-words.ts) ×${(analyzed / chars).toFixed(2)} more` : ""),
  );
  kept.length = 0;
}
