/** @module What the build's document reader promises: formats, titles, ids, dates, order, and every kind of bad input. */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeDate } from "../src/build/ingest/parse-date";
import type { IngestCode, IngestIssue } from "../src/build/ingest/read-inputs";
import { IngestError, readInputs } from "../src/build/ingest/read-inputs";
import { SourceDocument } from "../src/format/schema";

const FIXTURES = "test/fixtures/ingest";
const SEEDS = "seeds";
const REUTERS = "../shared/corpora/reuters21578.jsonl";
const SCIFACT = "../shared/corpora/scifact/corpus.jsonl";

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ingest-test-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Writes files (text or bytes) under a fresh folder of the temp dir and returns their paths. */
let folders = 0;
async function files(contents: Record<string, string | Uint8Array>): Promise<{ dir: string; paths: string[] }> {
  const dir = join(tmp, `case-${++folders}`);
  const paths: string[] = [];
  for (const [name, content] of Object.entries(contents)) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    paths.push(path);
  }
  return { dir, paths };
}

async function readFailing(paths: string[]): Promise<IngestError> {
  const error = await readInputs(paths).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe("text and Markdown files", () => {
  it("takes a headline first line as the title and the rest as the body", async () => {
    const { documents } = await readInputs([join(SEEDS, "004_7eada462969b83a1.txt")]);
    const [doc] = documents;
    expect(doc?.id).toBe("004_7eada462969b83a1");
    expect(doc?.title).toBe("US Secretary of State, Kazakh Counterpart Discuss Afghanistan");
    expect(doc?.body.startsWith("US State Department says that the Secretary of State Antony Blinken")).toBe(true);
    expect(doc?.meta).toEqual({});
  });

  it("titles a text that opens with a sentence by its first sentence, cut to 120 characters, and keeps the whole text", async () => {
    const { documents } = await readInputs([join(SEEDS, "000_956f74d6789d3da8.txt")]);
    const [doc] = documents;
    expect(doc?.id).toBe("000_956f74d6789d3da8");
    expect(doc?.title).toBe(
      "Two countries of the 15-member United Nations Security Council are mulling a formal statement to condemn the Taliban…",
    );
    expect(doc?.title.length).toBeLessThanOrEqual(120);
    expect(doc?.body.startsWith("Two countries of the 15-member United Nations Security Council")).toBe(true);
  });

  it("reads the seed folder into valid source documents", async () => {
    const { documents } = await readInputs([SEEDS]);
    const ids = documents.map((d) => d.id);
    expect(ids).toContain("000_956f74d6789d3da8");
    expect(ids).toContain("004_7eada462969b83a1");
    for (const doc of documents) expect(SourceDocument.parse(doc)).toEqual(doc);
  });

  it("strips the # of a Markdown heading used as the title", async () => {
    const { documents } = await readInputs([join(FIXTURES, "formats/kabul.md")]);
    expect(documents).toEqual([
      {
        id: "kabul",
        title: "Kabul Falls to the Taliban",
        body: "The city was taken on Sunday.\nThe president left the country.",
        lang: "en",
        meta: {},
      },
    ]);
  });

  it("treats a line ending with a quote after a period as a sentence, not a headline", async () => {
    const { paths } = await files({ "quote.txt": 'He said "the talks are over."\nMore text follows.\n' });
    const [doc] = (await readInputs(paths)).documents;
    expect(doc?.title).toBe('He said "the talks are over."');
    expect(doc?.body).toBe('He said "the talks are over."\nMore text follows.');
  });

  it("does not end the first sentence at initials such as U.N.", async () => {
    const { paths } = await files({ "un.txt": "The U.N. Security Council met on Friday. It agreed on nothing.\n" });
    const [doc] = (await readInputs(paths)).documents;
    expect(doc?.title).toBe("The U.N. Security Council met on Friday.");
  });

  it("removes a UTF-8 BOM and turns CRLF into LF", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
    const text = new TextEncoder().encode("Headline Here\r\n\r\nFirst line.\r\nSecond line.\r\n");
    const { paths } = await files({ "crlf.txt": new Uint8Array([...bom, ...text]) });
    const [doc] = (await readInputs(paths)).documents;
    expect(doc?.title).toBe("Headline Here");
    expect(doc?.body).toBe("First line.\nSecond line.");
  });

  it("uses a one-line file as both title and body", async () => {
    const { paths } = await files({ "one.txt": "Only A Headline\n" });
    const [doc] = (await readInputs(paths)).documents;
    expect(doc).toMatchObject({ id: "one", title: "Only A Headline", body: "Only A Headline" });
  });
});

