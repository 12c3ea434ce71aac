/** @module Which of an archive's bulk files a deploy uploads: the segments the namespace does not serve already. */
import { basename } from "node:path";
import { LIVE_FILE } from "../../src/build/bundle-files";
import type { Manifest } from "../../src/format/bundle";

/**
 * The segment (the base's version, or a delta's) whose keys a bulk file holds: `delta-<version>-0001.json` a
 * delta's, any other but the live manifest's the base's.
 * @example
 * segmentOfFile("dist/bundle/kv/delta-0cfb64b540782a92-0001.json", "5a6db2b428761579"); // "0cfb64b540782a92"
 * segmentOfFile("dist/bundle/kv/0001.json", "5a6db2b428761579"); // "5a6db2b428761579"
 */
export function segmentOfFile(file: string, base: string): string {
  return /^delta-([0-9a-f]+)-\d+\.json$/u.exec(basename(file))?.[1] ?? base;
}

/**
 * The segments of the archive `local` that the namespace serving `live` holds whole already: the live version went
 * live only once every key of its segments was checked in the namespace, so a deploy of the same base need not
 * write them again. None when the live archive has another base (a new build uploads all of it).
 * @example
 * servedSegments(live, local); // Set { base, "0cfb64b540782a92" } after one update deployed, before a second
 */
export function servedSegments(live: Manifest | undefined, local: Manifest): Set<string> {
  if (!live || live.version !== local.version) return new Set();
  const ours = new Set((local.deltas ?? []).map((d) => d.version));
  return new Set([live.version, ...(live.deltas ?? []).map((d) => d.version).filter((v) => ours.has(v))]);
}

/**
 * The bulk files to upload, the live manifest's last, leaving out those of segments in `served`; and the segments
 * they hold, oldest first.
 * @example
 * uploadPlan(["kv/0001.json", "kv/delta-0cfb64b540782a92-0001.json", "kv/live-manifest.json"], base, new Set([base]));
 * // { files: ["kv/delta-0cfb64b540782a92-0001.json", "kv/live-manifest.json"], segments: ["0cfb64b540782a92"] }
 */
export function uploadPlan(files: readonly string[], base: string, served: ReadonlySet<string>): { files: string[]; segments: string[] } {
  const kept = files.filter((f) => basename(f) === LIVE_FILE || !served.has(segmentOfFile(f, base)));
  const segments = [...new Set(kept.filter((f) => basename(f) !== LIVE_FILE).map((f) => segmentOfFile(f, base)))];
  return { files: kept, segments };
}
