/**
 * @module `npm run bench:first-request`: what a fresh isolate pays for its first requests, measured on the built
 * Worker (bundled and minified as `wrangler deploy` does, not the sources) in a fresh Node process per run, over a
 * stand-in KV that serves a built bundle from memory. Node's V8 is workerd's engine, so JIT, zod building its
 * schemas and Hono's routing cost alike; KV's latency is not part of it (the stand-in answers at once).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { parseCli, say } from "../../scripts/shared/cli";
import { ROOT, workerBuildOptions } from "../../scripts/shared/worker-bundle";

const usage = "Usage: npm run bench:first-request -- [--bundle DIR] [--runs N] [--query Q] [--second Q]";
const { values: args } = parseCli(
  {
    options: {
      bundle: { type: "string", default: "dist/bundle" },
      runs: { type: "string", default: "15" },
      query: { type: "string", default: "taliban kabul" },
      second: { type: "string", default: "embassy security" },
    },
  },
  usage,
);
const bundleDir = resolve(args.bundle);
if (!existsSync(join(bundleDir, "kv"))) {
  say(`No bundle in ${bundleDir}: run \`npm run build\` first (or pass --bundle DIR).`);
  process.exit(1);
}
const runs = Math.max(1, Number(args.runs) || 15);

/** One fresh process: import the Worker, then time each request's CPU (user + system, every thread) and wall. */
const child = `
const [workerPath, kvDir, ...paths] = process.argv.slice(2);
const { readdirSync, readFileSync } = await import("node:fs");
const values = new Map();
for (const name of readdirSync(kvDir)) if (name.endsWith(".json")) for (const { key, value } of JSON.parse(readFileSync(kvDir + "/" + name, "utf8"))) values.set(key, value);
const kv = {
  async get(key) { return Array.isArray(key) ? new Map(key.map((k) => [k, values.get(k) ?? null])) : values.get(key) ?? null; },
};
const env = { SEARCH_KV: kv, CACHE_BUDGET_MB: "32", ANSWER_CACHE_MB: "4", ALLOWED_ORIGINS: "*", CACHE_MAX_AGE: "60", CACHE_STALE_WHILE_REVALIDATE: "600" };
const ctx = { waitUntil() {}, passThroughOnException() {} };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
// workerd's user agent: zod then takes its path without \`new Function\` code generation, as on Cloudflare (workerd forbids eval).
if (typeof navigator === "undefined") globalThis.navigator = { userAgent: "Cloudflare-Workers" };
else Object.defineProperty(navigator, "userAgent", { value: "Cloudflare-Workers" });
// Node loads its fetch classes (undici, ~20 ms of CPU) the first time Request or Response is used; in workerd they are
// built in. Used once here, before the clock starts, so that Node's own start-up is not counted as the Worker's.
await new Response(new Request("https://warm.example/", { headers: { a: "b" } }).url).text();
new Headers({ a: "b" });
let c = cpu(), w = performance.now();
const worker = (await import(workerPath)).default;
const out = { import: { cpu: cpu() - c, wall: performance.now() - w }, requests: [] };
for (const path of paths) {
  c = cpu(); w = performance.now();
  const res = await worker.fetch(new Request("https://search.example" + path), env, ctx);
  await res.text();
  out.requests.push({ path, status: res.status, cpu: cpu() - c, wall: performance.now() - w });
}
console.log(JSON.stringify(out));
`;

const dir = mkdtempSync(join(tmpdir(), "first-request-"));
try {
  const bundled = await build({ ...workerBuildOptions, entryPoints: ["src/worker/index.ts"], minify: true, write: false });
  const script = bundled.outputFiles?.[0]?.text ?? "";
  const workerPath = join(dir, "worker.mjs");
  writeFileSync(workerPath, script);
  const childPath = join(dir, "child.mjs");
  writeFileSync(childPath, child);
  const q = (s: string) => encodeURIComponent(s);
  const paths = [`/search?q=${q(args.query)}`, `/search?q=${q(args.second)}`, "/openapi.json", "/openapi.json"];
  const labels = ["first search", "second search (other words)", "first /openapi.json", "second /openapi.json"];
  const samples: { import: number; requests: number[] }[] = [];
  for (let i = 0; i < runs; i++) {
    const line = execFileSync(process.execPath, [childPath, workerPath, join(bundleDir, "kv"), ...paths], { cwd: ROOT, encoding: "utf8" });
    const result = JSON.parse(line.trim().split("\n").at(-1) as string) as {
      import: { cpu: number };
      requests: { path: string; status: number; cpu: number }[];
    };
    for (const r of result.requests) if (r.status !== 200) throw new Error(`${r.path} answered ${r.status}`);
    samples.push({ import: result.import.cpu, requests: result.requests.map((r) => r.cpu) });
  }
  const stat = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
    return `median ${at(0.5).toFixed(1)} ms, max ${(s.at(-1) as number).toFixed(1)} ms`;
  };
  say(`Worker bundle: ${script.length.toLocaleString("en-US")} bytes minified; bundle ${bundleDir}; ${runs} fresh processes`);
  say(`  loading the Worker module: ${stat(samples.map((s) => s.import))} CPU`);
  labels.forEach((label, i) => {
    say(`  ${label}: ${stat(samples.map((s) => s.requests[i] as number))} CPU`);
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
