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
 * `laterDate` for dates already parsed: `ta` and `tb` are `Date.parse(a)` and `Date.parse(b)` (NaN when they do not
 * parse), for callers that compare the same dates again and again.
 * @example
 * laterParsed("2021-08-13", Date.parse("2021-08-13"), "2021-08-12", Date.parse("2021-08-12")); // "2021-08-13", as laterDate
 */
export function laterParsed(a: string, ta: number, b: string, tb: number): string {
  return later(a, ta, b, tb);
}
