/** @module `npm run fuzz -- --runs N --seed S`: hostile requests against the real Worker in workerd, every answer checked. */
import { buildFromInputs } from "../../src/build/pipeline";
import { fail, parseCli, say } from "../shared/cli";
import { startWorker } from "../shared/local-worker";
import { reference } from "./reference";
import { type FuzzReport, nthRequest, runFuzz, wireUrl } from "./run";
import { unicodeDrift } from "./unicode-drift";
import { vocabularyOf } from "./vocabulary";

const { values: args } = parseCli({
  options: {
    runs: { type: "string", default: "100000" },
    seed: { type: "string", default: "8" },
    concurrency: { type: "string", default: "8" },
    input: { type: "string", multiple: true, default: ["seeds", "test/fixtures/corpus", "test/fixtures/xss"] },
    replay: { type: "string" },
    "no-reference": { type: "boolean", default: false },
  },
});
const runs = Number(args.runs);
const seed = Number(args.seed);
const concurrency = Number(args.concurrency);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer, not "${args.runs}".`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, not "${args.seed}".`);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) fail(`--concurrency must be 1–64, not "${args.concurrency}".`);

say(`Building a bundle from ${args.input.join(", ")}`);
const { bundle } = await buildFromInputs(args.input, { builtAt: "2026-01-01T00:00:00.000Z" });
const vocab = vocabularyOf(bundle);
say(`Starting the Worker in workerd (${bundle.manifest.counts.documents} documents, ${bundle.values.size} keys)`);
const worker = await startWorker();
await worker.load(bundle);
const send = (url: string, init: RequestInit) => worker.mf.dispatchFetch(url, init as never) as unknown as Promise<Response>;

function summary(r: FuzzReport): string {
  const rate = Math.round((r.requests / Math.max(1, r.ms)) * 1000);
  return `${r.requests.toLocaleString("en-US")} requests in ${(r.ms / 1000).toFixed(1)} s (${rate}/s), ${r.serverErrors} 5xx, ${r.failures.length} failures`;
}

try {
  if (args.replay !== undefined) {
    const request = nthRequest(vocab, seed, Number(args.replay));
    const url = wireUrl(request.target);
    say(`Replaying request ${args.replay} of seed ${seed}: ${request.method} ${url.href}`);
    const res = await send(url.href, { method: request.method, headers: request.headers, body: request.body });
    say(`${res.status} ${(await res.text()).slice(0, 2_000)}`);
  } else {
    say(`Fuzzing: ${runs.toLocaleString("en-US")} requests, seed ${seed}, ${concurrency} at a time`);
    const report = await runFuzz(send, vocab, {
      seed,
      runs,
      concurrency,
      reference: args["no-reference"] ? undefined : reference(bundle, await unicodeDrift()),
      onProgress: (r) => {
        if (r.requests % 10_000 === 0 || r.requests === runs) say(`  ${summary(r)}`);
      },
    });
    for (const f of report.failures) say(`✘ #${f.index} ${f.method} ${f.url} → ${f.status}: ${f.problems.join("; ")}\n    ${f.body}`);
    say(`Statuses: ${JSON.stringify(report.byStatus)}`);
    say(`Error codes: ${JSON.stringify(report.byCode)}`);
    say(`Routes: ${JSON.stringify(report.byRoute)}`);
    say(
      `Bad input rejected with its code: ${report.rejected.toLocaleString("en-US")}; slowest answer ${report.slowestMs} ms (${report.slowest.slice(0, 120)})`,
    );
    say(`${report.failures.length === 0 ? "✔" : "✘"} ${summary(report)}; replay one with --seed ${seed} --replay <index>`);
    process.exitCode = report.failures.length === 0 ? 0 : 1;
  }
} finally {
  await worker.dispose();
}
