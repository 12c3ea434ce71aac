/** @module Hostile requests against the real Worker in workerd (the short form of `npm run fuzz`): never a 5xx, errors with their code, 200s valid and equal to the engine's own answer. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reference } from "../scripts/fuzz/reference";
import { type FuzzReport, runFuzz } from "../scripts/fuzz/run";
import { unicodeDrift } from "../scripts/fuzz/unicode-drift";
import { vocabularyOf } from "../scripts/fuzz/vocabulary";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";

/** `npm run fuzz -- --runs 100000` is the long form, same seed by default. */
const RUNS = 2_500;
const SEED = 8;

let worker: TestWorker;
let report: FuzzReport;

beforeAll(async () => {
  const started = await startWorkerWith(["seeds", "test/fixtures/corpus", "test/fixtures/xss"]);
  worker = started.worker;
  const send = (url: string, init: RequestInit) => worker.mf.dispatchFetch(url, init as never) as unknown as Promise<Response>;
  report = await runFuzz(send, vocabularyOf(started.bundle), {
    seed: SEED,
    runs: RUNS,
    concurrency: 8,
    reference: reference(started.bundle, await unicodeDrift()),
  });
  const { failures, ...counts } = report;
  console.info(`fuzz: ${JSON.stringify(counts)}`);
}, 180_000);
afterAll(() => worker?.dispose());

describe(`${RUNS.toLocaleString("en-US")} hostile requests (seed ${SEED})`, () => {
  // A request unanswered within 15 s counts as a failure too: work per request is bounded.
  it("get no 5xx, and every answer is one the API allows: errors with their code, 200s valid against their schema and equal to the engine's", () => {
    expect(report.failures).toEqual([]);
    expect(report.serverErrors).toBe(0);
    expect(report.requests).toBe(RUNS);
  });

  it("reach every route, and both answers and refusals", () => {
    for (const route of ["search", "suggest", "document", "entity-list", "entity", "health", "none"])
      expect(report.byRoute[route]).toBeGreaterThan(0);
    expect(report.byStatus["200"]).toBeGreaterThan(RUNS / 4);
    expect(report.rejected).toBeGreaterThan(RUNS / 10);
    for (const code of [
      "query_missing",
      "query_too_long",
      "query_too_complex",
      "limit_out_of_range",
      "offset_out_of_range",
      "bad_request",
      "not_found",
    ]) {
      expect(report.byCode[code], code).toBeGreaterThan(0);
    }
  });
});
