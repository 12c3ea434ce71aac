/** @module The widget's own defence in Chromium: hostile HTML in a stubbed API's answers renders as text, whatever the server escapes. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build/build-widget";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, sel, skipReason, watch } from "./harness";

/** Raw HTML where the server would have escaped it; only the bare `<mark>word</mark>` pairs are markup. */
const SNIPPET =
  "<img src=x onerror=alert(1)> <script>alert(2)</script> <svg onload=alert(3)></svg> <mark onclick=alert(4)>x</mark> " +
  "in <mark>Kabul</mark>, the <mark>word</mark> <iframe src=javascript:alert(5)></iframe> <MARK>loud</MARK> &lt;b&gt; &amp;lt;i&amp;gt;";
/** What it reads as: the bare tags gone, the five escapes decoded once, everything else literal. */
const SNIPPET_TEXT =
  "<img src=x onerror=alert(1)> <script>alert(2)</script> <svg onload=alert(3)></svg> <mark onclick=alert(4)>x " +
  "in Kabul, the word <iframe src=javascript:alert(5)></iframe> <MARK>loud</MARK> <b> &lt;i&gt;";
const HOSTILE_NAME = "<img src=x onerror=alert(6)>Evil Corp";

const hit = (id: string, url: string, extra: object = {}) => ({
  id,
  title: `<b onmouseover=alert(7)>${id}</b>`,
  url,
  date: null,
  score: 1,
  snippet: "a <mark>word</mark>",
  entities: [],
  ...extra,
});

const hostile = {
  query: "hostile",
  total: 3,
  took_ms: 1,
  corrected: null,
  facets: { person: [{ id: "p", name: "<svg onload=alert(8)>", type: "person", count: 1 }], organization: [], place: [] },
  hits: [
    hit("first", "javascript:alert(9)", {
      title: "<script>alert(10)</script><img src=x onerror=alert(11)> Kabul",
      date: "<img src=x onerror=alert(12)>",
      snippet: SNIPPET,
      entities: [
        { id: '"><img src=x onerror=alert(13)>', name: "<img src=x onerror=alert(14)>Kabul", type: "place" },
        { id: "odd", name: "<svg onload=alert(15)>", type: '"><script>alert(16)</script>' },
      ],
    }),
    hit("second", " JavaScript:alert(17)"),
    hit("third", "java\tscript:alert(18)"),
  ],
};

/** `/search` and `/suggest` per `q`: what a compromised or buggy server could send. */
const answers: Record<string, { search: object; suggest: object; status?: number }> = {
  hostile: {
    search: hostile,
    suggest: { query: "hostile", terms: [], entities: [{ id: "evil", name: HOSTILE_NAME, type: "organization", mentions: 1 }], titles: [] },
  },
  nothing: {
    search: { query: "<img src=x onerror=alert(19)>", total: 0, took_ms: 1, hits: [] },
    suggest: { query: "nothing", terms: [{ text: "<script>alert(20)</script>", documents: 1 }], entities: [], titles: [] },
  },
  rtl: {
    search: {
      query: "rtl",
      total: 2,
      took_ms: 1,
      corrected: null,
      facets: { person: [], organization: [], place: [] },
      hits: [
        hit("ar", "", { title: "إضراب في ميناء الإسكندرية", snippet: "أعلن عمال <mark>ميناء</mark> الإسكندرية إضرابا", lang: "ar" }),
        hit("en", "", { title: "Port strike in Alexandria", snippet: "Workers at the <mark>port</mark> struck", lang: "und" }),
      ],
    },
    suggest: { query: "rtl", terms: [], entities: [], titles: [] },
  },
  broken: { status: 500, search: { error: { code: "<b>x</b>", message: "<img src=x onerror=alert(21)>" } }, suggest: {} },
};

/** The elements the widget builds itself; anything else came from an answer. */
const WIDGET_TAGS = ["BUTTON", "DIV", "INPUT", "KBD", "LI", "MARK", "P", "Q", "SPAN", "STYLE", "TIME", "UL"];

