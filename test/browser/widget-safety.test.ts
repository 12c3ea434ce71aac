/** @module The widget in Chromium: hostile documents render inert, embedding from another origin, a phone's width, screenshots. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, hasChromium, OUTPUT_DIR, sel, skipReason, startHarness } from "./harness";

let h: Harness;

beforeAll(async () => {
  if (hasChromium) h = await startHarness();
});
afterAll(() => h?.dispose());

describe.skipIf(!hasChromium)("hostile documents", () => {
  it("render as text: no element from them, no script runs, no dialog opens", async () => {
    const { page, dialogs, errors } = await h.page();
    for (const q of ["kabul airport", "embassy statement", "links styles"]) {
      await page.locator(sel.input).fill(q);
      await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
      expect(await page.locator(`${sel.listbox} :is(script, img, svg, a, style, iframe, object)`).count()).toBe(0);
      // Inside each snippet, only the <mark> elements the widget made itself.
      const tags = await page.locator(`${sel.hits} .snippet *`).evaluateAll((all) => all.map((e: any) => e.tagName));
      expect(tags.every((t) => t === "MARK")).toBe(true);
    }
    await page.locator(sel.input).fill("kabul airport");
    const title = page.locator(sel.titles, { hasText: "Kabul airport report" });
    expect(await title.textContent()).toBe("<script>alert('title')</script> Kabul airport report");
    const snippet = await page.locator(`${sel.hits} .snippet`, { hasText: "onerror" }).textContent();
    expect(snippet).toContain("<img src=x onerror=alert(1)>");
    expect(snippet).toContain("<script>alert(2)</script>");
    await page.locator(sel.input).fill("links styles");
    await expect
      .poll(() => page.locator(`${sel.hits} .snippet`).allTextContents())
      .toContainEqual(expect.stringContaining("<svg onload=alert(1)>"));
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!hasChromium)("embedding", () => {
  it("works on a page of another origin, through CORS", async () => {
    const { page, errors } = await h.page("");
    const snippet = await (await h.worker.fetch("/")).text();
    const embed = /<code id="snippet">([^<]*)<\/code>/.exec(snippet)?.[1] ?? "";
    const lines = embed.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("http://localhost", h.origin);
    // A real server on another port: a routed page would count as public, and Chromium keeps public pages off loopback.
    const site = createServer((_, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><title>Another site</title><h1>Another site</h1>${lines}`);
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = site.address() as AddressInfo;
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator(sel.input).fill("kabul", { timeout: 10_000 });
      const message = "results on another origin: /search and /suggest must answer with Access-Control-Allow-Origin";
      await expect.poll(() => page.locator(sel.hits).count(), { message }).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      site.close();
    }
  });

  it("fits a 375-pixel-wide phone screen", async () => {
    const { page } = await h.page("");
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${h.origin}/`);
    await page.locator(sel.input).fill("kabul");
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
    for (const part of ["box", "panel"]) {
      const box = await page.locator(`edge-search [part=${part}]`).boundingBox();
      expect(box?.x).toBeGreaterThanOrEqual(0);
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(375);
    }
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
  });

  it("saves screenshots: desktop and phone, light and dark", async () => {
    const { page } = await h.page("");
    for (const [device, width, height] of [
      ["desktop", 1024, 720],
      ["phone", 375, 740],
    ] as const) {
      for (const scheme of ["light", "dark"] as const) {
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${h.origin}/`);
        await page.locator(sel.input).fill("kabul");
        await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
        await page.keyboard.press("ArrowDown");
        await page.screenshot({ path: join(OUTPUT_DIR, `widget-${device}-${scheme}.png`) });
      }
    }
  });
});

if (!hasChromium) it.skip(skipReason, () => {});
