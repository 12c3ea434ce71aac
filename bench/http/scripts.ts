/** @module The two Workers of the HTTP run, bundled as wrangler would: ours (src/index.ts) and a bare Hono app answering "ok". */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type BuildOptions, build } from "esbuild";
import { ROOT } from "../corpus/reuters";

const options: BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  write: false,
  logLevel: "silent",
  absWorkingDir: ROOT,
  // The same alias as wrangler.toml.
  alias: { worker_threads: "./src/shims/worker-threads.ts" },
};

const text = (r: { outputFiles?: { text: string }[] }) => r.outputFiles?.[0]?.text ?? "";

/** The module `npm run build:widget` generates and the Worker imports; made here when missing, as the tests do. */
const WIDGET_MODULE = join(ROOT, "src/widget/generated/widget.gen.ts");

/** Our Worker, as one ES module. */
export async function oursScript(): Promise<string> {
  if (!existsSync(WIDGET_MODULE) && existsSync(join(ROOT, "scripts/build-widget.ts"))) {
    const { buildWidget } = (await import("../../scripts/build-widget")) as { buildWidget: () => Promise<unknown> };
    await buildWidget();
  }
  return text(await build({ ...options, entryPoints: ["src/index.ts"] }));
}

/** The baseline: Hono and nothing else. */
export async function bareScript(): Promise<string> {
  const contents = `import { Hono } from "hono";\nconst app = new Hono();\napp.get("*", (c) => c.text("ok"));\nexport default app;\n`;
  return text(await build({ ...options, stdin: { contents, resolveDir: ROOT, loader: "ts" } }));
}
