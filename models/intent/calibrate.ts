/**
 * Confidence calibration for the out-of-scope rule. Temperature scaling (Guo et al. 2017) fits one
 * scalar T on held-out logits so that softmax(z/T) is calibrated; then the threshold is the top
 * probability that accepts a target share (95%) of held-out in-scope messages. Neither benchmark has
 * out-of-scope examples, so the threshold is set by in-scope coverage rather than by OOS recall.
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
