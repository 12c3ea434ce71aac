/** @module The widget in Chromium: typeahead, stale answers, the cache, selecting, entity filters, empty and error states. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEBOUNCE_MS } from "../../src/widget/searcher";
import { events, type Harness, hasChromium, sel, skipReason, startHarness } from "./harness";

const SEED_B_TITLE = "US Secretary of State, Kazakh Counterpart Discuss Afghanistan";

let h: Harness;

beforeAll(async () => {
  if (hasChromium) h = await startHarness();
});
afterAll(() => h?.dispose());

/** The `q` of every /search request the page makes from now on. */
function recordSearches(page: import("playwright-core").Page): string[] {
  const searches: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/search?")) searches.push(new URL(r.url()).searchParams.get("q") ?? "");
  });
  return searches;
}

describe.skipIf(!hasChromium)("typing into <edge-search>", () => {
  it("shows results from the index within the debounce, with one request for a burst of keystrokes", async () => {
    const { page } = await h.page();
    const searches = recordSearches(page);
    // The page's clock stands still while the keys go in: a machine slow enough to take more than the debounce between
    // two keystrokes makes no extra request. Then the debounce passes.
    await page.clock.install();
    await page.locator(sel.input).pressSequentially("kabu", { delay: 20 });
    expect(searches).toEqual([]);
    await page.clock.runFor(DEBOUNCE_MS + 10);
    await page.clock.resume();
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
    expect(searches).toEqual(["kabu"]);
    expect(await page.locator(sel.titles).allTextContents()).toContain(SEED_B_TITLE);
    expect(await page.locator(`${sel.hits} mark`).first().textContent()).toMatch(/^kabul$/i);
    expect(await page.locator(`${sel.hits} time`).first().getAttribute("datetime")).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it("never shows the answer to an older query: it is aborted, and ignored if it comes anyway", async () => {
    const { page } = await h.page();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/search?*", async (route) => {
      if (new URL(route.request().url()).searchParams.get("q") === "kabul") await held;
      await route.continue().catch(() => {}); // the page may have aborted it meanwhile
    });
    const aborted = page.waitForEvent("requestfailed", (r) => r.url().includes("/search?q=kabul"));
    const input = page.locator(sel.input);
    await input.fill("kabul");
    await page.waitForRequest((r) => r.url().includes("/search?q=kabul"));
    await input.fill("brent crude");
    await expect.poll(() => page.locator(sel.titles).allTextContents()).toEqual(["Oil prices rise in Asian trade"]);
    expect((await aborted).failure()?.errorText).toMatch(/ABORTED/);
    release();
    await page.unrouteAll({ behavior: "wait" });
    expect(await page.locator(sel.titles).allTextContents()).toEqual(["Oil prices rise in Asian trade"]);
    const shown = (await events(page)).filter(([name]) => name === "results").map(([, d]) => d.query);
    expect(shown).toEqual(["brent crude"]);
  });

  it("answers a repeated query from its cache, without asking again", async () => {
    const { page } = await h.page();
    const searches = recordSearches(page);
    const input = page.locator(sel.input);
    await input.fill("taliban");
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
    await input.fill("brent");
    await expect.poll(() => page.locator(sel.titles).allTextContents()).toEqual(["Oil prices rise in Asian trade"]);
    await input.fill("taliban");
    await expect.poll(() => page.locator(sel.titles).allTextContents()).toContain(SEED_B_TITLE);
    expect(searches).toEqual(["taliban", "brent"]);
  });

  it("announces the number of results in a polite live region", async () => {
    const { page } = await h.page();
    await page.locator(sel.input).fill("kabul");
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
    const [, results] = (await events(page)).findLast(([name]) => name === "results") ?? [];
    expect(results.total).toBeGreaterThan(1);
    expect(await page.locator(sel.live).textContent()).toBe(`${results.total} results for \u201c${results.query}\u201d`);
    expect(await page.locator(sel.live).getAttribute("role")).toBe("status");
    // Shown too, above the hits.
    expect(await page.locator(sel.status).textContent()).toBe(`${results.total} results`);
  });

  it("shows a magnifying glass in the box, themed by the muted colour", async () => {
    const { page } = await h.page();
    const icon = await page.locator("edge-search [part=box]").evaluate((box) => {
      const style = (globalThis as any).getComputedStyle(box, "::before");
      return { mask: style.maskImage || style.webkitMaskImage, width: style.width };
    });
    expect(icon.mask).toContain("data:image/svg+xml");
    expect(icon.mask).toContain("circle");
    expect(icon.width).toBe("16px");
  });

  it("shows a story once, with how many other versions of it the archive holds", async () => {
    const { page } = await h.page();
    await page.locator(sel.input).fill("dockers strike night-shift pay ");
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
    const titles = await page.locator(sel.titles).allTextContents();
    expect(titles.filter((t) => t.includes("Rotterdam dockers strike"))).toHaveLength(1);
    expect(await page.locator(`${sel.hits} [part=versions]`).allTextContents()).toEqual(["+2 versions"]);
  });

  it("says which query the results are for when the API corrected a typo", async () => {
    const { page } = await h.page();
    await page.locator(sel.input).fill("talliban");
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("2 results \u00b7 showing results for \u201ctaliban\u201d");
  });
});

