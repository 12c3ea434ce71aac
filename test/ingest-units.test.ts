/** @module The document reader's parts, one at a time: decoding bytes, titles, dates, JSON records, listing folders, and reading them all. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeText, firstInvalidUtf8, normalizeNewlines } from "../src/build/ingest/decode";
import {
  firstSentence,
  HEADLINE_MAX,
  isHeadline,
  SENTENCE_TITLE_MAX,
  shorten,
  TITLE_MAX,
  titleFromBody,
} from "../src/build/ingest/derive-title";
import { MAX_BODY_BYTES, makeDocument } from "../src/build/ingest/document";
import { htmlToText } from "../src/build/ingest/html";
import { readJsonArray, readJsonLines } from "../src/build/ingest/json-records";
import { describeError, kindOf, listFiles } from "../src/build/ingest/list-files";
import { markdownToText } from "../src/build/ingest/markdown";
import { normalizeDate } from "../src/build/ingest/parse-date";
import { readDocumentFile } from "../src/build/ingest/read-file";
import { formatIssue, IngestError, type IngestIssue, readInputs } from "../src/build/ingest/read-inputs";
import { readRecord } from "../src/build/ingest/record";
import { readTextFile } from "../src/build/ingest/text-file";

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ingest-units-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Writes files under a fresh folder of the temp dir; returns the folder. */
let folders = 0;
async function tree(contents: Record<string, string | Uint8Array>): Promise<string> {
  const dir = join(tmp, `case-${++folders}`);
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries(contents)) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return dir;
}

