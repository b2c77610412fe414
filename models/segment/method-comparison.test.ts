import { describe, expect, it } from 'vitest';
import { chooseSegmentMethod, elbowK } from './method-choice';
import { compareSegmentMethods } from './method-comparison';
import { methodComparisonLines } from './method-comparison-markdown';
import { gaussianBlobs } from './test-blobs';

const CENTRES = [
  [0, 0, 0],
  [7, 0, 0],
  [0, 7, 0],
  [0, 0, 7],
];

describe('segment method comparison', () => {
  const { x } = gaussianBlobs(CENTRES, 40, 0.8, 5);
  const sample = Int32Array.from({ length: 120 }, (_, i) => i);
  // wardRows below the row count exercises the sample + nearest-centroid path.
  const options = { kMin: 2, kMax: 6, seed: 3, sample, resamples: 3, wardRows: 140 };
  const result = compareSegmentMethods(x, options);

  it('picks the true k for every method and finds them all stable', () => {
    expect(result.methods.map((m) => m.method)).toEqual(['kmeans++', 'gmm-diag', 'ward']);
    for (const m of result.methods) {
      expect(m.chosenK).toBe(4);
      expect(m.perK.map((r) => r.k)).toEqual([2, 3, 4, 5, 6]);
      expect(m.stability.values.length).toBe(3);
      expect(m.stability.mean).toBeGreaterThan(0.95);
      expect(m.chosen.smallestShare).toBeCloseTo(0.25, 1);
      expect(m.chosen.clusters).toBe(4);
    }
    const gmm = result.methods[1];
    expect(gmm?.bicK).toBe(4);
    expect(gmm?.chosen.meanMaxPosterior).toBeGreaterThan(0.99);
    expect(result.methods[0]?.perK[0]?.bic).toBeUndefined();
    expect(result.methods[2]?.fitRows).toBe(140);
    expect(result.methods[2]?.assignment).toMatch(/140 seeded rows/);
  });

  it('keeps the shipped method when the methods tie', () => {
    // Perfectly recovered blobs: every method scores the same, and the tie goes to k-means++.
    expect(result.choice.ship).toBe('kmeans++');
    expect(result.choice.winner).toBe('kmeans++');
  });

  it('is deterministic, rounded and serializable', () => {
    expect(compareSegmentMethods(x, options)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    for (const m of result.methods) {
      for (const r of m.perK) expect(Math.round(r.silhouette * 1e6) / 1e6).toBe(r.silhouette);
    }
  });

  it('renders markdown tables and the verdict', () => {
    const lines = methodComparisonLines(result);
    expect(lines[0]).toBe('### Segment method comparison');
    expect(lines.filter((l) => l.startsWith('| k |')).length).toBe(3);
    expect(lines.some((l) => l.startsWith('| k |') && l.includes('BIC'))).toBe(true);
    expect(lines.some((l) => l.startsWith('| gmm-diag | 4 |'))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^\*\*Winner: kmeans\+\+\.\*\* kmeans\+\+ is best on both/);
  });

  it('rejects a bad k range', () => {
    expect(() => compareSegmentMethods(x, { ...options, kMin: 1 })).toThrow(RangeError);
  });
});

describe('winner rule', () => {
  it('ships a method that is best on both stability and silhouette', () => {
    const c = chooseSegmentMethod([
      { method: 'kmeans++', silhouette: 0.23, stability: 0.97 },
      { method: 'gmm-diag', silhouette: 0.25, stability: 0.98 },
      { method: 'ward', silhouette: 0.2, stability: 0.9 },
    ]);
    expect(c.winner).toBe('gmm-diag');
    expect(c.ship).toBe('gmm-diag');
    expect(c.reason).toMatch(/ship gmm-diag instead of kmeans\+\+/);
  });

  it('keeps k-means++ on a split decision and says why', () => {
    const c = chooseSegmentMethod([
      { method: 'kmeans++', silhouette: 0.23, stability: 0.97 },
      { method: 'gmm-diag', silhouette: 0.25, stability: 0.9 },
      { method: 'ward', silhouette: 0.2, stability: 0.99 },
    ]);
    expect(c.winner).toBeNull();
    expect(c.ship).toBe('kmeans++');
    expect(c.bestStability).toEqual(['ward']);
    expect(c.bestSilhouette).toEqual(['gmm-diag']);
    expect(c.reason).toBe(
      'No method is best on both: stability is led by ward (0.990), silhouette by gmm-diag (0.250); kmeans++ stays.',
    );
  });

  it('counts ties at 6 decimals as best and prefers the shipped method among them', () => {
    const c = chooseSegmentMethod([
      { method: 'ward', silhouette: 0.3, stability: 0.95 },
      { method: 'kmeans++', silhouette: 0.3000000001, stability: 0.95 },
    ]);
    expect(c.bestSilhouette).toEqual(['ward', 'kmeans++']);
    expect(c.winner).toBe('kmeans++');
    const other = chooseSegmentMethod([
      { method: 'ward', silhouette: 0.3, stability: 0.95 },
      { method: 'gmm-diag', silhouette: 0.3, stability: 0.95 },
      { method: 'kmeans++', silhouette: 0.1, stability: 0.5 },
    ]);
    expect(other.winner).toBe('ward');
  });
});

describe('elbow k', () => {
  it('finds the knee of a bent inertia curve', () => {
    // Normalized gaps below the chord: 0, .425, .475, .3375, .175, 0 → k = 3.
    expect(elbowK([1, 2, 3, 4, 5, 6], [100, 50, 30, 25, 22, 20])).toBe(3);
  });

  it('falls back to the first k without a bend and rejects mismatched input', () => {
    expect(elbowK([3, 4, 5], [30, 20, 10])).toBe(3);
    expect(elbowK([3, 4, 5], [10, 10, 10])).toBe(3);
    expect(() => elbowK([3, 4], [1])).toThrow(RangeError);
  });
});
