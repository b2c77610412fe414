/**
 * The k-thresholded ratios the dashboard takes from one metric's debiased counts: the "yes" rate of
 * an (index, yes/no) pair metric, and shares among the cells that are not "none". Each ratio is the
 * quotient of debiased sums with its delta-method interval (../../protocol/ldp/significance.ts).
 */
import { type DebiasedCounts, ratioEstimate, sumCells } from '../../protocol/ldp/significance';
import { isPublishable, thresholdZ } from '../../protocol/ldp/threshold';
import { clip01, type Share } from './shares';

/**
 * The "yes" rate over the given indices of a pair metric (value = index · 2 + yes, as
 * `template_feedback`, `recommendation_ctr` and `experiment_conversion` encode it). The rate rests on
 * the reports about those indices, not on the "none" reports, so that denominator is what must pass
 * the k-threshold at critical value `z`.
 */
export function pairRate(d: DebiasedCounts, indices: readonly number[], z: number, k: number): Share | null {
  const yes = indices.map((i) => 2 * i + 1);
  const all = indices.flatMap((i) => [2 * i, 2 * i + 1]);
  const r = ratioEstimate(d, yes, all);
  return isPublishable(r.denominator, d.total, z, k) ? clip01(r) : null;
}

/** {@link pairRate} of each of the first `count` indices, Bonferroni-thresholded over them. */
export function pairRates(d: DebiasedCounts, count: number, k: number): (Share | null)[] {
  const z = thresholdZ(count);
  return Array.from({ length: count }, (_, i) => pairRate(d, [i], z, k));
}

/**
 * Shares of the first `count` cells among themselves, leaving out the one "none" cell after them
 * (the domain is `count` + 1). A share is shown when its own cell passes the k-threshold over the
 * whole domain: a share resting on a handful of devices would say something about those few.
 */
export function activeShares(d: DebiasedCounts, count: number, k: number): (Share | null)[] {
  const active = Array.from({ length: count }, (_, v) => v);
  const z = thresholdZ(count + 1);
  return active.map((v) =>
    isPublishable(sumCells(d, [v]), d.total, z, k) ? clip01(ratioEstimate(d, [v], active)) : null,
  );
}
