/**
 * @module `npm run bench:segments`: an archive kept current by updates. A corpus split by date into a base and
 * `--deltas` updates of `--per` documents each: what an update costs (time, KV writes), what a query reads with 0,
 * half and all the deltas beside the base, cold and warm, against the archive compacted (one build of every document).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseCli, say } from "../../scripts/shared/cli";
import { ROOT } from "../../scripts/shared/worker-bundle";
import { fileKvSource, writeBundle } from "../../src/build/bundle-files";
import { normalizeDate } from "../../src/build/ingest/parse-date";
import { buildFromInputs } from "../../src/build/pipeline";
import { BundleReader, readManifest } from "../../src/format/reader";
import { LruCache } from "../../src/kv/lru-cache";
import { type KvSource, newReadStats } from "../../src/kv/source";
import { bundleEngine } from "../../src/search/bundle-engine";
import { search } from "../../src/search/engine";
import { suggest } from "../../src/search/suggest";

const usage =
  "Usage: npm run bench:segments -- [--corpus FILE.jsonl] [--deltas N] [--per DOCUMENTS] [--queries N] [--work DIR] [--merge-deltas]\n" +
  "                                [--base-dir DIR] [--compacted-dir DIR]   (archives npm run build made: the base of all but the\n" +
  "                                newest N × DOCUMENTS, and every document; copied, not built again)\n" +
  "                                [--no-compacted]   (no compacted row: at a million articles its build takes a quarter of an hour)\n" +
  "                                [--late N] [--late-hours H]   (then an update of N articles dated H hours before the newest)";
const { values: args } = parseCli(
  {
    options: {
      corpus: { type: "string", default: "../shared/corpora/reuters21578.jsonl" },
      deltas: { type: "string", default: "8" },
      per: { type: "string", default: "250" },
      queries: { type: "string", default: "300" },
      work: { type: "string", default: ".cache/bench-segments" },
      // Each update folds the deltas before it into its own (`--merge-deltas`): one delta beside the base.
      "merge-deltas": { type: "boolean", default: false },
      "base-dir": { type: "string" },
      "compacted-dir": { type: "string" },
      "no-compacted": { type: "boolean", default: false },
      // At the end, one more update of N late articles: copies (new ids) of the newest, dated `--late-hours` earlier.
      late: { type: "string", default: "0" },
      "late-hours": { type: "string", default: "8" },
    },
  },
  usage,
);
const deltas = Number(args.deltas);
const per = Number(args.per);
const work = args.work;
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// The corpus by date, as the build numbers it; the newest `deltas × per` documents come as updates.
const records = linesOf(args.corpus)
  .map((line, i) => {
    const r = JSON.parse(line) as { date?: string; body?: string; text?: string; title?: string };
    return { line, i, date: (r.date ? normalizeDate(r.date) : "") ?? "", empty: !(r.body ?? r.text ?? "").trim(), title: r.title ?? "" };
  })
  .filter((r) => !r.empty)
  .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
const baseCount = records.length - deltas * per;

/** The non-empty lines of a file, read as bytes: a corpus of a million articles is longer than V8's longest string. */
function linesOf(path: string): string[] {
  const bytes = readFileSync(path);
  const lines: string[] = [];
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(10, start);
    if (end < 0) end = bytes.length;
    if (end > start) lines.push(bytes.toString("utf8", start, end));
    start = end + 1;
  }
  return lines;
}
if (baseCount < 1) throw new Error(`${args.corpus} has ${records.length} documents: fewer than ${deltas} updates of ${per}`);
const write = (name: string, part: typeof records) => {
  const path = join(work, name);
  writeFileSync(path, `${part.map((r) => r.line).join("\n")}\n`);
  return path;
};
const queries: string[] = [];
for (let i = 0; i < records.length && queries.length < Number(args.queries); i += 60) {
  const words = (records[i] as (typeof records)[number]).title.toLowerCase().match(/[a-z]{4,}/g) ?? [];
  if (words.length >= 2) queries.push(`${words[0]} ${words[1]} `);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const at = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))] ?? 0;
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

