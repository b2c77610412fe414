/**
 * The k-threshold: what the server may publish from debiased LDP estimates.
 *
 * Under local DP no report reveals its true value, so "how many devices contributed to this cell"
 * is never observed; only an estimate with a known variance is. The rule therefore asks for evidence.
 * For a metric with C cells, n reports, and family-wise error α (default 0.05), a cell is published
 * only when
 *   1. the metric holds at least k reports in total (n ≥ k), and
 *   2. f̂ − z·√Var[f̂] ≥ k, with the one-sided Bonferroni critical value z = Φ⁻¹(1 − α/C),
 * so the chance that any cell backed by fewer than k devices is published is at most α for the whole
 * metric (a per-cell 95 % bound alone would let ≈ 2.5 % of a large catalog's empty cells through).
 * Rule 2 implies the estimate exceeds its own 95 % half-width, so nothing indistinguishable from zero
 * is shown. Published numbers are clipped into [0, n] so the noise never shows as an impossible count;
 * the published interval is the cell's own (95 % by default).
 */
import { type CellEstimate, normalQuantile } from './interval';

/** Minimum number of contributing devices for a cell to be published. */
export const DEFAULT_K = 20;
/** Default family-wise probability of publishing any cell with fewer than k contributors. */
export const DEFAULT_ALPHA = 0.05;

/** A cell that passed the k-threshold, clipped to the feasible range. */
export interface PublishedCell {
  /** Position of the cell in the input (the category index or the item's position). */
  readonly index: number;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  readonly halfWidth: number;
}

function assertK(k: number): void {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be an integer >= 1, got ${k}`);
}

/** The one-sided critical value Φ⁻¹(1 − α/cells) that rule 2 uses. */
export function thresholdZ(cells: number, alpha: number = DEFAULT_ALPHA): number {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  if (!(Number.isInteger(cells) && cells >= 1))
    throw new RangeError(`cells must be an integer >= 1, got ${cells}`);
  return normalQuantile(1 - alpha / cells);
}

/** True when one cell passes rules 1 and 2 for critical value `z` (see {@link thresholdZ}). */
export function isPublishable(cell: CellEstimate, total: number, z: number, k: number = DEFAULT_K): boolean {
  assertK(k);
  return total >= k && cell.estimate - z * Math.sqrt(Math.max(0, cell.variance)) >= k;
}

/**
 * The cells of one metric that may be published, in input order, each clipped to [0, total].
 * `total` is the number of reports the metric received; `k` defaults to {@link DEFAULT_K} and `alpha`
 * (family-wise, over all the given cells) to {@link DEFAULT_ALPHA}.
 */
export function publishable(
  cells: readonly CellEstimate[],
  total: number,
  k: number = DEFAULT_K,
  alpha: number = DEFAULT_ALPHA,
): PublishedCell[] {
  assertK(k);
  if (!(Number.isInteger(total) && total >= 0))
    throw new RangeError(`total must be an integer >= 0, got ${total}`);
  if (cells.length === 0) return [];
  const z = thresholdZ(cells.length, alpha);
  const clip = (x: number) => Math.min(total, Math.max(0, x));
  const out: PublishedCell[] = [];
  for (const [index, cell] of cells.entries()) {
    if (!isPublishable(cell, total, z, k)) continue;
    out.push({
      index,
      estimate: clip(cell.estimate),
      lower: clip(cell.lower),
      upper: clip(cell.upper),
      halfWidth: cell.halfWidth,
    });
  }
  return out;
}
