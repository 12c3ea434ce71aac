/** @module The open widget passes an axe-core scan, light and dark (needs the devDependency axe-core; skipped without it). */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, hasChromium, sel, skipReason, startHarness } from "./harness";

function axeSource(): string | undefined {
  try {
    return readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  } catch {
    return undefined;
  }
}
const axe = axeSource();
const noAxe = "axe scan skipped: axe-core is not installed (npm i -D axe-core).";
if (hasChromium && !axe) console.warn(noAxe);

/**
 * The popup scrolls but holds nothing focusable, by design: the combobox pattern keeps the focus in the box and
 * reaches the options with aria-activedescendant, scrolling the active one into view.
 */
const popup = (target: unknown) => JSON.stringify(target) === JSON.stringify([["edge-search", ".panel"]]);

let h: Harness;

beforeAll(async () => {
  if (hasChromium && axe) h = await startHarness();
});
afterAll(() => h?.dispose());

describe.skipIf(!hasChromium || !axe)("accessibility", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`axe finds no violations in the open widget (${scheme})`, async () => {
      const { page } = await h.page("");
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${h.origin}/`);
      await page.locator(sel.input).fill("kabul");
      await page.locator(sel.hits).first().waitFor();
      await page.keyboard.press("ArrowDown");
      await page.addScriptTag({ content: axe as string });
      const result: { violations: { id: string; help: string; nodes: { target: unknown }[] }[] } = await page.evaluate(
        `axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"] })`,
      );
      const found = result.violations
        .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !(v.id === "scrollable-region-focusable" && popup(n.target))) }))
        .filter((v) => v.nodes.length > 0)
        .map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      expect(found).toEqual([]);
    });
  }
});

if (!hasChromium) it.skip(skipReason, () => {});
else if (!axe) it.skip(noAxe, () => {});
