import { describe, expect, it } from 'vitest';
import { normalInterval } from './interval';
import { DEFAULT_ALPHA, DEFAULT_K, isPublishable, publishable, thresholdZ } from './threshold';

describe('k-threshold', () => {
  it('defaults to k = 20 and a 5 % family-wise error', () => {
    expect(DEFAULT_K).toBe(20);
    expect(DEFAULT_ALPHA).toBe(0.05);
    expect(thresholdZ(1)).toBeCloseTo(1.644854, 5);
    expect(thresholdZ(1000)).toBeCloseTo(3.890592, 4); // Φ⁻¹(1 − 0.05/1000)
  });

  it('publishes a cell only when estimate − z·σ reaches k and the metric has k reports', () => {
    const z = 2;
    expect(isPublishable(normalInterval(100, 100, 1.96), 1000, z)).toBe(true); // 100 − 20 = 80
    expect(isPublishable(normalInterval(40, 100, 1.96), 1000, z)).toBe(true); // exactly 20
    expect(isPublishable(normalInterval(39, 100, 1.96), 1000, z)).toBe(false); // 19
    expect(isPublishable(normalInterval(50, 900, 1.96), 1000, z)).toBe(false); // above k, but 50 − 60 < k
    expect(isPublishable(normalInterval(100, 100, 1.96), 19, z)).toBe(false); // too few reports in total
    expect(isPublishable(normalInterval(39, 100, 1.96), 1000, z, 10)).toBe(true);
  });

  it('raises the bar with the number of cells', () => {
    const cell = normalInterval(60, 100, 1.96); // needs z ≤ 4 at k = 20
    expect(publishable([cell], 1000)).toHaveLength(1);
    const many = Array.from({ length: 100_000 }, () => normalInterval(0, 100, 1.96));
    many[0] = cell; // z = Φ⁻¹(1 − 5·10⁻⁷) ≈ 4.89 > 4
    expect(publishable(many, 1000)).toEqual([]);
  });

  it('returns the passing cells with their index, clipped to [0, total]', () => {
    const cells = [normalInterval(5, 100, 2), normalInterval(990, 100, 2), normalInterval(300, 100, 2)];
    expect(publishable(cells, 1000)).toEqual([
      { index: 1, estimate: 990, lower: 970, upper: 1000, halfWidth: 20 },
      { index: 2, estimate: 300, lower: 280, upper: 320, halfWidth: 20 },
    ]);
    expect(publishable(cells, 10)).toEqual([]);
    expect(publishable([], 10)).toEqual([]);
  });

  it('rejects a bad k, total or alpha', () => {
    const cell = normalInterval(100, 1, 2);
    expect(() => publishable([cell], 100, 0)).toThrow(/k must be an integer >= 1/);
    expect(() => isPublishable(cell, 100, 2, 2.5)).toThrow(RangeError);
    expect(() => publishable([cell], -1)).toThrow(/total must be an integer >= 0/);
    expect(() => publishable([cell], 100, 20, 0)).toThrow(/alpha must be in \(0, 1\)/);
    expect(() => thresholdZ(0)).toThrow(/cells/);
  });
});
