/** @module The OWASP XSS vectors in Chromium: searched and opened through the demo page's widget, none renders or runs. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerWith, type TestWorker } from "../scripts/shared/local-worker";
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, sel, skipReason, watch } from "./browser/harness";

interface Vector {
  id: string;
  title: string;
  body: string;
  url?: string;
}

const vectors: Vector[] = readFileSync("test/fixtures/xss/vectors.jsonl", "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const marker = (v: Vector) => /xssvec\w+/.exec(v.body)?.[0] as string;

/** Every element the widget itself makes (src/widget/shell.ts and render.ts): anything else came from a document. */
const WIDGET_TAGS = new Set(["STYLE", "DIV", "INPUT", "BUTTON", "SPAN", "KBD", "UL", "P", "LI", "MARK", "Q", "TIME"]);

/** Any way a vector could run: dialogs, and the functions payloads call, recorded instead of run. */
const trap = `
window.__ran = [];
for (const name of ["alert", "confirm", "prompt", "print"]) window[name] = (...args) => { window.__ran.push(name + ":" + String(args[0])); };
`;

let worker: TestWorker;
let origin: string;
let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  if (!hasChromium) return;
  ({ worker } = await startWorkerWith(["test/fixtures/xss"]));
  origin = new URL(await worker.mf.ready).origin;
  profile = mkdtempSync(join(tmpdir(), "edge-search-xss-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  await context.addInitScript({ content: trap });
});
afterAll(async () => {
  await context?.close();
  await worker?.dispose();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Whether the widget would navigate to a hit's url (only http and https ones): such hits are not clicked here. */
const leaves = (v: Vector) => v.url !== undefined && /^https?:$/.test(new URL(v.url, "http://127.0.0.1/").protocol);

/** What the shadow root and the page hold that the widget and the demo page did not make themselves (run in the page). */
function foreign(page: Page) {
  return page.evaluate(
    (allowed) => {
      // The page's own globals (this file is type-checked without the DOM library).
      const { document, window } = globalThis as any;
      const all: any[] = [...(document.querySelector("edge-search")?.shadowRoot?.querySelectorAll("*") ?? [])];
      const active = (e: any) =>
        [...e.attributes]
          .filter((a: any) => /^on/i.test(a.name) || /^\s*(javascript|data|vbscript):/i.test(a.value))
          .map((a: any) => `${e.tagName}[${a.name}]`);
      return {
        tags: all.map((e) => e.tagName as string).filter((t) => !allowed.includes(t)),
        styles: all.filter((e) => e.tagName === "STYLE").length,
        inputs: all.filter((e) => e.tagName === "INPUT").length,
        attributes: all.flatMap(active),
        // The demo page: its own two scripts, and the chosen document shown as text.
        scripts: document.scripts.length as number,
        chosen: (document.getElementById("chosen")?.children.length ?? 0) as number,
        ran: window.__ran as string[],
      };
    },
    [...WIDGET_TAGS],
  );
}

describe.skipIf(!hasChromium)("XSS vectors in the demo page's widget", () => {
  it("render as text when searched, and when opened, with no dialog and no script run", async () => {
    const page = await context.newPage();
    const { dialogs, errors } = watch(page);
    await page.goto(`${origin}/`);
    const clean = { tags: [], styles: 1, inputs: 1, attributes: [], scripts: 2, chosen: 0, ran: [] };

    await page.locator("edge-search").evaluate((e: any) => e.setAttribute("limit", "50"));
    // Ten vectors a search ("xssvec01 OR xssvec02 OR …"): every hit rendered, every title as text.
    for (let i = 0; i < vectors.length; i += 10) {
      const some = vectors.slice(i, i + 10);
      await page.locator(sel.input).fill(`${some.map(marker).join(" OR ")} `);
      await expect
        .poll(() => page.locator(sel.hits).allTextContents(), { message: some[0]?.id })
        .toSatisfy((texts: string[]) => some.every((v) => texts.some((t) => t.includes(marker(v)))));
      expect(await foreign(page), some[0]?.id).toEqual(clean);
      const titles = await page.locator(sel.titles).allTextContents();
      for (const v of some) expect(titles, v.id).toContain(v.title);
    }

    // Open some: every one with a url the widget must not follow (javascript:, data:, vbscript:), and every fifth.
    const opened = vectors.filter((v, i) => (v.url !== undefined || i % 5 === 0) && !leaves(v));
    for (const v of opened) {
      await page.locator(sel.input).fill(`${marker(v)} `);
      const hit = page.locator(sel.hits, { hasText: marker(v) }).first();
      await expect.poll(() => hit.count(), { message: v.id }).toBeGreaterThan(0);
      await hit.click();
      await expect.poll(() => page.locator("#chosen").textContent(), { message: v.id }).toBe(`${v.title}\n\n${v.body}`);
      expect(page.url()).toBe(`${origin}/`);
      expect(await foreign(page), v.id).toEqual(clean);
    }
    expect(opened.length).toBeGreaterThan(15);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);

    // The detectors do see what a rendered vector would do.
    await page.locator("edge-search").evaluate((e: any) => {
      const div = e.ownerDocument.createElement("div");
      div.innerHTML = "<img src=x onerror=alert(1)>";
      e.shadowRoot.append(div);
    });
    await expect.poll(async () => (await foreign(page)).ran).toEqual(["alert:1"]);
    expect(await foreign(page)).toMatchObject({ tags: ["IMG"], attributes: ["IMG[onerror]"] });
  });
});

if (!hasChromium) it.skip(skipReason, () => {});
