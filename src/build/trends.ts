/**
 * @module The trending lists (`/entities?trending=N`) of an archive, and the table an update recomputes them from:
 * each entity's record fields and its documents' times, beside the bulk files (`kv-index/trends-<version>.*`, local
 * to the build like the entity lookups). A base's table holds every entity; a delta's, the entities its update
 * touched, the newest segment's entry of an entity being its entry.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ENTITY_PAGE_SIZE, TRENDING_DAYS, trendingList } from "../format/bundle";
import { type EntityType, entityTypes } from "../format/schema";
import type { EntityPage, Trend } from "../format/values/entity-list";

/** An entity as its trend is computed: its record's fields, and the times (ms) of its dated documents. */
export interface TrendEntity {
  id: string;
  name: string;
  type: EntityType;
  mentions: number;
  documents: number;
  times: ArrayLike<number>;
}

/** Pages a trending list keeps: the first two. */
const TREND_PAGES = 2;

/** Every trending list's name. */
export const TRENDING_LISTS: readonly string[] = TRENDING_DAYS.flatMap((days) =>
  ["all", ...entityTypes].map((type) => trendingList(days, type)),
);

/**
 * Entities' trends in columns, ids in code-unit order: a million articles' base holds two million entities, which as
 * objects would take seconds to read. Ids and names are kept as JSON string literals end to end (`text`, UTF-8, cut
 * at the byte offsets `idAt` and `nameAt`) and decoded only when asked; each entity's times are `times[timeAt[i]]` to `times[timeAt[i + 1]]`.
 */
export class TrendTable {
  constructor(
    private readonly text: Buffer,
    private readonly idAt: Int32Array,
    private readonly nameAt: Int32Array,
    readonly types: Int32Array,
    readonly mentions: Int32Array,
    readonly documents: Int32Array,
    readonly timeAt: Int32Array,
    readonly times: Float64Array,
  ) {}

  /** A table of entities (sorted here by id). */
  static of(entities: readonly TrendEntity[]): TrendTable {
    return fromColumns(columnsOf(entities));
  }

  get size(): number {
    return this.types.length;
  }

  id(i: number): string {
    return JSON.parse(this.text.toString("utf8", this.idAt[i], this.idAt[i + 1])) as string;
  }

  name(i: number): string {
    return JSON.parse(this.text.toString("utf8", this.nameAt[i], this.nameAt[i + 1])) as string;
  }

