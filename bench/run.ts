/** @module `npm run bench`: our engine and its peers on Reuters-21578 and synthetic corpora; results as JSON, tables in docs/benchmarks.md. */
import { join } from "node:path";
import { prepareCorpus } from "./corpus/prepare";
import { reutersAvailable, reutersPath } from "./corpus/reuters";
import { runSize } from "./harness";
import { parseOptions, usage } from "./lib/options";
import { bytes, mib, ms } from "./report/format";
import { checkTargets } from "./report/targets";
import { loadResults, publish, saveResult } from "./report/write-results";

const say = (message: string) => process.stderr.write(`${message}\n`);

let options: ReturnType<typeof parseOptions>;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  const message = (error as Error).message;
  say(message === usage ? usage : `✘ ${message}`);
  process.exit(message === usage ? 0 : 1);
}

const reuters = reutersPath();
if (!reutersAvailable(reuters)) {
  say(`Reuters-21578 is not at ${reuters}: every benchmark corpus is made from it, so there is nothing to run.`);
  say("Put reuters21578.jsonl there, or point BENCH_REUTERS at it, and run again.");
  process.exit(0);
}

/** Heap limit of a phase's process: the build and the peers hold the whole corpus. */
const heapFor = (label: string) => options.heapMb ?? (label === "1m" ? 18_000 : label === "100k" ? 8_000 : 4_096);

for (const label of options.sizes) {
  const started = performance.now();
  const corpus = await prepareCorpus(label, { reuters, cacheDir: options.cacheDir, seed: options.seed, say });
  const small = label === "5k" || label === "19k";
  const report = await runSize(corpus, {
    workDir: join(options.cacheDir, `run-${label}`),
    queries: options.queries,
    httpQueries: 20_000,
    seed: options.seed,
    cacheBudgetMb: 32,
    peers: options.peers,
    http: (options.http ?? small) ? { seconds: options.httpSeconds, connections: options.connections } : false,
    extract: options.extract ?? small,
    spawn: true,
    heapMb: heapFor(label),
    timeoutMs: options.timeoutMs,
    command: options.command,
    phases: options.phases,
    previous: loadResults(options.outDir).find((r) => r.label === label),
    say,
  });
  const file = saveResult(report, options.outDir);
  await publish(options.outDir, options.doc);
  const checks = checkTargets(report).filter((c) => c.met !== undefined);
  const cold = report.ours?.cold;
  const warm = report.ours?.warm;
  say(
    `✔ ${label}: ${cold ? `cold p99 ${bytes(cold.bytes.p99)} and ${ms(cold.cpuMs.p99)} CPU, ` : ""}` +
      `${warm ? `warm p99 ${ms(warm.wallMs.p99)}, heap ${mib(warm.heapAfterBytes)}, ` : ""}` +
      `targets met ${checks.filter((c) => c.met).length}/${checks.length}` +
      `${Object.keys(report.failures).length ? `, failed: ${Object.keys(report.failures).join(", ")}` : ""}` +
      ` → ${file}, ${options.doc} (${Math.round((performance.now() - started) / 1000)} s)`,
  );
}