describe("decoding bytes", () => {
  it("removes a UTF-8 BOM and turns CRLF and lone CR into LF", () => {
    expect(decodeText(bytes([0xef, 0xbb, 0xbf], "hi\r\nthere\rend\n"))).toEqual({ ok: true, text: "hi\nthere\nend\n" });
    expect(decodeText(bytes("a\r\r\nb"))).toEqual({ ok: true, text: "a\n\nb" });
    expect(normalizeNewlines("no returns\n")).toBe("no returns\n");
    expect(normalizeNewlines("a\rb\r\nc\r")).toBe("a\nb\nc\n");
  });

  it("keeps a BOM that is not at the start", () => {
    expect(decodeText(bytes("a", [0xef, 0xbb, 0xbf]))).toEqual({ ok: true, text: "a\ufeff" });
  });

  it("calls a file with a NUL byte binary, saying where", () => {
    expect(decodeText(bytes([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]))).toEqual({
      ok: false,
      code: "binary_file",
      reason: "binary file, not text (it has a NUL byte at offset 4)",
    });
  });

  it("recognizes UTF-16 by its BOM, in either byte order, and says to save it as UTF-8", () => {
    const hint = { ok: false, code: "binary_file", reason: "binary file, not text (it looks like UTF-16: save it as UTF-8)" };
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x48, 0x00]))).toEqual(hint);
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x48]))).toEqual(hint);
  });

  it("does not take half a UTF-16 BOM for one", () => {
    for (const head of [
      [0xff, 0x00],
      [0xfe, 0x00],
      [0x00, 0xfe],
      [0x00, 0xff],
      [0xff, 0xff, 0x00],
      [0xfe, 0xfe, 0x00],
    ]) {
      const decoded = decodeText(new Uint8Array(head));
      expect(decoded.ok ? "" : decoded.reason, JSON.stringify(head)).toMatch(/NUL byte at offset \d/);
    }
  });

  it("looks for NUL bytes in the first 8 KiB only", () => {
    const late = new Uint8Array(8 * 1024 + 1).fill(0x61);
    late[8 * 1024] = 0;
    expect(decodeText(late).ok).toBe(true);
    late[8 * 1024 - 1] = 0;
    expect(decodeText(late)).toMatchObject({
      ok: false,
      code: "binary_file",
      reason: "binary file, not text (it has a NUL byte at offset 8191)",
    });
  });

  it("refuses invalid UTF-8 with the byte and the line where it breaks", () => {
    expect(decodeText(bytes("one\ntwo\nth", [0xff], "ree"))).toEqual({
      ok: false,
      code: "invalid_utf8",
      line: 3,
      reason: "invalid UTF-8 at byte 10: save the file as UTF-8",
    });
    expect(decodeText(bytes([0xc3, 0x28], "\n"))).toMatchObject({ line: 1, reason: "invalid UTF-8 at byte 0: save the file as UTF-8" });
    expect(decodeText(bytes("\n\n", [0xe2, 0x82]))).toMatchObject({ line: 3, reason: "invalid UTF-8 at byte 2: save the file as UTF-8" });
  });

  it("finds the first byte that breaks UTF-8, by Unicode's table of well-formed sequences", () => {
    const cases: [number[], number][] = [
      [[0x41, 0x7f], 2],
      [[0x80], 0],
      [[0xbf], 0],
      [[0xc0, 0x80], 0],
      [[0xc1, 0xbf], 0],
      [[0xc2, 0x80], 2],
      [[0xdf, 0xbf], 2],
      [[0xc2, 0x41], 0],
      [[0xc2, 0xc0], 0],
      [[0xc2], 0],
      [[0xe0, 0xa0, 0x80], 3],
      [[0xe0, 0x9f, 0x80], 0],
      [[0xe1, 0x80, 0x80], 3],
      [[0xec, 0xbf, 0xbf], 3],
      [[0xed, 0x9f, 0xbf], 3],
      [[0xed, 0xa0, 0x80], 0],
      [[0xee, 0x80, 0x80], 3],
      [[0xef, 0xbf, 0xbf], 3],
      [[0xe2, 0x82, 0x41], 0],
      [[0xe2, 0x82, 0xc0], 0],
      [[0xe2, 0x82], 0],
      [[0xf0, 0x90, 0x80, 0x80], 4],
      [[0xf0, 0x8f, 0xbf, 0xbf], 0],
      [[0xf1, 0x80, 0x80, 0x80], 4],
      [[0xf3, 0xbf, 0xbf, 0xbf], 4],
      [[0xf4, 0x8f, 0xbf, 0xbf], 4],
      [[0xf4, 0x90, 0x80, 0x80], 0],
      [[0xf0, 0x90, 0x80, 0x7f], 0],
      [[0xf0, 0x90, 0x80], 0],
      [[0xf5, 0x80, 0x80, 0x80], 0],
      [[0xf8], 0],
      [[0xff], 0],
      [[0x61, 0x62, 0xc3, 0xa9, 0xff], 4],
      [[], 0],
    ];
    for (const [input, at] of cases) expect(firstInvalidUtf8(new Uint8Array(input)), JSON.stringify(input)).toBe(at);
  });

  it("agrees with the platform's strict decoder on any bytes", () => {
    const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const valid = (b: Uint8Array) => {
      try {
        strict.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const byte = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xff }),
      fc.constantFrom(0xe0, 0xed, 0xf0, 0xf4),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (list) => {
        const input = new Uint8Array(list);
        const at = firstInvalidUtf8(input);
        // Everything before the offset is valid, and the sequence starting there is not.
        expect(valid(input.subarray(0, at))).toBe(true);
        if (at < input.length) expect(valid(input.subarray(at, at + 4))).toBe(false);
        expect(at === input.length).toBe(valid(input));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("titles", () => {
  it("take a short line that does not end like a sentence as a headline", () => {
    expect(isHeadline("US Secretary of State, Kazakh Counterpart Discuss Afghanistan")).toBe(true);
    expect(isHeadline("  Kabul falls  ")).toBe(true);
    expect(isHeadline("Markets: a review")).toBe(true);
    expect(isHeadline("x".repeat(HEADLINE_MAX))).toBe(true);
    expect(isHeadline(` ${"x".repeat(HEADLINE_MAX)} `)).toBe(true);
  });

  it("do not take an empty, long or sentence-like line as a headline", () => {
    expect(isHeadline("")).toBe(false);
    expect(isHeadline("   ")).toBe(false);
    expect(isHeadline("x".repeat(HEADLINE_MAX + 1))).toBe(false);
    for (const line of [
      "The talks ended on Friday.",
      "Really?",
      "Wow!",
      "And then…",
      'He said "no."',
      "It ended (at last.)",
      "It ended.  ",
    ]) {
      expect(isHeadline(line), line).toBe(false);
    }
  });

  it("end the first sentence at its first real stop, line breaks and runs of spaces folded", () => {
    expect(firstSentence("The U.N. Security Council met. It agreed.")).toBe("The U.N. Security Council met.");
    expect(firstSentence("  Showers   continued in\nthe zone. More text. ")).toBe("Showers continued in the zone.");
    expect(firstSentence('He said "yes." Then he left.')).toBe('He said "yes."');
    expect(firstSentence("Is it over?! Nobody knows.")).toBe("Is it over?!");
    expect(firstSentence("No stop at all")).toBe("No stop at all");
    expect(firstSentence("Only one sentence.  ")).toBe("Only one sentence.");
  });

  it("do not end a sentence at a known abbreviation, in any case, or at an initial", () => {
    expect(firstSentence("Mr. Smith went home. Then more.")).toBe("Mr. Smith went home.");
    expect(firstSentence("MR. SMITH LEFT. Later.")).toBe("MR. SMITH LEFT.");
    expect(firstSentence("Acme Inc. Reports Profit. Shares rose.")).toBe("Acme Inc. Reports Profit.");
    expect(firstSentence("Talks with J. Smith ended. Next.")).toBe("Talks with J. Smith ended.");
    expect(firstSentence("Held in the U.S.A. Today it ends. Yes.")).toBe("Held in the U.S.A. Today it ends.");
    expect(firstSentence("Names like X.Y.Bigname. Then more.")).toBe("Names like X.Y.Bigname.");
  });

  it("end a sentence at a lower-case initial and at an ellipsis", () => {
    expect(firstSentence("I met j. Then left.")).toBe("I met j.");
    expect(firstSentence("I met J... Then left.")).toBe("I met J...");
  });

  it("do not end a sentence at a stop followed by a lower-case word or a digit", () => {
    expect(firstSentence("Prices fell. and rose. Then.")).toBe("Prices fell. and rose.");
    expect(firstSentence("See section 1. 2 items follow. Done.")).toBe("See section 1. 2 items follow.");
  });

  it("cut long text at a word boundary with an ellipsis, and leave text that fits alone", () => {
    expect(shorten("one two three four", 12)).toBe("one two…");
    expect(shorten("exactly twelve", 14)).toBe("exactly twelve");
    expect(shorten("exactly twelve!", 14)).toBe("exactly…");
    expect(shorten("one two,; three four", 12)).toBe("one two…");
    expect(shorten("one two – three", 10)).toBe("one two…");
  });

  it("cut inside a word rather than keep only a short first word", () => {
    expect(shorten("a".repeat(30), 10)).toBe(`${"a".repeat(9)}…`);
    expect(shorten("abcd efghijklmnop", 12)).toBe("abcd efghij…");
    expect(shorten("abcde fghijklmnop", 12)).toBe("abcde…");
  });

  it("made from a body are its first sentence, cut to 120 characters", () => {
    expect(titleFromBody("Showers continued throughout the week in\nthe Bahia cocoa zone. More text.")).toBe(
      "Showers continued throughout the week in the Bahia cocoa zone.",
    );
    const long = `${"word ".repeat(40)}end.`;
    const title = titleFromBody(long);
    expect(title.length).toBeLessThanOrEqual(SENTENCE_TITLE_MAX);
    expect(title).toBe(`${"word ".repeat(23).trim()}…`);
  });
});

describe("documents", () => {
  it("trim the body, fold the given title's spaces, and keep date and URL only when given", () => {
    const entry = makeDocument({ id: "a", title: "  A \n  title  ", body: "  Prices rose. Again.  " });
    expect(entry).toStrictEqual({ ok: true, document: { id: "a", title: "A title", body: "Prices rose. Again.", lang: "und", meta: {} } });
    const dated = makeDocument({ id: "b", body: "Text.", date: "2021-08-13", url: "https://example.com/b", meta: { x: 1 } });
    expect(dated).toStrictEqual({
      ok: true,
      document: { id: "b", title: "Text.", body: "Text.", date: "2021-08-13", url: "https://example.com/b", lang: "und", meta: { x: 1 } },
    });
  });

  it("derive a missing or blank title from the body, and cut a given one to 1,000 characters", () => {
    expect(makeDocument({ id: "a", title: " \n ", body: "Prices rose. Again." })).toMatchObject({ document: { title: "Prices rose." } });
    const long = makeDocument({ id: "a", title: "word ".repeat(300), body: "B." });
    expect(long.ok && long.document.title).toBe(`${"word ".repeat(199).trim()}…`);
    expect(long.ok && long.document.title.length).toBeLessThanOrEqual(TITLE_MAX);
  });

  it("refuse an empty body", () => {
    expect(makeDocument({ id: "e", body: " \n\t " })).toStrictEqual({
      ok: false,
      code: "empty_body",
      id: "e",
      reason: 'document "e" has an empty body',
    });
  });

  it("refuse the ids '.' and '..', which no address can ask for", () => {
    for (const id of [".", ".."]) expect(makeDocument({ id, body: "Text." })).toMatchObject({ ok: false, code: "invalid_record", id });
    expect(makeDocument({ id: "...", body: "Text." }).ok).toBe(true);
  });

  it("take a body of exactly 5 MiB and refuse one byte more, counting UTF-8 bytes", () => {
    expect(makeDocument({ id: "max", body: "a".repeat(MAX_BODY_BYTES) }).ok).toBe(true);
    expect(makeDocument({ id: "over", body: "a".repeat(MAX_BODY_BYTES + 1) })).toStrictEqual({
      ok: false,
      code: "document_too_large",
      id: "over",
      reason: 'document "over" has a 5.0 MiB body; the limit is 5 MiB',
    });
    // 2 MiB of characters, but 6 MiB of UTF-8.
    expect(makeDocument({ id: "euro", body: "€".repeat(2 * 1024 * 1024) })).toMatchObject({ ok: false, reason: /a 6\.0 MiB body/ });
    expect(makeDocument({ id: "accents", body: "é".repeat(2 * 1024 * 1024) }).ok).toBe(true);
  });
});

describe("dates", () => {
  it("keep a date alone as a date, and fill in a missing month or day", () => {
    expect(normalizeDate("2021-08-13")).toBe("2021-08-13");
    expect(normalizeDate("  2021-08-13 \n")).toBe("2021-08-13");
    expect(normalizeDate("2021-08")).toBe("2021-08-01");
    expect(normalizeDate("2021")).toBe("2021-01-01");
    expect(normalizeDate("0050-03-01")).toBe("0050-03-01");
  });

  it("turn a date with a time into a UTC timestamp, a time without a zone read as UTC", () => {
    expect(normalizeDate("2021-08-13T10:20")).toBe("2021-08-13T10:20:00.000Z");
    expect(normalizeDate("2021-08-13 10:20:30")).toBe("2021-08-13T10:20:30.000Z");
    expect(normalizeDate("2021-08-13T10:20:30.5")).toBe("2021-08-13T10:20:30.500Z");
    expect(normalizeDate("2021-08-13T10:20:30,25")).toBe("2021-08-13T10:20:30.250Z");
    expect(normalizeDate("2021-08-13T10:20:30.123456789Z")).toBe("2021-08-13T10:20:30.123Z");
    expect(normalizeDate("2021-08-13t10:20:30z")).toBe("2021-08-13T10:20:30.000Z");
  });

  it("take a zone into account, with or without a colon or minutes", () => {
    expect(normalizeDate("2021-08-13T10:00:00+02:00")).toBe("2021-08-13T08:00:00.000Z");
    expect(normalizeDate("2021-08-13T10:00:00-0530")).toBe("2021-08-13T15:30:00.000Z");
    expect(normalizeDate("2021-08-13T10:00:00 +02")).toBe("2021-08-13T08:00:00.000Z");
    expect(normalizeDate("2021-08-13T10:00:00+00:45")).toBe("2021-08-13T09:15:00.000Z");
  });

  it("take 24:00 as the end of the day and a leap second, but no other time out of range", () => {
    expect(normalizeDate("2021-08-13T24:00")).toBe("2021-08-14T00:00:00.000Z");
    expect(normalizeDate("2021-08-13T23:59:60")).toBe("2021-08-14T00:00:00.000Z");
    for (const text of ["2021-08-13T24:01", "2021-08-13T24:00:01", "2021-08-13T25:00", "2021-08-13T23:60", "2021-08-13T23:59:61"]) {
      expect(normalizeDate(text), text).toBeUndefined();
    }
  });

  it("refuse dates that do not exist, and text that is no date", () => {
    for (const text of ["2021-02-30", "2021-13-01", "2021-00-10", "2021-04-31", "", "   ", "someday", "26-XYZ-1987"]) {
      expect(normalizeDate(text), text).toBeUndefined();
    }
    expect(normalizeDate("2020-02-29")).toBe("2020-02-29");
  });

  it("read Reuters dates, with editors' codes or a garbled time after them", () => {
    expect(normalizeDate("26-FEB-1987 15:01:01.79")).toBe("1987-02-26T15:01:01.790Z");
    expect(normalizeDate("26-FEB-1987 15:01:01")).toBe("1987-02-26T15:01:01.000Z");
    expect(normalizeDate(" 5-mar-1987 09:02:59.13RM")).toBe("1987-03-05T09:02:59.130Z");
    expect(normalizeDate("26-FEB-1987")).toBe("1987-02-26");
    expect(normalizeDate("5-MAR-1987 605:12:19.12")).toBe("1987-03-05");
    expect(normalizeDate("31-FEB-1987")).toBeUndefined();
    expect(normalizeDate("1-DEC-1987")).toBe("1987-12-01");
    expect(normalizeDate("1-JAN-1987")).toBe("1987-01-01");
  });

  it("read the free forms Date.parse knows, as UTC unless they name a zone", () => {
    expect(normalizeDate("Aug 13, 2021")).toBe("2021-08-13");
    expect(normalizeDate("Aug 13, 2021 10:30")).toBe("2021-08-13T10:30:00.000Z");
    expect(normalizeDate("Fri, 13 Aug 2021 10:00:00 GMT")).toBe("2021-08-13T10:00:00.000Z");
    expect(normalizeDate("Fri, 13 Aug 2021 10:00:00 +0200")).toBe("2021-08-13T08:00:00.000Z");
    expect(normalizeDate("Fri, 13 Aug 2021 10:00:00 EST (Eastern)")).toBe("2021-08-13T15:00:00.000Z");
    expect(normalizeDate("December 31, 1999 23:59:59")).toBe("1999-12-31T23:59:59.000Z");
  });
});

describe("markup read as text", () => {
  // Hostile bodies: where a pattern looked for a closing mark from every opening one, each of these took seconds at
  // 80 KB and minutes at 400 KB (`npx tsx bench/ingest/markup.ts` times them). Read in one pass, they keep their text.
  it("reads a body of thousands of unclosed Markdown marks in one pass, keeping its words", () => {
    for (const unit of ["**a ", "__a ", "~~a ", "[a ", "![a ", "`a ``", "<http:a "]) {
      const text = markdownToText(unit.repeat(5_000));
      expect(text.length).toBeGreaterThan(5_000);
      expect(text).toContain("a");
    }
  });

  it("reads HTML of thousands of unclosed tags, comments and scripts in one pass", () => {
    expect(htmlToText(`<p>${"a <".repeat(5_000)}`)).toContain("a <a <");
    expect(htmlToText(`<p>kept${"<!--".repeat(5_000)}`)).toBe("kept");
    expect(htmlToText(`<p>kept${"<script".repeat(5_000)}`)).toBe("kept");
    expect(htmlToText("<p>a</p><style>p { color: red }</style><p>b <!-- c --> d</p>")).toBe("a\nb d");
  });
});

describe("JSON records", () => {
  it("read a body that opens with an HTML block as text, its title too, and a text that mentions a tag as text", () => {
    const html = readRecord({
      id: "wp-1",
      title: "Council backs <em>new</em> tram line",
      body: '<!-- wp:paragraph -->\n<p>The <strong>Edinburgh City Council</strong> voted &ndash; 9 to 4.</p><p>It will cost <a href="https://x">&pound;1bn</a>.</p>',
    });
    expect(html).toMatchObject({
      ok: true,
      document: { title: "Council backs new tram line", body: "The Edinburgh City Council voted – 9 to 4.\nIt will cost £1bn." },
    });
    const text = readRecord({ id: "t", title: "<b>", body: "Use the <p> tag for paragraphs. <b>Bold</b> stays." });
    expect(text).toMatchObject({ ok: true, document: { title: "<b>", body: "Use the <p> tag for paragraphs. <b>Bold</b> stays." } });
  });

  it("map our own fields onto a document and keep the rest as metadata", () => {
    const entry = readRecord({
      id: "a",
      title: "T",
      body: "Body\r\ntext.",
      date: "Aug 13, 2021",
      url: "https://x",
      source: "wire",
      tags: [1],
    });
    expect(entry).toStrictEqual({
      ok: true,
      document: {
        id: "a",
        title: "T",
        body: "Body\ntext.",
        date: "2021-08-13",
        url: "https://x",
        lang: "und",
        meta: { source: "wire", tags: [1] },
      },
    });
  });

  it("read BEIR records: _id as the id, text as the body, numbers as strings", () => {
    expect(readRecord({ _id: 4983, title: "Micro", text: "Alterations.", metadata: {} })).toStrictEqual({
      ok: true,
      document: { id: "4983", title: "Micro", body: "Alterations.", lang: "und", meta: { metadata: {} } },
    });
    expect(readRecord({ id: null, _id: "x", body: "B." })).toMatchObject({ ok: true, document: { id: "x" } });
    expect(readRecord({ id: "a", body: null, text: "From text." })).toMatchObject({ ok: true, document: { body: "From text." } });
    expect(readRecord({ id: "a", body: "From body.", text: "Not this." })).toMatchObject({
      ok: true,
      document: { body: "From body.", lang: "und", meta: {} },
    });
  });

  it("count a null field as absent", () => {
    expect(readRecord({ id: "a", title: null, body: "Body. More.", date: null, url: null })).toStrictEqual({
      ok: true,
      document: { id: "a", title: "Body.", body: "Body. More.", lang: "und", meta: {} },
    });
  });

  it("refuse anything but an object, saying what it was", () => {
    const reasons = [null, [], "x", 42, true].map((r) => {
      const entry = readRecord(r);
      return entry.ok ? "" : `${entry.code}: ${entry.reason}`;
    });
    expect(reasons).toEqual([
      "invalid_record: a record must be a JSON object, not null",
      "invalid_record: a record must be a JSON object, not an array",
      "invalid_record: a record must be a JSON object, not a string",
      "invalid_record: a record must be a JSON object, not a number",
      "invalid_record: a record must be a JSON object, not a boolean",
    ]);
  });

  it("refuse a record without a usable id", () => {
    for (const record of [{ body: "B." }, { id: null, body: "B." }, { id: "  ", body: "B." }, { _id: "", body: "B." }]) {
      expect(readRecord(record), JSON.stringify(record)).toStrictEqual({
        ok: false,
        code: "missing_id",
        reason: "the record has no id (or _id)",
      });
    }
    expect(readRecord({ id: true, body: "B." })).toStrictEqual({
      ok: false,
      code: "invalid_record",
      reason: "the id must be a string or a number, not a boolean",
    });
    expect(readRecord({ id: Number.POSITIVE_INFINITY, body: "B." })).toMatchObject({ code: "invalid_record", reason: /not a number$/ });
    expect(readRecord({ id: { x: 1 }, body: "B." })).toMatchObject({ code: "invalid_record", reason: /not a object$/ });
    expect(readRecord({ id: 0, body: "B." })).toMatchObject({ ok: true, document: { id: "0" } });
  });

  it("refuse a field of the wrong type, naming the field", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ id: "r", body: 5 }, 'record "r": body must be a string, not a number'],
      [{ id: "r", text: ["x"] }, 'record "r": text must be a string, not an array'],
      [{ id: "r", body: "B.", title: 1 }, 'record "r": title must be a string, not a number'],
      [{ id: "r", body: "B.", url: {} }, 'record "r": url must be a string, not a object'],
      [{ id: "r", body: "B.", date: 20210813 }, 'record "r": date must be a string, not a number'],
      [{ id: "r", body: "B.", date: "someday" }, 'record "r": date "someday" is not a date'],
    ];
    for (const [record, reason] of cases) expect(readRecord(record)).toStrictEqual({ ok: false, code: "invalid_record", id: "r", reason });
  });

  it("refuse a lone surrogate in any string of the record as invalid_utf8, naming where it is", () => {
    const lone = (record: Record<string, unknown>) => {
      const entry = readRecord(record);
      return entry.ok ? "ok" : `${entry.code}: ${entry.reason}`;
    };
    const said = (where: string, unit: string) =>
      `invalid_utf8: record "r": ${where} holds a lone surrogate (\\${unit}), which is not Unicode text`;
    expect(lone({ id: "r", body: "Bad \ud800 text" })).toBe(said("the body", "ud800"));
    expect(lone({ id: "r", text: "\udc00" })).toBe(said("the text", "udc00"));
    expect(lone({ id: "r", body: "B.", title: "a\udbff" })).toBe(said("the title", "udbff"));
    expect(lone({ id: "r", body: "B.", url: "https://x/\udfff" })).toBe(said("the url", "udfff"));
    expect(lone({ id: "r", body: "B.", date: "2021\ud800" })).toBe(said("the date", "ud800"));
    expect(lone({ id: "r", body: "B.", section: "x\ud800" })).toBe(said("the section", "ud800"));
    expect(lone({ id: "r", body: "B.", tags: ["a", "\ud800"] })).toBe(said("the tags[1]", "ud800"));
    expect(lone({ id: "r", body: "B.", author: { name: ["\udc00"] } })).toBe(said("the author.name[0]", "udc00"));
    expect(lone({ id: "r", body: "B.", "\ud800": 1 })).toBe(said("a field name", "ud800"));
    expect(lone({ id: "r", body: "B.", author: { "\ud800": 1 } })).toBe(said("a field name in author", "ud800"));
    expect(lone({ id: "\ud800r", body: "B." })).toBe("invalid_utf8: the id holds a lone surrogate (\\ud800), which is not Unicode text");
    expect(lone({ _id: "\udc00", body: "B." })).toBe("invalid_utf8: the _id holds a lone surrogate (\\udc00), which is not Unicode text");
    // A pair is one character, however it was written; the wrong order is two lone halves.
    expect(lone({ id: "r", body: "Smile \ud83d\ude00.", tags: ["\u{1f600}"] })).toBe("ok");
    expect(lone({ id: "r", body: "\ude00\ud83d" })).toBe(said("the body", "ude00"));
    // Deep nesting is walked without recursion.
    let deep: unknown = "\ud800";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(lone({ id: "r", body: "B.", deep })).toMatch(/^invalid_utf8: record "r": the deep(?:\[0\]){33}… holds a lone surrogate/);
    expect(readRecord({ id: "r", body: "\ud800" })).toStrictEqual({
      ok: false,
      code: "invalid_utf8",
      id: "r",
      reason: 'record "r": the body holds a lone surrogate (\\ud800), which is not Unicode text',
    });
  });

  it("keep a field named __proto__ out of the metadata: it never withdraws or changes the document", () => {
    const record = JSON.parse('{"id":"r","body":"B.","section":"world","__proto__":{"deleted":true,"section":"x"}}');
    const entry = readRecord(record);
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(entry.document.meta).toStrictEqual({ section: "world" });
    expect(Object.getPrototypeOf(entry.document.meta)).toBe(Object.prototype);
    expect(entry.document.meta.deleted).toBeUndefined();
  });

  it("give a record with no body an empty_body problem", () => {
    expect(readRecord({ id: "r" })).toMatchObject({ ok: false, code: "empty_body", id: "r" });
    expect(readRecord({ id: "r", body: "", text: "ignored" })).toMatchObject({ ok: false, code: "empty_body" });
  });
});

