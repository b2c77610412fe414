/**
 * Coverage of the k-RR intervals on simulated populations. The true distribution is fixed (exact
 * counts); the mechanism uses the real CSPRNG, so the checks are statistical. Each 95 % interval
 * covers its cell with probability ≈ 0.95; over 800 (resp. 320) cells the observed share has a
 * standard deviation of ≈ 0.8 % (1.2 %), so the bounds [0.90, 0.995] sit ≥ 3.7 standard deviations
 * away and a correct estimator fails them less than once in several thousand runs. A half-width
 * 1.5× too narrow (coverage ≈ 0.82) fails the lower bound; one 2× too wide (coverage > 0.999) fails
 * the upper.
 */
import { describe, expect, it } from 'vitest';
import { krrEstimateWithInterval, krrPublishable } from './krr-interval';
import { accuracy, exactCounts, simulateKrr } from './simulate';

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 1];

function coverage(n: number, trials: number): { coverage: number; meanAbsError: number } {
  const truth = exactCounts(WEIGHTS, n);
  let covered = 0;
  let abs = 0;
  for (let t = 0; t < trials; t++) {
    const a = accuracy(simulateKrr(truth, 1), truth);
    covered += a.coverage;
    abs += a.meanAbsError;
  }
  return { coverage: covered / trials, meanAbsError: abs / trials };
}

describe('k-RR estimates with intervals', () => {
  it('covers the true counts at the stated 95 % for 1,000 clients', () => {
    const { coverage: c } = coverage(1000, 100);
    expect(c).toBeGreaterThanOrEqual(0.9);
    expect(c).toBeLessThanOrEqual(0.995);
  });

  it('covers the true counts at the stated 95 % for 100,000 clients', () => {
    const { coverage: c, meanAbsError } = coverage(100_000, 40);
    expect(c).toBeGreaterThanOrEqual(0.9);
    expect(c).toBeLessThanOrEqual(0.995);
    // The error shrinks like √n: about 1 % of the population per cell at ε = 1.
    expect(meanAbsError / 100_000).toBeLessThan(0.01);
  });

  it('states the variance n·π̂(1−π̂)/(p−q)²', () => {
    const counts = [500, 300, 200];
    const p = Math.E / (Math.E + 2);
    const q = (1 - p) / 2;
    const [first] = krrEstimateWithInterval(counts, 1);
    expect(first?.estimate).toBeCloseTo((500 - 1000 * q) / (p - q), 9);
    expect(first?.variance).toBeCloseTo((1000 * 0.5 * 0.5) / (p - q) ** 2, 9);
    expect(first?.halfWidth).toBeCloseTo(1.959964 * Math.sqrt(first?.variance ?? 0), 4);
  });

  it('publishes only well-supported categories', () => {
    // Category 2 is reported no more often than chance would give, so nothing is known about it;
    // category 1 clears the bar (z = Φ⁻¹(1 − 0.05/3) ≈ 2.13) by far.
    const counts = [6000, 3000, 1000];
    const published = krrPublishable(counts, 1).map((c) => c.index);
    expect(published).toEqual([0, 1]);
    expect(krrPublishable([10, 5], 1)).toEqual([]);
  });

  it('rejects bad input with a clear error', () => {
    expect(() => krrEstimateWithInterval([1, 2], 0)).toThrow(/epsilon must be a finite number > 0/);
    expect(() => krrEstimateWithInterval([1, 2], -0.5)).toThrow(RangeError);
    expect(() => krrEstimateWithInterval([5], 1)).toThrow(/at least 2 categories/);
    expect(() => krrEstimateWithInterval([1, -1], 1)).toThrow(/integers >= 0/);
    expect(() => krrEstimateWithInterval([1, 2], 1, 1.5)).toThrow(/confidence/);
    expect(() => simulateKrr([1, 1], 0)).toThrow(/epsilon/);
  });
});
