/** @module RSS and Atom feeds as input: items mapped onto documents, bad feeds refused with their line, and a feed searched through the Worker. */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { IngestError } from "../src/build/ingest/errors";
import { readFeed } from "../src/build/ingest/feed";
import { htmlToText } from "../src/build/ingest/html";
import { kindOf } from "../src/build/ingest/list-files";
import { readInputs } from "../src/build/ingest/read-inputs";

const FEEDS = "test/fixtures/feeds";
const read = (name: string) => readFeed(readFileSync(`${FEEDS}/${name}`));

describe("reading a feed", () => {
  it("knows .rss, .atom and .xml files as feeds", () => {
    expect(["a.rss", "b.ATOM", "c.xml"].map(kindOf)).toEqual(["feed", "feed", "feed"]);
  });

  it("maps RSS 2.0 items: guid (else link) as id, the description's HTML as text, pubDate, link, language, authors and categories", () => {
    expect(read("harbour.rss")).toEqual([
      {
        ok: true,
        index: 0,
        document: {
          id: "gazette-4411",
          title: "Dockers strike at Felixstowe port",
          body: "Dockers at Felixstowe walked out on Monday night over pay.\nThe Unite union said the strike would last a week.",
          date: "2026-11-03T07:30:00.000Z",
          url: "https://gazette.example.org/2026/11/dockers-strike",
          lang: "en",
          meta: { feed: "Harbour Gazette", authors: ["Maria Okafor"], categories: ["Business", "Shipping"] },
        },
      },
      {
        ok: true,
        index: 1,
        document: {
          id: "https://gazette.example.org/2026/11/ferry-winter",
          title: "Ferry timetable changes for winter",
          body: "Ferries to the islands will sail twice a day from December, the operator said & apologised.",
          date: "2026-11-04T08:00:00.000Z",
          url: "https://gazette.example.org/2026/11/ferry-winter",
          lang: "en",
          meta: { feed: "Harbour Gazette" },
        },
      },
    ]);
  });

  it("maps Atom entries: id, the alternate link, escaped HTML content, published, xml:lang, author names and category terms", () => {
    expect(read("valley.atom")).toEqual([
      {
        ok: true,
        index: 0,
        document: {
          id: "urn:talbote:77",
          title: "Neue Brücke über die Mosel eröffnet",
          body: "Die neue Brücke über die Mosel ist am Donnerstag für den Verkehr freigegeben worden. Die Bauarbeiten hatten drei Jahre gedauert.",
          date: "2026-11-05T07:15:00.000Z",
          url: "https://talbote.example.de/bruecke",
          lang: "de",
          meta: { feed: "Talbote", authors: ["Jonas Weber"], categories: ["Verkehr"] },
        },
      },
    ]);
  });

  it("gives an item its own language, else the one its text reads as, and the feed's only when the text says too little", () => {
    const langs = read("mixed.rss").map((entry) => (entry.ok ? [entry.document.id, entry.document.lang] : entry.code));
    // A French item in an English feed is French; a results table takes the feed's English; dc:language wins.
    expect(langs).toEqual([
      ["r-1", "fr"],
      ["r-2", "en"],
      ["r-3", "de"],
    ]);
  });

  it("refuses XML that is not well-formed with its line, and well-formed XML that is no feed", () => {
    expect(read("broken.xml")).toEqual([
      {
        ok: false,
        code: "malformed_feed",
        line: 4,
        reason: "malformed XML: Expected closing tag 'title' (opened in line 4, col 11) instead of closing tag 'item'.",
      },
    ]);
    expect(read("sitemap.xml")).toEqual([
      { ok: false, code: "malformed_feed", reason: "not an RSS or Atom feed: its root element is <urlset>" },
    ]);
  });

  it("gives an item without guid, link or id missing_id, and one with a bad date invalid_record, by its index", () => {
    expect(read("noid.rss")).toEqual([
      { ok: false, code: "missing_id", index: 0, reason: "item [0]: the item has no guid, link or id" },
      { ok: false, code: "invalid_record", index: 1, reason: 'item [1]: item "ok-1": date "not a date" is not a date' },
    ]);
  });

  it("lists a bad feed's problems as file:line: reason (code)", async () => {
    const error = await readInputs([`${FEEDS}/broken.xml`]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).message).toContain(`${FEEDS}/broken.xml:4: malformed XML: Expected closing tag 'title'`);
    expect((error as IngestError).message).toContain("(malformed_feed)");
  });

  it("turns HTML into text: block ends as line breaks, tags, scripts and comments dropped, references decoded", () => {
    expect(htmlToText("<p>Oil <b>rose</b>&nbsp;2%.</p><p>Gold fell.</p>")).toBe("Oil rose 2%.\nGold fell.");
    expect(htmlToText('a<script>alert("x")</script><!-- note -->b<br/>c &#233;&#x2014;&bogus;')).toBe("ab\nc é—&bogus;");
    expect(htmlToText("  plain text  ")).toBe("plain text");
  });
});

describe("a feed searched through the Worker", () => {
  let worker: TestWorker;
  beforeAll(async () => {
    ({ worker } = await startWorkerWith([`${FEEDS}/harbour.rss`, `${FEEDS}/valley.atom`]));
  });
  afterAll(() => worker?.dispose());

  it("finds items by their words, with their url, date and language, and keeps authors and categories in meta", async () => {
    const { body } = await worker.json("/search?q=felixstowe%20strike%20");
    expect(body.hits.map((h: { id: string }) => h.id)).toEqual(["gazette-4411"]);
    expect(body.hits[0]).toMatchObject({
      url: "https://gazette.example.org/2026/11/dockers-strike",
      date: "2026-11-03T07:30:00.000Z",
      lang: "en",
    });
    const de = await worker.json("/search?q=br%C3%BCcke%20");
    expect(de.body.hits.map((h: { id: string; lang: string }) => [h.id, h.lang])).toEqual([["urn:talbote:77", "de"]]);
    const doc = await worker.json(`/documents/${encodeURIComponent("gazette-4411")}`);
    expect(doc.body.meta).toEqual({ feed: "Harbour Gazette", authors: ["Maria Okafor"], categories: ["Business", "Shipping"] });
    expect(doc.body.body).not.toContain("<p>");
  });
});
