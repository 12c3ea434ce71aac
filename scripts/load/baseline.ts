/** @module `npm run load -- --baseline`: a bare Hono Worker to load instead of ours, to tell the local runtime's behaviour from ours. */
import { build } from "esbuild";

/**
 * A Worker that answers every GET by reading one KV key (`key`, with the same `cacheTtl` as bundle keys) and spending
 * `work` thousand iterations of arithmetic: about our search's CPU per request with the default, and nothing of ours.
 * @example
 * const script = await baselineWorkerScript("bundle/abc/term/0", 2_000);
 */
export async function baselineWorkerScript(key: string, work: number): Promise<string> {
  const source = `
import { Hono } from "hono";
const app = new Hono();
app.get("*", async (c) => {
  const value = await c.env.SEARCH_KV.get(${JSON.stringify(key)}, { type: "text", cacheTtl: 86400 });
  let x = 0;
  for (let i = 0; i < ${Math.max(0, Math.floor(work))} * 1000; i++) x = (x * 31 + i) % 1000003;
  return c.json({ bytes: value?.length ?? 0, x });
});
export default app;`;
  const result = await build({
    stdin: { contents: source, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}
