/**
 * @module `npm run load`: 60 s at 64 connections against the Worker in workerd on 127.0.0.1 with a realistic query mix,
 * then one isolate's memory over 10,000 distinct queries. `--baseline` loads a bare Hono Worker (one KV read and about
 * our CPU per request) the same way instead, to tell what the local runtime does under load from what we do.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import { Log, LogLevel, Miniflare } from "miniflare";
import { buildFromInputs } from "../../src/build/pipeline";
import { liveManifest } from "../../src/build/write";
import { parseServerTiming } from "../../src/worker/http/server-timing";
import { isolateMemory } from "../fuzz/memory";
import { realisticQueries, seededRandom } from "../fuzz/queries";
import { vocabularyOf } from "../fuzz/vocabulary";
import { fail, parseCli, say } from "../shared/cli";
import { workerScript } from "../shared/local-worker";
import { baselineWorkerScript } from "./baseline";

const REUTERS = "../shared/corpora/reuters21578.jsonl";

const { values: args } = parseCli({
  options: {
    duration: { type: "string", default: "60" },
    connections: { type: "string", default: "64" },
    queries: { type: "string", default: "10000" },
    seed: { type: "string", default: "8" },
    warmup: { type: "string", default: "20" },
    input: { type: "string", multiple: true },
    baseline: { type: "boolean", default: false },
    rate: { type: "string", default: "0" },
    "baseline-work": { type: "string", default: "2000" },
  },
});
const baseline = args.baseline === true;
const baselineWork = Number(args["baseline-work"]);
/** Requests per second over all connections (0: as fast as answered, which saturates one local workerd thread). */
const rate = Number(args.rate);
if (!(Number.isInteger(rate) && rate >= 0)) fail(`--rate must be a non-negative integer (requests per second), not "${args.rate}".`);
if (!(baselineWork >= 0)) fail(`--baseline-work must be a non-negative number, not "${args["baseline-work"]}".`);
const duration = Number(args.duration);
const connections = Number(args.connections);
const memoryQueries = baseline ? 0 : Number(args.queries);
const seed = Number(args.seed);
const warmup = Number(args.warmup);
if (!(duration > 0 && duration <= 600)) fail(`--duration must be 1–600 seconds, not "${args.duration}".`);
if (!(Number.isInteger(connections) && connections >= 1 && connections <= 256))
  fail(`--connections must be 1–256, not "${args.connections}".`);
if (!(warmup >= 0 && warmup <= 600)) fail(`--warmup must be 0–600 seconds, not "${args.warmup}".`);
if (!(Number.isInteger(memoryQueries) && memoryQueries >= 0)) fail(`--queries must be a non-negative integer, not "${args.queries}".`);

let inputs = args.input ?? [REUTERS];
if (!args.input && !existsSync(REUTERS)) {
  say(`${REUTERS} is absent: loading the seeds and the fixtures instead (figures will not be comparable).`);
  inputs = ["seeds", "test/fixtures/corpus", "test/fixtures/xss"];
}

/** The workerd processes Miniflare started (children of this process), for their resident memory. */
function workerdPids(): number[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid && stat.includes("(workerd)");
      } catch {
        return false;
      }
    })
    .map(Number);
}
/** When errors happened: "12 s ×48, 31 s ×2" (a burst at one second is connections dropped together, not slow answers). */
const bySecond = (seconds: number[]) =>
  Object.entries(
    seconds.reduce<Record<number, number>>((acc, s) => {
      acc[s] = (acc[s] ?? 0) + 1;
      return acc;
    }, {}),
  )
    .map(([s, n]) => `${s} s ×${n}`)
    .join(", ");
const rssMb = (pids: number[]) =>
  pids.reduce((sum, pid) => {
    try {
      return sum + Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      return sum;
    }
  }, 0);

say(`Building a bundle from ${inputs.join(", ")} (no entities, to keep it short)`);
const started = performance.now();
const { bundle } = await buildFromInputs(inputs, { entities: false, builtAt: "2026-01-01T00:00:00.000Z" });
say(
  `  ${bundle.manifest.counts.documents.toLocaleString("en-US")} documents, ${bundle.values.size.toLocaleString("en-US")} keys in ${Math.round((performance.now() - started) / 1000)} s`,
);

