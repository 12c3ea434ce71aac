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
  // `--help` (or `-h`) of a command that does not read it itself: its usage, or its options, and nothing else done.
  const options = config.options ?? {};
  const argv = config.args ?? process.argv.slice(2);
  const ownHelp = "help" in options || Object.values(options).some((o) => o.short === "h");
  if (!ownHelp && argv.some((a) => a === "--help" || a === "-h")) {
    say(usage ?? optionsUsage(options));
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}${usage ? `\n${usage}` : ""}`);
  }
}

/**
 * The options a command takes, one a line with its default, for `--help` of a command without a usage text.
 * @example
 * optionsUsage({ bundle: { type: "string", default: "dist/bundle" }, stats: { type: "boolean" } });
 * // "Options:\n  --bundle VALUE  (default: dist/bundle)\n  --stats"
 */
export function optionsUsage(options: NonNullable<ParseArgsConfig["options"]>): string {
  const flags = Object.entries(options).map(([name, o]) => ({
    flag: `--${name}${o.type === "string" ? " VALUE" : ""}${o.multiple ? " (repeatable)" : ""}`,
    fallback: o.default === undefined || o.default === false ? "" : `(default: ${String(o.default)})`,
  }));
  const width = Math.max(0, ...flags.map(({ flag }) => flag.length)) + 2;
  const lines = flags.map(({ flag, fallback }) => `  ${fallback ? `${flag.padEnd(width)}${fallback}` : flag}`);
  return lines.length > 0 ? `Options:\n${lines.join("\n")}` : "This command takes no options.";
}
