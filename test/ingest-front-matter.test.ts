/** @module Markdown front matter (Jekyll, Hugo, Astro, Eleventy): read strictly, mapped as a JSON record's fields, every problem with its line. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFrontMatter } from "../src/build/ingest/front-matter";
import { formatIssue, IngestError, readInputs } from "../src/build/ingest/read-inputs";
import { readRecord } from "../src/build/ingest/record";
import { readTextFile } from "../src/build/ingest/text-file";

const FIXTURES = "test/fixtures/front-matter";

/** The fields a front matter gives, or its problem. */
function fields(text: string): unknown {
  const read = readFrontMatter(`${text}\nBody.`);
  return read?.ok ? read.fields : read;
}

describe("front matter files", () => {
  it("map title, date, url and lang onto the document and keep the other keys in meta", async () => {
    const { documents } = await readInputs([join(FIXTURES, "good")]);
    expect(documents).toEqual([
      {
        id: "astro-post",
        title: "Côte d'Ivoire: exports slow",
        body: "Les arrivées de cacao dans les ports ivoiriens ont ralenti cette semaine, selon les exportateurs.",
        date: "2023-09-15",
        lang: "fr",
        meta: {
          description: 'Port data show "weaker" arrivals',
          heroImage: "/images/abidjan.jpg",
          draft: false,
          tags: ["cocoa", "Côte d'Ivoire"],
        },
      },
      {
        id: "ghana-cocoa",
        title: "Ghana raises cocoa farmgate price",
        body: "Ghana raised the price it pays cocoa farmers by 63% for the new season, the Cocoa Board said in Accra on Thursday.",
        date: "2023-09-14",
        url: "https://example.com/ghana-cocoa",
        lang: "en",
        meta: { section: "Business", tags: ["cocoa", "ghana"] },
      },
      {
        id: "hugo-toml",
        title: "Nigeria cocoa output to rise",
        body: "Nigeria expects its cocoa output to rise in the coming season, the agriculture ministry said.",
        date: "2023-09-16T07:30:00.000Z",
        lang: "en",
        meta: { categories: ["markets", "cocoa"], weight: 2, params: { author: "Reuters" } },
      },
      {
        // No title: the body's Markdown heading is, as in a file without front matter.
        id: "no-title",
        title: "Cameroon cocoa exports climb",
        body: "Cameroon's cocoa exports climbed in August from a year earlier, the regulator said.",
        date: "2023-09-17",
        lang: "und",
        meta: { section: "Business" },
      },
    ]);
  });

  it("give the document a JSON record with the same fields gives", () => {
    const text =
      "---\nid: 42\ntitle: T\ndate: Aug 13, 2021\nurl: https://x\nsource: wire\ntags:\n  - 1\n  - b\nnote: null\n---\nBody text.";
    const record = {
      id: 42,
      title: "T",
      date: "Aug 13, 2021",
      url: "https://x",
      source: "wire",
      tags: [1, "b"],
      note: null,
      body: "Body text.",
    };
    expect(readTextFile("a.md", text)).toStrictEqual(readRecord(record));
  });

  it("apply the title rule to the body when there is no title, and take the id, pubDate and publishDate", () => {
    expect(readTextFile("x.md", "---\nsection: a\n---\nOil Prices Rise\n\nPrices rose on Monday.")).toMatchObject({
      document: { id: "x", title: "Oil Prices Rise", body: "Prices rose on Monday.", meta: { section: "a" } },
    });
    expect(readTextFile("x.md", '---\ntitle: ""\n---\nPrices rose. Again.')).toMatchObject({
      document: { title: "Prices rose.", body: "Prices rose. Again." },
    });
    expect(readTextFile("x.md", "---\nid: 007\ntitle: 1984\n---\nBody.")).toMatchObject({ document: { id: "007", title: "1984" } });
    expect(readTextFile("x.md", "---\npubDate: 2023-09-14\n---\nBody.")).toMatchObject({ document: { date: "2023-09-14", meta: {} } });
    // `date` wins; the other date keys stay in meta. Jekyll's `published` is a flag, not a date.
    expect(readTextFile("x.md", "---\ndate: 2023-09-14\npublishDate: 2023-09-20\npublished: false\n---\nBody.")).toMatchObject({
      document: { date: "2023-09-14", meta: { publishDate: "2023-09-20", published: false } },
    });
  });

  it("leave a .txt file and a Markdown file without front matter as they were", () => {
    // A .txt file has no front matter: its "---" first line is a headline, as before.
    expect(readTextFile("a.txt", "---\ntitle: x\n---\nBody.")).toMatchObject({
      ok: true,
      document: { title: "---", body: "title: x\n---\nBody." },
    });
    expect(readTextFile("a.md", "----\nBody text here.")).toMatchObject({ ok: true, document: { title: "----", body: "Body text here." } });
    expect(readFrontMatter("# Title\n---\nkey: value\n---\n")).toBeUndefined();
  });
});

