/** @module Regenerates one marked section of a Markdown file, leaving the rest as it is (several scripts share docs/benchmarks.md). */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`, or appends the section. */
export async function updateSection(path: string, name: string, body: string): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(path) ? await readFile(path, "utf8") : "# Benchmarks\n";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, next);
}
