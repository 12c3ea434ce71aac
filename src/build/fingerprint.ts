/**
 * @module What a build was made from: its documents, its options and the build's own code (sources, entity model,
 * locked dependencies), as one hash kept beside the bundle (`build-fingerprint.json`). `npm run build` of the same
 * documents with the same options and code has nothing to do: the bundle is content-addressed, it would be the same.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { LIVE_FILE } from "./bundle-files";

export const FINGERPRINT_FILE = "build-fingerprint.json";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

async function filesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * The hash of a build's documents (every file of `inputs`, by path and content), its `options` (as JSON) and the code
 * that builds (`src/`, and `package-lock.json`: the dependencies' versions).
 * @example
 * const fingerprint = await buildFingerprint(["seeds"], { profile: "default" });
 */
export async function buildFingerprint(inputs: readonly string[], options: unknown): Promise<string> {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(options ?? null));
  const part = async (label: string, file: string) => {
    hash.update(`\u0000${label}\u0000${file}\u0000`);
    hash.update(await readFile(file));
  };
  for (const input of inputs) for (const file of await filesUnder(input)) await part("input", file);
  for (const file of await filesUnder(join(ROOT, "src"))) await part("code", relative(ROOT, file));
  try {
    await part("lock", join(ROOT, "package-lock.json"));
  } catch {
    hash.update("no lock");
  }
  return hash.digest("hex");
}

const liveHash = async (out: string) =>
  createHash("sha256")
    .update(await readFile(join(out, "kv", LIVE_FILE)))
    .digest("hex");

/**
 * The bundle in `out` when a build with this fingerprint wrote it and nothing has changed it since (an update, a
 * compaction, a file removed): its version; otherwise undefined.
 */
export async function unchangedBuild(out: string, fingerprint: string): Promise<string | undefined> {
  try {
    const kept = JSON.parse(await readFile(join(out, FINGERPRINT_FILE), "utf8")) as {
      fingerprint?: string;
      live?: string;
      files?: [string, number][];
      version?: string;
    };
    if (kept.fingerprint !== fingerprint || kept.live !== (await liveHash(out)) || !Array.isArray(kept.files)) return undefined;
    for (const [file, size] of kept.files) if ((await stat(join(out, file))).size !== size) return undefined;
    return kept.version;
  } catch {
    return undefined;
  }
}

/** Keeps a written bundle's fingerprint beside it, with its live manifest's hash and its bulk files' sizes. */
export async function recordBuild(out: string, fingerprint: string, version: string, files: readonly string[]): Promise<void> {
  const sizes: [string, number][] = [];
  for (const file of files) sizes.push([file, (await stat(join(out, file))).size]);
  await writeFile(join(out, FINGERPRINT_FILE), `${JSON.stringify({ fingerprint, version, live: await liveHash(out), files: sizes })}\n`);
}
