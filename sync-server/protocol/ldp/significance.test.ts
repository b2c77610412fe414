import { describe, expect, it } from 'vitest';
import { krrEncode, type Uniform } from '../krr';
import { conversionDomain, conversionValue } from '../metrics';
import { createCryptoUniform } from './crypto-pool';
import { normalQuantile } from './interval';
import {
  analyzeConversion,
  chiSquareP,
  debiasWithCovariance,
  ratioEstimate,
  twoSidedP,
} from './significance';

const uniform: Uniform = createCryptoUniform();

/** `devices` devices split evenly over arms, each converting with its arm's rate, through real k-RR. */
function simulate(rates: readonly number[], devices: number, epsilon: number): number[] {
  const domain = conversionDomain(rates.length);
  const counts = new Array<number>(domain).fill(0);
  for (let i = 0; i < devices; i++) {
    const variant = i % rates.length;
    const converted = uniform() < (rates[variant] ?? 0);
    const out = krrEncode(conversionValue(variant, converted), domain, epsilon, uniform);
    counts[out] = (counts[out] ?? 0) + 1;
  }
  return counts;
}

/** The textbook pooled two-proportion z-test on the debiased counts, as if they were exact. */
function naiveZ(counts: readonly number[], epsilon: number): number {
  const d = debiasWithCovariance([{ epsilon, counts }]);
  const [u0 = 0, c0 = 0, u1 = 0, c1 = 0] = d.estimate;
  const n0 = u0 + c0;
  const n1 = u1 + c1;
  const pooled = (c0 + c1) / (n0 + n1);
  return (c1 / n1 - c0 / n0) / Math.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1));
}

/** Largest count a Binomial(n, p) exceeds with probability ≈ 1e-4: a seed-independent tolerance. */
const upperTail = (n: number, p: number) => n * p + 3.72 * Math.sqrt(n * p * (1 - p));
const lowerTail = (n: number, p: number) => n * p - 3.72 * Math.sqrt(n * p * (1 - p));

describe('special functions', () => {
  it('gives the familiar critical values', () => {
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(0)).toBeCloseTo(1, 12);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(chiSquareP(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareP(5.991465, 2)).toBeCloseTo(0.05, 6);
    expect(chiSquareP(21.66599, 9)).toBeCloseTo(0.01, 6);
    expect(chiSquareP(40, 3)).toBeLessThan(1e-7);
  });
});

describe('ratioEstimate', () => {
  it('is exact without noise in the limit and has a positive delta-method variance', () => {
    const d = debiasWithCovariance([{ epsilon: 1, counts: [500, 300, 400, 300] }]);
    const r = ratioEstimate(d, [1], [0, 1]);
    expect(r.estimate).toBeCloseTo((d.estimate[1] ?? 0) / ((d.estimate[0] ?? 0) + (d.estimate[1] ?? 0)), 12);
    expect(r.variance).toBeGreaterThan(0);
    expect(r.denominator.estimate).toBeCloseTo((d.estimate[0] ?? 0) + (d.estimate[1] ?? 0), 9);
  });
});

describe('analyzeConversion', () => {
  const RUNS = 400;
  const DEVICES = 2000;
  const EPSILON = 1;

  it('keeps the false-positive rate at alpha under LDP noise, where the naive test does not', () => {
    let ldpRejects = 0;
    let naiveRejects = 0;
    let covered = 0;
    for (let run = 0; run < RUNS; run++) {
      const counts = simulate([0.3, 0.3], DEVICES, EPSILON);
      const a = analyzeConversion([{ epsilon: EPSILON, counts }]);
      const cmp = a.comparisons[0];
      if ((cmp?.p ?? 1) < 0.05) ldpRejects += 1;
      if (Math.abs(naiveZ(counts, EPSILON)) > 1.959964) naiveRejects += 1;
      const rate = a.variants[0]?.rate;
      if (rate && rate.lower <= 0.3 && 0.3 <= rate.upper) covered += 1;
    }
    console.info(
      `[significance] ${RUNS} A/A experiments, ${DEVICES} devices, eps ${EPSILON}: LDP-aware FPR ${ldpRejects / RUNS}, naive FPR ${naiveRejects / RUNS}, rate CI coverage ${covered / RUNS}`,
    );
    expect(ldpRejects).toBeLessThanOrEqual(upperTail(RUNS, 0.05));
    expect(ldpRejects).toBeGreaterThanOrEqual(lowerTail(RUNS, 0.05));
    // The delta-method interval of a ratio is approximate, so its coverage is held to 93 %, not 95 %.
    expect(covered).toBeGreaterThanOrEqual(lowerTail(RUNS, 0.93));
    // Ignoring the randomized-response variance rejects a true null far more often than 5 %.
    expect(naiveRejects).toBeGreaterThan(upperTail(RUNS, 0.05) * 3);
  });

  it('detects a large true difference, with the difference inside its interval', () => {
    const counts = simulate([0.2, 0.5], 20_000, EPSILON);
    const a = analyzeConversion([{ epsilon: EPSILON, counts }]);
    const cmp = a.comparisons[0];
    expect(cmp?.p).toBeLessThan(1e-6);
    expect(cmp?.z).toBeGreaterThan(0);
    // Five standard errors: a tolerance no seed breaks in practice.
    const se = Math.sqrt(cmp?.difference.variance ?? Number.NaN);
    expect(Math.abs((cmp?.difference.estimate ?? 0) - 0.3)).toBeLessThan(5 * se);
    expect(a.chiSquare.df).toBe(1);
    // With two arms the Wald chi-square is the z-test squared.
    expect(a.chiSquare.statistic).toBeCloseTo((cmp?.z ?? 0) ** 2, 6);
    expect(a.total).toBe(20_000);
  });

  it('tests several arms jointly at the nominal level', () => {
    const runs = 200;
    let rejects = 0;
    for (let run = 0; run < runs; run++) {
      const counts = simulate([0.4, 0.4, 0.4], 3000, 2);
      if (analyzeConversion([{ epsilon: 2, counts }]).chiSquare.p < 0.05) rejects += 1;
    }
    expect(rejects).toBeLessThanOrEqual(upperTail(runs, 0.05));
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });
});
