import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, daviesBouldin, silhouette } from './cluster-metrics';

// Four points on a line: {0, 1} and {4, 5}.
const line = { rows: 4, cols: 1, data: Float64Array.from([0, 1, 4, 5]) };
const labels = [0, 0, 1, 1];

describe('silhouette', () => {
  it('matches the hand computation', () => {
    // s(0) = (4.5 − 1)/4.5 = 7/9, s(1) = (3.5 − 1)/3.5 = 5/7; symmetric for the other cluster.
    expect(silhouette(line, labels, 2)).toBeCloseTo((7 / 9 + 5 / 7) / 2, 12);
  });

  it('scores a singleton 0 and a sample with its own distances', () => {
    // {0, 1, 4} and {5}: s = 2.5/5, 2/4, (1 − 3.5)/3.5 and 0 for the singleton.
    expect(silhouette(line, [0, 0, 0, 1], 2)).toBeCloseTo((0.5 + 0.5 - 2.5 / 3.5) / 4, 12);
    expect(silhouette(line, labels, 2, [0, 2])).toBe(0); // each sampled point is alone in its cluster
  });
});

describe('Davies–Bouldin', () => {
  it('matches the hand computation', () => {
    // Spreads 0.5 and 0.5, centroids 0.5 and 4.5: (0.5 + 0.5) / 4.
    expect(daviesBouldin(line, labels, Float64Array.from([0.5, 4.5]), 2)).toBeCloseTo(0.25, 12);
  });
});

describe('adjusted Rand index', () => {
  it('is 1 for identical partitions and for a relabeling', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [0, 0, 1, 1, 2])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [2, 2, 0, 0, 1])).toBe(1);
  });

  it('matches the textbook example', () => {
    // Contingency [[2,1,0],[0,1,2]]: index 2, expected 6·3/15 = 1.2, max 4.5 → 0.8 / 3.3.
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.8 / 3.3, 12);
  });

  it('is about 0 for unrelated partitions and rejects different lengths', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(RangeError);
  });
});
