/** @module Times the build's entity step (`buildEntitiesParallel`) on a JSONL corpus, for the benchmark note. */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { EntityDocument } from "../../src/entities/merge";
import { buildEntitiesParallel } from "./entities-parallel";

export interface EntitySpeed {
  documents: number;
  seconds: number;
  workers: number;
}

/**
 * Reads `{id, title?, body}` or `{id, text}` lines and times the extraction and merging of all of them, on every
 * core, as `npm run build` does.
 * @example
 * const { documents, seconds } = await timeEntities("../shared/corpora/reuters21578.jsonl");
 */
export async function timeEntities(path: string, onProgress?: (done: number, total: number) => void): Promise<EntitySpeed> {
  const docs: EntityDocument[] = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line, i) => {
      const record = JSON.parse(line) as { id?: unknown; title?: unknown; body?: unknown; text?: unknown };
      const body = typeof record.body === "string" ? record.body : typeof record.text === "string" ? record.text : "";
      return { id: String(record.id ?? i), title: typeof record.title === "string" ? record.title : "", body };
    });
  const started = performance.now();
  await buildEntitiesParallel(docs, [], onProgress ? { onProgress } : {});
  return { documents: docs.length, seconds: (performance.now() - started) / 1000, workers: availableParallelism() };
}
