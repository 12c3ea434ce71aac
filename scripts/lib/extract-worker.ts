/** @module Worker thread for `extractParallel`: extracts the mentions of each batch of documents it is sent. */
import { parentPort } from "node:worker_threads";
import { extractDocument } from "../../src/entities/document";
import type { ExtractReply, ExtractRequest } from "./entities-parallel";

if (!parentPort) throw new Error("extract-worker.ts runs as a worker thread; import buildEntitiesParallel instead.");
const port = parentPort;
port.on("message", ({ batch, docs }: ExtractRequest) => {
  try {
    const reply: ExtractReply = { batch, names: docs.map(extractDocument) };
    port.postMessage(reply);
  } catch (error) {
    const reply: ExtractReply = { batch, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    port.postMessage(reply);
  }
});