describe.skipIf(!hasChromium)("choosing a result", () => {
  it("fires edge-search:select with the hit; a hit without a url leaves the rest to the page", async () => {
    const { page } = await h.page();
    await page.locator(sel.input).fill("tleuberdi");
    await page.locator(sel.hits).first().click();
    const [, detail] = (await events(page)).find(([name]) => name === "select") ?? [];
    expect(detail).toMatchObject({ kind: "hit", hit: { id: "004_7eada462969b83a1", title: SEED_B_TITLE, url: null } });
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await page.locator(sel.input).getAttribute("aria-expanded")).toBe("false");
    // The demo page shows such a document from /documents/{id}.
    await expect.poll(() => page.locator("#chosen").textContent()).toContain("Mukhtar Tleuberdi");
  });

  it("opens a hit's url, in the same tab or, with open-in=new-tab, in a new one", async () => {
    const { page } = await h.page();
    await h.context.route("https://example.com/**", (route) => route.fulfill({ body: "the article", contentType: "text/plain" }));
    await page.locator(sel.input).fill("airport");
    await page.locator(sel.hits).first().click();
    await page.waitForURL("https://example.com/xss-script");
    await page.goto(`${h.origin}/`);
    await page.locator("edge-search").evaluate((el: any) => el.setAttribute("open-in", "new-tab"));
    await page.locator(sel.input).fill("airport");
    const opened = h.context.waitForEvent("page");
    await page.locator(sel.hits).first().click();
    expect((await opened).url()).toBe("https://example.com/xss-script");
    expect(new URL(page.url()).pathname).toBe("/");
  });
});