describe("JSON and JSON Lines records", () => {
  it("reads a .json array, deriving a missing title from the body and turning numeric ids into strings", async () => {
    const { documents } = await readInputs([join(FIXTURES, "formats/records.json")]);
    expect(documents).toEqual([
      {
        id: "rec-1",
        title: "Oil prices rise",
        body: "Oil prices rose on Monday.",
        date: "1987-02-26",
        url: "https://example.com/rec-1",
        lang: "und",
        meta: {},
      },
      {
        id: "2",
        title: "Grain exports fell sharply in March.",
        body: "Grain exports fell sharply in March. Analysts blamed the weather.",
        date: "1987-03-02T09:30:00.000Z",
        lang: "und",
        meta: {},
      },
    ]);
  });

  it("reads .jsonl records, skipping blank lines and keeping extra fields in meta", async () => {
    const { documents } = await readInputs([join(FIXTURES, "formats/articles.jsonl")]);
    expect(documents.map((d) => d.id)).toEqual(["art-1", "art-2"]);
    expect(documents[0]).toEqual({
      id: "art-1",
      title: "Bahia Cocoa Review",
      body: "Showers continued throughout the week in\nthe Bahia cocoa zone.",
      date: "1987-02-26T15:01:01.790Z",
      lang: "und",
      meta: { places: ["brazil"], topics: ["cocoa"], split: "train" },
    });
    // Reuters' editors' codes after the time ("…59.13RM") do not make the date invalid.
    expect(documents[1]?.date).toBe("1987-03-27T00:02:59.130Z");
  });

  it("reads BEIR records: _id as the id, text as the body, metadata kept in meta", async () => {
    const { documents } = await readInputs([join(FIXTURES, "formats/beir.jsonl")]);
    expect(documents).toEqual([
      {
        id: "4983",
        title: "Microstructural development of human newborn cerebral white matter.",
        body: "Alterations of the architecture of cerebral white matter in the developing human brain can affect cortical development.",
        lang: "en",
        meta: { metadata: {} },
      },
      {
        id: "5836",
        title: "Myelodysplastic syndromes (MDS) are age-dependent stem cell malignancies.",
        body: "Myelodysplastic syndromes (MDS) are age-dependent stem cell malignancies. They share biological features.",
        lang: "und",
        meta: { metadata: { source: "pubmed" } },
      },
    ]);
  });

  it("shortens titles over 1,000 characters at a word boundary, without calling it an error", async () => {
    const title = "word ".repeat(400).trim();
    const { paths } = await files({ "long.jsonl": `${JSON.stringify({ id: "long", title, body: "Body." })}\n` });
    const { documents, skipped } = await readInputs(paths, { skipInvalid: true });
    expect(skipped).toEqual([]);
    expect(documents[0]?.title.length).toBeLessThanOrEqual(1000);
    expect(documents[0]?.title.endsWith("word…")).toBe(true);
  });

  it("calls onProgress every 1,000 records", async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify({ id: i, body: `Document ${i}.` }));
    const { paths } = await files({ "many.jsonl": lines.join("\n") });
    const calls: number[] = [];
    const { documents } = await readInputs(paths, { onProgress: (n) => calls.push(n) });
    expect(documents).toHaveLength(2500);
    expect(calls).toEqual([1000, 2000]);
  });
});

