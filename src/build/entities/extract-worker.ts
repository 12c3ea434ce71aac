/** @module Worker thread for `extractParallel`: extracts the mentions of each batch of documents it is sent. */
import { parentPort } from "node:worker_threads";
import { extractDocument } from "./document";
import type { ExtractReply, ExtractRequest, ExtractStart } from "./parallel";
import { defaultModel } from "./tagger/load";

if (!parentPort) throw new Error("extract-worker.ts runs as a worker thread; import buildEntitiesParallel instead.");
const port = parentPort;
let claims: Int32Array | undefined;
port.on("message", (message: ExtractRequest | ExtractStart) => {
  if (!("batch" in message)) {
    claims = message.claims;
    return;
  }
  const { batch, docs } = message;
  // The main thread may have taken the batch back while it waited here.
  if (!claims || Atomics.compareExchange(claims, batch, 0, 1) !== 0) {
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

// Loaded while the main thread reads the documents (see `warmExtractors`), not with the first batch. A model that
// cannot load fails the main thread's own load first, with its code.
try {
  defaultModel();
} catch {
  // The main thread's own load reports it.
}