describe.skipIf(!hasChromium)("entity filters", () => {
  it("a chip filters by its entity, sends entity=, and shows the filter as removable", async () => {
    const { page } = await h.page();
    const requests: URL[] = [];
    const suggestions: URL[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/search?")) requests.push(new URL(r.url()));
      if (r.url().includes("/suggest?")) suggestions.push(new URL(r.url()));
    });
    await page.locator(sel.input).fill("kabul");
    const chip = page.locator(`${sel.hits} .chip[data-type=organization]`, { hasText: "Taliban" }).first();
    await chip.click();
    await expect.poll(() => page.locator(sel.filter).textContent()).toContain("Taliban");
    await expect.poll(() => requests.at(-1)?.searchParams.get("entity")).toBe("taliban");
    // The widget shows no facets and asks for none: a cold search reads about half the KV keys.
    expect(requests.every((url) => url.searchParams.get("facets") === "none")).toBe(true);
    // Nor the suggestions' titles.
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((url) => url.searchParams.get("titles") === "false")).toBe(true);
    const [, selected] = (await events(page)).find(([name]) => name === "select") ?? [];
    expect(selected).toEqual({ kind: "entity", entity: { id: "taliban", name: "Taliban", type: "organization" } });
    await expect.poll(async () => (await events(page)).findLast(([name]) => name === "results")?.[1].filter?.id).toBe("taliban");
    const [, results] = (await events(page)).findLast(([name]) => name === "results") ?? [];
    expect(results.hits.length).toBeGreaterThan(0);
    for (const hit of results.hits) expect(hit.entities.map((e: { id: string }) => e.id)).toContain("taliban");
    expect(await page.locator(sel.live).textContent()).toMatch(/ in Taliban$/);

    await page.locator("edge-search [part=filter-remove]").click();
    expect(await page.locator(sel.filter).isHidden()).toBe(true);
    // The unfiltered answer comes back (from the cache: it was asked for before).
    const [, unfiltered] = (await events(page)).findLast(([name]) => name === "results") ?? [];
    expect(unfiltered).toMatchObject({ query: "kabul" });
    expect(unfiltered.filter).toBeUndefined();
    expect(unfiltered.total).toBeGreaterThan(results.total);
  });

  it("offers matching entities as options that filter, and entity-filters=off hides them", async () => {
    const { page } = await h.page();
    await page.locator(sel.input).fill("kab");
    const entity = page.locator("edge-search [role=option].entity", { hasText: "Kabul" });
    await entity.waitFor();
    expect(await entity.textContent()).toBe("Filter by Kabul");
    // Entities come before the hits: a keyboard user reaches them first, without going through every hit.
    const options = await page.locator("edge-search [role=option]").evaluateAll((all) => all.map((e) => [e.id, e.className]));
    const at = options.findIndex(([, kind]) => kind !== "entity");
    expect(at).toBeGreaterThan(0);
    const kabul = await entity.getAttribute("id");
    const index = options.findIndex(([id]) => id === kabul);
    expect(index).toBeLessThan(at);
    for (let i = 0; i <= index; i++) await page.keyboard.press("ArrowDown");
    expect(await page.locator(sel.input).getAttribute("aria-activedescendant")).toBe(kabul);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(sel.filter).textContent()).toContain("Kabul");

    await page.locator("edge-search").evaluate((el: any) => {
      el.entityFilters = false;
      el.filter = undefined;
      el.value = "kab";
    });
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
    expect(await page.locator("edge-search [role=option].entity").count()).toBe(0);
    expect(await page.locator(`${sel.hits} .chip`).count()).toBe(0);
  });
});

describe.skipIf(!hasChromium)("empty and error states", () => {
  it("says when nothing was found, and offers the suggestions instead", async () => {
    const { page } = await h.page();
    await page.route("**/search?q=kab&*", (route) =>
      route.fulfill({ json: { query: "kab", total: 0, took_ms: 0, hits: [] }, headers: { "access-control-allow-origin": "*" } }),
    );
    await page.locator(sel.input).fill("kab");
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("No results for \u201ckab\u201d. Try one of these:");
    expect(await page.locator(sel.live).textContent()).toBe("No results");
    const term = page.locator("edge-search [role=option].term").first();
    expect(await term.textContent()).toBe("Search for kabul");
    await term.click();
    expect(await page.locator(sel.input).inputValue()).toBe("kabul");
    await expect.poll(() => page.locator(sel.hits).count()).toBeGreaterThan(0);
  });

  it("says what went wrong when the API fails, and fires edge-search:error", async () => {
    const { page } = await h.page();
    await page.route("**/search?q=kabul*", (route) =>
      route.fulfill({ status: 503, json: { error: { code: "bundle_not_loaded", message: "No search bundle is loaded." } } }),
    );
    await page.route("**/search?q=oil*", (route) => route.abort("connectionrefused"));
    const input = page.locator(sel.input);
    await input.fill("kabul");
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("Search failed: No search bundle is loaded.");
    expect(await page.locator(sel.live).textContent()).toBe("Search failed: No search bundle is loaded.");
    await input.fill("oil");
    await expect.poll(() => page.locator(sel.status).textContent()).toBe("Search failed: The search service could not be reached.");
    const errors = (await events(page)).filter(([name]) => name === "error").map(([, d]) => d);
    expect(errors).toEqual([
      { code: "bundle_not_loaded", message: "No search bundle is loaded.", status: 503 },
      { code: "network", message: "The search service could not be reached.", status: 0 },
    ]);
  });
});

if (!hasChromium) it.skip(skipReason, () => {});
