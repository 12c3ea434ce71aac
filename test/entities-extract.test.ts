/** @module `npm run extract`: one line a document, offsets into the body exactly as given, merged entity ids, input errors with their line. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readExtractInputs } from "../scripts/extract/extract-input";
import { extractCorpus } from "../scripts/extract/extract-mentions";

const fixture = (name: string) => readFileSync(new URL(`fixtures/entities/${name}`, import.meta.url), "utf8");
const dir = mkdtempSync(join(tmpdir(), "extract-"));
const write = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join("\n"));
  return path;
};
const run = (...args: string[]) => spawnSync("npx", ["tsx", "scripts/extract/extract.ts", ...args], { encoding: "utf8" });

const tricky = [
  { id: "emoji", body: "🇺🇸 Antony Blinken 😀 met 𝒳 officials in Kabul. Blinken said 👍 the Taliban must let people leave." },
  { id: "crlf", body: "Kabul fell.\r\nPentagon press secretary John Kirby said so.\r\nKirby spoke again in Washington." },
  { id: "title", title: "Kirby Says Troops Will Reach Kabul", body: "  John Kirby said 3,000 troops would reach Kabul.  " },
  { id: 7, text: "NATO and the U.N. met in Herat and Kandahar." },
];
/** The records as `extractCorpus` takes them: `text` read as the body. */
const asInputs = (docs: readonly { id: string | number; title?: string; body?: string; text?: string }[]) =>
  docs.map(({ id, title, body, text }) => ({ id, ...(title === undefined ? {} : { title }), body: body ?? text ?? "" }));

