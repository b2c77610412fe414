import { describe, expect, it } from 'vitest';
import { cryptoUniform, krrEncode, krrEstimate, krrKeepProbability } from './krr';

describe('k-ary randomized response', () => {
  it('draws uniforms in [0, 1) from the CSPRNG', () => {
    const xs = Array.from({ length: 20_000 }, cryptoUniform);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // sd of the mean ≈ 0.002
  });

  it('keeps the true value with probability e^ε/(e^ε+k−1) and respects the e^ε ratio', () => {
    const k = 5;
    const eps = 1;
    const n = 100_000;
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) counts[krrEncode(2, k, eps)]! += 1;
    const p = krrKeepProbability(k, eps);
    const q = (1 - p) / (k - 1);
    // 5 standard deviations of a binomial proportion.
    expect(Math.abs(counts[2]! / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    for (const v of [0, 1, 3, 4])
      expect(Math.abs(counts[v]! / n - q)).toBeLessThan(5 * Math.sqrt((q * (1 - q)) / n));
    expect(p / q).toBeCloseTo(Math.exp(eps), 10);
  });

  it('debiases counts back to the true distribution', () => {
    const truth = [0.5, 0.3, 0.2];
    const n = 60_000;
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const v = i < truth[0]! * n ? 0 : i < (truth[0]! + truth[1]!) * n ? 1 : 2;
      counts[krrEncode(v, 3, 2)]! += 1;
    }
    const est = krrEstimate(counts, 2).map((c) => c / n);
    for (const [i, f] of est.entries()) expect(Math.abs(f - truth[i]!)).toBeLessThan(0.02);
  });

  it('rejects out-of-range input', () => {
    expect(() => krrEncode(3, 3, 1)).toThrow(RangeError);
    expect(() => krrEncode(0, 1, 1)).toThrow(RangeError);
    expect(() => krrEncode(0, 3, 0)).toThrow(RangeError);
  });
});
