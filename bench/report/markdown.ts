/** @module The benchmark section of docs/benchmarks.md, made from the results of every corpus size run so far. */
import { peerNames } from "../peers/registry";
import { bytes, type Column, count, mib, ms, percent, table, times } from "./format";
import { checkTargets, targets } from "./targets";
import type { SizeReport } from "./types";

const mark = (met: boolean | undefined) => (met === undefined ? "—" : met ? "✅" : "❌");

function machineLine(r: SizeReport): string {
  const m = r.machine;
  return `${m.cores} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}`;
}

function targetsTable(rs: SizeReport[]): string {
  const checks = new Map(rs.map((r) => [r.label, new Map(checkTargets(r).map((c) => [c.id, c]))]));
  type Target = (typeof targets)[number];
  const columns: Column<Target>[] = [
    ["target", (t) => (t.size ? `${t.text} *(binding at ${t.size})*` : t.text)],
    ...rs.map(
      (r): Column<Target> => [
        r.label,
        (t) => {
          const c = checks.get(r.label)?.get(t.id);
          if (!c) return "not measured";
          if (c.met === undefined) return c.value;
          return `${t.size && t.size !== r.label ? "" : `${mark(c.met)} `}${c.value}`;
        },
      ],
    ),
  ];
  return table(columns, targets);
}

function buildTable(rs: SizeReport[]): string {
  const failed = (r: SizeReport) => !r.build;
  const built = (cell: (b: NonNullable<SizeReport["build"]>) => string) => (r: SizeReport) => (r.build ? cell(r.build) : "");
  return table<SizeReport>(
    [
      ["corpus", (r) => r.label],
      ["articles", (r) => count(r.build?.documents ?? r.corpus.documents)],
      ["build", (r) => (failed(r) ? `failed: ${r.failures.build ?? "?"}` : `${r.build?.seconds.toFixed(1)} s`)],
      ["articles/s", built((b) => count(b.docsPerSecond))],
      ["read / index / shard", built((b) => `${b.stages.read.toFixed(1)} / ${b.stages.index.toFixed(1)} / ${b.stages.shard.toFixed(1)} s`)],
      ["terms", built((b) => count(b.bundle.terms))],
      ["term shards", built((b) => count(b.bundle.termShards))],
      ["keys", built((b) => count(b.bundle.keys))],
      ["bundle", built((b) => bytes(b.bundle.bytes))],
      ["largest value", built((b) => `${bytes(b.bundle.largestValue.bytes)} (${b.bundle.largestValue.key})`)],
      [
        "term shard p50 / p99 / max",
        built(
          (b) => `${bytes(b.bundle.termShardBytes.p50)} / ${bytes(b.bundle.termShardBytes.p99)} / ${bytes(b.bundle.termShardBytes.max)}`,
        ),
      ],
    ],
    rs,
  );
}

function extractionLines(rs: SizeReport[]): string {
  const lines = rs.flatMap((r) => {
    const e = r.build?.extraction;
    if (!e || !r.build) return [];
    return [
      `- ${r.label}: the default build (with entities) took ${e.seconds.toFixed(1)} s (${count(e.docsPerSecond)} articles/s), ` +
        `of which the entity step ${e.entitySeconds.toFixed(1)} s, ${count(e.entities)} entities; without extraction ${r.build.seconds.toFixed(1)} s ` +
        `(extraction multiplies the build time by ${times(e.seconds / r.build.seconds)}).`,
    ];
  });
  return lines.length ? lines.join("\n") : "- not measured in these runs (`--extract`).";
}

function coldTable(rs: SizeReport[]): string {
  type Cold = { r: SizeReport; c: NonNullable<SizeReport["ours"]>["cold"]; first: NonNullable<SizeReport["ours"]>["firstQuery"] };
  const rows = rs.flatMap((r): Cold[] => (r.ours ? [{ r, c: r.ours.cold, first: r.ours.firstQuery }] : []));
  const share = (c: Cold["c"], k: string) => percent(c.bytesByKind[k]?.share ?? 0);
  return table<Cold>(
    [
      ["corpus", ({ r }) => r.label],
      ["round trips p99 (find + metadata)", ({ c }) => `${c.indexRoundTrips.p99} + ${c.metaRoundTrips.p99}`],
      ["keys p50 / p99", ({ c }) => `${c.keys.p50} / ${c.keys.p99}`],
      ["bytes p50 / p99 / max", ({ c }) => `${bytes(c.bytes.p50)} / ${bytes(c.bytes.p99)} / ${bytes(c.bytes.max)}`],
      ["bytes: term / meta / manifest", ({ c }) => `${share(c, "term")} / ${share(c, "meta")} / ${share(c, "manifest")}`],
      ["CPU p50 / p99", ({ c }) => `${ms(c.cpuMs.p50)} / ${ms(c.cpuMs.p99)}`],
      [
        "query's own CPU p50 / p99 (least of its answers)",
        ({ c }) => (c.ownCpuMs ? `${ms(c.ownCpuMs.p50)} / ${ms(c.ownCpuMs.p99)}` : "not measured"),
      ],
      ["CPU p99 without the store", ({ c }) => ms(c.engineCpuMs.p99)],
      ["main thread CPU p50 / p99", ({ c }) => (c.threadCpuMs ? `${ms(c.threadCpuMs.p50)} / ${ms(c.threadCpuMs.p99)}` : "not measured")],
      ["wall p50 / p99", ({ c }) => `${ms(c.wallMs.p50)} / ${ms(c.wallMs.p99)}`],
      ["manifest read p50", ({ c }) => ms(c.manifestMs.p50)],
      ["first query of a process (cold JIT)", ({ first }) => `${ms(first.cpuMs)} CPU, ${bytes(first.bytes)}`],
    ],
    rows,
  );
}

