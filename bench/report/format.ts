/** @module How numbers read in the Markdown report. */

export function bytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1000 * 1000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)} KB`;
  if (n < 1000 ** 3) return `${(n / 1000 ** 2).toFixed(1)} MB`;
  return `${(n / 1000 ** 3).toFixed(2)} GB`;
}

export const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

export function ms(n: number): string {
  if (n >= 1000) return `${(n / 1000).toFixed(1)} s`;
  return `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)} ms`;
}

export const count = (n: number): string => n.toLocaleString("en-US");

export const times = (n: number): string => `${n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)}×`;

export const percent = (n: number): string => `${Math.round(n * 100)}%`;

/** A column of a table: its header and how a row fills its cell, side by side so that the two cannot drift apart. */
export type Column<T> = [header: string, cell: (row: T) => string];

/**
 * A Markdown table from its columns and rows.
 * @example
 * table([["corpus", (r) => r.label], ["articles", (r) => count(r.n)]], reports);
 */
export function table<T>(columns: Column<T>[], rows: T[]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(columns.map(([header]) => header)),
    line(columns.map(() => "---")),
    ...rows.map((row) => line(columns.map(([, cell]) => cell(row)))),
  ].join("\n");
}
