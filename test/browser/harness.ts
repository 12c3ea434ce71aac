/** @module Browser tests: the real Worker (workerd, local KV, the fixture corpus and seeds) on 127.0.0.1, driven by Debian's Chromium. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { startWorker, type TestWorker } from "../../scripts/shared/local-worker";
import { buildFromInputs } from "../../src/build/pipeline";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Browser tests run only where Chromium is installed (`apt-get install chromium`; `.ci/run` does it). */
export const hasChromium = existsSync(CHROMIUM);
export const skipReason = `Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`;
if (!hasChromium) console.warn(skipReason);
/** Screenshots land here (git-ignored). */
export const OUTPUT_DIR = "test/browser/output";

/** Chromium as root in this sandbox, headless, with none of its background connections (the network is closed). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Records a page's dialogs (dismissing them) and its uncaught errors. */
export function watch(page: Page): { dialogs: string[]; errors: string[] } {
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { dialogs, errors };
}

export interface Harness {
  worker: TestWorker;
  /** The Worker's own origin, e.g. http://127.0.0.1:40123. */
  origin: string;
  context: BrowserContext;
  /**
   * A new page opened at `path` of the Worker ("" leaves it blank), recording the widget's events in
   * `window.__events`, the dialogs that opened (dismissed) and uncaught page errors.
   */
  page(path?: string): Promise<{ page: Page; dialogs: string[]; errors: string[] }>;
  dispose(): Promise<void>;
}

/** What the page saw: every `edge-search:*` event, in order, as `[name, detail]`. */
const recordEvents = `
window.__events = [];
for (const name of ["select", "results", "error"]) {
  document.addEventListener("edge-search:" + name, (e) => window.__events.push([name, JSON.parse(JSON.stringify(e.detail))]));
}`;

export async function startHarness(): Promise<Harness> {
  const { bundle } = await buildFromInputs(["test/fixtures/corpus", "test/fixtures/duplicates", "seeds"], {
    builtAt: "2026-01-01T00:00:00.000Z",
  });
  const worker = await startWorker();
  await worker.load(bundle);
  const origin = new URL(await worker.mf.ready).origin;
  const profile = mkdtempSync(join(tmpdir(), "edge-search-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1024, height: 768 },
  });
  await context.addInitScript({ content: recordEvents });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return {
    worker,
    origin,
    context,
    async page(path = "/") {
      const page = await context.newPage();
      const { dialogs, errors } = watch(page);
      if (path) await page.goto(new URL(path, origin).href);
      return { page, dialogs, errors };
    },
    async dispose() {
      await context.close();
      await worker.dispose();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The widget's parts; Playwright's CSS locators pierce its open shadow root. */
export const sel = {
  input: "edge-search input",
  listbox: "edge-search [role=listbox]",
  options: "edge-search [role=option]",
  hits: "edge-search [role=option].hit",
  titles: "edge-search [role=option] .title",
  status: "edge-search .status",
  live: "edge-search [aria-live=polite]",
  filter: "edge-search [part=filter]",
};

/** The events the page recorded so far. */
export function events(page: Page): Promise<[string, any][]> {
  return page.evaluate("window.__events");
}
