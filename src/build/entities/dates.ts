/** @module Comparing the dates of documents, whatever their format, for first and last sightings. */

/**
 * The later of two dates: compared as times when both parse, as text otherwise (ISO dates sort as text).
 * @example
 * laterDate("2021-08-13", "2021-08-12"); // "2021-08-13"
 * laterDate("26-FEB-1987 15:01:01.79", "1987-03-01"); // "1987-03-01"
 */
export function laterDate(a: string, b: string): string {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return tb > ta ? b : a;
  return b > a ? b : a;
}