/** Cold (a fresh cache each query) and warm (the same queries again, cache kept) two-word searches over a bundle folder. */
async function measure(dir: string) {
  const source = await fileKvSource(dir);
  const manifest = await readManifest(source);
  const cold = { keys: [] as number[], bytes: [] as number[], trips: [] as number[], cpu: [] as number[] };
  const run = async (reader: BundleReader, q: string) => {
    const started = process.cpuUsage();
    await search(bundleEngine(reader), reader, { q, limit: 10, offset: 0 });
    return cpuMs(started);
  };
  for (const q of queries.slice(0, 20)) await run(new BundleReader(source, new LruCache(64 << 20), manifest, newReadStats()), q);
  // What the cold searches read, by segment (the base or a delta) and kind of value.
  const byKind = new Map<string, number>();
  const counted: KvSource = {
    async getMany(keys) {
      const values = await source.getMany(keys);
      for (const [key, text] of values) {
        const [, version, kind] = key.split("/");
        const name = `${version === manifest.version ? "base" : "deltas"} ${kind}`;
        byKind.set(name, (byKind.get(name) ?? 0) + (text?.length ?? 0));
      }
      return values;
    },
  };
  for (const q of queries) {
    const stats = newReadStats();
    const ms = await run(new BundleReader(counted, new LruCache(64 << 20), manifest, stats), q);
    cold.keys.push(stats.keys);
    cold.bytes.push(stats.bytes);
    cold.trips.push(stats.roundTrips);
    cold.cpu.push(ms);
  }
  // Cold completions (what the widget asks as a word is typed): the first three letters of each query's first word.
  const completions = { keys: [] as number[], bytes: [] as number[] };
  for (const q of queries) {
    const stats = newReadStats();
    const reader = new BundleReader(source, new LruCache(64 << 20), manifest, stats);
    await suggest(bundleEngine(reader), reader, q.slice(0, 3), 8, { titles: true });
    completions.keys.push(stats.keys);
    completions.bytes.push(stats.bytes);
  }
  const cache = new LruCache<unknown>(256 << 20);
  for (const q of queries) await run(new BundleReader(source, cache, manifest, newReadStats()), q);
  const warm: number[] = [];
  for (const q of queries) warm.push(await run(new BundleReader(source, cache, manifest, newReadStats()), q));
  return {
    keys: mean(cold.keys),
    bytes: mean(cold.bytes) / 1024,
    bytes99: at(cold.bytes, 0.99) / 1024,
    trips: mean(cold.trips),
    cpu50: at(cold.cpu, 0.5),
    cpu99: at(cold.cpu, 0.99),
    warm50: at(warm, 0.5),
    warm99: at(warm, 0.99),
    suggestKeys: mean(completions.keys),
    suggestBytes: mean(completions.bytes) / 1024,
    suggestBytes99: at(completions.bytes, 0.99) / 1024,
    byKind: [...byKind]
      .sort((a, b) => b[1] - a[1])
      .map(([name, bytes]) => `${name} ${(bytes / queries.length / 1024).toFixed(1)}`)
      .join(", "),
  };
}

const rows: string[] = [];
const kinds: string[] = [];
const row = (label: string, m: Awaited<ReturnType<typeof measure>>) =>
  kinds.push(`- ${label}: ${m.byKind}`) &&
  rows.push(
    `| ${label} | ${m.keys.toFixed(2)} | ${m.bytes.toFixed(1)} / ${m.bytes99.toFixed(1)} | ${m.trips.toFixed(2)} | ${m.cpu50.toFixed(1)} / ${m.cpu99.toFixed(1)} | ${m.warm50.toFixed(2)} / ${m.warm99.toFixed(2)} | ${m.suggestKeys.toFixed(1)} / ${m.suggestBytes.toFixed(1)} / ${m.suggestBytes99.toFixed(1)} |`,
  );

say(
  `${records.length.toLocaleString("en-US")} documents: a base of ${baseCount.toLocaleString("en-US")}, then ${deltas} updates of ${per}`,
);
const archive = join(work, "archive");
const started = performance.now();
if (args["base-dir"]) {
  cpSync(args["base-dir"], archive, { recursive: true });
  const base = await readManifest(await fileKvSource(archive));
  if (base.counts.documents !== baseCount)
    throw new Error(`${args["base-dir"]} holds ${base.counts.documents} documents, not the base's ${baseCount}`);
  say(`  base ${base.version} copied from ${args["base-dir"]}, ${base.counts.keys.toLocaleString("en-US")} keys`);
} else {
  const { bundle } = await buildFromInputs([write("base.jsonl", records.slice(0, baseCount))], {
    builtAt: "bench",
    cache: ".cache/entities",
  });
  await writeBundle(bundle, archive);
  say(
    `  base built in ${((performance.now() - started) / 1000).toFixed(1)} s (extraction cache .cache/entities), ${bundle.manifest.counts.keys.toLocaleString("en-US")} keys`,
  );
}
row("base alone (0 deltas)", await measure(archive));
const updates: string[] = [];

