/** @module Expands input paths into the document files to read, folders walked recursively in a stable order. */
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import type { IngestIssue } from "./errors";

/** The extensions the reader knows, each with the reader it needs. */
export const documentKinds = {
  ".txt": "text",
  ".md": "text",
  ".json": "json",
  ".jsonl": "jsonl",
  ".xml": "feed",
  ".rss": "feed",
  ".atom": "feed",
} as const;
export type DocumentKind = (typeof documentKinds)[keyof typeof documentKinds];

/** A file that sits next to documents but is not one: the entity registry of a seed folder. */
const NOT_DOCUMENTS = new Set(["entities.json"]);

/** A document file to read, or a problem met while looking for them, in the order they were met. */
export type Listed = { ok: true; path: string; kind: DocumentKind } | { ok: false; issue: IngestIssue };

/** The kind of document a file name says it holds, or undefined. */
export function kindOf(path: string): DocumentKind | undefined {
  const ext = extname(path).toLowerCase();
  return Object.hasOwn(documentKinds, ext) ? documentKinds[ext as keyof typeof documentKinds] : undefined;
}

/**
 * Lists the document files of the given paths. A folder is walked recursively, entries sorted by name (by code unit,
 * not locale, so every machine agrees); dotfiles, dot-folders, `entities.json` and files of other types are passed
 * over. A path given explicitly is always read: one of an unknown type, or one that cannot be read, is an issue.
 * A file reached twice (a folder and a file inside it, a symlink) is read once.
 *
 * @example
 * await listFiles(["seeds"]);
 * // [{ ok: true, path: "seeds/000_956f74d6789d3da8.txt", kind: "text" }, …]
 */
export async function listFiles(paths: string[]): Promise<Listed[]> {
  const listed: Listed[] = [];
  const seen = new Set<string>();

  const unreadable = (path: string, error: unknown): void => {
    listed.push({ ok: false, issue: { file: path, code: "unreadable_file", reason: `cannot read: ${describeError(error)}` } });
  };

  const addFile = async (path: string, kind: DocumentKind): Promise<void> => {
    const real = await realpath(path).catch(() => path);
    if (seen.has(real)) return;
    seen.add(real);
    listed.push({ ok: true, path, kind });
  };

  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir).catch(() => dir);
    if (seen.has(real)) return; // A symlink loop, or a folder given twice.
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      unreadable(dir, error);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = await stat(path).catch(() => undefined);
        if (!target) {
          unreadable(path, new Error("broken symbolic link"));
          continue;
        }
        isDir = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDir) await walk(path);
      else if (isFile && !NOT_DOCUMENTS.has(entry.name)) {
        const kind = kindOf(entry.name);
        if (kind) await addFile(path, kind);
      }
    }
  };

  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch (error) {
      unreadable(path, error);
      continue;
    }
    if (info.isDirectory()) await walk(path);
    else {
      const kind = kindOf(path);
      if (kind) await addFile(path, kind);
      else {
        const ext = extname(path) || "no extension";
        const reason = `unsupported file type (${ext}): use .txt, .md, .json or .jsonl`;
        listed.push({ ok: false, issue: { file: path, code: "unsupported_file", reason } });
      }
    }
  }
  return listed;
}

/** A Node file-system error in words: "no such file or directory" rather than an errno dump. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    EISDIR: "it is a folder",
    ELOOP: "too many symbolic links",
    EMFILE: "too many open files",
  };
  if (code && words[code]) return words[code];
  return error instanceof Error ? error.message : String(error);
}
