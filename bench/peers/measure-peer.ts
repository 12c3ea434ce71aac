/** @module One peer, measured: build, serialized size, load time, heap after load, warm query latency. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceDocument } from "../../src/format/schema";
import { liveHeap } from "../lib/heap";
import { type Summary, summarize } from "../lib/stats";
import type { AnyPeer } from "./peer";

export interface PeerReport {
  name: string;
  description: string;
  documents: number;
  buildSeconds: number;
  docsPerSecond: number;
  serializedBytes: number;
  /** From the serialized text (already in memory, read back from disk untimed) to an index that answers. */
  loadMs: number;
  /** Live heap the loaded index holds. */
  heapAfterLoadBytes: number;
  /** Warm latency of each way of querying, ms (one unmeasured pass first). */
  queries: Record<string, Summary>;
  /** Queries that threw. */
  errors: number;
  /** Why the peer could not be measured (out of memory, a string too long to serialize…). */
  failed?: string;
}

const failure = (peer: AnyPeer, documents: number, reason: string): PeerReport => ({
  name: peer.name,
  description: peer.description,
  documents,
  buildSeconds: 0,
  docsPerSecond: 0,
  serializedBytes: 0,
  loadMs: 0,
  heapAfterLoadBytes: 0,
  queries: {},
  errors: 0,
  failed: reason,
});

export { failure as peerFailure };

/**
 * Builds the index and writes its serialized chunks to `scratchDir`. Its own function, so that nothing it held
 * (the built index, the chunks) stays reachable from the caller's suspended frame when the heap is read.
 */
async function buildAndSave(peer: AnyPeer, documents: SourceDocument[], scratchDir: string) {
  const started = performance.now();
  const index = await peer.build(documents);
  const buildSeconds = (performance.now() - started) / 1000;
  mkdirSync(scratchDir, { recursive: true });
  let serializedBytes = 0;
  let chunks = 0;
  try {
    for (const text of await peer.serialize(index)) {
      serializedBytes += Buffer.byteLength(text);
      writeFileSync(join(scratchDir, String(chunks++)), text);
    }
  } catch (error) {
    return { buildSeconds, error: `serialize: ${(error as Error).message}` };
  }
  return { buildSeconds, serializedBytes, chunks };
}

/** Reads the chunks back (untimed) and loads them (timed); the texts die with this function's frame. */
async function readAndLoad(peer: AnyPeer, scratchDir: string, chunks: number) {
  const texts = Array.from({ length: chunks }, (_, i) => readFileSync(join(scratchDir, String(i)), "utf8"));
  rmSync(scratchDir, { recursive: true, force: true });
  const started = performance.now();
  try {
    const loaded: unknown = await peer.load(texts);
    return { loaded, loadMs: performance.now() - started };
  } catch (error) {
    return { error: `load: ${(error as Error).message}` };
  }
}

/**
 * @example
 * const report = await measurePeer(minisearchPeer, documents, queries, "/tmp/bench/minisearch-index");
 */
export async function measurePeer(peer: AnyPeer, documents: SourceDocument[], queries: string[], scratchDir: string): Promise<PeerReport> {
  const built = await buildAndSave(peer, documents, scratchDir);
  const buildSeconds = round(built.buildSeconds);
  if (built.error !== undefined) return { ...failure(peer, documents.length, built.error), buildSeconds };
  const { serializedBytes, chunks } = built;
  const heapBefore = liveHeap();
  const read = await readAndLoad(peer, scratchDir, chunks);
  if (read.error !== undefined) return { ...failure(peer, documents.length, read.error), buildSeconds, serializedBytes };
  const { loaded, loadMs } = read;
  const heapAfterLoadBytes = Math.max(0, liveHeap() - heapBefore);
  let errors = 0;
  const results: Record<string, Summary> = {};
  for (const [mode, query] of Object.entries(peer.queries)) {
    const times: number[] = [];
    for (const pass of [0, 1]) {
      for (const q of queries) {
        const t = performance.now();
        try {
          await query(loaded, q);
        } catch {
          if (pass === 1) errors++;
        }
        if (pass === 1) times.push(performance.now() - t);
      }
    }
    results[mode] = summarize(times);
  }
  return {
    name: peer.name,
    description: peer.description,
    documents: documents.length,
    buildSeconds,
    docsPerSecond: Math.round(documents.length / built.buildSeconds),
    serializedBytes,
    loadMs: round(loadMs),
    heapAfterLoadBytes,
    queries: results,
    errors,
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