/** `npm run build -- --update --no-cache` of `input` on the archive, as an operator runs it: what it printed, and its keys and time. */
function runUpdate(input: string, label: string): { printed: string; keys: number; seconds: number } {
  // In a process of its own: in this one, the searches measured before leave gigabytes of garbage at a million articles.
  const cli = spawnSync(
    "npm",
    [
      "run",
      "-s",
      "build",
      "--",
      "--update",
      "--no-cache",
      "--input",
      resolve(input),
      "--out",
      resolve(archive),
      ...(args["merge-deltas"] ? ["--merge-deltas"] : []),
    ],
    { encoding: "utf8", cwd: ROOT },
  );
  const printed = `${cli.stdout ?? ""}${cli.stderr ?? ""}`;
  const found = /([\d,]+) keys to write;.* ([\d.]+) s$/mu.exec(printed);
  if (cli.status !== 0 || !found) throw new Error(`${label} failed:\n${printed}`);
  return { printed, keys: Number(found[1]?.replaceAll(",", "")), seconds: Number(found[2]) };
}

for (let k = 0; k < deltas; k++) {
  const from = baseCount + k * per;
  const input = write(`update-${k + 1}.jsonl`, records.slice(from, from + per));
  // Its own time, as it prints it, and its keys.
  const { seconds, ...result } = runUpdate(input, `update ${k + 1}`);
  updates.push(`${seconds.toFixed(2)} s, ${result.keys} keys`);
  say(
    `  update ${k + 1}: ${per} documents in ${seconds.toFixed(2)} s (npm run build -- --update --no-cache, as it prints its time), ${result.keys} keys to write`,
  );
  if (k + 1 === Math.ceil(deltas / 2) && k + 1 < deltas) {
    cpSync(archive, join(work, "half"), { recursive: true });
    row(`base and ${k + 1} ${args["merge-deltas"] ? "updates folded into one delta" : "deltas"}`, await measure(join(work, "half")));
  }
}
row(`base and ${deltas} ${args["merge-deltas"] ? "updates folded into one delta" : "deltas"}`, await measure(archive));
if (args["compacted-dir"]) row("compacted (one build of every document)", await measure(args["compacted-dir"]));
else if (!args["no-compacted"]) {
  const full = await buildFromInputs([write("all.jsonl", records)], { builtAt: "bench", cache: ".cache/entities" });
  await writeBundle(full.bundle, join(work, "compacted"));
  row("compacted (one build of every document)", await measure(join(work, "compacted")));
}

// Late articles: copies of the newest (new ids), dated `--late-hours` before the newest; the archive's documents dated
// after them move after them (see `updateArchive`).
const late = Number(args.late);
let lateLine = "";
const newestTime = Date.parse(records.at(-1)?.date ?? "");
if (late > 0 && Number.isNaN(newestTime)) say("  no late update: the corpus has no dates");
else if (late > 0) {
  const newest = newestTime;
  const lines = records.slice(-late).map((r, i) => {
    const doc = JSON.parse(r.line) as { id: string; date?: string };
    return JSON.stringify({
      ...doc,
      id: `${doc.id}-late`,
      date: new Date(newest - Number(args["late-hours"]) * 3_600_000 + i * 1000).toISOString(),
    });
  });
  writeFileSync(join(work, "late.jsonl"), `${lines.join("\n")}\n`);
  const { printed, keys, seconds } = runUpdate(join(work, "late.jsonl"), "the late update");
  const moved = /\(([\d,]+) of them the archive's/u.exec(printed)?.[1] ?? "0";
  lateLine = `\nA late update: ${late} articles dated ${args["late-hours"]} h before the newest, ${moved} of the archive's moved after them, ${keys} keys, ${seconds.toFixed(2)} s.`;
  say(`  late update: ${late} articles, ${moved} moved, ${keys} keys, ${seconds.toFixed(2)} s`);
}

say(`
| ${queries.length} two-word searches, limit 10, facets=sample | keys (cold, mean) | KB (cold, mean / p99) | round trips | CPU ms (cold, p50 / p99) | CPU ms (warm, p50 / p99) | cold completions of 3 letters: keys / KB mean / KB p99 |
|---|---|---|---|---|---|---|
${rows.join("\n")}

KB a cold search reads, by segment and kind of value:
${kinds.join("\n")}

Updates of ${per} documents: ${updates.join("; ")}.${lateLine}
Reproduce: npm run bench:segments -- --corpus ${args.corpus} --deltas ${deltas} --per ${per}${args["merge-deltas"] ? " --merge-deltas" : ""}${late > 0 ? ` --late ${late} --late-hours ${args["late-hours"]}` : ""}`);
rmSync(work, { recursive: true, force: true });