  /** The index of an entity by its id; -1 when the table has none. */
  indexOf(id: string): number {
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.id(mid);
      if (at === id) return mid;
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The entity at an index. */
  entity(i: number): TrendEntity {
    return {
      id: this.id(i),
      name: this.name(i),
      type: entityTypes[this.types[i] as number] as EntityType,
      mentions: this.mentions[i] as number,
      documents: this.documents[i] as number,
      times: this.times.subarray(this.timeAt[i], this.timeAt[i + 1]),
    };
  }

  /** Every entity, in id order. */
  *entities(): Generator<TrendEntity> {
    for (let i = 0; i < this.size; i++) yield this.entity(i);
  }
}

interface Columns {
  text: Buffer;
  ints: Int32Array;
  times: Float64Array;
  n: number;
}

/** Ids and names as JSON literals end to end; then, as Int32: where each id and name starts, types, mentions, documents, where each one's times start. */
function columnsOf(entities: readonly TrendEntity[]): Columns {
  const sorted = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = sorted.length;
  const ints = new Int32Array(6 * n + 3);
  const parts: string[] = [];
  let length = 0;
  const put = (value: string) => {
    const literal = JSON.stringify(value);
    parts.push(literal);
    length += Buffer.byteLength(literal, "utf8");
  };
  sorted.forEach((e, i) => {
    ints[i] = length;
    put(e.id);
  });
  ints[n] = length;
  sorted.forEach((e, i) => {
    ints[n + 1 + i] = length;
    put(e.name);
  });
  ints[2 * n + 1] = length;
  const times = new Float64Array(sorted.reduce((sum, e) => sum + e.times.length, 0));
  let at = 0;
  sorted.forEach((e, i) => {
    ints[2 * n + 2 + i] = entityTypes.indexOf(e.type);
    ints[3 * n + 2 + i] = e.mentions;
    ints[4 * n + 2 + i] = e.documents;
    ints[5 * n + 2 + i] = at;
    times.set(e.times, at);
    at += e.times.length;
  });
  ints[6 * n + 2] = at;
  return { text: Buffer.from(parts.join(""), "utf8"), ints, times, n };
}

function fromColumns({ text, ints, times, n }: Columns): TrendTable {
  const at = (k: number, extra: number) => ints.subarray(k, k + n + extra);
  return new TrendTable(text, at(0, 1), at(n + 1, 1), at(2 * n + 2, 0), at(3 * n + 2, 0), at(4 * n + 2, 0), at(5 * n + 2, 1), times);
}

const fileOf = (dir: string, version: string) => join(dir, "kv-index", `trends-${version}`);

/** Writes a segment's trend table beside its bulk files (`dir/kv-index`, which must exist). */
export async function writeTrendTable(dir: string, version: string, entities: readonly TrendEntity[]): Promise<void> {
  const { text, ints, times, n } = columnsOf(entities);
  // The count, the Int32 columns, padding to 8 bytes, the times.
  const head = 4 * (1 + ints.length);
  const pad = head % 8;
  const bytes = new Uint8Array(head + pad + 8 * times.length);
  new Int32Array(bytes.buffer, 0, 1)[0] = n;
  new Int32Array(bytes.buffer, 4, ints.length).set(ints);
  new Float64Array(bytes.buffer, head + pad, times.length).set(times);
  await writeFile(`${fileOf(dir, version)}.bin`, bytes);
  await writeFile(`${fileOf(dir, version)}.txt`, text);
}

/** A segment's trend table; undefined when it has none (written before trend tables) or it is damaged. */
export async function readTrendTable(dir: string, version: string): Promise<TrendTable | undefined> {
  try {
    const text = await readFile(`${fileOf(dir, version)}.txt`);
    const file = await readFile(`${fileOf(dir, version)}.bin`);
    // A file's own buffer when it has one (large files do), else a copy aligned for the Float64 times.
    const bytes =
      file.byteOffset === 0 && file.byteLength === file.buffer.byteLength
        ? file.buffer
        : file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
    const n = new Int32Array(bytes, 0, 1)[0] as number;
    const count = 6 * n + 3;
    const head = 4 * (1 + count);
    const pad = head % 8;
    if (n < 0 || bytes.byteLength < head + pad) return undefined;
    const ints = new Int32Array(bytes, 4, count);
    const total = ints[6 * n + 2] as number;
    if (bytes.byteLength !== head + pad + 8 * total || ints[2 * n + 1] !== text.length) return undefined;
    return fromColumns({ text, ints, times: new Float64Array(bytes, head + pad, total), n });
  } catch {
    return undefined;
  }
}

/** A table and the indexes of the entities a newer table replaces. */
export interface TrendPart {
  table: TrendTable;
  skip?: ReadonlySet<number>;
}

/**
 * The trending lists of an archive whose dated documents run from `oldest` to `newest` (ms), for each of
 * `TRENDING_DAYS` and for all types and each: entities in at least 2 documents of the last `days` before the newest
 * document, by how much more they appear then than their earlier rate would give in as many days (`Trend.score`), then
 * by those documents, then by id; the first two pages of each. A window reaching back past the oldest document has no
 * list (no entry).
 * @example
 * trendingPages([{ table: TrendTable.of(entities) }], newest, oldest).get("trending-30-all")?.[0]?.items[0];
 */
export function trendingPages(parts: readonly TrendPart[], newest: number, oldest: number): Map<string, EntityPage[]> {
  const lists = new Map<string, EntityPage[]>();
  if (!Number.isFinite(newest) || !Number.isFinite(oldest)) return lists;
  // The ranked entities as columns, shared by the windows (a window of a million articles ranks hundreds of
  // thousands): which part, which entity, its documents in the window and before, its score.
  const total = parts.reduce((n, part) => n + part.table.size, 0);
  const partOf = new Int32Array(total);
  const index = new Int32Array(total);
  const recents = new Int32Array(total);
  const befores = new Int32Array(total);
  const scores = new Float64Array(total);
  for (const days of TRENDING_DAYS) {
    const cutoff = newest - days * 86_400_000;
    // A window reaching back past the oldest document has nothing before it to compare with: no list.
    if (cutoff <= oldest) continue;
    // Days of archive before the window (at least one): the earlier rate's denominator.
    const span = Math.max(1, (cutoff - oldest) / 86_400_000);
    let count = 0;
    parts.forEach((part, p) => {
      const { table, skip } = part;
      const { times, timeAt } = table;
      for (let i = 0; i < table.size; i++) {
        if (skip?.has(i)) continue;
        let recent = 0;
        const from = timeAt[i] as number;
        const to = timeAt[i + 1] as number;
        for (let t = from; t < to; t++) if ((times[t] as number) > cutoff) recent++;
        if (recent < 2) continue;
        const before = to - from - recent;
        partOf[count] = p;
        index[count] = i;
        recents[count] = recent;
        befores[count] = before;
        scores[count] = Math.round(((recent + 1) / ((before * days) / span + 1)) * 100) / 100;
        count++;
      }
    });
    // Ties go by id: within a table its order (sorted by id), across tables the ids themselves.
    const byId = (a: number, b: number) => {
      const pa = partOf[a] as number;
      const pb = partOf[b] as number;
      if (pa === pb) return (index[a] as number) - (index[b] as number);
      return (parts[pa] as TrendPart).table.id(index[a] as number) < (parts[pb] as TrendPart).table.id(index[b] as number) ? -1 : 1;
    };
    const ahead = (a: number, b: number) =>
      (scores[b] as number) - (scores[a] as number) || (recents[b] as number) - (recents[a] as number) || byId(a, b);
    // The first pages of each list (all types, then each) kept in order as the ranked go by: no sort of them all.
    const keep = TREND_PAGES * ENTITY_PAGE_SIZE;
    const tops: number[][] = [[], ...entityTypes.map(() => [])];
    const totals = tops.map(() => 0);
    for (let k = 0; k < count; k++) {
      const type = (parts[partOf[k] as number] as TrendPart).table.types[index[k] as number] as number;
      for (const l of [0, 1 + type]) {
        totals[l] = (totals[l] as number) + 1;
        const top = tops[l] as number[];
        if (top.length === keep && ahead(k, top[keep - 1] as number) > 0) continue;
        let lo = 0;
        let hi = top.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ahead(top[mid] as number, k) < 0) lo = mid + 1;
          else hi = mid;
        }
        top.splice(lo, 0, k);
        if (top.length > keep) top.pop();
      }
    }
    (["all", ...entityTypes] as const).forEach((type, l) => {
      const list = tops[l] as number[];
      const pages: EntityPage[] = [];
      for (let p = 0; p < Math.ceil(list.length / ENTITY_PAGE_SIZE); p++) {
        const items = list.slice(p * ENTITY_PAGE_SIZE, (p + 1) * ENTITY_PAGE_SIZE).map((k) => {
          const { id, name, type, mentions, documents } = (parts[partOf[k] as number] as TrendPart).table.entity(index[k] as number);
          const trend: Trend = { recent: recents[k] as number, before: befores[k] as number, score: scores[k] as number };
          return { id, name, type, mentions, documents, trend };
        });
        // The entities a caller can page through: the list keeps its first `keep`.
        pages.push({ total: Math.min(totals[l] as number, keep), items });
      }
      lists.set(trendingList(days, type), pages);
    });
  }
  return lists;
}

/**
 * `times` without one occurrence of each of `gone` (a document withdrawn or superseded takes its time out of the
 * entities it was in), then with `added`.
 * @example
 * retimed([1, 2, 2, 3], [2], [5]); // [1, 2, 3, 5]
 */
export function retimed(times: ArrayLike<number>, gone: readonly number[], added: readonly number[]): number[] {
  const left = new Map<number, number>();
  for (const time of gone) left.set(time, (left.get(time) ?? 0) + 1);
  const out: number[] = [];
  for (let i = 0; i < times.length; i++) {
    const time = times[i] as number;
    const n = left.get(time) ?? 0;
    if (n > 0) left.set(time, n - 1);
    else out.push(time);
  }
  return [...out, ...added];
}
