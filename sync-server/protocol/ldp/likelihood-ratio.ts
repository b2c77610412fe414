/**
 * Empirical check of the local-DP guarantee: run a mechanism many times on two inputs, tally each
 * output, and compare the observed ratio P(o | a)/P(o | b) with e^ε for every output.
 *
 * For an output seen c_a and c_b times in N runs each, log(ĉ_a/ĉ_b) has standard error
 * ≈ √(1/c_a + 1/c_b) (delta method on two independent binomial proportions; 0.5 is added to each
 * count so an output never seen under one input still yields a finite, large ratio). An output
 * violates the bound when its |log ratio| minus `sigmas` standard errors still exceeds ε.
 */

/** Outcome of comparing two output histograms. */
export interface RatioCheck {
  /** Largest observed |log P(o|a)/P(o|b)| over the compared outputs. */
  readonly maxLogRatio: number;
  /** Largest |log ratio| − sigmas·SE: above ε means a significant violation of e^ε. */
  readonly maxLowerBound: number;
  /** Outputs seen often enough to be compared. */
  readonly compared: number;
}

/**
 * Compares histograms `a` and `b` (index = output, value = times seen, same number of runs each).
 * Outputs seen fewer than `minCount` times under both inputs together are skipped as too noisy.
 */
export function compareOutputs(
  a: readonly number[],
  b: readonly number[],
  sigmas = 5,
  minCount = 100,
): RatioCheck {
  if (a.length !== b.length) throw new RangeError('histograms must cover the same outputs');
  let maxLogRatio = 0;
  let maxLowerBound = Number.NEGATIVE_INFINITY;
  let compared = 0;
  for (let o = 0; o < a.length; o++) {
    const ca = (a[o] ?? 0) + 0.5;
    const cb = (b[o] ?? 0) + 0.5;
    if (ca + cb - 1 < minCount) continue;
    compared += 1;
    const lr = Math.abs(Math.log(ca / cb));
    maxLogRatio = Math.max(maxLogRatio, lr);
    maxLowerBound = Math.max(maxLowerBound, lr - sigmas * Math.sqrt(1 / ca + 1 / cb));
  }
  return { maxLogRatio, maxLowerBound, compared };
}

/** Runs `encode` `runs` times and counts each output index in `[0, outputs)`. */
export function histogram(encode: () => number, outputs: number, runs: number): number[] {
  const h = new Array<number>(outputs).fill(0);
  for (let i = 0; i < runs; i++) {
    const o = encode();
    h[o] = (h[o] ?? 0) + 1;
  }
  return h;
}