describe("the front matter reader", () => {
  it("reads quoted values: '' in single quotes, JSON's escapes in double quotes, comments after either", () => {
    expect(
      fields(`---\na: 'It''s: "x"' # note\nb: "say \\"no\\"\\n\\u00e9" # note\nc: 'x # not a comment'\nd: plain # comment\n---`),
    ).toEqual({
      a: 'It\'s: "x"',
      b: 'say "no"\né',
      c: "x # not a comment",
      d: "plain",
    });
  });

  it("types plain values as YAML's core schema does, and keeps dates and long numbers as text", () => {
    expect(fields("---\na: true\nb: 3\nc: -1.5\nd: ~\ne:\nf: 2023-09-14\ng: 12345678901234567890\nh: 0x1F\n---")).toEqual({
      a: true,
      b: 3,
      c: -1.5,
      d: null,
      e: null,
      f: "2023-09-14",
      g: "12345678901234567890",
      h: 31,
    });
  });

  it("reads flow and block lists, nested maps, lists of maps and block scalars", () => {
    const text = [
      "---",
      "flow: [a, 'b, c', 3, ]",
      "block:",
      "  - x",
      "  - 'y'",
      "flush:",
      "- p",
      "cover:",
      "  image: a.png",
      "  alt: An image",
      "authors:",
      "  - name: A",
      "    roles: [editor]",
      "  - name: B",
      "folded: >",
      "  one",
      "  two",
      "",
      "  three",
      "literal: |-",
      "  line 1",
      "  line 2",
      "summary:",
      "  starts below",
      "  and goes on",
      "---",
    ].join("\n");
    expect(fields(text)).toEqual({
      flow: ["a", "b, c", 3],
      block: ["x", "y"],
      flush: ["p"],
      cover: { image: "a.png", alt: "An image" },
      authors: [{ name: "A", roles: ["editor"] }, { name: "B" }],
      folded: "one two\nthree\n",
      literal: "line 1\nline 2",
      summary: "starts below and goes on",
    });
  });

  it("reads Hugo's TOML front matter between +++ lines", () => {
    const text =
      '+++\ntitle = "A \\"b\\""\ntags = [\n  "x", # first\n  \'y\',\n]\ndraft = false\nn = 1_000\n[params.seo]\nkw = "k"\n[[res]]\nsrc = "a"\n+++';
    expect(fields(text)).toEqual({
      title: 'A "b"',
      tags: ["x", "y"],
      draft: false,
      n: 1000,
      params: { seo: { kw: "k" } },
      res: [{ src: "a" }],
    });
  });

  it("gives the body after the closing line, and an empty front matter no fields", () => {
    expect(readFrontMatter("---\n---\nBody.\n---\nMore.")).toEqual({
      ok: true,
      fields: {},
      lines: {},
      texts: {},
      body: "Body.\n---\nMore.",
    });
    expect(readFrontMatter("---\na: 1\n...\nBody.")).toMatchObject({ ok: true, fields: { a: 1 }, lines: { a: 2 }, texts: { a: "1" } });
  });

  it.each([
    ["---\ntitle: x\n\nBody.", 1, 'the front matter opened on line 1 is not closed: end it with a line "---"'],
    ["+++\ntitle = 'x'\n---\nBody.", 1, 'the front matter opened on line 1 is not closed: end it with a line "+++"'],
    ["---\ntitle: x\nBody text\n---", 3, 'a front matter line must be "key: value", not "Body text"'],
    ["---\ntitle: x\ntitle: y\n---", 3, 'the key "title" is given twice (first on line 2)'],
    ["---\n\ttitle: x\n---", 2, "a tab indents this line: YAML indents with spaces"],
    ["---\ntitle: 'x\n---", 2, "the quoted value is not closed on its line, or text follows its closing quote"],
    ['---\ntitle: "a \\x41"\n---', 2, 'the quoted value has an escape front matter does not support (\\", \\\\, \\n, \\t, \\uXXXX do)'],
    ["---\na: {b: 1}\n---", 2, "a {…} map is not supported in front matter: write its keys on lines of their own, indented"],
    ["---\na: [[b]]\n---", 2, "a [ list may hold only plain or quoted values: nested lists and maps are not supported"],
    ["---\na: &x b\n---", 2, "anchors, aliases and tags (&, *, !) are not supported in front matter"],
    ["---\na: b\n  c: d\n---", 3, "a key indented under a key that already has a value"],
    ["---\n- a\n---", 2, 'front matter must be "key: value" lines, not a list'],
    ["+++\ntitle: x\n+++", 2, 'a front matter line must be "key = value", not "title: x"'],
    ["+++\ntags = [1, 2\n+++", 2, "the [ array is not closed"],
  ])("refuses %j at line %i", (text, line, reason) => {
    expect(readFrontMatter(text)).toEqual({ ok: false, line, reason });
  });
});

