/**
 * Normal-approximation confidence intervals shared by every LDP estimator. Each published cell
 * carries its estimate, the estimator's variance and the interval `estimate ± z·√variance`.
 */

/** One debiased cell (a category or an item) with its sampling uncertainty, in counts of devices. */
export interface CellEstimate {
  /** Unbiased estimate of how many devices hold this value; may be negative or exceed the total. */
  readonly estimate: number;
  /** Variance of {@link CellEstimate.estimate} under the mechanism's randomness. */
  readonly variance: number;
  /** `z·√variance` for the requested confidence. */
  readonly halfWidth: number;
  /** `estimate − halfWidth`. */
  readonly lower: number;
  /** `estimate + halfWidth`. */
  readonly upper: number;
}

/** The confidence level used when a caller does not choose one. */
export const DEFAULT_CONFIDENCE = 0.95;

// Acklam's rational approximation of the standard normal quantile; relative error below 1.2e-9,
// far finer than the normal approximation the intervals rest on.
const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
  2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];

function poly(coeffs: readonly number[], x: number): number {
  return coeffs.reduce((acc, c) => acc * x + c, 0);
}

/** Inverse of the standard normal CDF for `p` in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be in (0, 1), got ${p}`);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/** Two-sided critical value: 1.96 for 0.95, 2.576 for 0.99. */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  return normalQuantile(0.5 + confidence / 2);
}

/** Builds a cell from an estimate and its variance with the interval `estimate ± z·√variance`. */
export function normalInterval(estimate: number, variance: number, z: number): CellEstimate {
  const halfWidth = z * Math.sqrt(Math.max(0, variance));
  return { estimate, variance, halfWidth, lower: estimate - halfWidth, upper: estimate + halfWidth };
}

/** Throws unless `epsilon` is a finite number above zero. */
export function assertEpsilon(epsilon: number): void {
  if (!(Number.isFinite(epsilon) && epsilon > 0))
    throw new RangeError(`epsilon must be a finite number > 0, got ${epsilon}`);
}