function heaviestTable(r: SizeReport): string {
  const c = r.ours?.cold;
  if (!c) return "";
  return [
    `Heaviest cold queries at ${r.label} (most bytes read; the largest value each read):`,
    "",
    table(
      [
        ["query", (h) => `\`${h.q}\``],
        ["bytes", (h) => bytes(h.bytes)],
        ["CPU", (h) => ms(h.cpuMs)],
        ["largest value", (h) => `${h.largestKey} (${bytes(h.largestBytes)})`],
      ],
      c.heaviest,
    ),
    "",
    `Most CPU at ${r.label} (single answers):`,
    "",
    table(
      [
        ["query", (s) => `\`${s.q}\``],
        ["CPU", (s) => ms(s.cpuMs)],
        ["its least CPU", (s) => (s.ownCpuMs === undefined ? "—" : ms(s.ownCpuMs))],
        ["bytes", (s) => bytes(s.bytes)],
        ["matches", (s) => count(s.total)],
      ],
      c.slowest,
    ),
  ].join("\n");
}

function projectionLines(rs: SizeReport[]): string {
  return rs
    .flatMap((r) => {
      const p = r.projection;
      if (!p) return [];
      return [
        `At ${r.label} our build failed (${r.failures.build ?? "?"}), so its term shards were projected with the bundle's own ` +
          `FlexIndexes, exportMaps, planLayout and shardOf (${p.seconds.toFixed(0)} s): ${count(p.terms)} words, ${count(p.termShards)} term shards of ` +
          `${bytes(p.termShardBytes.p50)} p50 / ${bytes(p.termShardBytes.p99)} p99 / ${bytes(p.termShardBytes.max)} max ` +
          `(the largest, term/${p.largestShard.shard}, holds \`${p.largestShard.heaviestTerm}\` at ${bytes(p.largestShard.heaviestTermBytes)}). ` +
          `A cold query of the set would read ${bytes(p.queryTermBytes.p50)} p50 / ${bytes(p.queryTermBytes.p99)} p99 / ${bytes(p.queryTermBytes.max)} max ` +
          "of term shards, before its metadata. Metadata bytes and CPU are not projected.",
      ];
    })
    .join("\n\n");
}

function warmTable(rs: SizeReport[]): string {
  type Warm = { r: SizeReport; w: NonNullable<SizeReport["ours"]>["warm"] };
  const rows = rs.flatMap((r): Warm[] => (r.ours?.warm ? [{ r, w: r.ours.warm }] : []));
  return table<Warm>(
    [
      ["corpus", ({ r }) => r.label],
      ["search p50 / p99", ({ w }) => `${ms(w.wallMs.p50)} / ${ms(w.wallMs.p99)}`],
      ["CPU p99", ({ w }) => ms(w.cpuMs.p99)],
      ["find + rank only p50 / p99", ({ w }) => `${ms(w.matchMs.p50)} / ${ms(w.matchMs.p99)}`],
      ["no evictions p50 / p99", ({ w }) => (w.unboundedMs ? `${ms(w.unboundedMs.p50)} / ${ms(w.unboundedMs.p99)}` : "—")],
      ["first pass p50 / p99", ({ w }) => `${ms(w.firstPassMs.p50)} / ${ms(w.firstPassMs.p99)}`],
      ["cache hits", ({ w }) => percent(w.cacheHitRatio)],
      ["cache held", ({ w }) => `${mib(w.cacheBytes)} in ${count(w.cacheEntries)} values`],
      ["heap before", ({ w }) => mib(w.heapBeforeBytes)],
      ["heap after 1,000 queries", ({ w }) => `${mib(w.heapAfterBytes)}${w.gc ? "" : " (no --expose-gc: includes garbage)"}`],
    ],
    rows,
  );
}

