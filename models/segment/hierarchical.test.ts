import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../src/rng';
import { adjustedRandIndex } from './cluster-metrics';
import { cutDendrogram, fitWard, wardLinkage } from './hierarchical';
import type { Matrix } from './kmeans';
import { gaussianBlobs } from './test-blobs';

/** √(2·ΔSSE) of merging two groups of 1-D points: the Ward height in SciPy's convention. */
function wardHeight(a: readonly number[], b: readonly number[]): number {
  const mean = (v: readonly number[]) => v.reduce((s, t) => s + t, 0) / v.length;
  const delta = ((a.length * b.length) / (a.length + b.length)) * (mean(a) - mean(b)) ** 2;
  return Math.sqrt(2 * delta);
}

/** Brute-force Ward: recompute every pair's ΔSSE at every step (O(n³)), for cross-checking. */
function naiveWardHeights(x: Matrix): number[] {
  let groups = Array.from({ length: x.rows }, (_, i) => [i]);
  const d = x.cols;
  const heights: number[] = [];
  while (groups.length > 1) {
    let best = Number.POSITIVE_INFINITY;
    let pair: [number, number] = [0, 1];
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const ga = groups[a] as number[];
        const gb = groups[b] as number[];
        let sq = 0;
        for (let f = 0; f < d; f++) {
          const ma = ga.reduce((s, i) => s + (x.data[i * d + f] as number), 0) / ga.length;
          const mb = gb.reduce((s, i) => s + (x.data[i * d + f] as number), 0) / gb.length;
          sq += (ma - mb) ** 2;
        }
        const v = ((ga.length * gb.length) / (ga.length + gb.length)) * sq;
        if (v < best) {
          best = v;
          pair = [a, b];
        }
      }
    }
    heights.push(Math.sqrt(2 * best));
    const merged = [...(groups[pair[0]] as number[]), ...(groups[pair[1]] as number[])];
    groups = groups.filter((_, g) => g !== pair[0] && g !== pair[1]);
    groups.push(merged);
  }
  return heights;
}

describe('Ward linkage', () => {
  it('merges five points on a line in the hand-computed order and heights', () => {
    const tree = wardLinkage({ rows: 5, cols: 1, data: Float64Array.from([0, 1, 3, 7, 8.5]) });
    // {0,1} → 5, {7,8.5} → 6, {0,1} ∪ {3} → 7, then everything → 8.
    expect(Array.from(tree.left)).toEqual([0, 3, 2, 6]);
    expect(Array.from(tree.right)).toEqual([1, 4, 5, 7]);
    expect(Array.from(tree.sizes)).toEqual([2, 2, 3, 5]);
    const expected = [
      wardHeight([0], [1]),
      wardHeight([7], [8.5]),
      wardHeight([0, 1], [3]),
      wardHeight([0, 1, 3], [7, 8.5]),
    ];
    tree.heights.forEach((h, t) => {
      expect(h).toBeCloseTo(expected[t] as number, 12);
    });
    expect(Array.from(cutDendrogram(tree, 2))).toEqual([0, 0, 0, 1, 1]);
    expect(Array.from(cutDendrogram(tree, 3))).toEqual([0, 0, 1, 2, 2]);
    expect(Array.from(cutDendrogram(tree, 5))).toEqual([0, 1, 2, 3, 4]);
  });

  it('matches brute-force Ward and has non-decreasing heights', () => {
    const { x } = gaussianBlobs(
      [
        [0, 0],
        [3, 1],
        [1, 4],
      ],
      15,
      1,
      8,
    );
    const tree = wardLinkage(x);
    const naive = naiveWardHeights(x);
    tree.heights.forEach((h, t) => {
      expect(h).toBeCloseTo(naive[t] as number, 9);
    });
    for (let t = 1; t < tree.heights.length; t++) {
      expect(tree.heights[t]).toBeGreaterThanOrEqual(tree.heights[t - 1] as number);
    }
    expect(tree.sizes[tree.sizes.length - 1]).toBe(x.rows);
  });

  it('handles duplicated rows (zero-height merges) without breaking the tree', () => {
    const tree = wardLinkage({ rows: 6, cols: 1, data: Float64Array.from([2, 2, 2, 9, 9, 2]) });
    expect(Array.from(tree.heights.slice(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(cutDendrogram(tree, 2))).toEqual([0, 0, 0, 1, 1, 0]);
  });

  it('recovers well-separated blobs and labels every row from a sample', () => {
    const { x, truth } = gaussianBlobs(
      [
        [0, 0, 0],
        [8, 0, 0],
        [0, 8, 0],
        [0, 0, 8],
      ],
      60,
      1,
    );
    const full = fitWard(x, mulberry32(1), 1000);
    expect(adjustedRandIndex(full.cut(4).labels, truth)).toBeGreaterThanOrEqual(0.95);
    const sampled = fitWard(x, mulberry32(1), 100);
    expect(sampled.sample.length).toBe(100);
    const { labels, centroids } = sampled.cut(4);
    expect(labels.length).toBe(x.rows);
    expect(centroids.length).toBe(4 * 3);
    expect(adjustedRandIndex(labels, truth)).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects impossible cuts', () => {
    const tree = wardLinkage({ rows: 3, cols: 1, data: Float64Array.from([0, 1, 2]) });
    expect(() => cutDendrogram(tree, 4)).toThrow(/cannot cut 3 rows into 4 clusters/);
  });
});
