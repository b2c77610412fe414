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
  /**
   * The p95 a verdict rests on: of the whole series, or, for a series timed as {@link REPEATS}
   * back-to-back repeats, the median of the repeats' p95s (one noisy repeat cannot decide it).
   */
  readonly p95: number;
  readonly runs: number;
  /** The p95 of each repeat, in order, when the series was timed as repeats. */
  readonly p95ByRepeat?: readonly number[];
}

/** How many times each latency series is timed, back to back. */
export const REPEATS = 3;

/**
 * p50/p95 of a series. A series of at least `REPEATS × 100` samples is read as `REPEATS`
 * consecutive repeats of equal length (the bench times them that way), each with its own p95.
 */
export function latencyOf(samples: readonly number[]): Latency {
  const p50 = round(percentile(samples, 50));
  if (samples.length < REPEATS * 100)
    return { p50, p95: round(percentile(samples, 95)), runs: samples.length };
  const size = Math.floor(samples.length / REPEATS);
  const p95ByRepeat = Array.from({ length: REPEATS }, (_, i) =>
    round(percentile(samples.slice(i * size, (i + 1) * size), 95)),
  );
  return { p50, p95: median(p95ByRepeat), runs: samples.length, p95ByRepeat };
}

/**
 * Several series timed together as repeats (e.g. recommend for visitors with a history and for cold
 * ones), joined repeat by repeat, so that {@link latencyOf} reads each repeat's samples together.
 * Each series must divide into `REPEATS` equal parts, as the bench times them.
 */
export function joinByRepeat(...series: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < REPEATS; r++)
    for (const s of series) {
      const size = s.length / REPEATS;
      out.push(...s.slice(r * size, (r + 1) * size));
    }
  return out;
}

/** `p95` with the repeats' spread when there is one: `1.9 ms (repeats 1.7 / 1.9 / 2.4)`. */
export function p95Text(l: Latency): string {
  return l.p95ByRepeat ? `${l.p95} ms (repeats ${l.p95ByRepeat.join(' / ')})` : `${l.p95} ms`;
}
