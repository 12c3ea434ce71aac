/**
 * @module Reads a record's date into ISO form (`YYYY-MM-DD`, or a full ISO timestamp when it has a time), the same on every machine.
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** ISO 8601 as people write it: a date, maybe a time, maybe a zone. */
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Reuters-21578 `<DATE>`: `26-FEB-1987 15:01:01.79`, sometimes followed by editors' letter codes (`…59.13RM`) or a note.
 * The time is optional so that a garbled one (`605:12:19.12`) still leaves the date.
 */
const DAY_MON_YEAR = /^(\d{1,2})-([a-z]{3})-(\d{4})(?:\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?)?/i;

/** An explicit zone at the end of a free-form date, which `Date.parse` honours. */
const ZONE = /(?:\bZ|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC|UT|[ECMP][SD]T)(?:[+-]\d{2}:?\d{2})?)\s*(?:\([^)]*\))?$/i;

/**
 * Normalises a date string, or returns undefined when it is not a date. A date alone stays a date (`YYYY-MM-DD`);
 * a date with a time becomes a full ISO timestamp. A time without a zone is read as UTC, so the build does not
 * depend on the machine's time zone.
 *
 * @example
 * normalizeDate("2021-08-13"); // "2021-08-13"
 * normalizeDate("26-FEB-1987 15:01:01.79"); // "1987-02-26T15:01:01.790Z"
 * normalizeDate("Aug 13, 2021"); // "2021-08-13"
 * normalizeDate("2021-02-30"); // undefined
 */
export function normalizeDate(input: string): string | undefined {
  const text = input.trim();
  if (text === "") return undefined;
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo = "01", d = "01", h, mi, s = "0", frac = "0", zone] = iso;
    return fromParts(+(y as string), +mo, +d, h, mi, s, frac, zone);
  }
  const dmy = DAY_MON_YEAR.exec(text);
  if (dmy) {
    const [, d, mon, y, h, mi, s = "0", frac = "0"] = dmy;
    const month = MONTHS.indexOf((mon as string).toLowerCase()) + 1;
    if (month > 0) return fromParts(+(y as string), month, +(d as string), h, mi, s, frac, undefined);
  }
  return fromDateParse(text);
}

function fromParts(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string,
  fraction: string,
  zone: string | undefined,
): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (hour === undefined || minute === undefined) return date.toISOString().slice(0, 10);
  const [h, mi, s] = [+hour, +minute, +second];
  if (h > 24 || mi > 59 || s > 60 || (h === 24 && (mi > 0 || s > 0))) return undefined;
  const ms = Math.round(Number(`0.${fraction}`) * 1000);
  return new Date(date.getTime() + ((h * 60 + mi) * 60 + s) * 1000 + ms - zoneOffsetMinutes(zone) * 60_000).toISOString();
}

/** `+02:00` → 120; no zone or `Z` → 0. */
function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || /^z$/i.test(zone)) return 0;
  const digits = zone.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0");
  return zone.startsWith("-") ? -minutes : minutes;
}

/** Anything else `Date.parse` accepts (`Aug 13, 2021`, RFC 2822), with local-time readings turned into UTC ones. */
function fromDateParse(text: string): string | undefined {
  const time = Date.parse(text);
  if (Number.isNaN(time)) return undefined;
  const date = new Date(time);
  const hasTime = /\d:\d\d/.test(text);
  // Without a zone, V8 reads the wall clock as local time; take the wall clock back and read it as UTC instead.
  const wall = ZONE.test(text)
    ? date
    : new Date(
        Date.UTC(
          date.getFullYear(),
          date.getMonth(),
          date.getDate(),
          date.getHours(),
          date.getMinutes(),
          date.getSeconds(),
          date.getMilliseconds(),
        ),
      );
  if (!ZONE.test(text)) wall.setUTCFullYear(date.getFullYear());
  return hasTime ? wall.toISOString() : wall.toISOString().slice(0, 10);
}
