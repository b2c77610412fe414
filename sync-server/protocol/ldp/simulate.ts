/**
 * Simulated populations for the LDP estimators: a known true distribution, every device encoded
 * through the real mechanism, and the accuracy of what the server recovers. Used by the tests and
 * by scripts/ldp-accuracy.ts so the published accuracy figures are reproducible.
 */
import { krrEncode, type Uniform } from '../krr';
import { type CmsParams, cmsEncode } from './cms';
import { cmsAdd, cmsEstimate, createCmsTally } from './cms-estimate';
import { createCryptoUniform } from './crypto-pool';
import type { CellEstimate } from './interval';
import { krrEstimateWithInterval } from './krr-interval';

/** Integer counts summing to `n` in proportion to `weights` (largest-remainder rounding). */
export function exactCounts(weights: readonly number[], n: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / total) * n);
  const counts = raw.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  return counts;
}

/** Zipf weights 1/r^s for ranks 1..size: a catalog where a few items are popular. */
export function zipfWeights(size: number, s = 1): number[] {
  return Array.from({ length: size }, (_, r) => 1 / (r + 1) ** s);
}

/** How well a set of estimates recovered the truth. */
export interface Accuracy {
  /** Mean of |estimate − truth| over cells, in devices. */
  readonly meanAbsError: number;
  /** Largest interval half-width over cells, in devices. */
  readonly maxHalfWidth: number;
  /** Share of cells whose interval contains the true count. */
  readonly coverage: number;
}

/** Compares estimates with the true counts cell by cell. */
export function accuracy(estimates: readonly CellEstimate[], truth: readonly number[]): Accuracy {
  let abs = 0;
  let maxHalfWidth = 0;
  let covered = 0;
  for (const [i, cell] of estimates.entries()) {
    const t = truth[i] ?? 0;
    abs += Math.abs(cell.estimate - t);
    maxHalfWidth = Math.max(maxHalfWidth, cell.halfWidth);
    if (cell.lower <= t && t <= cell.upper) covered += 1;
  }
  return { meanAbsError: abs / estimates.length, maxHalfWidth, coverage: covered / estimates.length };
}

/** Encodes `truth[v]` devices holding each value v with k-RR and returns the server's estimates. */
export function simulateKrr(
  truth: readonly number[],
  epsilon: number,
  uniform: Uniform = createCryptoUniform(),
): CellEstimate[] {
  const counts = new Array<number>(truth.length).fill(0);
  for (const [value, howMany] of truth.entries())
    for (let i = 0; i < howMany; i++) {
      const out = krrEncode(value, truth.length, epsilon, uniform);
      counts[out] = (counts[out] ?? 0) + 1;
    }
  return krrEstimateWithInterval(counts, epsilon);
}

/** Encodes `truth[i]` devices holding `items[i]` with the sketch and returns the server's estimates. */
export function simulateCms(
  items: readonly string[],
  truth: readonly number[],
  params: CmsParams,
  uniform: Uniform = createCryptoUniform(),
): CellEstimate[] {
  const tally = createCmsTally(params);
  for (const [i, item] of items.entries())
    for (let d = 0; d < (truth[i] ?? 0); d++) cmsAdd(tally, cmsEncode(item, params, uniform));
  return cmsEstimate(tally, items);
}