describe("JSON Lines files", () => {
  it("give one entry per non-blank line, numbered from 1", () => {
    const entries = readJsonLines(utf8('{"id":1,"body":"a"}\n\n   \n{"body":"b"}\n[1]\n{oops\n'));
    expect(entries.map((e) => [e.line, e.ok ? e.document.id : e.code])).toEqual([
      [1, "1"],
      [4, "missing_id"],
      [5, "invalid_record"],
      [6, "malformed_json"],
    ]);
    const bad = entries[3];
    expect(bad?.ok === false && bad.reason).toMatch(/^malformed JSON: /);
    expect(bad?.ok === false && bad.reason).not.toMatch(/position|JSON at/);
  });

  it("read CRLF files and a last line without a newline", () => {
    const entries = readJsonLines(utf8('{"id":"a","body":"x"}\r\n{"id":"b","body":"y"}'));
    expect(entries.map((e) => [e.line, e.ok && e.document.id])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });

  it("lose only the lines that are not UTF-8, keeping the others' numbers", () => {
    const entries = readJsonLines(
      bytes('{"id":"a","body":"x"}\n{"id":"b","body":"', [0xc3, 0x28], '"}\n\n{"id":"c","body":"z"}\n', [0xff]),
    );
    expect(entries).toStrictEqual([
      { ok: true, line: 1, document: { id: "a", title: "x", body: "x", lang: "und", meta: {} } },
      { ok: false, code: "invalid_utf8", line: 2, reason: "invalid UTF-8: save the file as UTF-8" },
      { ok: true, line: 4, document: { id: "c", title: "z", body: "z", lang: "und", meta: {} } },
      { ok: false, code: "invalid_utf8", line: 5, reason: "invalid UTF-8: save the file as UTF-8" },
    ]);
  });

  it("give one problem for a binary file", () => {
    expect(readJsonLines(bytes([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]))).toStrictEqual([
      { ok: false, code: "binary_file", reason: "binary file, not text (it has a NUL byte at offset 4)" },
    ]);
  });
});

describe("JSON array files", () => {
  it("give one entry per record, with its index", () => {
    const entries = readJsonArray(utf8('[{"id":"a","body":"x"}, 42, {"body":"y"}]'));
    expect(entries).toStrictEqual([
      { ok: true, index: 0, document: { id: "a", title: "x", body: "x", lang: "und", meta: {} } },
      { ok: false, index: 1, code: "invalid_record", reason: "record [1]: a record must be a JSON object, not a number" },
      { ok: false, index: 2, code: "missing_id", reason: "record [2]: the record has no id (or _id)" },
    ]);
    expect(readJsonArray(utf8("[]"))).toEqual([]);
  });

  it("refuse a file that is neither an array nor one record, saying what it is", () => {
    const found = ["null", "42", '"x"', "true"].map((text) => {
      const [entry] = readJsonArray(utf8(text));
      return entry?.ok === false ? `${entry.code}: ${entry.reason}` : "";
    });
    expect(found).toEqual(
      ["null", "a number", "a string", "a boolean"].map(
        (what) => `malformed_json: a .json input must be an array of records or one record, not ${what}`,
      ),
    );
  });

  it("read a file holding one record as that record (an export of one article a file)", () => {
    expect(readJsonArray(utf8('{"id": "a", "title": "T", "body": "x", "section": "world"}'))).toEqual([
      { ok: true, document: { id: "a", title: "T", body: "x", lang: "und", meta: { section: "world" } } },
    ]);
    expect(readJsonArray(utf8("{}"))).toEqual([{ ok: false, code: "missing_id", reason: "the record has no id (or _id)" }]);
    // A record whose metadata holds a list of objects is still a record.
    const [tagged] = readJsonArray(utf8('{"id": "b", "body": "y", "tags": [{"name": "x"}]}'));
    expect(tagged).toMatchObject({ ok: true, document: { id: "b", meta: { tags: [{ name: "x" }] } } });
  });

  it("refuse an object that holds its records under a field, naming the field", () => {
    const [entry] = readJsonArray(utf8('{"total": 2, "articles": [{"id": "a", "body": "x"}, {"id": "b", "body": "y"}]}'));
    expect(entry).toEqual({
      ok: false,
      code: "malformed_json",
      reason:
        'a .json input must be an array of records or one record, not an object holding its records under "articles": make the file that array (or a .jsonl file, one record a line)',
    });
    // The field whose objects have a text, whatever comes first: a JSON Feed (a title of its own), a news API's reply.
    const wrappers = [
      '{"facets": [{"k": 1}], "articles": [{"id": "a", "body": "x"}]}',
      '{"title": "My Feed", "items": [{"id": "1", "content_text": "x"}]}',
      '{"status": "ok", "articles": [{"source": {"id": null}, "title": "A", "content": "x"}]}',
    ];
    expect(
      wrappers.map((text) => readJsonArray(utf8(text))[0]).map((e) => (e?.ok === false ? e.reason.match(/under "(\w+)"/)?.[1] : e)),
    ).toEqual(["articles", "items", "articles"]);
    // A record without an id whose metadata lists objects (names, tags) is a record missing its id.
    for (const text of [
      '{"headline": "H", "authors": [{"name": "A"}]}',
      '{"title": "Budget vote", "content": "x", "tags": [{"id": 12, "name": "politics"}]}',
    ])
      expect(readJsonArray(utf8(text))[0]).toMatchObject({ ok: false, code: "missing_id" });
  });

  it("give a syntax error the line it is on, without V8's position", () => {
    const [entry] = readJsonArray(utf8('[\n  {"id": "a", "body": "x"},\n  {"id": "b" "body": "y"}\n]\n'));
    expect(entry).toMatchObject({ ok: false, code: "malformed_json", line: 3 });
    expect(entry?.ok === false && entry.reason).toMatch(/^malformed JSON: \S/);
    expect(entry?.ok === false && entry.reason).not.toMatch(/position|line \d|column/);
  });

  it("put an error at a line break on the line that break ends", () => {
    const [entry] = readJsonArray(utf8('["ab\ncd"]'));
    expect(entry).toMatchObject({ ok: false, code: "malformed_json", line: 1 });
    const [later] = readJsonArray(utf8('[\n"a",\n"ab\ncd"]'));
    expect(later).toMatchObject({ ok: false, code: "malformed_json", line: 3 });
  });

  it("give no line when the parser gives no position", () => {
    const [entry] = readJsonArray(utf8("[1,\n   "));
    expect(entry).toStrictEqual({
      ok: false,
      code: "malformed_json",
      line: undefined,
      reason: "malformed JSON: Unexpected end of JSON input",
    });
  });

  it("refuse a file that is not UTF-8 or is binary, with the line", () => {
    expect(readJsonArray(bytes("[\n", [0xff], "]"))).toStrictEqual([
      { ok: false, code: "invalid_utf8", line: 2, reason: "invalid UTF-8 at byte 2: save the file as UTF-8" },
    ]);
    expect(readJsonArray(new Uint8Array([0x5b, 0x00, 0x5d]))).toMatchObject([{ ok: false, code: "binary_file" }]);
  });
});

describe("text files", () => {
  it("take a Markdown heading, in any case of extension, as the title, without its #s", () => {
    expect(readTextFile("notes/kabul.md", "# Kabul falls\n\nThe city was taken on Sunday.")).toStrictEqual({
      ok: true,
      document: { id: "kabul", title: "Kabul falls", body: "The city was taken on Sunday.", lang: "und", meta: {} },
    });
    expect(readTextFile("notes/K.MD", "## Closing hashes ##  \nBody.")).toMatchObject({ document: { id: "K", title: "Closing hashes" } });
  });

  it("take a headline first line as the title after leading blank lines, and the rest as the body", () => {
    expect(readTextFile("a/b/report.txt", "\n\n  Oil Prices Rise  \n\n Prices rose on Monday. \n")).toStrictEqual({
      ok: true,
      document: { id: "report", title: "Oil Prices Rise", body: "Prices rose on Monday.", lang: "und", meta: {} },
    });
    expect(readTextFile("x.txt", "# Not a heading in text\nBody.")).toMatchObject({
      document: { title: "# Not a heading in text", body: "Body." },
    });
  });

  it("title a text that opens with a sentence by that sentence and keep the whole text", () => {
    expect(readTextFile("s.txt", "It rained. A lot.\nThen it stopped.")).toMatchObject({
      document: { title: "It rained.", body: "It rained. A lot.\nThen it stopped." },
    });
    expect(readTextFile("one.md", "Just one line")).toMatchObject({
      document: { id: "one", title: "Just one line", body: "Just one line" },
    });
    expect(readTextFile("h.md", "# Only a heading\n   \n")).toMatchObject({
      document: { title: "Only a heading", body: "Only a heading" },
    });
  });

  it("refuse an empty file", () => {
    expect(readTextFile("dir/empty.txt", " \n\t\n")).toStrictEqual({
      ok: false,
      code: "empty_body",
      id: "empty",
      reason: "the file is empty",
    });
  });
});

describe("listing files", () => {
  it("knows the kinds of documents by extension, in any case", () => {
    expect(["a.txt", "b.MD", "c.Json", "d.jsonl", "e.csv", "README", "x.constructor", "y.toString"].map(kindOf)).toEqual([
      "text",
      "text",
      "json",
      "jsonl",
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("walks folders in code-unit order of names, passing over dotfiles, dot-folders, entities.json and other types", async () => {
    const dir = await tree({
      "b.txt": "B.",
      "B.txt": "B.",
      "_u.md": "U.",
      "é.txt": "E.",
      "a/z.json": "[]",
      "a/entities.json": "[]",
      ".hidden.txt": "H.",
      ".git/x.txt": "X.",
      "table.csv": "x",
      "Z/y.jsonl": "",
    });
    const listed = await listFiles([dir]);
    expect(listed.map((l) => (l.ok ? [l.path.slice(dir.length + 1), l.kind] : l.issue.code))).toEqual([
      ["B.txt", "text"],
      ["Z/y.jsonl", "jsonl"],
      ["_u.md", "text"],
      ["a/z.json", "json"],
      ["b.txt", "text"],
      ["é.txt", "text"],
    ]);
  });

  it("reads a file given explicitly whatever its name, once even when reached twice", async () => {
    const dir = await tree({ "entities.json": "[]", "a.txt": "A." });
    const listed = await listFiles([join(dir, "entities.json"), dir, join(dir, "a.txt"), dir]);
    expect(listed).toEqual([
      { ok: true, path: join(dir, "entities.json"), kind: "json" },
      { ok: true, path: join(dir, "a.txt"), kind: "text" },
    ]);
  });

  it("follows symbolic links to files and folders once, and reports a broken one", async () => {
    const dir = await tree({ "docs/a.txt": "A.", "other/b.txt": "B." });
    await symlink(join(dir, "docs/a.txt"), join(dir, "docs/link.txt"));
    await symlink(join(dir, "other"), join(dir, "docs/more"));
    await symlink(join(dir, "docs"), join(dir, "docs/loop"));
    await symlink(join(dir, "nowhere.txt"), join(dir, "docs/broken.txt"));
    const listed = await listFiles([join(dir, "docs")]);
    expect(listed).toEqual([
      { ok: true, path: join(dir, "docs/a.txt"), kind: "text" },
      { ok: false, issue: { file: join(dir, "docs/broken.txt"), code: "unreadable_file", reason: "cannot read: broken symbolic link" } },
      { ok: true, path: join(dir, "docs/more/b.txt"), kind: "text" },
    ]);
  });

  it("reports a missing path and a file of an unknown type given explicitly", async () => {
    const dir = await tree({ "t.csv": "x", README: "x" });
    const listed = await listFiles([join(dir, "missing"), join(dir, "t.csv"), join(dir, "README")]);
    expect(listed).toEqual([
      { ok: false, issue: { file: join(dir, "missing"), code: "unreadable_file", reason: "cannot read: no such file or directory" } },
      {
        ok: false,
        issue: {
          file: join(dir, "t.csv"),
          code: "unsupported_file",
          reason: "unsupported file type (.csv): use .txt, .md, .json or .jsonl",
        },
      },
      {
        ok: false,
        issue: {
          file: join(dir, "README"),
          code: "unsupported_file",
          reason: "unsupported file type (no extension): use .txt, .md, .json or .jsonl",
        },
      },
    ]);
  });

  it("describes file-system errors in words", () => {
    const coded = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(["ENOENT", "EACCES", "EPERM", "EISDIR", "ELOOP", "EMFILE"].map((c) => describeError(coded(c)))).toEqual([
      "no such file or directory",
      "permission denied",
      "operation not permitted",
      "it is a folder",
      "too many symbolic links",
      "too many open files",
    ]);
    expect(describeError(coded("EBUSY"))).toBe("EBUSY: raw");
    expect(describeError(new Error("plain"))).toBe("plain");
    expect(describeError("a string")).toBe("a string");
    expect(describeError(undefined)).toBe("undefined");
  });
});

describe("reading one file", () => {
  it("reads each kind with its reader", async () => {
    const dir = await tree({ "a.txt": "Title\nBody.", "b.json": '[{"id":"j","body":"J."}]', "c.jsonl": '{"id":"l","body":"L."}' });
    expect(await readDocumentFile(join(dir, "a.txt"), "text")).toMatchObject([{ ok: true, document: { id: "a", title: "Title" } }]);
    expect(await readDocumentFile(join(dir, "b.json"), "json")).toMatchObject([{ ok: true, index: 0, document: { id: "j" } }]);
    expect(await readDocumentFile(join(dir, "c.jsonl"), "jsonl")).toMatchObject([{ ok: true, line: 1, document: { id: "l" } }]);
  });

  it("gives one problem for a file it cannot read or decode", async () => {
    const dir = await tree({ "bad.txt": bytes("ok\n", [0xff]) });
    expect(await readDocumentFile(join(dir, "gone.txt"), "text")).toStrictEqual([
      { ok: false, code: "unreadable_file", reason: "cannot read: no such file or directory" },
    ]);
    expect(await readDocumentFile(join(dir, "bad.txt"), "text")).toStrictEqual([
      { ok: false, code: "invalid_utf8", line: 2, reason: "invalid UTF-8 at byte 3: save the file as UTF-8" },
    ]);
  });
});

describe("reading inputs", () => {
  it("returns the documents and how many files were read", async () => {
    const dir = await tree({ "a.txt": "A title\nA body.", "b.jsonl": '{"id":"b1","body":"x"}\n{"id":"b2","body":"y"}' });
    const result = await readInputs([dir]);
    expect(result.documents.map((d) => d.id)).toEqual(["a", "b1", "b2"]);
    expect(result.files).toBe(2);
    expect(result.skipped).toEqual([]);
  });

  it("names where the first of two equal ids was: a line, a record, or a file", async () => {
    const dir = await tree({
      "1.jsonl": '{"id":"x","body":"x"}',
      "2.json": '[{"id":"y","body":"y"}, {"id":"x","body":"x"}, {"id":"y","body":"y"}]',
      "x.txt": "Text x.",
      "z.txt": "Text z.",
      "zz.jsonl": '{"id":"z","body":"z"}',
    });
    const { documents, skipped } = await readInputs([dir], { skipInvalid: true });
    expect(documents.map((d) => d.id)).toEqual(["x", "y", "z"]);
    expect(skipped).toStrictEqual([
      {
        file: join(dir, "2.json"),
        id: "x",
        code: "duplicate_id",
        reason: `record [1]: duplicate id "x", first seen at ${join(dir, "1.jsonl")}:1`,
      },
      {
        file: join(dir, "2.json"),
        id: "y",
        code: "duplicate_id",
        reason: `record [2]: duplicate id "y", first seen at ${join(dir, "2.json")} record [0]`,
      },
      { file: join(dir, "x.txt"), id: "x", code: "duplicate_id", reason: `duplicate id "x", first seen at ${join(dir, "1.jsonl")}:1` },
      {
        file: join(dir, "zz.jsonl"),
        line: 1,
        id: "z",
        code: "duplicate_id",
        reason: `duplicate id "z", first seen at ${join(dir, "z.txt")}`,
      },
    ]);
  });

  it("lists a problem's line and id only when it has them", async () => {
    const dir = await tree({ "a.jsonl": '{"id":"r","body":5}\n{oops', "e.txt": "  " });
    const { skipped } = await readInputs([dir, join(dir, "missing.txt")], { skipInvalid: true });
    expect(skipped).toStrictEqual<IngestIssue[]>([
      { file: join(dir, "a.jsonl"), line: 1, id: "r", code: "invalid_record", reason: 'record "r": body must be a string, not a number' },
      {
        file: join(dir, "a.jsonl"),
        line: 2,
        code: "malformed_json",
        reason: expect.stringMatching(/^malformed JSON: /) as unknown as string,
      },
      { file: join(dir, "e.txt"), id: "e", code: "empty_body", reason: "the file is empty" },
      { file: join(dir, "missing.txt"), code: "unreadable_file", reason: "cannot read: no such file or directory" },
    ]);
  });

  it("throws one error listing every problem unless told to skip them", async () => {
    const dir = await tree({ "a.jsonl": '{"body":"x"}', "b.jsonl": '{"id":"ok","body":"x"}' });
    const error = await readInputs([dir]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).name).toBe("IngestError");
    expect((error as IngestError).message).toBe(
      `1 input problem:\n  ${join(dir, "a.jsonl")}:1: the record has no id (or _id) (missing_id)`,
    );
    expect((error as IngestError).issues).toHaveLength(1);
    const two = new IngestError([
      { file: "a", code: "empty_body", reason: "r1" },
      { file: "b", line: 2, code: "missing_id", reason: "r2" },
    ]);
    expect(two.message).toBe("2 input problems:\n  a: r1 (empty_body)\n  b:2: r2 (missing_id)");
    expect(formatIssue({ file: "a.jsonl", line: 3, code: "missing_id", reason: "no id" })).toBe("a.jsonl:3: no id (missing_id)");
  });

  it("reports progress every 1,000 records, read or not", async () => {
    const lines = Array.from({ length: 2_500 }, (_, i) => (i === 5 ? "{oops" : JSON.stringify({ id: `d${i}`, body: "x" })));
    const dir = await tree({ "a.jsonl": lines.join("\n") });
    const seen: number[] = [];
    const { documents } = await readInputs([dir], { skipInvalid: true, onProgress: (n) => seen.push(n) });
    expect(seen).toEqual([1_000, 2_000]);
    expect(documents).toHaveLength(2_499);
  });
});

describe("edge cases of sentences and JSON Lines", () => {
  it("do not end a sentence at an abbreviation inside quotes, but do at an ellipsis before a bracket", () => {
    expect(firstSentence('He met "Mr." Jones later. Then.')).toBe('He met "Mr." Jones later.');
    expect(firstSentence("(I met J...) Then left. Fine.")).toBe("(I met J...)");
  });

  it("end a sentence at an exclamation mark even after an abbreviation's word", () => {
    expect(firstSentence("Buy from Acme Inc! Then leave.")).toBe("Buy from Acme Inc!");
  });

  it("read a JSON Lines file whose lines end with a lone CR", () => {
    const entries = readJsonLines(utf8('{"id":"a","body":"x"}\r{"id":"b","body":"y"}\r'));
    expect(entries.map((e) => [e.line, e.ok && e.document.id])).toEqual([
      [1, "a"],
      [2, "b"],
    ]);
  });

  it("strip V8's whole position from a JSON message, however many digits it has", () => {
    const [entry] = readJsonArray(utf8('[\n  {"id": "a", "body": "x"},\n  {"id": "b" "body": "y"}\n]\n'));
    expect(entry?.ok === false && entry.reason).toBe("malformed JSON: Expected ',' or '}' after property value");
  });
});

describe("more edge cases", () => {
  it("find the line of a JSON error after the last line break", () => {
    expect(readJsonArray(utf8("[\n1 2]"))).toMatchObject([{ ok: false, code: "malformed_json", line: 2 }]);
  });

  it("refuse a BEIR record whose _id is null as having no id", () => {
    expect(readRecord({ _id: null, body: "B." })).toStrictEqual({ ok: false, code: "missing_id", reason: "the record has no id (or _id)" });
  });

  it("title a one-line Markdown heading file by the heading's text, the # left out of title and body", () => {
    expect(readTextFile("h.md", "# Only a heading")).toStrictEqual({
      ok: true,
      document: { id: "h", title: "Only a heading", body: "Only a heading", lang: "und", meta: {} },
    });
  });

  it("read a Markdown file's text without its markup, and without a first heading that repeats its front matter's title", () => {
    const text = [
      "---",
      "title: Council approves cycle lanes",
      "---",
      "# Council approves cycle lanes",
      "",
      "*By Hannah Okonkwo*",
      "",
      "Leeds City Council voted on **Wednesday** for [protected lanes](https://example.com/lanes_(2026)).",
      "",
      "- Councillor Helen Hayden backed it",
      "- The Leeds Chamber of Commerce welcomed it",
      "",
      '> "We support cycling," Lamb said.',
      "",
      "![A cyclist](bike.png)",
      "",
      "| Ward | Cost |",
      "|---|---:|",
      "| Headingley | 2m |",
      "",
      "```",
      "snake_case * stays",
      "```",
      "2*3*4 and snake_case_words stay; \\*escaped\\* and `code` and <b>tags</b> do not.",
      "",
      "***",
      "[1]: https://example.com",
    ].join("\n");
    expect(readTextFile("council.md", text)).toMatchObject({
      ok: true,
      document: {
        title: "Council approves cycle lanes",
        body: [
          "By Hannah Okonkwo",
          "Leeds City Council voted on Wednesday for protected lanes.",
          "Councillor Helen Hayden backed it",
          "The Leeds Chamber of Commerce welcomed it",
          '"We support cycling," Lamb said.',
          "A cyclist",
          "Ward  Cost",
          "Headingley  2m",
          "snake_case * stays\n2*3*4 and snake_case_words stay; *escaped* and code and tags do not.",
        ].join("\n\n"),
      },
    });
    // Without front matter, the heading is the title, its markup left out too.
    expect(readTextFile("k.md", "# **Kabul** falls\n\nThe _city_ fell.")).toMatchObject({
      document: { title: "Kabul falls", body: "The city fell." },
    });
    // A text file is read as written.
    expect(readTextFile("k.txt", "Kabul falls\n\nThe *city* fell.")).toMatchObject({ document: { body: "The *city* fell." } });
  });
});