describe("front matter problems", () => {
  it("fail the build with file:line: reason (code), and are skipped with skipInvalid", async () => {
    const bad = join(FIXTURES, "bad");
    const error = await readInputs([bad]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).issues.map(formatIssue)).toEqual([
      // The same code and words as a bad date in a .jsonl record.
      `${join(bad, "bad-date.md")}:3: record "bad-date": date "2023-13-45" is not a date (invalid_record)`,
      `${join(bad, "unclosed.md")}:1: the front matter opened on line 1 is not closed: end it with a line "---" (malformed_front_matter)`,
    ]);
    const { documents, skipped } = await readInputs([bad, join(FIXTURES, "good/ghana-cocoa.md")], { skipInvalid: true });
    expect(documents.map((d) => d.id)).toEqual(["ghana-cocoa"]);
    expect(skipped.map((i) => [i.code, i.line, i.id])).toEqual([
      ["invalid_record", 3, "bad-date"],
      ["malformed_front_matter", 1, "unclosed"],
    ]);
  });

  it("name the line of a key whose value a record could not hold", () => {
    expect(readTextFile("a.md", "---\ntitle: T\nlang: German\n---\nBody.")).toMatchObject({ ok: false, code: "invalid_record", line: 3 });
    expect(readTextFile("a.md", "---\ntitle: [a, b]\n---\nBody.")).toStrictEqual({
      ok: false,
      code: "invalid_record",
      id: "a",
      line: 2,
      reason: 'record "a": title must be a string, not an array',
    });
    expect(readTextFile("a.md", "---\nx: 1\npubDate: someday\n---\nBody.")).toMatchObject({ code: "invalid_record", line: 3 });
    expect(readTextFile("a.md", "---\ntitle: T\nbody: B\n---\nBody.")).toStrictEqual({
      ok: false,
      code: "invalid_record",
      line: 3,
      reason: 'the front matter has a "body" key: a Markdown file\'s body is the text after its front matter',
    });
  });

  it("refuse a lone surrogate written as an escape, as in a JSON record", () => {
    expect(readTextFile("a.md", '---\ntitle: "Bad \\ud800 title"\n---\nBody.')).toStrictEqual({
      ok: false,
      code: "invalid_utf8",
      id: "a",
      line: 2,
      reason: 'record "a": the title holds a lone surrogate (\\ud800), which is not Unicode text',
    });
  });

  it("give an empty body after the front matter an empty_body problem", () => {
    expect(readTextFile("a.md", "---\ntitle: T\n---\n  \n")).toMatchObject({ ok: false, code: "empty_body", id: "a" });
  });
});
