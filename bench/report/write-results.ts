/** @module Saves one size's results and regenerates the Markdown section and the chart from every size's results. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { updateSection } from "../../scripts/shared/markdown";
import { chart } from "./chart";
import { renderMarkdown } from "./markdown";
import type { SizeReport } from "./types";

/** The chart's file, beside the results it is drawn from. */
export const CHART_FILE = "benchmarks.svg";

export function saveResult(report: SizeReport, outDir: string): string {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${report.label}.json`);
  // Two-space JSON is what Biome formats it to, so `npm run lint` passes over the results.
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** Every size's results in `outDir`, smallest corpus first. */
export function loadResults(outDir: string): SizeReport[] {
  if (!existsSync(outDir)) return [];
  return readdirSync(outDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(outDir, f), "utf8")) as SizeReport)
    .filter((r) => r.label && r.corpus)
    .sort((a, b) => a.corpus.documents - b.corpus.documents);
}

/**
 * Rewrites the chart and the `bench` section of `doc` (other sections of the file are left as they are).
 * @example
 * await publish("bench/results", "docs/benchmarks.md");
 */
export async function publish(outDir: string, doc: string): Promise<SizeReport[]> {
  const reports = loadResults(outDir);
  const chartFile = join(outDir, CHART_FILE);
  writeFileSync(chartFile, chart(reports));
  await updateSection(doc, "bench", renderMarkdown(reports, relative(dirname(doc), chartFile)));
  return reports;
}
