/** @module The layout holds: the Worker and the search never reach build code, the contract reaches neither side, and scripts never import tests. */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { ROOT, workerBuildOptions } from "../scripts/shared/worker-bundle";

/** Every TypeScript file under a folder, as a path from the root. */
function files(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** The project files a file imports (relative specifiers resolved to paths from the root). */
function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) =>
    normalize(join(dirname(file), m[1] as string)),
  );
}

const rules: [string, string[]][] = [
  ["src/worker", ["src/build", "scripts", "test", "bench"]],
  ["src/search", ["src/build", "src/worker", "scripts", "test", "bench"]],
  ["src/format", ["src/build", "src/search", "src/worker", "scripts", "test", "bench"]],
  ["src/kv", ["src/build", "src/search", "src/worker", "scripts", "test", "bench"]],
  ["src/build", ["src/worker", "scripts", "test", "bench"]],
  ["scripts", ["test"]],
];

describe("which side may import what", () => {
  for (const [folder, banned] of rules) {
    it(`${folder} imports nothing from ${banned.join(", ")}`, () => {
      const found = files(folder).flatMap((file) =>
        imports(file)
          .filter((target) => banned.some((b) => target === b || target.startsWith(`${b}/`)))
          .map((target) => `${file} → ${target}`),
      );
      expect(found).toEqual([]);
    });
  }

  it("the Worker's bundle holds no build code", async () => {
    const result = await build({ ...workerBuildOptions, entryPoints: ["src/worker/index.ts"], metafile: true });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs.some((i) => i.startsWith("src/worker/"))).toBe(true);
    expect(inputs.filter((i) => i.startsWith("src/build/") || i.includes("node_modules/compromise"))).toEqual([]);
    // The Worker reads the stored slots itself: FlexSearch (50 KB minified) is the build's alone.
    expect(inputs.filter((i) => i.includes("node_modules/flexsearch"))).toEqual([]);
    // zod without its translations (src/worker/shims/zod.ts): English only, of the files that reach the output.
    const output = Object.values(result.metafile?.outputs ?? {})[0]?.inputs ?? {};
    const locales = Object.entries(output).filter(([i, { bytesInOutput }]) => i.includes("zod/v4/locales/") && bytesInOutput > 0);
    expect(locales.map(([i]) => i)).toEqual(["node_modules/zod/v4/locales/en.js"]);
  });

  it("the Worker's bundle stays within 400 KB minified and 120 KiB gzipped (issue 18's targets)", async () => {
    // Minified as wrangler.toml has it: about 384,000 bytes (375 KiB) on 2026-12-06, once the OpenAPI document was made
    // with zod's own JSON Schema converter instead of zod-to-openapi.
    const result = await build({ ...workerBuildOptions, entryPoints: ["src/worker/index.ts"], minify: true });
    const bytes = result.outputFiles?.[0]?.contents ?? new Uint8Array();
    expect(bytes.length).toBeLessThanOrEqual(400_000);
    expect(gzipSync(bytes).length / 1024).toBeLessThan(120);
  });
});
