/**
 * Server-side k-RR estimator with a variance and a confidence interval per category.
 *
 * With n reports over k categories, keep probability p = e^ε/(e^ε+k−1) and q = (1−p)/(k−1), the
 * count c_v of reports equal to v is Binomial(n, π_v) with π_v = q + (p−q)·f_v/n, so
 *   f̂_v = (c_v − n·q)/(p − q)                    (unbiased for the true count f_v)
 *   Var[f̂_v] = n·π_v·(1 − π_v)/(p − q)²          (estimated with π̂_v = c_v/n)
 *   CI = f̂_v ± z·√Var,   z = 1.96 at 95 %.
 */
import { krrEstimate, krrKeepProbability } from '../krr';
import {
  assertEpsilon,
  type CellEstimate,
  DEFAULT_CONFIDENCE,
  normalInterval,
  zForConfidence,
} from './interval';
import { type PublishedCell, publishable } from './threshold';

/** Debiased counts for every category of a k-RR metric, with variances and intervals. */
export function krrEstimateWithInterval(
  counts: readonly number[],
  epsilon: number,
  confidence: number = DEFAULT_CONFIDENCE,
): CellEstimate[] {
  assertEpsilon(epsilon);
  if (counts.length < 2) throw new RangeError(`domain must have at least 2 categories, got ${counts.length}`);
  for (const c of counts)
    if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`counts must be integers >= 0, got ${c}`);
  const z = zForConfidence(confidence);
  const k = counts.length;
  const n = counts.reduce((a, b) => a + b, 0);
  const p = krrKeepProbability(k, epsilon);
  const q = (1 - p) / (k - 1);
  const estimates = krrEstimate(counts, epsilon);
  return counts.map((c, v) => {
    const pi = n === 0 ? 0 : c / n;
    return normalInterval(estimates[v] ?? 0, (n * pi * (1 - pi)) / (p - q) ** 2, z);
  });
}

/** The categories of a k-RR metric that pass the k-threshold (see ./threshold.ts). */
export function krrPublishable(
  counts: readonly number[],
  epsilon: number,
  k?: number,
  alpha?: number,
  confidence: number = DEFAULT_CONFIDENCE,
): PublishedCell[] {
  const total = counts.reduce((a, b) => a + b, 0);
  return publishable(krrEstimateWithInterval(counts, epsilon, confidence), total, k, alpha);
}