// The baseline reads the bundle's largest term shard: at least what one of our searches reads from KV.
const shardKey = [...bundle.values.entries()]
  .filter(([k]) => k.includes("/term/"))
  .sort((a, b) => b[1].length - a[1].length)[0]?.[0] as string;
say(
  baseline
    ? `Starting a bare Hono Worker (reads ${shardKey}, then ${baselineWork} thousand iterations) in workerd with local KV`
    : "Starting the Worker in workerd with local KV, and loading the bundle",
);
// Miniflare itself, to see the runtime's own warnings (an isolate over its memory limit, a hung request).
const mf = new Miniflare({
  modules: [
    { type: "ESModule", path: "index.js", contents: baseline ? await baselineWorkerScript(shardKey, baselineWork) : await workerScript() },
  ],
  compatibilityDate: "2026-04-01",
  kvNamespaces: ["SEARCH_KV"],
  bindings: { CACHE_BUDGET_MB: "32" },
  log: new Log(LogLevel.WARN),
});
let failed = false;
try {
  const kv = (await mf.getKVNamespace("SEARCH_KV")) as unknown as KVNamespace;
  const entries = [...bundle.values];
  for (let i = 0; i < entries.length; i += 50) await Promise.all(entries.slice(i, i + 50).map(([k, v]) => kv.put(k, v)));
  await kv.put(...liveManifest(bundle));
  const origin = new URL(await mf.ready).origin;
  const pids = workerdPids();

  // The traffic: searches as the widget sends them (and a suggest for one in four), repeats included.
  const mix = realisticQueries(bundle, 20_000, { seed, repeats: 0.3 });
  const random = seededRandom(seed + 1);
  const paths = mix.map((q) => `${random() < 0.25 ? "/suggest" : "/search"}?q=${encodeURIComponent(q)}`);
  let next = 0;
  /** One autocannon run over the mix, with its errors by kind. */
  const cannon = (conns: number, seconds: number) =>
    new Promise<{ result: autocannon.Result; errorKinds: Record<string, number>; errorSeconds: number[] }>((resolve, reject) => {
      const errorKinds: Record<string, number> = {};
      const errorSeconds: number[] = [];
      const started = performance.now();
      const run = autocannon(
        {
          url: origin,
          connections: conns,
          duration: seconds,
          timeout: 10,
          ...(rate > 0 && conns === connections ? { overallRate: rate } : {}),
          requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] as string }) }],
        },
        (error, result) => (error ? reject(error) : resolve({ result, errorKinds, errorSeconds })),
      );
      run.on("reqError", (error: Error & { code?: string }) => {
        const kind = error.code ?? error.message;
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        errorSeconds.push(Math.floor((performance.now() - started) / 1000));
      });
    });
  const line = ({ result, errorKinds, errorSeconds }: Awaited<ReturnType<typeof cannon>>, seconds: number) => {
    const statuses = Object.entries(result.statusCodeStats ?? {})
      .map(([code, s]) => `${code}: ${s.count}`)
      .join(", ");
    return (
      `${Math.round(result.requests.average).toLocaleString("en-US")} requests/s (${result.requests.total.toLocaleString("en-US")} in ${seconds} s), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms; ` +
      `errors ${result.errors} ${JSON.stringify(errorKinds)}${errorSeconds.length ? ` at ${bySecond(errorSeconds)}` : ""}, ` +
      `timeouts ${result.timeouts}, non-2xx ${result.non2xx} (${statuses})`
    );
  };

  say(
    `Mix: ${paths.length.toLocaleString("en-US")} requests, e.g. ${mix
      .slice(0, 4)
      .map((q) => JSON.stringify(q))
      .join(", ")}`,
  );
  await (await fetch(`${origin}/health`)).text();
  if (warmup > 0) {
    // A cold isolate in front of 64 connections queues for seconds while its cache fills: warm it as traffic would, gradually.
    say(`Warming up: ${warmup} s at 8 connections`);
    say(`  ${line(await cannon(8, warmup), warmup)}`);
  }
  say(`Load: ${duration} s at ${connections} connections on ${origin}${rate > 0 ? `, ${rate} requests/s in all` : ""}`);
  const rssBefore = rssMb(pids);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(pids));
  }, 1_000);
  const measured = await cannon(connections, duration);
  clearInterval(sampler);
  const rssAfter = rssMb(pids);
  say(`  ${line(measured, duration)}`);
  say(
    `  workerd resident memory: ${rssBefore.toFixed(0)} MB before, ${rssPeak.toFixed(0)} MB at most, ${rssAfter.toFixed(0)} MB after (pids ${pids.join(", ") || "not found"})`,
  );
  const { result } = measured;
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0) failed = true;
  if (result.non2xx === 0 && result.errors > 0) {
    // Every answer was a 2xx: the errors are connections reset or left unanswered, which a bare Worker sees too.
    say(
      `  (no error answer, only connections reset or unanswered: compare ${baseline ? "with our Worker, without --baseline" : "npm run load -- --baseline"})`,
    );
  }

  // Crafted queries: how much one request may read, from Server-Timing.
  const words = vocabularyOf(bundle).words.filter((w) => /^[a-z]{6,}$/.test(w));
  const crafted: Record<string, string> = {
    "32 words": `${words.slice(0, 32).join(" ")} `,
    "32 typos": `${words
      .slice(100, 132)
      .map((w) => w.slice(0, 2) + w[3] + w[2] + w.slice(4))
      .join(" ")} `,
    "31 prefixes": words
      .slice(0, 31)
      .map((w) => `${w.slice(0, 2)}*`)
      .join(" "),
    "31 ORs": `${words.slice(0, 31).join(" OR ")} `,
    "all dates": "from:1900 to:2100",
    "40 words": `${words.slice(0, 40).join(" ")} `,
    "120 prefixes": words
      .slice(0, 120)
      .map((w) => `${w.slice(0, 2)}*`)
      .join(" ")
      .slice(0, 512),
  };
  if (!baseline) say("Crafted queries, cold (limit 100):");
  for (const [name, q] of Object.entries(baseline ? {} : crafted)) {
    const res = await fetch(`${origin}/search?q=${encodeURIComponent(q)}&limit=100&x=${Date.now()}`);
    const body = (await res.json()) as { total?: number; error?: { code: string } };
    const t = parseServerTiming(res.headers.get("server-timing"));
    say(
      `  ${name.padEnd(13)} ${res.status} ${body.error?.code ?? `${body.total} hits`}; ${t?.keys} keys read + ${t?.cachedValues} cached, ${Math.round(Number(t?.bytes) / 1024)} KB, ${t?.roundTrips} round trips, search ${t?.searchMs ?? "-"} ms`,
    );
  }
} finally {
  await mf.dispose();
}

