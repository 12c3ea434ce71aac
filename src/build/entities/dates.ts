/** @module Comparing the dates of documents, whatever their format, for first and last sightings. */

/** `laterDate` with both dates already parsed (`Date.parse`, NaN when they do not parse). */
const later = (a: string, ta: number, b: string, tb: number): string => {
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return tb > ta ? b : a;
  return b > a ? b : a;
};

/**
 * The later of two dates: compared as times when both parse, as text otherwise (ISO dates sort as text).
 * @example
 * laterDate("2021-08-13", "2021-08-12"); // "2021-08-13"
 * laterDate("26-FEB-1987 15:01:01.79", "1987-03-01"); // "1987-03-01"
 */
export function laterDate(a: string, b: string): string {
  return later(a, Date.parse(a), b, Date.parse(b));
}

/**
 * A `laterDate` that parses each distinct date once: for one merge, where the same dates are compared again and again.
 * @example
 * const laterOf = dateComparer();
 * laterOf("2021-08-13", "2021-08-12"); // "2021-08-13", as laterDate
 */
export function dateComparer(): (a: string, b: string) => string {
  const times = new Map<string, number>();
  const time = (date: string): number => {
    let t = times.get(date);
    if (t === undefined) {
      t = Date.parse(date);
      times.set(date, t);
    }
    return t;
  };
  return (a, b) => later(a, time(a), b, time(b));
}
