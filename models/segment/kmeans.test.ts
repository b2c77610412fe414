import { describe, expect, it } from 'vitest';
import { mulberry32, sampleWithoutReplacement } from '../src/rng';
import { SegmentError } from './errors';
import { assignNearest, kmeans, kmeansPlusPlus } from './kmeans';

// Two tight blobs around (0, 0) and (10, 10).
const blobs = {
  rows: 6,
  cols: 2,
  data: Float64Array.from([0, 0, 1, 0, 0, 1, 10, 10, 11, 10, 10, 11]),
};

describe('k-means++', () => {
  it('finds two obvious blobs with the exact means and inertia', () => {
    const fit = kmeans(blobs, 2, mulberry32(1));
    const a = fit.labels[0];
    expect(Array.from(fit.labels)).toEqual([a, a, a, 1 - (a ?? 0), 1 - (a ?? 0), 1 - (a ?? 0)]);
    const c = Array.from(fit.centroids).map((v) => Math.round(v * 1e9) / 1e9);
    expect(c.slice((a ?? 0) * 2, (a ?? 0) * 2 + 2)).toEqual(
      [1 / 3, 1 / 3].map((v) => Math.round(v * 1e9) / 1e9),
    );
    // Each blob: squared distances to (1/3, 1/3) are 2/9 + 5/9 + 5/9 = 4/3.
    expect(fit.inertia).toBeCloseTo(8 / 3, 12);
  });

  it('is deterministic for a seed', () => {
    const a = kmeansPlusPlus(blobs, 2, mulberry32(5));
    const b = kmeansPlusPlus(blobs, 2, mulberry32(5));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('assigns ties to the lower index', () => {
    const x = { rows: 1, cols: 1, data: Float64Array.from([5]) };
    expect(assignNearest(x, Float64Array.from([4, 6]), 2).labels[0]).toBe(0);
  });

  it('throws a typed error when there are fewer distinct rows than k', () => {
    const same = { rows: 4, cols: 1, data: Float64Array.from([2, 2, 2, 2]) };
    expect(() => kmeans(same, 2, mulberry32(1))).toThrow(SegmentError);
    expect(() => kmeans(blobs, 7, mulberry32(1))).toThrow(/cannot form 7 clusters/);
  });

  it('samples distinct indices', () => {
    const s = sampleWithoutReplacement(100, 10, mulberry32(3));
    expect(new Set(s).size).toBe(10);
    expect(Array.from(sampleWithoutReplacement(3, 10, mulberry32(3)))).toEqual([0, 1, 2]);
  });
});
