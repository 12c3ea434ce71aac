/**
 * @module The extraction cache: each document's extracted names kept between builds, keyed by a hash of the text the
 * extractor reads and a fingerprint of the extractor itself (its code, its model, the Unicode tables its patterns
 * read), so that a rebuild extracts only the documents that are new or changed. A local directory, safe to delete:
 * a missing, stale or damaged cache only costs the extraction it would have saved.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { modelPath as currentModel } from "./tagger/load";
import type { DocumentNames, EntityDocument } from "./types";

/** Where `npm run build` and `npm run deploy` keep it, from the directory they run in (ignored by git). */
export const DEFAULT_CACHE_DIR = ".cache/entities";

/** Cached documents kept beyond the current build's (documents of earlier builds that may come back), at least. */
const KEEP_OTHERS = 10_000;

const ENTITIES_DIR = fileURLToPath(new URL(".", import.meta.url));
/** The files outside the entities folder that the extractor's code reads. */
const SHARED_SOURCES = ["../../format/analyzer.ts", "../../format/slug.ts", "../../format/schema.ts"].map((p) =>
  fileURLToPath(new URL(p, import.meta.url)),
);

/** The extractor's code under a folder (the model is hashed apart: the one in use may be another file). */
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? sourcesUnder(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
    )
    .sort();
}

/** The version of an installed package, from the `package.json` above its entry point (its exports may not list that file). */
function packageVersion(name: string): string {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown; version?: unknown };
      if (found === name) return String(version);
    }
    dir = dirname(dir);
  }
  return "unknown";
}

/**
 * A fingerprint of the extractor: every file of its code (its data is code too), the model the build uses (`ENTITY_MODEL` or the
 * committed one), compromise's version, and the Unicode and ICU versions its patterns and case folding read. Any change
 * to one of them gives another fingerprint, and the cache of the old one is not read.
 * @example
 * extractorFingerprint(); // "3f2a9c0d1e2b4a5c"
 */
export function extractorFingerprint(modelPath: string = currentModel()): string {
  const hash = createHash("sha256");
  const add = (name: string, bytes: Uint8Array | string) => {
    hash.update(`${name}\u0000${bytes.length}\u0000`);
    hash.update(bytes);
  };
  for (const file of [...sourcesUnder(ENTITIES_DIR), ...SHARED_SOURCES]) add(relative(ENTITIES_DIR, file), readFileSync(file));
  add("model", existsSync(modelPath) ? readFileSync(modelPath) : "missing");
  add("compromise", packageVersion("compromise"));
  add("unicode", `${process.versions.unicode ?? ""} ${process.versions.icu ?? ""}`);
  return hash.digest("hex").slice(0, 16);
}

/**
 * A document's key in the cache: a hash of what the extractor reads of it (language, title, body).
 * @example
 * documentKey({ title: "Kabul falls", body: "The Taliban took Kabul." }); // 32 hex digits
 */
export function documentKey(doc: Pick<EntityDocument, "title" | "body" | "lang">): string {
  return createHash("sha256")
    .update(`${doc.lang ?? ""}\u0000${doc.title}\u0000${doc.body}`)
    .digest("hex")
    .slice(0, 32);
}

/** Whether a parsed line holds names of the shape `extractDocument` returns (a damaged line is not read). */
function isNames(value: unknown): value is DocumentNames {
  const names = value as DocumentNames | null;
  return (
    typeof names === "object" &&
    names !== null &&
    Array.isArray(names.mentions) &&
    Array.isArray(names.untyped) &&
    names.mentions.every((m) => typeof m?.text === "string" && typeof m.start === "number" && typeof m.end === "number")
  );
}

/** What the cache gave a build: documents found, extracted anew, and lines it could not read. */
export interface CacheReport {
  hits: number;
  misses: number;
  unreadable: number;
}

/**
 * The cache of one extractor fingerprint in a directory: `get` the names of documents already extracted, then
 * `save` the names of the build's documents (and up to `KEEP_OTHERS` others kept from before). The file is written
 * whole, then renamed over the old one, so an interrupted build leaves the previous cache as it was.
 * @example
 * const cache = await ExtractionCache.open(".cache/entities");
 * const keys = docs.map((doc) => documentKey(doc));
 * const names = docs.map((doc, i) => cache.get(doc, keys[i])); // undefined where the document must be extracted
 * await cache.save(keys, extracted);
 */
export class ExtractionCache {
  private readonly file: string;
  private unreadable = 0;

  private constructor(
    readonly dir: string,
    readonly fingerprint: string,
    /** Document key → names, as read from the file. */
    private readonly entries: Map<string, DocumentNames>,
  ) {
    this.file = join(dir, `names-${fingerprint}.jsonl`);
  }

  /** Opens the cache of the current extractor in `dir` (an empty one when there is none yet). */
  static async open(dir: string, fingerprint: string = extractorFingerprint()): Promise<ExtractionCache> {
    const cache = new ExtractionCache(dir, fingerprint, new Map());
    if (!existsSync(cache.file)) return cache;
    const lines = createInterface({ input: createReadStream(cache.file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!line) continue;
      try {
        const [key, names] = JSON.parse(line) as [unknown, unknown];
        if (typeof key === "string" && isNames(names)) cache.entries.set(key, names);
        else cache.unreadable++;
      } catch {
        cache.unreadable++;
      }
    }
    return cache;
  }

  /**
   * Takes in the entries of other caches of the same extractor (`npm run build -- --combine`: the caches `--segment
   * i/n` builds filled on other machines); returns how many were new. A cache of another fingerprint has none to give.
   */
  absorb(other: ExtractionCache): number {
    if (other.fingerprint !== this.fingerprint) return 0;
    let added = 0;
    for (const [key, names] of other.entries) {
      if (this.entries.has(key)) continue;
      this.entries.set(key, names);
      added++;
    }
    return added;
  }

  /** Documents the cache holds names of. */
  get size(): number {
    return this.entries.size;
  }

  /** Lines of the file that were not a key and names (a damaged cache): those documents are extracted again. */
  get unreadableLines(): number {
    return this.unreadable;
  }

  /** The names of a document extracted by a build before, if the cache holds them. */
  get(doc: Pick<EntityDocument, "title" | "body" | "lang">, key: string = documentKey(doc)): DocumentNames | undefined {
    return this.entries.get(key);
  }

  /**
   * Writes the names of the build's documents (`names[i]` of the document keyed `keys[i]`) and, after them, documents cached before that this build did
   * not have, up to `KEEP_OTHERS` of them; removes the files of other fingerprints.
   */
  async save(keys: readonly string[], names: readonly DocumentNames[]): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    const out = createWriteStream(tmp, "utf8");
    // `once` rejects on the stream's "error" (a full disk): the build fails rather than hangs.
    const write = async (line: string) => {
      if (!out.write(line)) await once(out, "drain");
    };
    const written = new Set<string>();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      if (written.has(key)) continue;
      written.add(key);
      await write(`${JSON.stringify([key, names[i]])}\n`);
    }
    let others = 0;
    for (const [key, value] of this.entries) {
      if (others >= KEEP_OTHERS) break;
      if (written.has(key)) continue;
      others++;
      await write(`${JSON.stringify([key, value])}\n`);
    }
    out.end();
    await once(out, "finish");
    renameSync(tmp, this.file);
    for (const name of readdirSync(this.dir)) {
      if (/^names-[0-9a-f]{16}\.jsonl$/.test(name) && join(this.dir, name) !== this.file) rmSync(join(this.dir, name), { force: true });
    }
  }
}