if (memoryQueries > 0) {
  say(
    `Isolate memory: ${memoryQueries.toLocaleString("en-US")} distinct queries through one 32 MB cache (Node, the Worker's engine), every 20th checked against a cold cache`,
  );
  const queries = realisticQueries(bundle, memoryQueries, { seed, distinct: true });
  const report = await isolateMemory(bundle, queries, {
    onProgress: (done, heap) => say(`  ${done.toLocaleString("en-US")} queries, heap ${heap} MB`),
  });
  say(
    `  heap after a collection: ${report.heapBeforeMb} MB before, ${report.heapHalfwayMb} MB halfway, ${report.heapAfterMb} MB after (peak ${report.heapPeakMb} MB uncollected); ` +
      `cache ${report.cacheMb} of ${report.budgetMb} MB, ${report.cacheEntries} values, ${report.loads.toLocaleString("en-US")} loads; ` +
      `${report.compared} answers compared, ${report.mismatches.length} different; ${report.seconds} s`,
  );
  for (const m of report.mismatches) say(`  ✘ ${m}`);
  // The budget counts the JSON text of cached values; the heap holds them parsed (and what is derived from them).
  const held = Math.round((report.heapAfterMb - report.heapBeforeMb) * 10) / 10;
  say(`  heap held by the isolate's caches: ${held} MB for a ${report.budgetMb} MB budget (${(held / report.budgetMb).toFixed(1)}×)`);
  if (held > report.budgetMb * 2) say(`  ✘ more than twice the budget: the cache's byte count does not bound the heap`);
  if (report.mismatches.length > 0 || report.cacheMb > report.budgetMb || held > report.budgetMb * 2) failed = true;
}
say(failed ? "✘ Load test failed: see above." : "✔ Load held: no errors, no non-2xx; memory bounded; answers unchanged.");
process.exitCode = failed ? 1 : 0;
