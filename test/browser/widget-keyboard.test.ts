/** @module The widget in Chromium: the keyboard path end to end, and the WAI-ARIA 1.2 combobox attributes. */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events, type Harness, hasChromium, sel, skipReason, startHarness } from "./harness";

let h: Harness;

beforeAll(async () => {
  if (hasChromium) h = await startHarness();
});
afterAll(() => h?.dispose());

const attr = (page: Page, name: string) => page.locator(sel.input).getAttribute(name);
/** The index of the active option, from aria-activedescendant, or -1. */
async function active(page: Page): Promise<number> {
  const id = await attr(page, "aria-activedescendant");
  if (!id) return -1;
  const ids = await page.locator(sel.options).evaluateAll((options) => options.map((o: any) => o.id));
  const index = ids.indexOf(id);
  expect(await page.locator(`edge-search #${id}`).getAttribute("aria-selected")).toBe("true");
  expect(await page.locator(`${sel.options}[aria-selected=true]`).count()).toBe(1);
  return index;
}

async function searchFor(page: Page, q: string): Promise<number> {
  await page.locator(sel.input).fill(q);
  await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(1);
  return page.locator(sel.options).count();
}

describe.skipIf(!hasChromium)("the keyboard", () => {
  it("↑/↓ move through the options and wrap; Home/End jump once an option is active", async () => {
    const { page } = await h.page();
    const count = await searchFor(page, "kabul");
    expect(await active(page)).toBe(-1);
    await page.keyboard.press("Home"); // no option active yet: the caret moves instead
    expect(await active(page)).toBe(-1);
    await page.keyboard.press("ArrowDown");
    expect(await active(page)).toBe(0);
    await page.keyboard.press("ArrowDown");
    expect(await active(page)).toBe(1);
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    expect(await active(page)).toBe(count - 1);
    await page.keyboard.press("ArrowDown");
    expect(await active(page)).toBe(0);
    await page.keyboard.press("End");
    expect(await active(page)).toBe(count - 1);
    await page.keyboard.press("Home");
    expect(await active(page)).toBe(0);
  });

  it("Enter chooses the active option and fires edge-search:select, which the page may cancel", async () => {
    const { page } = await h.page();
    await page.evaluate(`document.addEventListener("edge-search:select", (e) => e.preventDefault())`);
    await searchFor(page, "kabul");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const id = await attr(page, "aria-activedescendant");
    const title = await page.locator(`edge-search #${id} .title`).textContent();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await events(page)).find(([name]) => name === "select")?.[1].hit.title).toBe(title);
    expect(new URL(page.url()).pathname).toBe("/"); // cancelled: no navigation even for a hit with a url
  });

  it("Escape closes the list, a second Escape clears the box", async () => {
    const { page } = await h.page();
    await searchFor(page, "kabul");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Escape");
    expect(await attr(page, "aria-expanded")).toBe("false");
    expect(await attr(page, "aria-activedescendant")).toBeNull();
    expect(await page.locator("edge-search [part=panel]").isHidden()).toBe(true);
    expect(await page.locator(sel.input).inputValue()).toBe("kabul");
    await page.keyboard.press("ArrowDown"); // reopens
    expect(await attr(page, "aria-expanded")).toBe("true");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    expect(await page.locator(sel.input).inputValue()).toBe("");
    expect(await page.locator(sel.options).count()).toBe(0);
  });

  it("the hotkey focuses the box from anywhere on the page, but not while typing elsewhere", async () => {
    const { page } = await h.page();
    const focused = () => page.evaluate("document.activeElement?.shadowRoot?.activeElement?.getAttribute('role') ?? null");
    await page.locator("h1").click();
    expect(await focused()).toBeNull();
    await page.keyboard.press("/");
    expect(await focused()).toBe("combobox");
    expect(await page.locator(sel.input).inputValue()).toBe("");
    await page.evaluate(`document.body.append(Object.assign(document.createElement("textarea"), { id: "other" }))`);
    await page.locator("#other").focus();
    await page.keyboard.press("/");
    expect(await page.locator("#other").inputValue()).toBe("/");
    await page.locator("edge-search").evaluate((el: any) => {
      el.hotkey = "k";
    });
    await page.locator("h1").click();
    await page.keyboard.press("k");
    expect(await focused()).toBe("combobox");
  });
});

describe.skipIf(!hasChromium)("the WAI-ARIA combobox pattern", () => {
  it("a combobox input controlling a listbox of options", async () => {
    const { page } = await h.page();
    const input = page.locator(sel.input);
    expect(await input.getAttribute("role")).toBe("combobox");
    expect(await input.getAttribute("aria-autocomplete")).toBe("list");
    expect(await input.getAttribute("aria-label")).toBe("Search the archive");
    expect(await input.getAttribute("aria-expanded")).toBe("false");
    const controls = await input.getAttribute("aria-controls");
    expect(await page.locator(`edge-search #${controls}`).getAttribute("role")).toBe("listbox");
    expect(await page.locator(sel.listbox).getAttribute("aria-label")).toBeTruthy();

    await searchFor(page, "kabul");
    expect(await input.getAttribute("aria-expanded")).toBe("true");
    const options = await page.locator(sel.options).evaluateAll((all) => all.map((o: any) => [o.id, o.getAttribute("aria-selected")]));
    expect(new Set(options.map(([id]) => id)).size).toBe(options.length);
    expect(options.every(([, selected]) => selected === "false")).toBe(true);
    // Options hold no focusable or interactive descendants.
    expect(await page.locator(`${sel.options} :is(a, button, input, [tabindex])`).count()).toBe(0);
  });

  it("closes when focus leaves the widget", async () => {
    const { page } = await h.page();
    await searchFor(page, "kabul");
    await page.locator("h1").click();
    expect(await attr(page, "aria-expanded")).toBe("false");
    await page.locator(sel.input).focus();
    expect(await attr(page, "aria-expanded")).toBe("true");
  });
});

if (!hasChromium) it.skip(skipReason, () => {});
