/** @module Entity extraction on every core: the main thread and worker threads extract batches of documents, the main thread merges. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { extractDocument } from "./document";
import { type EntityDocument, type EntityIndex, mergeEntities, type RegistryEntry } from "./merge";
import { defaultModel } from "./tagger/load";
import type { DocumentNames } from "./types";

/** A batch of documents sent to a worker. */
export interface ExtractRequest {
  batch: number;
  docs: Pick<EntityDocument, "title" | "body" | "lang">[];
}

/**
 * A worker's answer: the names found in each document of the batch, that the main thread had taken the batch
 * back before the worker started it (`skipped`), or what went wrong.
 */
export type ExtractReply =
  | { batch: number; names: DocumentNames[]; skipped?: undefined; error?: undefined }
  | { batch: number; skipped: true; error?: undefined }
  | { batch: number; error: string };

/** What a worker is started with: one flag a batch, set (with `Atomics.compareExchange`) by whichever thread extracts it. */
export interface ExtractWorkerData {
  claims: Int32Array;
}

export interface ParallelOptions {
  /**
   * Threads that extract, the main thread included (default: `defaultThreads(docs.length)`): the main thread
   * extracts too and `threads - 1` workers help it. 1 extracts on the main thread alone.
   */
  threads?: number;
  /** False leaves every batch to `threads` workers, the main thread only handing them out (for tests and comparisons). */
  mainThread?: boolean;
  /** Corpora smaller than this are extracted on the main thread alone: a worker takes a second or two to start. */
  threshold?: number;
  /** Documents per batch (a message to a worker, or a turn of the main thread). */
  batchSize?: number;
  /** Called as documents are extracted, and once at the end with `done === total`. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Other work for the main thread, done while the workers extract and before it takes batches itself (the build
   * indexes the text meanwhile). It must give the event loop a turn every few milliseconds, so the workers' replies
   * are read and they are fed.
   */
  meanwhile?: () => Promise<void>;
}

export const PARALLEL_THRESHOLD = 1000;
export const BATCH_SIZE = 40;
/** Batches a worker holds at once: it starts the next one while the main thread, busy with its own, has not answered yet. */
const IN_FLIGHT = 2;
/** Batches a worker holds while the main thread does other work (`meanwhile`); it takes back the unstarted ones after. */
const IN_FLIGHT_MEANWHILE = 8;

/** From this many documents a worker pays for itself even on a busy machine, taking the CPU other processes leave idle. */
export const LARGE_CORPUS = 10_000;

/**
 * How many threads to extract `documents` documents on when the caller does not say: one per core; but on a
 * corpus under `LARGE_CORPUS` documents only the cores the 1-minute load average leaves free (as GNU make's `-l`
 * reads it), at least one. A worker costs CPU time of its own (its start, a second heap, loading the model), and Linux shares the CPU between sessions, not threads: on a busy machine a second thread gets little CPU
 * the main thread would not have had, which on a small corpus does not make up for that cost.
 * @example
 * defaultThreads(3000, 2, 0.3); // 2
 * defaultThreads(3000, 2, 1.6); // 1: other processes keep a core busy
 * defaultThreads(19000, 2, 5); // 2
 */