function peersTable(r: SizeReport): string {
  const ours = r.ours;
  type PeerRow = { engine: string; size: string; load: string; heap: string; queries: string; rate: string; ratios: string };
  const rows: PeerRow[] = [];
  if (ours && r.build) {
    rows.push({
      engine: "**edge-search** (sharded bundle)",
      size: `${bytes(r.build.bundle.bytes)} (all keys)`,
      load: `${ms(ours.cold.manifestMs.p50)} manifest; ${ms(ours.cold.wallMs.p50)} whole cold query`,
      heap: `${mib(ours.warm.heapAfterBytes - ours.warm.heapBeforeBytes)} after 1,000 queries`,
      queries: `${ms(ours.warm.wallMs.p50)} / ${ms(ours.warm.wallMs.p99)}`,
      rate: count(r.build.docsPerSecond),
      ratios: "—",
    });
  }
  for (const p of r.peers) {
    if (p.failed) {
      const rate = p.buildSeconds ? count(Math.round(p.documents / p.buildSeconds)) : "—";
      rows.push({ engine: p.name, size: "—", load: "—", heap: "—", queries: "—", rate, ratios: `**could not run:** ${p.failed}` });
      continue;
    }
    const ratio = r.ratios.find((x) => x.name === p.name);
    const modes = Object.entries(p.queries).map(([mode, s]) => `${mode}: ${ms(s.p50)} / ${ms(s.p99)}`);
    const ratios = ratio
      ? [
          `size ${times(ratio.size)}`,
          `load ${times(ratio.loadVsColdQuery)} our cold query (${times(ratio.loadVsManifest)} our manifest read)`,
          `heap ${times(ratio.heap)}`,
          `p99 ${times(ratio.warmP99)}`,
          ...Object.entries(ratio.other).map(([mode, x]) => `${mode} p99 ${times(x)}`),
        ].join("; ")
      : "";
    rows.push({
      engine: p.name,
      size: bytes(p.serializedBytes),
      load: ms(p.loadMs),
      heap: mib(p.heapAfterLoadBytes),
      queries: modes.join("<br>"),
      rate: count(p.docsPerSecond),
      ratios,
    });
  }
  const skipped = peerNames.filter((name) => !r.peers.some((p) => p.name === name));
  for (const name of skipped) {
    rows.push({ engine: name, size: "—", load: "—", heap: "—", queries: "—", rate: "—", ratios: "not run in this command (`--peers`)" });
  }
  return table<PeerRow>(
    [
      ["engine", (x) => x.engine],
      ["serialized index", (x) => x.size],
      ["load", (x) => x.load],
      ["heap after load", (x) => x.heap],
      ["query p50 / p99", (x) => x.queries],
      ["index articles/s", (x) => x.rate],
      ["peer ÷ ours", (x) => x.ratios],
    ],
    rows,
  );
}

function httpTable(r: SizeReport): string {
  const h = r.http;
  if (!h) return "";
  type Run = { name: string; x: typeof h.bare; ratio?: number };
  const row = (name: string, x: typeof h.bare, ratio?: number): Run => ({ name, x, ratio });
  return [
    `At ${r.label}: ${h.bare.seconds} s a run, ${h.bare.connections} connections, autocannon against workerd (Miniflare) on 127.0.0.1, 32 MB cache budget.`,
    "",
    table<Run>(
      [
        ["Worker", (w) => w.name],
        ["requests/s", (w) => count(w.x.requestsPerSecond)],
        ["latency p50 / p99", (w) => `${ms(w.x.latencyMs.p50)} / ${ms(w.x.latencyMs.p99)}`],
        ["errors", (w) => count(w.x.errors)],
        ["requests", (w) => count(w.x.requests)],
        ["distinct paths", (w) => count(w.x.distinctPaths)],
        ["of bare", (w) => (w.ratio === undefined ? "1" : percent(w.ratio))],
      ],
      [
        row('bare Hono, answers "ok"', h.bare),
        row("ours, distinct queries", h.distinct, h.ratio.distinct),
        row("ours, distinct queries, edge cache and answer cache off", h.distinctNoEdge, h.ratio.distinctNoEdge),
        ...(h.zipf ? [row("ours, a query log (Zipf's law over the pool), from empty caches", h.zipf, h.ratio.zipf)] : []),
        row("ours, 200 queries already answered once", h.edgeWarm, h.ratio.edgeWarm),
      ],
    ),
    "",
    ...(h.breakdown
      ? [
          `Where a distinct query's time goes (${count(h.breakdown.queries)} more distinct queries, one at a time, to the Worker without answer caches after its run; ` +
            `means of \`Server-Timing\`): the Worker answers in ${ms(h.breakdown.workerMs)}, of which ${ms(h.breakdown.kvMs)} waiting for KV ` +
            `(${h.breakdown.kvKeys.toFixed(1)} values read, ${h.breakdown.cachedValues.toFixed(1)} from the isolate's cache) and ${ms(h.breakdown.searchMs)} searching; ` +
            `the client waits ${ms(h.breakdown.clientMs)}. Local KV is Miniflare's simulator in the same workerd process, so its reads take CPU from the Worker here; ` +
            "on Cloudflare, KV is a network read that costs the isolate no CPU.",
          "",
        ]
      : []),
    `A sample answer's \`Server-Timing\` (first request of the isolate): \`${h.sample.serverTiming}\`.`,
  ].join("\n");
}

