/** @module The benchmark harness, run end to end on a tiny generated corpus: every phase answers with a report of the right shape (no timings checked). */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { syntheticFrom } from "../bench/corpus/prepare";
import { drawQueries } from "../bench/corpus/queries";
import { runSize } from "../bench/harness";
import { BUILD_SEMI_SPACE_MB } from "../bench/lib/spawn-phase";
import { chart } from "../bench/report/chart";
import { renderMarkdown } from "../bench/report/markdown";
import { checkTargets, targets } from "../bench/report/targets";
import type { SizeReport } from "../bench/report/types";
import { readInputs } from "../src/build/ingest/read-inputs";

const dir = mkdtempSync(join(tmpdir(), "bench-smoke-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const summary = { p50: expect.any(Number), p99: expect.any(Number), max: expect.any(Number), mean: expect.any(Number) };

let report: SizeReport | undefined;
async function run(): Promise<SizeReport> {
  if (report) return report;
  const base = (await readInputs(["seeds"])).documents;
  const corpus = await syntheticFrom(base, 300, join(dir, "corpus"), 7);
  report = await runSize(corpus, {
    workDir: join(dir, "run"),
    queries: 40,
    httpQueries: 200,
    seed: 7,
    cacheBudgetMb: 32,
    peers: ["flexsearch", "minisearch", "orama", "lunr"],
    http: { seconds: 1, connections: 2 },
    extract: false,
    spawn: false,
    heapMb: 1024,
    timeoutMs: 60_000,
    command: "smoke test",
    say: () => {},
  });
  return report;
}

describe("benchmark harness", () => {
  it("times the build with the Node flags `npm run build` and `npm run deploy` use", () => {
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
    for (const name of ["build", "deploy"]) expect(scripts[name]).toContain(`--max-semi-space-size=${BUILD_SEMI_SPACE_MB} `);
  });

  it("generates the same synthetic corpus and query set from the same seed", async () => {
    const base = (await readInputs(["seeds"])).documents;
    const a = await syntheticFrom(base, 50, join(dir, "a"), 3);
    const b = await syntheticFrom(base, 50, join(dir, "b"), 3);
    const docsA = (await readInputs(a.inputs)).documents;
    const docsB = (await readInputs(b.inputs)).documents;
    expect(docsA.map((d) => d.body)).toEqual(docsB.map((d) => d.body));
    expect(drawQueries(docsA, 20, 5)).toEqual(drawQueries(docsB, 20, 5));
    expect(new Set(drawQueries(docsA, 20, 5)).size).toBe(20);
  });

  it("measures our build, cold and warm queries and heap on a tiny corpus", async () => {
    const r = await run();
    expect(r.failures).toEqual({});
    expect(r.build).toMatchObject({ documents: 300, seconds: expect.any(Number), docsPerSecond: expect.any(Number) });
    expect(r.build?.bundle).toMatchObject({
      keys: expect.any(Number),
      bytes: expect.any(Number),
      largestValue: { key: expect.any(String) },
    });
    expect(r.ours?.cold).toMatchObject({ queries: 40, roundTrips: summary, bytes: summary, cpuMs: summary, wallMs: summary });
    expect(r.ours?.cold.indexRoundTrips.max).toBeLessThanOrEqual(r.ours?.cold.roundTrips.max ?? 0);
    expect(Object.keys(r.ours?.cold.bytesByKind ?? {})).toEqual(expect.arrayContaining(["manifest", "term"]));
    expect(r.ours?.warm).toMatchObject({
      wallMs: summary,
      matchMs: summary,
      heapAfterBytes: expect.any(Number),
      cacheBudgetBytes: 32 * 1024 * 1024,
    });
  });

  it("measures every peer on the same queries and gives its ratios to ours", async () => {
    const r = await run();
    expect(r.peers.map((p) => p.name)).toEqual(["flexsearch", "minisearch", "orama", "lunr"]);
    for (const p of r.peers) {
      expect(p.failed).toBeUndefined();
      expect(p).toMatchObject({ documents: 300, serializedBytes: expect.any(Number), loadMs: expect.any(Number), errors: 0 });
      expect(p.queries.search).toEqual(summary);
    }
    expect(r.peers.find((p) => p.name === "flexsearch")?.queries.ranked).toEqual(summary);
    expect(r.ratios.map((x) => x.name)).toEqual(["flexsearch", "minisearch", "orama", "lunr"]);
  });

  it("loads the real Worker and a bare one over HTTP on 127.0.0.1", async () => {
    const r = await run();
    expect(r.http?.sample.status).toBe(200);
    for (const run of [r.http?.bare, r.http?.distinct, r.http?.distinctNoEdge, r.http?.edgeWarm]) {
      expect(run).toMatchObject({ requests: expect.any(Number), requestsPerSecond: expect.any(Number), errors: expect.any(Number) });
    }
    // The breakdown read real Server-Timing headers: the Worker's own time, within what the client waited.
    const b = r.http?.breakdown;
    expect(b?.queries).toBeGreaterThan(0);
    // No answer cache on that Worker: every query read its values, from KV or the isolate's cache.
    expect((b?.kvKeys ?? 0) + (b?.cachedValues ?? 0)).toBeGreaterThan(0);
    expect(b?.workerMs).toBeGreaterThanOrEqual(b?.kvMs ?? Number.NaN);
    expect(b?.clientMs).toBeGreaterThanOrEqual(b?.workerMs ?? Number.NaN);
  });

  it("checks every target and renders the Markdown tables and the SVG chart", async () => {
    const r = await run();
    expect(checkTargets(r).map((c) => c.id)).toEqual(targets.map((t) => t.id));
    const markdown = renderMarkdown([r], "chart.svg");
    for (const heading of ["### Targets", "### Build", "### Cold queries", "### Warm queries", "### Peers", "### HTTP"]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain("![Cold-query bytes, warm p99 and heap against corpus size](chart.svg)");
    const svg = chart([r]);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/font-weight="bold"/g)).toHaveLength(3);
  });
});
