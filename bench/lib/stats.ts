/** @module Percentiles of measured samples, as every table of the report shows them. */

export interface Summary {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** The nearest-rank percentile `p` (0–100) of `values`; 0 for no values. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * p50, p99, max and mean, rounded to `digits` decimals.
 * @example
 * summarize([1, 2, 3, 100]); // { p50: 2, p99: 100, max: 100, mean: 26.5 }
 */
export function summarize(values: number[], digits = 3): Summary {
  const round = (n: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  const mean = values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  return { p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(Math.max(0, ...values)), mean: round(mean) };
}
