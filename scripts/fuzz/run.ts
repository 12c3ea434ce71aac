/** @module Runs a seeded stream of hostile requests against a Worker, a few at a time, and tallies what came back. */
import fc from "fast-check";
import { checkAnswer } from "./check";
import { expectFor } from "./expect";
import type { Reference } from "./reference";
import { type FuzzRequest, type FuzzVocabulary, fuzzRequest } from "./requests";

/** Where requests go: Miniflare's `dispatchFetch`, or `fetch` on a port. */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

export interface FuzzOptions {
  seed: number;
  runs: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** An answer slower than this is a failure: work per request must stay bounded. */
  timeoutMs?: number;
  /** Compare every search, suggest and document answer with the reference engine's. */
  reference?: Reference;
  onProgress?: (report: FuzzReport) => void;
}

export interface FuzzFailure {
  /** The request's index in the seeded stream (generated in chunks of `CHUNK`, chunk `i` with seed `seed + i`). */
  index: number;
  method: string;
  url: string;
  headers: Record<string, string>;
  status: number;
  problems: string[];
  body: string;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  ms: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  byRoute: Record<string, number>;
  /** Bad input answered with its 400 (or 404) as the oracle said. */
  rejected: number;
  serverErrors: number;
  slowestMs: number;
  slowest: string;
  failures: FuzzFailure[];
}

/** Requests generated per seed. */
export const CHUNK = 1_000;
const MAX_FAILURES = 50;
const ORIGIN = "http://localhost";

/** The seeded stream's request `index` (for replaying one failure). */
export function nthRequest(vocab: FuzzVocabulary, seed: number, index: number): FuzzRequest {
  const chunk = Math.floor(index / CHUNK);
  return fc.sample(fuzzRequest(vocab), { seed: seed + chunk, numRuns: (index % CHUNK) + 1 }).at(-1) as FuzzRequest;
}

/** The URL a client really sends for a target: parsed as WHATWG URL does, without its fragment. */
export function wireUrl(target: string): URL {
  const url = new URL(target, ORIGIN);
  url.hash = "";
  return url;
}

/**
 * Sends `runs` seeded requests; every answer is checked (see `checkAnswer`).
 * @example
 * const report = await runFuzz((url, init) => worker.mf.dispatchFetch(url, init), vocab, { seed: 1, runs: 2000 });
 */
export async function runFuzz(send: Send, vocab: FuzzVocabulary, options: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = {
    seed: options.seed,
    requests: 0,
    ms: 0,
    byStatus: {},
    byCode: {},
    byRoute: {},
    rejected: 0,
    serverErrors: 0,
    slowestMs: 0,
    slowest: "",
    failures: [],
  };
  const documentIds = new Set(vocab.documentIds);
  const entityIds = new Set(vocab.entityIds);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const started = performance.now();

  async function one(index: number, request: FuzzRequest): Promise<void> {
    const url = wireUrl(request.target);
    const expectation = expectFor(request.method, url, request.headers, documentIds, entityIds);
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let answer: { status: number; headers: Headers; text: string };
    try {
      answer = await Promise.race([
        send(url.href, { method: request.method, headers: request.headers, body: request.body, redirect: "manual" }).then(async (res) => ({
          status: res.status,
          headers: res.headers,
          text: await res.text(),
        })),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      answer = { status: 0, headers: new Headers(), text: String((error as Error).message) };
    } finally {
      clearTimeout(timer);
    }
    const ms = performance.now() - t0;
    if (ms > report.slowestMs) {
      report.slowestMs = Math.round(ms);
      report.slowest = `${request.method} ${url.href.slice(0, 200)}`;
    }
    report.requests++;
    report.byStatus[answer.status] = (report.byStatus[answer.status] ?? 0) + 1;
    report.byRoute[expectation.route] = (report.byRoute[expectation.route] ?? 0) + 1;
    if (answer.status >= 500) report.serverErrors++;
    const code = answer.status >= 400 ? /"code":"([a-z_]+)"/.exec(answer.text)?.[1] : undefined;
    if (code) report.byCode[code] = (report.byCode[code] ?? 0) + 1;
    const problems = answer.status === 0 ? [answer.text] : await checkAnswer(request.method, expectation, answer, options.reference);
    if (expectation.bad && problems.length === 0) report.rejected++;
    if (problems.length > 0 && report.failures.length < MAX_FAILURES) {
      report.failures.push({
        index,
        method: request.method,
        url: url.href.length > 500 ? `${url.href.slice(0, 500)}…` : url.href,
        headers: request.headers,
        status: answer.status,
        problems,
        body: answer.text.slice(0, 300),
      });
    }
  }

  for (let base = 0; base < options.runs; base += CHUNK) {
    const count = Math.min(CHUNK, options.runs - base);
    const requests = fc.sample(fuzzRequest(vocab), { seed: options.seed + base / CHUNK, numRuns: count });
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const i = next++;
        await one(base + i, requests[i] as FuzzRequest);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
    report.ms = Math.round(performance.now() - started);
    options.onProgress?.(report);
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}
