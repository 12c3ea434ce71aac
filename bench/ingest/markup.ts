/**
 * @module Times reading pathological markup as text: Markdown and HTML bodies of tens of thousands of unclosed marks,
 * tags, comments and scripts (hostile input a build may be given). Each must read in time linear in its length.
 * Run: `npx tsx bench/ingest/markup.ts [--units N]` (default 100,000 repetitions of each unit).
 */
import { parseArgs } from "node:util";
import { htmlToText } from "../../src/build/ingest/html";
import { markdownToText } from "../../src/build/ingest/markdown";

const { values } = parseArgs({ options: { units: { type: "string", default: "100000" } } });
const units = Number(values.units);
if (!Number.isInteger(units) || units < 1) throw new Error(`--units ${values.units}: a positive integer`);

const cases: [string, () => string][] = [
  ...["**a ", "__a ", "~~a ", "*a ", "[a ", "![a ", "`a ``", "<http:a "].map(
    (unit) => [`markdown ${JSON.stringify(unit)}`, () => markdownToText(unit.repeat(units))] as [string, () => string],
  ),
  ['html "a <"', () => htmlToText(`<p>${"a <".repeat(units)}`)],
  ['html "<!--"', () => htmlToText(`<p>${"<!--".repeat(units)}`)],
  ['html "<script"', () => htmlToText(`<p>${"<script".repeat(units)}`)],
];
console.log(`| input (${units.toLocaleString("en-US")} units) | ms |\n|---|---:|`);
for (const [name, run] of cases) {
  const started = performance.now();
  run();
  console.log(`| ${name} | ${(performance.now() - started).toFixed(0)} |`);
}