describe("dates", () => {
  it.each([
    ["2021-08-13", "2021-08-13"],
    ["2021-08-13T10:00:00+02:00", "2021-08-13T08:00:00.000Z"],
    ["2021-08-13 10:00", "2021-08-13T10:00:00.000Z"],
    ["26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01.790Z"],
    ["9-APR-1987 00:00:00.00 # date added by S Finch as guesswork", "1987-04-09T00:00:00.000Z"],
    ["31-MAR-1987 605:12:19.12", "1987-03-31"],
    ["Aug 13, 2021", "2021-08-13"],
    ["Fri, 13 Aug 2021 10:00:00 GMT", "2021-08-13T10:00:00.000Z"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(["2021-02-30", "not a date", "13/45/2021", ""])("refuses %j", (input) => {
    expect(normalizeDate(input)).toBeUndefined();
  });

  it("gives the same dates whatever the machine's time zone", () => {
    const saved = process.env.TZ;
    try {
      for (const zone of ["America/New_York", "Asia/Kolkata", "UTC"]) {
        process.env.TZ = zone;
        expect(normalizeDate("Aug 13, 2021")).toBe("2021-08-13");
        expect(normalizeDate("Aug 13, 2021 10:00")).toBe("2021-08-13T10:00:00.000Z");
        expect(normalizeDate("26-FEB-1987 15:01:01.79")).toBe("1987-02-26T15:01:01.790Z");
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe("folders", () => {
  it("walks folders recursively in code-unit order of names, passing over dotfiles, dot-folders, entities.json and other types", async () => {
    const { documents, skipped, files: count } = await readInputs([join(FIXTURES, "tree")]);
    expect(documents.map((d) => d.id)).toEqual(["Upper", "alpha", "z", "one", "lower", "listed"]);
    expect(skipped).toEqual([]);
    expect(count).toBe(6);
  });

  it("reads the same inputs in the same order every time", async () => {
    const paths = [join(FIXTURES, "tree"), join(FIXTURES, "formats")];
    const first = await readInputs(paths);
    const second = await readInputs(paths);
    expect(second).toEqual(first);
  });

  it("reads a .json file of one record as that document, named by the file when the record has no id", async () => {
    const dir = join(tmp, "one-record");
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, "port-strike.json"),
      JSON.stringify({ title: "Port strike", body: "Dockworkers walked out.", section: "world" }),
    );
    await writeFile(join(dir, "b.json"), JSON.stringify({ id: "own-id", body: "Prices rose." }));
    const { documents } = await readInputs([dir]);
    expect(documents.map((d) => [d.id, d.title, d.meta])).toEqual([
      ["own-id", "Prices rose.", {}],
      ["port-strike", "Port strike", { section: "world" }],
    ]);
  });

  it("reads a file reached twice only once", async () => {
    const tree = join(FIXTURES, "tree");
    const { documents } = await readInputs([tree, join(tree, "a/z.txt")]);
    expect(documents.filter((d) => d.id === "z")).toHaveLength(1);
  });
});

interface BadCase {
  name: string;
  inputs: Record<string, string | Uint8Array>;
  /** Paths to read, relative to the case folder; the folder itself when absent. */
  read?: string[];
  code: IngestCode;
  /** Where the issue points, relative to the case folder. */
  file: string;
  line?: number;
  id?: string;
  reason: RegExp;
  /** Ids of the documents that survive with skipInvalid. */
  kept: string[];
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const good = (id: string): string => JSON.stringify({ id, body: `Body of ${id}.` });

const badCases: BadCase[] = [
  {
    name: "a duplicate id within a file names where the first one was",
    inputs: { "a.jsonl": [good("x"), good("y"), good("x")].join("\n") },
    code: "duplicate_id",
    file: "a.jsonl",
    line: 3,
    id: "x",
    reason: /duplicate id "x", first seen at .*a\.jsonl:1$/,
    kept: ["x", "y"],
  },
  {
    name: "a duplicate id across files is the second file's problem",
    inputs: { "1.jsonl": good("x"), "2/x.txt": "Headline\n\nA text file whose stem is x." },
    code: "duplicate_id",
    file: "2/x.txt",
    id: "x",
    reason: /first seen at .*1\.jsonl:1$/,
    kept: ["x"],
  },
  {
    name: "an empty text file",
    inputs: { "empty.txt": " \n\n \n", "ok.txt": "Fine text." },
    code: "empty_body",
    file: "empty.txt",
    id: "empty",
    reason: /empty/,
    kept: ["ok"],
  },
  {
    name: "a record whose body is only whitespace",
    inputs: { "a.jsonl": [good("ok"), JSON.stringify({ id: "blank", title: "T", body: "  \n " })].join("\n") },
    code: "empty_body",
    file: "a.jsonl",
    line: 2,
    id: "blank",
    reason: /"blank" has an empty body/,
    kept: ["ok"],
  },
  {
    name: "a text file that is not UTF-8, at the line where it breaks",
    inputs: { "latin1.txt": new Uint8Array([...utf8("Caf\u00e9 Title\nna"), 0xef, 0x76, ...utf8("e text.\n")]), "ok.txt": "Fine." },
    code: "invalid_utf8",
    file: "latin1.txt",
    line: 2,
    reason: /invalid UTF-8 at byte 14/,
    kept: ["ok"],
  },
  {
    name: "a JSON Lines file with one line that is not UTF-8 loses only that line",
    inputs: { "a.jsonl": new Uint8Array([...utf8(`${good("ok")}\n{"id":"bad","body":"`), 0xc3, 0x28, ...utf8(`"}\n${good("ok2")}\n`)]) },
    code: "invalid_utf8",
    file: "a.jsonl",
    line: 2,
    reason: /invalid UTF-8/,
    kept: ["ok", "ok2"],
  },
  {
    name: "a malformed JSON line, by line number",
    inputs: { "a.jsonl": [good("ok"), '{"id": "broken", "body": ', good("ok2")].join("\n") },
    code: "malformed_json",
    file: "a.jsonl",
    line: 2,
    reason: /^malformed JSON: /,
    kept: ["ok", "ok2"],
  },
  {
    name: "a malformed .json file, at the line of the error",
    inputs: { "a.json": '[\n  {"id": "a", "body": "x"},\n  {"id": "b" "body": "y"}\n]\n', "ok.txt": "Fine." },
    code: "malformed_json",
    file: "a.json",
    line: 3,
    reason: /^malformed JSON: /,
    kept: ["ok"],
  },
  {
    name: "a .json file that holds its records under a field",
    inputs: { "a.json": `{"articles": [${good("solo")}]}`, "ok.json": good("ok") },
    code: "malformed_json",
    file: "a.json",
    reason: /must be an array of records or one record, not an object holding its records under "articles"/,
    kept: ["ok"],
  },
  {
    name: "a binary file with a document extension",
    inputs: { "image.txt": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]), "ok.txt": "Fine." },
    code: "binary_file",
    file: "image.txt",
    reason: /NUL byte at offset 4/,
    kept: ["ok"],
  },
  {
    name: "a UTF-16 file, with a hint to save it as UTF-8",
    inputs: { "wide.txt": new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00]) },
    code: "binary_file",
    file: "wide.txt",
    reason: /UTF-16/,
    kept: [],
  },
  {
    name: "a path that does not exist",
    inputs: { "ok.txt": "Fine." },
    read: ["ok.txt", "missing.jsonl"],
    code: "unreadable_file",
    file: "missing.jsonl",
    reason: /no such file or directory/,
    kept: ["ok"],
  },
  {
    name: "a record without an id",
    inputs: { "a.jsonl": [good("ok"), JSON.stringify({ title: "T", body: "No id." })].join("\n") },
    code: "missing_id",
    file: "a.jsonl",
    line: 2,
    reason: /no id/,
    kept: ["ok"],
  },
  {
    name: "a record in a .json array without an id, by index",
    inputs: {
      "a.json": JSON.stringify([
        { id: "ok", body: "Fine." },
        { id: "", body: "Empty id." },
      ]),
    },
    code: "missing_id",
    file: "a.json",
    reason: /^record \[1\]: /,
    kept: ["ok"],
  },
  {
    name: "a body larger than 5 MiB",
    inputs: { "big.txt": `Big Headline\n\n${"word ".repeat(1_100_000)}`, "ok.txt": "Fine." },
    code: "document_too_large",
    file: "big.txt",
    id: "big",
    reason: /5\.2 MiB body; the limit is 5 MiB/,
    kept: ["ok"],
  },
  {
    name: "a file of another type given explicitly",
    inputs: { "table.csv": "id,body\n1,x\n", "ok.txt": "Fine." },
    read: ["table.csv", "ok.txt"],
    code: "unsupported_file",
    file: "table.csv",
    reason: /unsupported file type \(\.csv\)/,
    kept: ["ok"],
  },
  {
    name: "a line that is not an object",
    inputs: { "a.jsonl": [good("ok"), "[1, 2, 3]"].join("\n") },
    code: "invalid_record",
    file: "a.jsonl",
    line: 2,
    reason: /must be a JSON object, not an array/,
    kept: ["ok"],
  },
  {
    name: "a record whose date is not a date",
    inputs: { "a.jsonl": [good("ok"), JSON.stringify({ id: "d", body: "B.", date: "someday" })].join("\n") },
    code: "invalid_record",
    file: "a.jsonl",
    line: 2,
    id: "d",
    reason: /date "someday" is not a date/,
    kept: ["ok"],
  },
  {
    name: "a record whose title is not a string",
    inputs: { "a.jsonl": [good("ok"), JSON.stringify({ id: "t", title: 42, body: "B." })].join("\n") },
    code: "invalid_record",
    file: "a.jsonl",
    line: 2,
    id: "t",
    reason: /title must be a string, not a number/,
    kept: ["ok"],
  },
  {
    name: "a record whose body holds a lone surrogate, written as a JSON escape",
    inputs: { "a.jsonl": [good("ok"), '{"id": "s", "body": "Bad \\ud800 text"}', good("ok2")].join("\n") },
    code: "invalid_utf8",
    file: "a.jsonl",
    line: 2,
    id: "s",
    reason: /^record "s": the body holds a lone surrogate \(\\ud800\), which is not Unicode text$/,
    kept: ["ok", "ok2"],
  },
  {
    name: "a record whose id holds a lone surrogate",
    inputs: { "a.jsonl": [good("ok"), '{"id": "x\\udc00", "body": "B."}'].join("\n") },
    code: "invalid_utf8",
    file: "a.jsonl",
    line: 2,
    reason: /^the id holds a lone surrogate \(\\udc00\), which is not Unicode text$/,
    kept: ["ok"],
  },
  {
    name: "a record in a .json array with a lone surrogate in an extra field, by index",
    inputs: { "a.json": `[${good("ok")}, {"id": "t", "body": "B.", "tags": ["x", "\\udbff"]}]` },
    code: "invalid_utf8",
    file: "a.json",
    id: "t",
    reason: /^record \[1\]: record "t": the tags\[1\] holds a lone surrogate \(\\udbff\)/,
    kept: ["ok"],
  },
  {
    name: "Markdown front matter that is never closed",
    inputs: { "open.md": "---\ntitle: Cocoa\n\nCocoa rose.\n", "ok.md": "---\ntitle: Fine\n---\nFine text." },
    code: "malformed_front_matter",
    file: "open.md",
    line: 1,
    id: "open",
    reason: /^the front matter opened on line 1 is not closed: end it with a line "---"$/,
    kept: ["ok"],
  },
  {
    name: "a Markdown front matter line that is not key: value",
    inputs: { "odd.md": "---\ntitle: Cocoa\nCocoa rose.\n---\nMore.", "ok.txt": "Fine." },
    code: "malformed_front_matter",
    file: "odd.md",
    line: 3,
    id: "odd",
    reason: /^a front matter line must be "key: value", not "Cocoa rose\."$/,
    kept: ["ok"],
  },
  {
    name: "a Markdown front matter date that is not a date, as a record's is",
    inputs: { "d.md": "---\ntitle: Cocoa\ndate: someday\n---\nCocoa rose.", "ok.txt": "Fine." },
    code: "invalid_record",
    file: "d.md",
    line: 3,
    id: "d",
    reason: /^record "d": date "someday" is not a date$/,
    kept: ["ok"],
  },
];

describe("bad input", () => {
  describe.each(badCases)("$code: $name", (bad) => {
    let dir: string;
    let paths: string[];
    let issue: Omit<IngestIssue, "reason">;
    beforeAll(async () => {
      ({ dir } = await files(bad.inputs));
      paths = bad.read ? bad.read.map((p) => join(dir, p)) : [dir];
      issue = {
        file: join(dir, bad.file),
        code: bad.code,
        ...(bad.line !== undefined && { line: bad.line }),
        ...(bad.id !== undefined && { id: bad.id }),
      };
    });

    it("throws one IngestError that lists the issue as file:line: reason (code)", async () => {
      const error = await readFailing(paths);
      expect(error.issues).toHaveLength(1);
      const [found] = error.issues;
      expect(found).toEqual({ ...issue, reason: expect.stringMatching(bad.reason) });
      const where = bad.line === undefined ? issue.file : `${issue.file}:${bad.line}`;
      expect(error.message).toContain(`${where}: ${found?.reason} (${bad.code})`);
    });

    it("with skipInvalid, keeps the valid documents and lists the skipped one", async () => {
      const { documents, skipped } = await readInputs(paths, { skipInvalid: true });
      expect(documents.map((d) => d.id)).toEqual(bad.kept);
      expect(skipped).toEqual([{ ...issue, reason: expect.stringMatching(bad.reason) }]);
    });
  });

  it("collects the problems of every file before throwing, in reading order", async () => {
    const { dir } = await files({
      "a.jsonl": [good("x"), "not json", JSON.stringify({ body: "no id" })].join("\n"),
      "b.txt": "",
      "c.json": JSON.stringify([{ id: "x", body: "again" }]),
    });
    const error = await readFailing([dir, join(dir, "nowhere")]);
    expect(error.issues.map((i) => i.code)).toEqual(["malformed_json", "missing_id", "empty_body", "duplicate_id", "unreadable_file"]);
    expect(error.message.split("\n")[0]).toBe("5 input problems:");
  });

  it("drops nothing silently: every record is either read or skipped", async () => {
    const lines = [good("a"), good("a"), "{", "null", JSON.stringify({ id: "e", body: "" }), good("b")];
    const { paths } = await files({ "mixed.jsonl": lines.join("\n") });
    const { documents, skipped } = await readInputs(paths, { skipInvalid: true });
    expect(documents.length + skipped.length).toBe(lines.length);
    expect(skipped.map((i) => i.line)).toEqual([2, 3, 4, 5]);
  });
});

describe("real corpora", () => {
  it.skipIf(!existsSync(REUTERS))("reads all 19,043 Reuters-21578 records without an issue (none has an empty body)", async () => {
    const { documents, skipped, files: count } = await readInputs([REUTERS]);
    expect(count).toBe(1);
    expect(skipped).toEqual([]);
    expect(documents).toHaveLength(19_043);
    const first = documents[0];
    expect(first).toMatchObject({ id: "reuters-1", title: "Bahia Cocoa Review", date: "1987-02-26T15:01:01.790Z" });
    expect(first?.meta).toEqual({
      places: ["el-salvador", "usa", "uruguay"],
      people: [],
      orgs: [],
      exchanges: [],
      topics: ["cocoa"],
      split: "train",
    });
    for (const doc of documents) expect(doc.date).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it.skipIf(!existsSync(SCIFACT))("reads all 5,183 BEIR SciFact records without an issue", async () => {
    const { documents, skipped } = await readInputs([SCIFACT]);
    expect(skipped).toEqual([]);
    expect(documents).toHaveLength(5183);
    expect(documents[0]).toMatchObject({ id: "4983", meta: { metadata: {} } });
  });
});
