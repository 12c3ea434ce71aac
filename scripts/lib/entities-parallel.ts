/** @module Entity extraction on every core: worker threads extract batches of documents, the main thread merges. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { extractDocument } from "../../src/entities/document";
import { type EntityDocument, type EntityIndex, mergeEntities, type RegistryEntry } from "../../src/entities/merge";
import type { DocumentNames } from "../../src/entities/types";

/** A batch of documents sent to a worker. */
export interface ExtractRequest {
  batch: number;
  docs: { title: string; body: string }[];
}

/** A worker's answer: the names found in each document of the batch, or what went wrong. */
export type ExtractReply = { batch: number; names: DocumentNames[]; error?: undefined } | { batch: number; error: string };

export interface ParallelOptions {
  /** Worker threads to start (default: one per core). Fewer than 2 extracts on the main thread. */
  workers?: number;
  /** Corpora smaller than this are extracted on the main thread: starting workers costs about a second. */
  threshold?: number;
  /** Documents per message to a worker. */
  batchSize?: number;
  /** Called as documents are extracted, and once at the end with `done === total`. */
  onProgress?: (done: number, total: number) => void;
}

export const PARALLEL_THRESHOLD = 2000;

/** The URL of tsx's ESM API (`tsx/esm/api`, import condition), read from tsx's own exports map. */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import?: { default?: string } }> };
  const entry = exports["./esm/api"]?.import?.default;
  if (!entry) throw new Error(`${manifest}: no "./esm/api" import entry; is tsx 4 installed?`);
  return new URL(entry, pathToFileURL(manifest)).href;
}

/**
 * A worker can not inherit tsx's hooks (nor take `--import` in Node 20), so a small script registers tsx's ESM
 * API in the worker first and then imports the TypeScript worker: it runs alike under tsx and under vitest.
 */
function startWorker(): Worker {
  const tsxApi = tsxEsmApi();
  const entry = new URL("./extract-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true });
}

/**
 * Same output as `buildEntities(docs, registry)`, byte for byte, with the extraction (nine tenths of the time)
 * spread over worker threads on corpora of `threshold` documents or more. Batches go to whichever worker is free,
 * and their results are put back in document order, so the merge sees exactly what one thread would have made.
 * @example
 * const index = await buildEntitiesParallel(documents, registry, { onProgress: (n, total) => progress("entities", n, total) });
 */
export async function buildEntitiesParallel(
  docs: readonly EntityDocument[],
  registry: readonly RegistryEntry[] = [],
  options: ParallelOptions = {},
): Promise<EntityIndex> {
  const batchSize = Math.max(1, options.batchSize ?? 100);
  const workers = Math.min(options.workers ?? availableParallelism(), Math.ceil(docs.length / batchSize));
  const report = options.onProgress ?? (() => {});
  if (workers < 2 || docs.length < (options.threshold ?? PARALLEL_THRESHOLD)) {
    const extracted = docs.map((doc, i) => {
      if (i % 250 === 0) report(i, docs.length);
      return extractDocument(doc);
    });
    report(docs.length, docs.length);
    return mergeEntities(docs, extracted, registry);
  }
  const extracted = await extractInWorkers(docs, workers, batchSize, report);
  return mergeEntities(docs, extracted, registry);
}

function extractInWorkers(
  docs: readonly EntityDocument[],
  count: number,
  batchSize: number,
  report: (done: number, total: number) => void,
): Promise<DocumentNames[]> {
  const extracted: DocumentNames[] = new Array(docs.length);
  const batches = Math.ceil(docs.length / batchSize);
  let next = 0;
  let finished = 0;
  let done = 0;
  const pool: Worker[] = [];
  return new Promise((resolve, reject) => {
    let failed = false;
    const stop = (error?: Error) => {
      for (const worker of pool) void worker.terminate();
      if (error && !failed) {
        failed = true;
        reject(error);
      }
    };
    const send = (worker: Worker) => {
      if (next >= batches) return;
      const from = next * batchSize;
      const request: ExtractRequest = {
        batch: next++,
        docs: docs.slice(from, from + batchSize).map(({ title, body }) => ({ title, body })),
      };
      worker.postMessage(request);
    };
    for (let w = 0; w < count; w++) {
      const worker = startWorker();
      pool.push(worker);
      worker.on("message", (reply: ExtractReply) => {
        if (reply.error !== undefined) return stop(new Error(`entity extraction failed in batch ${reply.batch}: ${reply.error}`));
        reply.names.forEach((names, i) => {
          extracted[reply.batch * batchSize + i] = names;
        });
        done += reply.names.length;
        report(done, docs.length);
        if (++finished === batches) {
          stop();
          resolve(extracted);
        } else send(worker);
      });
      worker.on("error", (error) => stop(error));
      worker.on("exit", (code) => {
        if (finished < batches && !failed) stop(new Error(`an entity extraction worker exited with code ${code} before the end`));
      });
      send(worker);
    }
  });
}
