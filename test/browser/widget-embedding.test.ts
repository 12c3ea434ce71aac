/**
 * @module The widget on pages as sites write them, in Chromium, over a stubbed API: a modal dialog, properties set
 * before the script loads, a widget the page hides, CSS resets, a search that never answers, errors about the query.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build/build-widget";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, sel, watch } from "./harness";

const hit = (id: string, title: string) => ({
  id,
  title,
  url: null,
  date: null,
  score: 1,
  snippet: `about <mark>${id}</mark>`,
  entities: [],
});
const found = (query: string, hits: object[]) => ({ query, total: hits.length, took_ms: 1, corrected: null, hits });

/** `/search` answers per `q`; "hang" never answers (until the test ends). */
const searches: Record<string, { status?: number; body: object }> = {
  kab: { body: found("kab", [hit("kabul-1", "Kabul airport reopens"), hit("kabul-2", "Kabul talks resume")]) },
  kabul: { body: found("kabul", [hit("kabul-1", "Kabul airport reopens")]) },
  nothing: { body: found("nothing", []) },
  "many words": {
    status: 400,
    body: {
      error: {
        code: "query_too_complex",
        message: "The query needs at least 40 index terms (its distinct words and filters); at most 32 are allowed.",
      },
    },
  },
  down: { status: 503, body: { error: { code: "storage_unavailable", message: "KV did not answer." } } },
};

/** Pages by path: each embeds the widget as a site might. */
const pages: Record<string, string> = {
  "/dialog": `<dialog id="d"><edge-search></edge-search></dialog><script>document.getElementById("d").showModal()</script>`,
  // Properties set by the page before the module script defines the element.
  "/early": `<edge-search></edge-search><script>const w = document.querySelector("edge-search"); w.limit = 1; w.value = "kab";</script>`,
  "/two": `<edge-search id="desktop" style="display:none"></edge-search><edge-search id="mobile"></edge-search>`,
  "/reset": `<style>*{font:inherit;color:inherit} body{font:14px serif;white-space:nowrap;text-transform:uppercase;letter-spacing:3px}
    edge-search{--edge-search-font:22px/1.6 monospace}</style><edge-search></edge-search>`,
  "/dark": `<edge-search theme="dark"></edge-search>`,
  "/": `<edge-search></edge-search>`,
};

let widgetJs: string;
let server: Server;
let origin: string;
let browser: Browser;
const hanging: ServerResponse[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  widgetJs = (await buildWidget({ write: false })).js;
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://stub");
    const send = (status: number, type: string, body: string) => res.writeHead(status, { "content-type": type }).end(body);
    const q = url.searchParams.get("q") ?? "";
    const html = pages[url.pathname];
    if (html !== undefined)
      send(200, "text/html", `<!doctype html><title>Embed</title><body>${html}<script type="module" src="/widget.js"></script>`);
    else if (url.pathname === "/widget.js") send(200, "text/javascript", widgetJs);
    else if (url.pathname === "/suggest") send(200, "application/json", JSON.stringify({ query: q, terms: [], entities: [], titles: [] }));
    else if (url.pathname === "/search" && q === "hang") hanging.push(res);
    else if (url.pathname === "/search" && searches[q]) {
      const { status = 200, body } = searches[q] as { status?: number; body: object };
      send(status, "application/json", JSON.stringify({ ...body, limit: Number(url.searchParams.get("limit")) }));
    } else send(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  for (const res of hanging) res.destroy();
  await browser?.close();
  server?.close();
});