describe("extractCorpus", () => {
  it("gives offsets in UTF-16 code units into the body as given: body.slice(start, end) is the text", async () => {
    const docs = asInputs([
      ...tricky,
      { id: "a", body: fixture("000_956f74d6789d3da8.txt") },
      { id: "b", body: fixture("004_7eada462969b83a1.txt").replace(/\n/g, "\r\n") },
    ]);
    const results = await extractCorpus(docs);
    expect(results.map((r) => r.id)).toEqual(docs.map((d) => d.id));
    for (const [i, { mentions }] of results.entries()) {
      const body = docs[i]?.body as string;
      expect(mentions.length).toBeGreaterThan(0);
      for (const m of mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
      expect(mentions.map((m) => m.start)).toEqual([...mentions.map((m) => m.start)].sort((a, b) => a - b));
    }
  });

  it("finds the same names around astral characters and in CRLF text", async () => {
    const [emoji, crlf] = await extractCorpus(asInputs(tricky.slice(0, 2)));
    expect(emoji?.mentions.map((m) => [m.text, m.type, m.entity])).toEqual([
      ["Antony Blinken", "person", "antony-blinken"],
      ["Kabul", "place", "kabul"],
      ["Blinken", "person", "antony-blinken"],
      ["Taliban", "organization", "taliban"],
    ]);
    expect(crlf?.mentions.map((m) => [m.text, m.type, m.entity])).toEqual([
      ["Kabul", "place", "kabul"],
      ["Pentagon", "organization", "pentagon"],
      ["John Kirby", "person", "john-kirby"],
      ["Kirby", "person", "john-kirby"],
      ["Washington", "place", "washington"],
    ]);
  });

  it("leaves out what the title names and counts from the untrimmed body", async () => {
    const [result] = await extractCorpus(asInputs(tricky.slice(2, 3)));
    expect(result?.mentions).toEqual([
      { start: 2, end: 12, text: "John Kirby", type: "person", entity: "john-kirby" },
      { start: 43, end: 48, text: "Kabul", type: "place", entity: "kabul" },
    ]);
  });

  it("gives every mention of one entity one id across documents, as the build merges them", async () => {
    const results = await extractCorpus([
      { id: 1, body: "Secretary of State Antony Blinken spoke to the United Nations." },
      { id: 2, body: "Mr. Blinken's trip followed a U.N. vote." },
    ]);
    expect(results[1]?.mentions.map((m) => [m.text, m.entity])).toEqual([
      ["Blinken", "antony-blinken"],
      ["U.N.", "united-nations"],
    ]);
  });

  it("gives the same output on worker threads as on one thread", async () => {
    const docs = Array.from({ length: 12 }, (_, i) => ({
      id: i,
      body: fixture(i % 2 ? "000_956f74d6789d3da8.txt" : "004_7eada462969b83a1.txt"),
    }));
    const one = await extractCorpus(docs, [], { threads: 1 });
    const two = await extractCorpus(docs, [], { threads: 2, mainThread: false, threshold: 0, batchSize: 3 });
    expect(two).toEqual(one);
  });
});

describe("readExtractInputs", () => {
  it("reads {id, title?, body} and {id, text}, keeping the body untouched and the id as given", async () => {
    const path = write("ok.jsonl", [...tricky.map((d) => JSON.stringify(d)), ""]);
    const { docs, issues } = await readExtractInputs([path]);
    expect(issues).toEqual([]);
    expect(docs.map((d) => [d.id, d.title, d.body, d.line])).toEqual(
      tricky.map((d, i) => [d.id, d.title ?? "", "body" in d ? d.body : d.text, i + 1]),
    );
  });

  it("reads a .json file's array of records, or its one record, naming a bad one by its index", async () => {
    const array = write("list.json", [JSON.stringify([tricky[0], { id: "x" }, tricky[3]])]);
    const single = write("one.JSON", [JSON.stringify({ id: "solo", title: "T", body: " Kabul fell.\n" })]);
    const unnamed = write("kabul-falls.json", [JSON.stringify({ body: "Kabul fell." })]);
    const wrapper = write("wrapped.json", [JSON.stringify({ articles: [tricky[0]] })]);
    const { docs, issues } = await readExtractInputs([array, single, wrapper, unnamed]);
    expect(docs.map((d) => [d.id, d.body, d.index])).toEqual([
      ["emoji", tricky[0]?.body, 0],
      [7, tricky[3]?.text, 2],
      ["solo", " Kabul fell.\n", undefined],
      // One record without an id: named by its file, as the build names it.
      ["kabul-falls", "Kabul fell.", undefined],
    ]);
    expect(issues.map((i) => [i.file.slice(dir.length + 1), i.code, i.reason])).toEqual([
      ["list.json", "empty_body", 'record [1]: record "x" has no body (or text) field'],
      ["wrapped.json", "malformed_json", expect.stringContaining('holding its records under "articles"')],
    ]);
  });

  it("loses only the lines that are not UTF-8, as the build does", async () => {
    const path = join(dir, "latin1.jsonl");
    const good = (id: string) => new TextEncoder().encode(`{"id": "${id}", "body": "Kabul."}\n`);
    writeFileSync(path, Buffer.concat([good("a"), Buffer.from('{"id": "b", "body": "caf\xe9"}\n', "latin1"), good("c")]));
    const { docs, issues } = await readExtractInputs([path]);
    expect(docs.map((d) => [d.id, d.line])).toEqual([
      ["a", 1],
      ["c", 3],
    ]);
    expect(issues.map((i) => [i.line, i.code])).toEqual([[2, "invalid_utf8"]]);
  });

  it("lists every bad line with its code and line number", async () => {
    const path = write("bad.jsonl", [
      '{"id": "a", "body": "Kabul."}',
      "",
      '{"id": "b", "body": "Herat.",',
      '{"id": "c", "title": "no body"}',
      '{"body": "no id"}',
      '{"id": "a", "body": "again"}',
      '{"id": "d", "body": 42}',
      "[1, 2]",
      '{"id": "e", "body": "Bad \\ud800 text."}',
    ]);
    const { docs, issues } = await readExtractInputs([path, join(dir, "missing.jsonl")]);
    expect(docs.map((d) => d.id)).toEqual(["a"]);
    expect(issues.map((i) => [i.line, i.code])).toEqual([
      [3, "malformed_json"],
      [4, "empty_body"],
      [5, "missing_id"],
      [6, "duplicate_id"],
      [7, "invalid_record"],
      [8, "invalid_record"],
      [9, "invalid_utf8"],
      [undefined, "unreadable_file"],
    ]);
    // A lone surrogate is refused as the build refuses it: the text would not be Unicode.
    expect(issues.find((i) => i.line === 9)?.reason).toContain("the body holds a lone surrogate (\\ud800)");
  });
});

describe("npm run extract", () => {
  it("prints one JSON line a document, in input order", () => {
    const path = write(
      "cli.jsonl",
      tricky.map((d) => JSON.stringify(d)),
    );
    const result = run(path);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual(tricky.map((d) => d.id));
    expect(lines[3]).toEqual({
      id: 7,
      mentions: [
        { start: 0, end: 4, text: "NATO", type: "organization", entity: "north-atlantic-treaty-organization" },
        { start: 13, end: 17, text: "U.N.", type: "organization", entity: "united-nations" },
        { start: 25, end: 30, text: "Herat", type: "place", entity: "herat" },
        { start: 35, end: 43, text: "Kandahar", type: "place", entity: "kandahar" },
      ],
    });
    expect(result.stderr).toMatch(/✔ 4 documents, \d+ mentions of \d+ entities/);
  });

  it("fails on bad input with file:line, reason and code, and nothing on stdout", () => {
    const path = write("cli-bad.jsonl", ['{"id": "a", "body": "Kabul."}', '{"id": "b"']);
    const result = run(path);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`${path}:2: malformed JSON`);
    expect(result.stderr).toContain("(malformed_json)");
    const missing = run(join(dir, "nope.jsonl"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`${join(dir, "nope.jsonl")}: no such file (unreadable_file)`);
  });

  it("keeps stdout to JSON lines under npm run -s, and writes them to --out FILE", () => {
    const path = write(
      "cli-npm.jsonl",
      tricky.map((d) => JSON.stringify(d)),
    );
    const result = spawnSync("npm", ["run", "-s", "extract", "--", path], { encoding: "utf8" });
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(tricky.map((d) => d.id));
    const out = join(dir, "out.jsonl");
    const written = run(path, "--out", out);
    expect(written.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toBe(result.stdout);
  });

  it("skips bad records with --skip-invalid and says which", () => {
    const path = write("cli-skip.jsonl", ['{"id": "a", "body": "Kabul."}', '{"id": "b", "title": "x"}']);
    const result = run(path, "--skip-invalid");
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`${path}:2: record "b" has no body (or text) field (empty_body)`);
  });
});
