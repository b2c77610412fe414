/**
 * Summary statistics for timing samples. Nearest-rank percentiles: with a few hundred samples they
 * are exact sample values, which is what a reader comparing two runs expects to see.
 */

/** The p-th percentile (0–100) of `samples` by nearest rank. Throws on an empty list. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The median. */
export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds to `digits` decimals, so the JSON stays readable without pretending to more precision. */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** p50/p95 of a series, in ms. */
export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly runs: number;
}
