import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/rng';
import { adjustedRandIndex } from './cluster-metrics';
import { fitGmm, gmmPosterior } from './gmm';
import { gaussianBlobs } from './test-blobs';

const CENTRES = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
];

describe('diagonal Gaussian mixture', () => {
  const { x, truth } = gaussianBlobs(CENTRES, 60, 1);
  const fit = fitGmm(x, 4, mulberry32(11));

  it('recovers well-separated blobs', () => {
    expect(adjustedRandIndex(fit.labels, truth)).toBeGreaterThanOrEqual(0.95);
    expect(fit.converged).toBe(true);
    expect(fit.meanMaxPosterior).toBeGreaterThan(0.99);
    // Each blob's variance is 1 per feature; the fitted ones should be close.
    for (const v of fit.variances) expect(v).toBeGreaterThan(0.5);
    for (const v of fit.variances) expect(v).toBeLessThan(1.6);
    expect(Array.from(fit.weights).reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
  });

  it('gives membership shares that sum to 1 and favour the nearest blob', () => {
    for (const row of [
      [0, 0, 0],
      [4, 4, 0],
      [100, -50, 3],
      [8.2, 0.1, -0.3],
    ]) {
      const p = fit.posterior(row);
      expect(p.length).toBe(4);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      for (const v of p) expect(Number.isFinite(v)).toBe(true);
    }
    const near = fit.posterior([8.2, 0.1, -0.3]);
    const blob = fit.labels[1] as number; // row 1 was drawn around (8, 0, 0)
    expect(near[blob]).toBeGreaterThan(0.99);
    expect(Array.from(gmmPosterior(fit, [8.2, 0.1, -0.3]))).toEqual(Array.from(near));
    expect(() => gmmPosterior(fit, [1, 2])).toThrow(RangeError);
  });

  it('prefers the true number of components by BIC', () => {
    const bic = [2, 3, 4, 5, 6].map((k) => fitGmm(x, k, mulberry32(5)).bic);
    expect(bic.indexOf(Math.min(...bic)) + 2).toBe(4);
  });

  it('floors the variance of a component sitting on duplicated rows', () => {
    const rows = 40;
    const data = new Float64Array(rows * 2);
    const rng = mulberry32(2);
    // 20 copies of (5, 5) and 20 scattered rows around the origin.
    for (let i = 0; i < rows; i++) {
      data[2 * i] = i < 20 ? 5 : rng() - 0.5;
      data[2 * i + 1] = i < 20 ? 5 : rng() - 0.5;
    }
    const dup = fitGmm({ rows, cols: 2, data }, 2, mulberry32(1), { varianceFloor: 1e-3 });
    const c = dup.labels[0] as number;
    expect(dup.variances[2 * c]).toBeCloseTo(dup.floor[0] as number, 15);
    expect(dup.variances[2 * c + 1]).toBeCloseTo(dup.floor[1] as number, 15);
    expect(dup.floor[0]).toBeGreaterThan(0);
    expect(Number.isFinite(dup.logLikelihood)).toBe(true);
    expect(
      adjustedRandIndex(
        dup.labels,
        Int32Array.from({ length: rows }, (_, i) => (i < 20 ? 0 : 1)),
      ),
    ).toBe(1);
  });

  it('is identical for the same seed', () => {
    const a = fitGmm(x, 3, mulberry32(9));
    const b = fitGmm(x, 3, mulberry32(9));
    expect(Array.from(a.means)).toEqual(Array.from(b.means));
    expect(Array.from(a.variances)).toEqual(Array.from(b.variances));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.logLikelihood).toBe(b.logLikelihood);
  });
});