/** A fresh page at `path`, recording `edge-search:select` and `:results` in `window.__seen`. */
async function open(path: string, options: { clock?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const { errors } = watch(page);
  await page.addInitScript({
    content: `window.__seen = [];
      for (const name of ["select", "results"]) document.addEventListener("edge-search:" + name, (e) => window.__seen.push(name));`,
  });
  if (options.clock) await page.clock.install();
  await page.goto(`${origin}${path}`);
  await page.waitForFunction('customElements.get("edge-search") !== undefined');
  return { page, errors };
}

const seen = (page: Page): Promise<string[]> => page.evaluate("window.__seen");

describe.skipIf(!hasChromium)("the widget embedded in real pages", () => {
  it("leaves Escape to a modal dialog when it has nothing to close, clear or remove", async () => {
    const { page, errors } = await open("/dialog");
    const input = page.locator(sel.input);
    await input.fill("kab");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(2);
    // Escape closes the popup, then clears the box, and only then reaches the dialog.
    await input.press("Escape");
    expect(await page.locator("edge-search [part=panel]").isHidden()).toBe(true);
    await input.press("Escape");
    expect(await input.inputValue()).toBe("");
    expect(await page.evaluate('document.getElementById("d").open')).toBe(true);
    await input.press("Escape");
    expect(await page.evaluate('document.getElementById("d").open')).toBe(false);
    expect(errors).toEqual([]);
  });

  it("takes the properties a page set before the script defined the element", async () => {
    const { page, errors } = await open("/early");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(2);
    expect(await page.locator(sel.input).inputValue()).toBe("kab");
    expect(await page.locator("edge-search").evaluate((el) => [(el as any).limit, Object.hasOwn(el, "value")])).toEqual([1, false]);
    expect(errors).toEqual([]);
  });

  it("leaves the hotkey to the widget the page shows when it hides another", async () => {
    const { page } = await open("/two");
    await page.locator("body").press("/");
    expect(await page.evaluate("document.activeElement?.id")).toBe("mobile");
    expect(await page.locator("#mobile input").evaluate((el) => el.getAttribute("aria-keyshortcuts"))).toBe("Slash");
  });

  it("keeps its own text styles under a page's CSS reset, and takes the font the page themes it with", async () => {
    const { page } = await open("/reset");
    await page.locator(sel.input).fill("kab");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(2);
    const style = await page
      .locator(`${sel.hits} .snippet`)
      .first()
      .evaluate((el) => {
        const s = (globalThis as any).getComputedStyle(el);
        return [s.fontFamily, s.whiteSpace, s.textTransform, s.letterSpacing];
      });
    expect(style).toEqual(["monospace", "normal", "none", "normal"]);
    expect(await page.locator(sel.input).evaluate((el) => (globalThis as any).getComputedStyle(el).fontSize)).toBe("22px");
  });

  it("does not open a result left from the previous query while the new one is pending, and gives up after 10 s", async () => {
    const { page, errors } = await open("/", { clock: true });
    const input = page.locator(sel.input);
    await input.fill("kab");
    await page.clock.runFor(200);
    await expect.poll(() => page.locator(sel.hits).count()).toBe(2);
    await input.fill("hang");
    await page.clock.runFor(200);
    await input.press("ArrowDown");
    await input.press("Enter");
    expect(await seen(page)).toEqual(["results"]);
    await page.clock.runFor(10_000);
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("The search took too long. Try again in a moment.");
    expect(await page.locator(sel.hits).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("says what to do about a query the API refuses, and calls a failure of the service a failure", async () => {
    const { page } = await open("/");
    const input = page.locator(sel.input);
    await input.fill("many words");
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("That search has too many words: try fewer.");
    await input.fill("down");
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("Search failed: KV did not answer.");
    // A value longer than the box takes is cut to it, as typing is.
    await page.locator("edge-search").evaluate((el) => {
      (el as any).value = "x".repeat(600);
    });
    expect((await input.inputValue()).length).toBe(512);
  });

  it("names a hit's option by its title, and is expanded only while it lists options", async () => {
    const { page } = await open("/");
    const input = page.locator(sel.input);
    await input.fill("kab");
    await expect.poll(() => page.locator(sel.hits).count()).toBe(2);
    const option = page.locator(sel.hits).first();
    const names = await option.evaluate((li) => {
      const root = li.getRootNode() as any;
      const text = (ids: string | null) => root.getElementById(ids ?? "")?.textContent;
      return [text(li.getAttribute("aria-labelledby")), text(li.getAttribute("aria-describedby"))];
    });
    expect(names).toEqual(["Kabul airport reopens", "about kabul-1"]);
    expect(await input.getAttribute("aria-expanded")).toBe("true");
    expect(await page.locator(sel.live).textContent()).toBe("2 results for \u201ckab\u201d");
    await input.fill("nothing");
    await expect.poll(() => page.locator(sel.status).textContent()).toMatch(/^No results/);
    expect(await input.getAttribute("aria-expanded")).toBe("false");
  });

  it("is dark with theme=dark whatever the system prefers", async () => {
    const { page } = await open("/dark");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await page.locator("edge-search [part=box]").evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe(
      "rgb(24, 25, 30)",
    );
  });
});