export function defaultThreads(documents: number, cores = availableParallelism(), load = loadavg()[0] ?? 0): number {
  if (documents >= LARGE_CORPUS) return cores;
  return Math.max(1, Math.min(cores, Math.round(cores - load) + 1));
}

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
function startWorker(workerData: ExtractWorkerData): Worker {
  const tsxApi = tsxEsmApi();
  const entry = new URL("./extract-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/**
 * Same output as `buildEntities(docs, registry)`, byte for byte, with the extraction (most of the time)
 * spread over the cores on corpora of `threshold` documents or more (see `extractParallel`).
 * @example
 * const index = await buildEntitiesParallel(documents, registry, { onProgress: (n, total) => progress("entities", n, total) });
 */
export async function buildEntitiesParallel(
  docs: readonly EntityDocument[],
  registry: readonly RegistryEntry[] = [],
  options: ParallelOptions = {},
): Promise<EntityIndex> {
  return mergeEntities(docs, await extractParallel(docs, options), registry);
}

/**
 * `docs.map(extractDocument)`, on every core. The main thread takes batches from the same queue as the workers, so
 * it never sits idle waiting for them and no core is spent on a thread that only hands out work; each worker holds
 * two batches so it is never idle while the main thread is busy, and once the queue is empty the main thread takes
 * back the batches a worker has not started yet, so a worker starved of CPU never holds up the end. Every batch is
 * claimed once, through a shared flag, and extracted once; results are put back in document order.
 * @example
 * const extracted = await extractParallel(documents, { threads: 2 }); // deep-equals documents.map(extractDocument)
 */
export async function extractParallel(
  docs: readonly Pick<EntityDocument, "title" | "body" | "lang">[],
  options: ParallelOptions = {},
): Promise<DocumentNames[]> {
  // A missing or damaged model fails here, on the main thread, with its own code, before any worker starts; with
  // nothing to extract (every document in the extraction cache) there is no model to load.
  if (docs.length > 0) defaultModel();
  const batchSize = Math.max(1, options.batchSize ?? BATCH_SIZE);
  const batches = Math.ceil(docs.length / batchSize);
  const main = options.mainThread !== false;
  const helpers = Math.min((options.threads ?? defaultThreads(docs.length)) - (main ? 1 : 0), batches - (main ? 1 : 0));
  const report = options.onProgress ?? (() => {});
  if (helpers < 1 || docs.length < (options.threshold ?? PARALLEL_THRESHOLD)) {
    await options.meanwhile?.();
    const extracted = docs.map((doc, i) => {
      if (i % 250 === 0) report(i, docs.length);
      return extractDocument(doc);
    });
    report(docs.length, docs.length);
    return extracted;
  }

  const extracted: DocumentNames[] = new Array(docs.length);
  let inFlight = IN_FLIGHT;
  let next = 0;
  let done = 0;
  let failure: Error | undefined;
  const claims = new Int32Array(new SharedArrayBuffer(4 * batches));
  /** Batches sent to a worker and not back yet, oldest first. */
  const pending = new Map<number, ExtractRequest>();
  const finish = (batch: number, names: DocumentNames[]) => {
    pending.delete(batch);
    names.forEach((n, i) => {
      extracted[batch * batchSize + i] = n;
    });
    done += names.length;
    report(done, docs.length);
  };
  const take = (): ExtractRequest | undefined => {
    if (next >= batches || failure) return undefined;
    const from = next * batchSize;
    return {
      batch: next++,
      docs: docs.slice(from, from + batchSize).map(({ title, body, lang }) => ({ title, body, lang })),
    };
  };

  // Settled when every batch a worker was given is back (or the worker failed).
  let wake = () => {};
  const pool: Worker[] = [];
  const busy = new Map<Worker, number>();
  const fail = (error: Error) => {
    failure ??= error;
    wake();
  };
  const feed = (worker: Worker) => {
    while ((busy.get(worker) ?? 0) < inFlight) {
      const request = take();
      if (!request) return;
      busy.set(worker, (busy.get(worker) ?? 0) + 1);
      pending.set(request.batch, request);
      worker.postMessage(request);
    }
  };
  for (let w = 0; w < helpers; w++) {
    const worker = startWorker({ claims });
    pool.push(worker);
    busy.set(worker, 0);
    worker.on("message", (reply: ExtractReply) => {
      busy.set(worker, (busy.get(worker) ?? 1) - 1);
      if (reply.error !== undefined) return fail(new Error(`entity extraction failed in batch ${reply.batch}: ${reply.error}`));
      if (!reply.skipped) finish(reply.batch, reply.names);
      feed(worker);
      wake();
    });
    worker.on("error", (error) => fail(error));
    worker.on("exit", (code) => {
      if ((busy.get(worker) ?? 0) > 0) fail(new Error(`an entity extraction worker exited with code ${code} before the end`));
    });
    feed(worker);
  }

  try {
    if (options.meanwhile) {
      // While the main thread is busy, each worker holds more batches: a turn of the event loop may be late.
      inFlight = IN_FLIGHT_MEANWHILE;
      for (const worker of pool) feed(worker);
      await options.meanwhile();
      inFlight = IN_FLIGHT;
    }
    // The main thread's share: one batch, then a turn of the event loop so the workers' replies are read and they are
    // fed. Once the queue is empty it takes back the batches the workers hold but have not started, newest first.
    const claim = (request: ExtractRequest) => Atomics.compareExchange(claims, request.batch, 0, 1) === 0;
    const takeBack = () => [...pending.values()].reverse().find(claim);
    const own = () => {
      const request = take();
      return request && claim(request) ? request : takeBack();
    };
    while (!failure && done < docs.length) {
      const request = main ? own() : undefined;
      if (request) {
        finish(request.batch, request.docs.map(extractDocument));
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
    if (failure) throw failure;
    return extracted;
  } finally {
    for (const worker of pool) {
      busy.set(worker, 0);
      void worker.terminate();
    }
  }
}