let widgetJs: string;
let server: Server;
let origin: string;
let browser: Browser;

/** The widget built from src/widget now, on a page whose origin is also its endpoint: no Worker involved. */
function stub(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const answer = answers[url.searchParams.get("q") ?? ""];
    const send = (status: number, type: string, body: string) => res.writeHead(status, { "content-type": type }).end(body);
    if (url.pathname === "/") {
      send(
        200,
        "text/html",
        '<!doctype html><title>Stub</title><script type="module" src="/widget.js"></script><edge-search></edge-search>',
      );
    } else if (url.pathname === "/widget.js") send(200, "text/javascript", widgetJs);
    else if (answer && (url.pathname === "/search" || url.pathname === "/suggest")) {
      const search = url.pathname === "/search";
      send(search ? (answer.status ?? 200) : 200, "application/json", JSON.stringify(search ? answer.search : answer.suggest));
    } else send(404, "text/plain", "not found");
  });
}

beforeAll(async () => {
  if (!hasChromium) return;
  widgetJs = (await buildWidget({ write: false })).js;
  server = stub();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** `[hit id, url]` of every `edge-search:select`, in `window.__selected`. */
const recordSelected = `
window.__selected = [];
document.addEventListener("edge-search:select", (e) => window.__selected.push([e.detail.hit?.id, e.detail.url ?? null]));`;

/** A fresh page on the stub, recording dialogs, page errors and the urls of `edge-search:select` hits. */
async function open(): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const { dialogs, errors } = watch(page);
  await page.addInitScript({ content: recordSelected });
  await page.goto(`${origin}/`);
  return { page, dialogs, errors };
}

/** Tags that are not the widget's own, event-handler attributes and links, in the shadow root and the page. */
function foreign(page: Page) {
  return page.locator("edge-search").evaluate((el, own) => {
    const all = [...el.shadowRoot!.querySelectorAll("*"), ...(globalThis as any).document.body.querySelectorAll("*")].filter(
      (e) => e !== el,
    );
    return {
      tags: [...new Set(all.map((e) => e.tagName))].filter((t) => !own.includes(t)),
      attributes: all.flatMap((e) =>
        [...e.attributes]
          .filter((a) => /^(on|href$|src$|xlink:href$|action$|formaction$)/i.test(a.name))
          .map((a) => `${e.tagName} ${a.name}=${a.value}`),
      ),
    };
  }, WIDGET_TAGS);
}

describe.skipIf(!hasChromium)("hostile HTML in the API's answers", () => {
  it("a snippet's raw HTML stays text, and only its bare <mark> tags become marks, without attributes", async () => {
    const { page, dialogs, errors } = await open();
    await page.locator(sel.input).fill("hostile");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(3);
    const snippet = page.locator(`${sel.hits} .snippet`).first();
    expect(await snippet.textContent()).toBe(SNIPPET_TEXT);
    const marks = await snippet.locator("*").evaluateAll((all) => all.map((e) => [e.tagName, e.textContent, e.getAttributeNames().join()]));
    // `part` is the widget's own attribute, for theming; nothing from the answer.
    expect(marks).toEqual([
      ["MARK", "Kabul", "part"],
      ["MARK", "word", "part"],
    ]);
    expect(await snippet.locator("mark").evaluateAll((all) => all.map((e) => e.getAttribute("part")))).toEqual(["mark", "mark"]);
    expect(await foreign(page)).toEqual({ tags: [], attributes: [] });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("titles, dates, entity names and types stay text; facets are not shown", async () => {
    const { page, dialogs, errors } = await open();
    await page.locator(sel.input).fill("hostile");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(3);
    expect(await page.locator(sel.titles).allTextContents()).toEqual([
      "<script>alert(10)</script><img src=x onerror=alert(11)> Kabul",
      "<b onmouseover=alert(7)>second</b>",
      "<b onmouseover=alert(7)>third</b>",
    ]);
    expect(await page.locator(`${sel.hits} time`).textContent()).toBe("<img src=x onerror=alert(12)>");
    const chips = page.locator(`${sel.hits} .chip`);
    expect(await chips.allTextContents()).toEqual(["<img src=x onerror=alert(14)>Kabul", "<svg onload=alert(15)>"]);
    expect(await chips.nth(1).getAttribute("data-type")).toBe("other");
    expect(await page.locator("edge-search [role=option].entity").textContent()).toBe(`Filter by ${HOSTILE_NAME}`);
    expect(await page.locator("edge-search").evaluate((el) => el.shadowRoot!.textContent)).not.toContain("alert(8)");
    // Choosing the hostile entity shows it in the filter chip, still as text.
    await page.locator("edge-search [role=option].entity").click();
    await expect.poll(() => page.locator(`${sel.filter} .chip`).textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator(`${sel.filter} button`).getAttribute("aria-label")).toBe(`Remove filter: ${HOSTILE_NAME}`);
    expect(await foreign(page)).toEqual({ tags: [], attributes: [] });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("a javascript: url is never a link, and choosing its hit runs nothing", async () => {
    const { page, dialogs, errors } = await open();
    const input = page.locator(sel.input);
    await input.fill("hostile");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(3);
    expect(await foreign(page)).toEqual({ tags: [], attributes: [] });
    // The entity to filter by comes first, then the three hits.
    for (const presses of [2, 3, 4]) {
      for (let i = 0; i < presses; i++) await input.press("ArrowDown");
      await input.press("Enter");
      await expect.poll(() => page.evaluate("window.__selected.length")).toBe(presses - 1);
    }
    // A round trip through the page's task queue, so a navigation to javascript: would have run by now.
    await page.evaluate("new Promise((resolve) => setTimeout(resolve))");
    expect(await page.evaluate("window.__selected")).toEqual([
      ["first", null],
      ["second", null],
      ["third", null],
    ]);
    expect(page.url()).toBe(`${origin}/`);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("the query, suggested terms and error messages from the API stay text", async () => {
    const { page, dialogs, errors } = await open();
    const input = page.locator(sel.input);
    await input.fill("nothing");
    await expect
      .poll(() => page.locator(sel.status).textContent())
      .toBe("No results for \u201c<img src=x onerror=alert(19)>\u201d. Try one of these:");
    expect(await page.locator("edge-search [role=option].term").textContent()).toBe("Search for <script>alert(20)</script>");
    expect(await foreign(page)).toEqual({ tags: [], attributes: [] });
    await input.fill("broken");
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("Search failed: <img src=x onerror=alert(21)>");
    expect(await foreign(page)).toEqual({ tags: [], attributes: [] });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});

if (!hasChromium) it.skip(skipReason, () => {});

describe.skipIf(!hasChromium)("text in either direction", () => {
  it("shows an Arabic title and snippet right to left and an English one left to right, each by its own letters", async () => {
    const { page, errors } = await open();
    await page.locator(sel.input).fill("rtl");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(2);
    const direction = (selector: string) =>
      page
        .locator(selector)
        .evaluateAll((all) => all.map((e) => [e.getAttribute("dir"), (globalThis as any).getComputedStyle(e).direction]));
    expect(await direction(sel.titles)).toEqual([
      ["auto", "rtl"],
      ["auto", "ltr"],
    ]);
    expect(await direction(`${sel.hits} .snippet`)).toEqual([
      ["auto", "rtl"],
      ["auto", "ltr"],
    ]);
    // The document's language, when the build could tell it ("und" is no language to name).
    const langs = (selector: string) => page.locator(selector).evaluateAll((all) => all.map((e) => e.getAttribute("lang")));
    expect(await langs(sel.titles)).toEqual(["ar", null]);
    expect(await langs(`${sel.hits} .snippet`)).toEqual(["ar", null]);
    expect(errors).toEqual([]);
  });
});
