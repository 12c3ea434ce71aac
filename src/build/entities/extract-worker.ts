/** @module Worker thread for `extractParallel`: extracts the mentions of each batch of documents it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { extractDocument } from "./document";
import type { ExtractReply, ExtractRequest, ExtractWorkerData } from "./parallel";

if (!parentPort) throw new Error("extract-worker.ts runs as a worker thread; import buildEntitiesParallel instead.");
const port = parentPort;
const { claims } = workerData as ExtractWorkerData;
port.on("message", ({ batch, docs }: ExtractRequest) => {
  // The main thread may have taken the batch back while it waited here.
  if (Atomics.compareExchange(claims, batch, 0, 1) !== 0) {
    const reply: ExtractReply = { batch, skipped: true };
    port.postMessage(reply);
    return;
  }
  try {
    const reply: ExtractReply = { batch, names: docs.map(extractDocument) };
    port.postMessage(reply);
  } catch (error) {
    const reply: ExtractReply = { batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
