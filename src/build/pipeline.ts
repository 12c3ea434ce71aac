/** @module The build pipeline, shared by the CLI and the tests: read documents, extract entities, build the bundle. */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { type CacheReport, documentKey, ExtractionCache } from "./entities/cache";
import { type EntityIndex, mergeEntities, type RegistryEntry } from "./entities/merge";
import { extractParallel } from "./entities/parallel";
import type { DocumentNames } from "./entities/types";
import { type IngestResult, readInputs } from "./ingest/read-inputs";
import type { Profile } from "./layout";
import { type Bundle, buildBundle, indexText, type TextIndex } from "./write";

export interface PipelineOptions {
  skipInvalid?: boolean;
  /** Extract entities (default true). */
  entities?: boolean;
  /** The curated registry; by default `entities.json` beside the first input that has one. */
  registry?: string;
  profile?: Profile;
  /** The keys a `free` profile bundle may have (`BuildOptions.keyBudget`). */
  keyBudget?: number;
  shards?: number;
  /** Postings a term keeps in its shard (see `BuildOptions.head`). */
  head?: number;
  builtAt?: string;
  /** Record fields to make facets (`BuildOptions.facets`). */
  facets?: string[];
  /**
   * A directory for the extraction cache (see `ExtractionCache`): documents extracted by an earlier build with the
   * same extractor are not extracted again. None by default (the CLI passes `.cache/entities`).
   */
  cache?: string;
  /** Caches of the same extractor filled elsewhere (`--segment i/n` on other machines), read beside `cache`. */
  combine?: string[];
  /** A file for the values as they are made (`BuildOptions.spool`): `writeBundle` reads them back. */
  spool?: string;
  say?: (message: string) => void;
  onProgress?: (stage: string, done: number, total?: number) => void;
}

export interface PipelineResult {
  bundle: Bundle;
  read: IngestResult;
  /** Wall time of the entity step: extraction and merging, with the text indexed meanwhile on the main thread. */
  entitySeconds: number;
  /** With `cache`: documents whose names it held, documents extracted, and damaged lines it skipped. */
  cache?: CacheReport;
}

/** The registry file that goes with these inputs, if any. */
export function findRegistry(inputs: string[]): string | undefined {
  return inputs.map((p) => join(existsSync(p) && statSync(p).isDirectory() ? p : dirname(p), "entities.json")).find((p) => existsSync(p));
}

/**
 * Builds a bundle from files and folders. Throws `IngestError` on bad input (unless `skipInvalid`)
 * and `BundleBuildError` when the corpus cannot fit KV's limits.
 * @example
 * const { bundle } = await buildFromInputs(["seeds"]);
 */
export async function buildFromInputs(inputs: string[], options: PipelineOptions = {}): Promise<PipelineResult> {
  const say = options.say ?? (() => {});
  const progress = options.onProgress;
  const read = await readInputs(inputs, {
    skipInvalid: options.skipInvalid,
    onProgress: progress ? (n) => progress("read", n) : undefined,
  });
  // Records that withdraw a document (`"deleted": true`, for updates) name none to build.
  const documents = read.documents.filter((doc) => doc.meta.deleted !== true);
  let entities: EntityIndex = { entities: [], byDocument: documents.map(() => []) };
  let text: TextIndex | undefined;
  let entitySeconds = 0;
  let cache: CacheReport | undefined;
  if (options.entities !== false && documents.length > 0) {
    const registryPath = options.registry ?? findRegistry(inputs);
    let registry: RegistryEntry[] = [];
    if (registryPath) {
      const parsed = JSON.parse(readFileSync(registryPath, "utf8")) as unknown;
      if (!Array.isArray(parsed)) throw new Error(`${registryPath}: expected an array of entities.`);
      registry = parsed as RegistryEntry[];
    }
    say(
      `Extracting entities from ${documents.length.toLocaleString("en-US")} documents${registryPath ? ` (registry: ${registryPath})` : ""}, indexing their text meanwhile`,
    );
    const started = performance.now();
    const store = options.cache === undefined ? undefined : await ExtractionCache.open(options.cache);
    for (const dir of options.combine ?? []) {
      const other = await ExtractionCache.open(dir);
      const added = store?.absorb(other) ?? 0;
      say(
        `  segment cache ${dir}: ${added.toLocaleString("en-US")} documents' names${other.size === 0 ? " (none for this extractor: built by another version?)" : ""}`,
      );
    }
    const keys = store ? documents.map((doc) => documentKey(doc)) : [];
    const found = documents.map((doc, i) => store?.get(doc, keys[i]));
    const missing = documents.filter((_, i) => found[i] === undefined);
    if (store) {
      cache = { hits: documents.length - missing.length, misses: missing.length, unreadable: store.unreadableLines };
      say(
        `  extraction cache ${store.dir}: ${cache.hits.toLocaleString("en-US")} documents known, ${cache.misses.toLocaleString("en-US")} to extract`,
      );
    }
    const fresh = await extractParallel(missing, {
      onProgress: progress && ((n, total) => progress("entities", n, total)),
      // The text does not depend on the entities: the main thread indexes it while worker threads extract.
      meanwhile: async () => {
        text = await indexText(documents, { onProgress: progress, pause: true });
      },
    });
    let next = 0;
    const extracted = found.map((names) => names ?? (fresh[next++] as DocumentNames));
    // With every mention's span and entity, so /documents/:id can list them for highlighting.
    entities = mergeEntities(documents, extracted, registry, { mentions: true });
    entitySeconds = (performance.now() - started) / 1000;
    // Merging reads the names without changing them: they are kept as extracted.
    if (store && missing.length > 0) await store.save(keys, extracted);
  }
  say("Indexing and sharding");
  const bundle = await buildBundle(
    {
      documents,
      entities: entities.entities,
      byDocument: entities.byDocument,
      mentions: entities.mentions,
      ...(entities.national ? { national: entities.national } : {}),
    },
    {
      profile: options.profile,
      ...(options.keyBudget ? { keyBudget: options.keyBudget } : {}),
      spool: options.spool,
      shards: options.shards,
      head: options.head,
      builtAt: options.builtAt,
      facets: options.facets,
      onProgress: progress,
      text,
    },
  );
  return { bundle, read, entitySeconds, ...(cache ? { cache } : {}) };
}
