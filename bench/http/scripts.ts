/** @module The two Workers of the HTTP run, bundled as wrangler would: ours (src/worker/index.ts) and a bare Hono app answering "ok". */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { bundleWorker, ROOT } from "../../scripts/shared/worker-bundle";

/** The module `npm run build:widget` generates and the Worker imports; made here when missing, as the tests do. */
const WIDGET_MODULE = join(ROOT, "src/widget/generated/widget.gen.ts");

/** Our Worker, as one ES module. */
export async function oursScript(): Promise<string> {
  if (!existsSync(WIDGET_MODULE) && existsSync(join(ROOT, "scripts/build/build-widget.ts"))) {
    const { buildWidget } = (await import("../../scripts/build/build-widget")) as { buildWidget: () => Promise<unknown> };
    await buildWidget();
  }
  return bundleWorker({ entry: "src/worker/index.ts" });
}

/** The baseline: Hono and nothing else. */
export async function bareScript(): Promise<string> {
  const contents = `import { Hono } from "hono";\nconst app = new Hono();\napp.get("*", (c) => c.text("ok"));\nexport default app;\n`;
  return bundleWorker({ source: contents });
}
