/** @module Reads Stryker's JSON mutation report (`npm run mutate`): the score per folder as a Markdown table, and the mutants no test caught, by file. */
import { dirname } from "node:path/posix";
import { z } from "zod";

const Position = z.object({ line: z.number(), column: z.number() });

/** The part of Stryker's report (mutation-testing-report-schema) read here; lines and columns count from 1. */
export const MutationReport = z.object({
  files: z.record(
    z.string(),
    z.object({
      source: z.string(),
      mutants: z.array(
        z.object({
          mutatorName: z.string(),
          replacement: z.string().optional(),
          status: z.enum(["Killed", "Survived", "NoCoverage", "CompileError", "RuntimeError", "Timeout", "Ignored", "Pending"]),
          location: z.object({ start: Position, end: Position }),
        }),
      ),
    }),
  ),
});
export type MutationReport = z.infer<typeof MutationReport>;
type Status = MutationReport["files"][string]["mutants"][number]["status"];

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  /** Static mutants left out by `ignoreStatic`, and mutants that did not compile or crashed the runner: not in the score. */
  other: number;
}

/** A file's folder: `src/format/values/term.ts` counts in `src/format/values`, not in `src/format`. */
export function folderOf(path: string): string {
  return dirname(path);
}

/** Tallies per folder, in the report's order of first appearance. */
export function tallyByFolder(report: MutationReport): Map<string, Tally> {
  const folders = new Map<string, Tally>();
  for (const [path, file] of Object.entries(report.files)) {
    const folder = folderOf(path);
    const tally = folders.get(folder) ?? { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
    for (const m of file.mutants) count(tally, m.status);
    folders.set(folder, tally);
  }
  return folders;
}

function count(tally: Tally, status: Status): void {
  if (status === "Killed") tally.killed++;
  else if (status === "Timeout") tally.timeout++;
  else if (status === "Survived") tally.survived++;
  else if (status === "NoCoverage") tally.noCoverage++;
  else tally.other++;
}

/** Stryker's mutation score: detected (killed or timed out) over detected, survived and uncovered. */
export function score(t: Tally): number {
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  return valid === 0 ? 100 : (100 * detected) / valid;
}

/** The same over covered mutants only: how well the tests check the code they run. */
export function coveredScore(t: Tally): number {
  const detected = t.killed + t.timeout;
  return detected + t.survived === 0 ? 100 : (100 * detected) / (detected + t.survived);
}

function sum(tallies: Iterable<Tally>): Tally {
  const total: Tally = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  for (const t of tallies) for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  return total;
}

/**
 * The per-folder table, with a total row.
 * @example
 * scoreTable(report); // "| Folder | Killed | ... |\n| `src/kv` | 64 | ... | 92.9 % |\n| **All** | ..."
 */
export function scoreTable(report: MutationReport): string {
  const folders = [...tallyByFolder(report)].sort(([a], [b]) => a.localeCompare(b));
  const row = (name: string, t: Tally) =>
    `| ${name} | ${t.killed} | ${t.timeout} | ${t.survived} | ${t.noCoverage} | ${t.other} | ${score(t).toFixed(1)} % | ${coveredScore(t).toFixed(1)} % |`;
  return [
    "| Folder | Killed | Timeout | Survived | No coverage | Ignored | Score | Covered score |",
    "|---|--:|--:|--:|--:|--:|--:|--:|",
    ...folders.map(([name, t]) => row(`\`${name}\``, t)),
    row("**All**", sum(folders.map(([, t]) => t))),
  ].join("\n");
}

/** The text a location spans, on one line. */
function spanned(source: string, { start, end }: MutationReport["files"][string]["mutants"][number]["location"]): string {
  const lines = source.split("\n").slice(start.line - 1, end.line);
  if (lines.length === 0) return "";
  lines[lines.length - 1] = lines[lines.length - 1]!.slice(0, end.column - 1);
  lines[0] = lines[0]!.slice(start.column - 1);
  return lines.join("\n");
}

/** Inline code on one line, at most `max` characters. */
function code(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  if (!short.includes("`")) return `\`${short}\``;
  // A fence one backtick longer than the longest run inside.
  const fence = "`".repeat(Math.max(...(short.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  return `${fence} ${short} ${fence}`;
}

/** Every surviving and uncovered mutant, grouped by file: `file:line`, mutator, original → replacement. */
export function survivorList(report: MutationReport): string {
  const sections: string[] = [];
  for (const [path, file] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const left = file.mutants
      .filter((m) => m.status === "Survived" || m.status === "NoCoverage")
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    if (left.length === 0) continue;
    const items = left.map(
      (m) =>
        `- \`${path}:${m.location.start.line}\` ${m.mutatorName}${m.status === "NoCoverage" ? " (no coverage)" : ""}: ` +
        `${code(spanned(file.source, m.location))} → ${code(m.replacement ?? "?")}`,
    );
    sections.push(`### ${path} (${left.length})\n\n${items.join("\n")}`);
  }
  return sections.join("\n\n");
}