/**
 * The Markdown of the benchmark section, for the reports of every size (sorted by corpus size).
 * @example
 * await updateSection("docs/benchmarks.md", "bench", renderMarkdown(reports, "../bench/results/benchmarks.svg"));
 */
export function renderMarkdown(reports: SizeReport[], chartPath: string): string {
  const rs = [...reports].sort((a, b) => a.corpus.documents - b.corpus.documents);
  const largest = rs.filter((r) => r.ours).at(-1);
  const failures = rs.flatMap((r) => Object.entries(r.failures).map(([phase, why]) => `- ${r.label}, ${phase}: ${why}`));
  const machines = [...new Set(rs.map(machineLine))];
  return [
    "## Performance (`npm run bench`)",
    "",
    "Generated by `bench/run.ts` from `bench/results/*.json`; do not edit by hand.",
    "",
    `Machine: ${machines.join("; ")}.`,
    "",
    table<SizeReport>(
      [
        ["corpus", (r) => r.label],
        ["what", (r) => r.corpus.description],
        ["command", (r) => `\`${r.command}\``],
        ["code", (r) => r.revision ?? "—"],
        ["run on", (r) => r.date.slice(0, 16).replace("T", " ")],
        ["took", (r) => `${Math.round(r.seconds)} s`],
      ],
      rs,
    ),
    "",
    "### Targets (issue 7)",
    "",
    targetsTable(rs),
    "",
    `![Cold-query bytes, warm p99 and heap against corpus size](${chartPath})`,
    "",
    "### Build",
    "",
    buildTable(rs),
    "",
    "Entity extraction, on top of the build:",
    "",
    extractionLines(rs),
    "",
    "### Cold queries (a fresh isolate for every query)",
    "",
    `${rs[0]?.queries ?? 1000} distinct queries of 1–3 consecutive words of random articles (stop words and bare numbers left out), ` +
      "each answered with a new manifest read, an empty cache and a new reader, limit 10, through `search()`, twice (all of them, then all again; CPU percentiles are over both answers, bytes are the same): " +
      "finding the hits (live manifest + term shards), then one read of their metadata buckets for titles and snippets. " +
      "CPU is `process.cpuUsage()` around the whole query (every thread of the process: V8's background GC and compiler threads too; " +
      "the target is checked on this, the stricter figure); the store reads files, and its own CPU is subtracted in “without the store”. " +
      "“Main thread” is the CPU of the thread running the query alone (Linux schedstat), store included: what the isolate's own thread spends. " +
      "“Own CPU” is each query's lesser CPU of its two answers: its work without a pause that happened to land on it.",
    "",
    coldTable(rs),
    "",
    projectionLines(rs),
    "",
    largest ? heaviestTable(largest) : "",
    "",
    "### Warm queries and heap (one isolate, shared 32 MB cache)",
    "",
    "The same queries twice through one cache: the heap is read after the first pass (1,000 distinct queries) and a full GC; " +
      "latency is the second pass's. “find + rank only” is `matchQuery` without metadata and snippets, what the peers return; " +
      "“no evictions” is the full search through a cache that keeps everything (compute alone, no misses).",
    "",
    warmTable(rs),
    "",
    "### Peers, same process, same queries",
    "",
    "Each peer indexes the same articles (title and body), is serialized, then loaded back from the text in memory (timed), and answers the " +
      "same queries (one unmeasured pass, then the timed one; top 10). FlexSearch is one unsharded index per field with our analyzer: " +
      "`search` is its own search, `ranked` is our ranking over it (our engine without KV and shards).",
    "",
    ...rs.flatMap((r) => [`#### ${r.label}`, "", peersTable(r), ""]),
    "### HTTP",
    "",
    ...rs.filter((r) => r.http).flatMap((r) => [httpTable(r), ""]),
    rs.some((r) => r.http) ? "" : "Not measured in these runs.",
    failures.length ? ["### What could not run", "", ...failures, ""].join("\n") : "",
  ]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
}
