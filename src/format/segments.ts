/**
 * @module The segments of a live version: the base bundle and the deltas `npm run build -- --update` added, and which
 * segment holds each document number now. Every document has one number in the archive (its place by date); a delta
 * numbers its new documents after every number before it and gives a corrected document the number it had.
 */
import type { DeltaManifest, Manifest } from "./bundle";
import type { DateRuns } from "./values/dates";
import type { SparsePostings } from "./values/tail";

/** One segment: a bundle of its own, and how its document numbers map to the archive's. */
export interface Segment {
  version: string;
  manifest: Manifest | DeltaManifest;
  /** Archive numbers whose postings and values in this segment are no longer live (withdrawn or corrected since). */
  withdrawn: ReadonlySet<number>;
  /** The archive number of each of the segment's documents (undefined: the same number, the base). */
  global?: Int32Array;
}

/** A live version's segments, base first, and where each document lives. */
export interface Segments {
  list: Segment[];
  /** One past the highest document number: the size of the number space (BM25's and the ranker's). */
  size: number;
  /** Numbers live in no segment: withdrawn documents. A search leaves them out. */
  dead: number[];
  /** The segment holding a document now, and its number there; undefined for a dead or unknown number. */
  owner(n: number): { segment: number; local: number } | undefined;
  /** The deltas' new documents' date runs, in archive numbers, in order: they follow the base's. */
  runs: DateRuns;
  /**
   * A document's number now, from the number it had when a list named it: the updates since that moved it after a
   * late document gave it a new one (see `DeltaManifest.moved`). Numbers are never given twice, so every move applies.
   */
  current(n: number): number;
}

/**
 * Expands runs `[first, count]` into one number a document.
 * @example
 * expandRuns([[5, 2], [1, 1]]); // Int32Array [5, 6, 1]
 */
export function expandRuns(runs: readonly (readonly [number, number])[]): Int32Array {
  const out = new Int32Array(runs.reduce((n, [, count]) => n + count, 0));
  let at = 0;
  for (const [first, count] of runs) for (let i = 0; i < count; i++) out[at++] = first + i;
  return out;
}

/**
 * Numbers as runs `[first, count]` of consecutive numbers (what a delta manifest stores: a delta's new documents are
 * one run, each corrected one a run of its own).
 * @example
 * toRuns([5, 6, 1]); // [[5, 2], [1, 1]]
 */
export function toRuns(numbers: ArrayLike<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i] as number;
    const last = runs.at(-1);
    if (last && last[0] + last[1] === n) last[1]++;
    else runs.push([n, 1]);
  }
  return runs;
}

/** The segments of a live manifest; undefined for a version of one bundle (no deltas), read as it always was. */
export function segmentsOf(manifest: Manifest): Segments | undefined {
  const deltas = manifest.deltas ?? [];
  if (deltas.length === 0 && !manifest.withdrawn?.length) return undefined;
  const list: Segment[] = [
    { version: manifest.version, manifest, withdrawn: new Set(manifest.withdrawn ?? []) },
    ...deltas.map((d) => ({ version: d.version, manifest: d, withdrawn: new Set(d.withdrawn ?? []), global: expandRuns(d.numbers) })),
  ];
  const base = manifest.counts.documents;
  // Newest first: a number a later delta holds live is that delta's.
  const owners = new Map<number, { segment: number; local: number }>();
  let size = base;
  for (let s = list.length - 1; s >= 1; s--) {
    const { global, withdrawn } = list[s] as Segment;
    (global as Int32Array).forEach((n, local) => {
      size = Math.max(size, n + 1);
      if (!owners.has(n) && !withdrawn.has(n)) owners.set(n, { segment: s, local });
    });
  }
  const baseWithdrawn = (list[0] as Segment).withdrawn;
  const owner = (n: number) => {
    const found = owners.get(n);
    if (found) return found;
    return Number.isInteger(n) && n >= 0 && n < base && !baseWithdrawn.has(n) ? { segment: 0, local: n } : undefined;
  };
  const dead: number[] = [];
  for (let s = 0; s < list.length; s++) {
    for (const n of (list[s] as Segment).withdrawn) if (!owner(n)) dead.push(n);
  }
  // Numbers past the base's that no delta holds now (a folded delta's withdrawn documents): no document has them.
  for (let n = base; n < size; n++) if (!owner(n)) dead.push(n);
  const moves = deltas.flatMap((d) => d.moved ?? []);
  const current = (n: number) => {
    let at = n;
    for (const [from, to, count] of moves) if (at >= from && at < from + count) at = to + (at - from);
    return at;
  };
  return { list, size, dead: [...new Set(dead)].sort((a, b) => a - b), owner, runs: deltas.flatMap((d) => d.runs), current };
}

/**
 * One term's postings in one segment as archive numbers, without those the segment no longer holds live.
 * @example
 * toArchive([[0, [0, 1]]], Int32Array.from([7, 9]), new Set([9])); // [[0, [7]]]
 */
export function toArchive(postings: SparsePostings, global: Int32Array | undefined, withdrawn: ReadonlySet<number>): SparsePostings {
  if (!global && withdrawn.size === 0) return postings;
  const out: SparsePostings = [];
  for (const [slot, ids] of postings) {
    const kept: number[] = [];
    for (const local of ids) {
      const n = global ? (global[local] as number) : local;
      if (!withdrawn.has(n)) kept.push(n);
    }
    if (kept.length > 0) out.push([slot, kept]);
  }
  return out;
}

/**
 * Several segments' postings of one term as one list: slot by slot, documents in number order.
 * @example
 * mergePostings([[[0, [1, 4]]], [[0, [2]], [3, [9]]]]); // [[0, [1, 2, 4]], [3, [9]]]
 */
export function mergePostings(lists: SparsePostings[]): SparsePostings {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  const bySlot = new Map<number, number[]>();
  for (const list of nonEmpty) {
    for (const [slot, ids] of list) {
      const had = bySlot.get(slot);
      if (had) had.push(...ids);
      else bySlot.set(slot, [...ids]);
    }
  }
  // Lists of later segments mostly follow (new documents have higher numbers): sorted only when they do not.
  const ordered = (ids: number[]) => {
    for (let i = 1; i < ids.length; i++) if ((ids[i - 1] as number) > (ids[i] as number)) return ids.sort((a, b) => a - b);
    return ids;
  };
  return [...bySlot].sort((a, b) => a[0] - b[0]).map(([slot, ids]): [number, number[]] => [slot, ordered(ids)]);
}
