/**
 * Confidence calibration for the out-of-scope rule. Temperature scaling (Guo et al. 2017) fits one
 * scalar T on held-out logits so that softmax(z/T) is calibrated. Then the threshold follows one of two
 * rules: with held-out out-of-scope messages, the value that maximizes balanced accuracy (the mean of
 * in-scope acceptance and out-of-scope rejection, {@link pickBalancedThreshold}); without any, the top
 * probability that accepts a target share (95%) of held-out in-scope messages ({@link pickThreshold}).
 */
import { softmax } from './softmax-model';

/** Target share of in-scope validation messages accepted at the threshold. */
export const DEFAULT_ACCEPTANCE = 0.95;

/** Mean negative log-likelihood of softmax(z/T) over the rows. */
export function temperatureNll(logits: readonly Float64Array[], y: ArrayLike<number>, t: number): number {
  let nll = 0;
  logits.forEach((z, r) => {
    const p = softmax(z.map((v) => v / t));
    nll -= Math.log(Math.max(p[y[r] ?? 0] ?? 0, 1e-12));
  });
  return logits.length ? nll / logits.length : 0;
}

/**
 * The T in [0.05, 20] minimizing the NLL, by golden-section search on log T (the NLL is unimodal in
 * T for fixed logits). Deterministic; returns 1 when there are no rows.
 */
export function fitTemperature(logits: readonly Float64Array[], y: ArrayLike<number>): number {
  if (logits.length === 0) return 1;
  const f = (u: number): number => temperatureNll(logits, y, Math.exp(u));
  const g = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(0.05);
  let b = Math.log(20);
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  // Four significant digits: the manifest stays readable and nothing measurable changes.
  return Number(Math.exp((a + b) / 2).toPrecision(4));
}

/**
 * The rule: threshold = the ⌊(1 − acceptance)·n⌋-th smallest top probability (0-based) among n held-out
 * in-scope messages, rounded down to 4 decimals, so at least `acceptance` of them have a top probability
 * ≥ threshold. A message whose top probability is below it is out of scope. 0 when there are no rows.
 */
export function pickThreshold(topProbabilities: readonly number[], acceptance = DEFAULT_ACCEPTANCE): number {
  if (topProbabilities.length === 0) return 0;
  const sorted = [...topProbabilities].sort((p, q) => p - q);
  const k = Math.floor((1 - acceptance) * sorted.length);
  return Math.floor((sorted[k] ?? 0) * 1e4) / 1e4;
}

/** Share of `topProbabilities` at or above `threshold` (1 when empty). */
export function acceptedShare(topProbabilities: readonly number[], threshold: number): number {
  if (topProbabilities.length === 0) return 1;
  return topProbabilities.filter((p) => p >= threshold).length / topProbabilities.length;
}

/** Mean of the in-scope share at or above `threshold` and the out-of-scope share below it. */
export function balancedAccuracy(
  inScopeTop: readonly number[],
  outOfScopeTop: readonly number[],
  threshold: number,
): number {
  const rejected = outOfScopeTop.length
    ? outOfScopeTop.filter((p) => p < threshold).length / outOfScopeTop.length
    : 1;
  return (acceptedShare(inScopeTop, threshold) + rejected) / 2;
}

/** Grid of candidate thresholds: 4 decimals, like {@link pickThreshold}'s result. */
const GRID = 10_000;

/**
 * The rule when out-of-scope messages are at hand: the threshold on a 0.0001 grid that maximizes
 * {@link balancedAccuracy}; among equal maxima the lowest, so that an in-scope message is not turned
 * away for nothing. Balanced rather than plain accuracy, so the answer does not depend on how many
 * messages of each kind the validation happens to hold. 0 when either side is empty.
 */
export function pickBalancedThreshold(
  inScopeTop: readonly number[],
  outOfScopeTop: readonly number[],
): number {
  if (inScopeTop.length === 0 || outOfScopeTop.length === 0) return 0;
  const a = Float64Array.from(inScopeTop).sort();
  const b = Float64Array.from(outOfScopeTop).sort();
  let best = 0;
  let bestScore = -1;
  for (let k = 0; k <= GRID; k++) {
    const t = k / GRID;
    const accepted = 1 - countBelow(a, t) / a.length;
    const rejected = countBelow(b, t) / b.length;
    const score = (accepted + rejected) / 2;
    // Strictly better only: the earliest (lowest) threshold keeps a tie.
    if (score > bestScore + 1e-12) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/** How many values of the ascending `sorted` are below `t` (binary search). */
function countBelow(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
