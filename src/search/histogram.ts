/** @module The date histogram of a search's matches: documents are numbered by date, so the date runs date them without metadata. */

/**
 * The date run holding document `doc`, given the runs' first documents in order (documents are numbered by date).
 * @example
 * runIndex([0, 4, 9], 5); // 1
 */
export function runIndex(starts: ArrayLike<number>, doc: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= doc) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * When a search read long lists in part (`Match.approximate`): how many documents match (`total`, an estimate), and
 * above which number every match was read (`Match.wholeAbove`; absent: none was). The documents read below it are a
 * sample of the matches there: their counts are scaled up to what `total` leaves.
 */
export interface Estimate {
  total: number;
  wholeAbove?: number;
}

/** Matching documents of one period: a year (`2026`), a month (`2026-03`) or a day (`2026-03-02`). */
export interface DateBucket {
  period: string;
  count: number;
}

/** Spans above which the histogram counts by month, and by year (in days). */
const MONTHS_FROM_DAYS = 62;
const YEARS_FROM_DAYS = 3 * 366;

/**
 * Counts documents by period, oldest first: by day when the dated ones span two months or less, by month up to three
 * years, by year beyond, every period from the first to the last (0 where none matches). `docs` are document numbers, or `range` a run of them `[first, end)`; `runs` are the bundle's
 * date runs (`[YYYY-MM-DD, first document]`, undated documents first under ""), which date every document. Undated
 * documents are not counted. With `estimate`, the counts are estimates (see `Estimate`).
 * @example
 * dateHistogram([0, 1, 5], undefined, [["2026-03-01", 0], ["2026-03-02", 4]]);
 * // [{ period: "2026-03-01", count: 2 }, { period: "2026-03-02", count: 1 }]
 */
export function dateHistogram(
  docs: readonly number[] | undefined,
  range: [number, number] | undefined,
  runs: readonly [string, number][],
  estimate?: Estimate,
): DateBucket[] {
  const days = new Map<string, number>();
  const starts = Float64Array.from(runs, (run) => run[1]);
  const runOf = (doc: number) => runIndex(starts, doc);
  const add = (day: string, n: number) => {
    if (day && n > 0) days.set(day, (days.get(day) ?? 0) + n);
  };
  if (docs) {
    // Counted by run first: a number a document, the days' strings once a run; apart, those read only in part.
    const perRun = new Float64Array(runs.length);
    const partRun = new Float64Array(runs.length);
    const whole = estimate ? (estimate.wholeAbove ?? Number.POSITIVE_INFINITY) : Number.NEGATIVE_INFINITY;
    let part = 0;
    for (const doc of docs) {
      const run = runOf(doc);
      if (doc <= whole) {
        partRun[run] = (partRun[run] as number) + 1;
        part++;
      } else perRun[run] = (perRun[run] as number) + 1;
    }
    // A sample of the rest of the matches: scaled to what `total` leaves for them.
    const factor = estimate && part > 0 ? Math.max(0, estimate.total - (docs.length - part)) / part : 1;
    for (let run = 0; run < perRun.length; run++)
      add(runs[run]?.[0] ?? "", Math.round((perRun[run] as number) + (partRun[run] as number) * factor));
  } else if (range) {
    // A run of documents: each date run's overlap with it.
    runs.forEach(([day, start], i) => {
      const end = runs[i + 1]?.[1] ?? Number.POSITIVE_INFINITY;
      add(day, Math.max(0, Math.min(end, range[1]) - Math.max(start, range[0])));
    });
  }
  if (days.size === 0) return [];
  const sorted = [...days.keys()].sort();
  const span = (Date.parse(sorted.at(-1) as string) - Date.parse(sorted[0] as string)) / 86_400_000;
  const width = span > YEARS_FROM_DAYS ? 4 : span > MONTHS_FROM_DAYS ? 7 : 10;
  const counts = new Map<string, number>();
  for (const day of sorted) {
    const period = day.slice(0, width);
    counts.set(period, (counts.get(period) ?? 0) + (days.get(day) as number));
  }
  // Every period from the first to the last, those without a match at 0: a chart's axis.
  const out: DateBucket[] = [];
  const last = (sorted.at(-1) as string).slice(0, width);
  for (let period = (sorted[0] as string).slice(0, width); period <= last; period = nextPeriod(period)) {
    out.push({ period, count: counts.get(period) ?? 0 });
  }
  return out;
}

/**
 * The period after `period`: a year, a month or a day (in UTC).
 * @example
 * nextPeriod("2025-12"); // "2026-01"
 */
export function nextPeriod(period: string): string {
  if (period.length === 4) return String(Number(period) + 1);
  if (period.length === 7) {
    const [y, m] = period.split("-").map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  return new Date(Date.parse(`${period}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
