/** @module Small helpers every CLI shares: its arguments, progress on stderr, sizes, and failing with a clear message. */
import { type ParseArgsConfig, parseArgs } from "node:util";

const tty = process.stderr.isTTY;
let lastProgress = 0;

/** Prints a step. */
export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** Shows progress of a long step: a live line on a terminal, a line every few seconds otherwise. */
export function progress(stage: string, done: number, total?: number): void {
  const now = Date.now();
  const finished = total !== undefined && done >= total;
  if (!finished && now - lastProgress < (tty ? 100 : 5000)) return;
  lastProgress = now;
  const line = `  ${stage}: ${done.toLocaleString("en-US")}${total === undefined ? "" : ` / ${total.toLocaleString("en-US")}`}`;
  if (tty) process.stderr.write(`\r${line}${finished ? "\n" : ""}`);
  else process.stderr.write(`${line}\n`);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Prints an error and exits with status 1. */
export function fail(message: string): never {
  process.stderr.write(`✘ ${message}\n`);
  process.exit(1);
}

/**
 * `parseArgs`, failing with the message (and the usage, when given) on an unknown option, a missing value or a
 * stray argument instead of a stack trace.
 * @example
 * const { values } = parseCli({ options: { out: { type: "string" } } }, "Usage: npm run build -- [--out DIR]");
 * // npm run build -- seeds → "✘ Unexpected argument 'seeds'. This command does not take positional arguments" and the usage
 */
export function parseCli<T extends ParseArgsConfig>(config: T, usage?: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}${usage ? `\n${usage}` : ""}`);
  }
}
