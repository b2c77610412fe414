/**
 * Cluster quality measures: silhouette (cohesion vs separation, higher is better, −1..1),
 * Davies–Bouldin (spread vs centroid distance, lower is better, ≥ 0) and the adjusted Rand index
 * (agreement of two partitions corrected for chance, 1 = identical up to relabeling).
 */
import { type Matrix, sqDist } from './kmeans';

/** Euclidean distances between the sampled rows, m × m row-major (float32: 3000 rows → 36 MB). */
export function pairwiseDistances(x: Matrix, sample: ArrayLike<number>): Float32Array {
  const m = sample.length;
  const out = new Float32Array(m * m);
  for (let s = 0; s < m; s++) {
    for (let t = s + 1; t < m; t++) {
      const v = Math.sqrt(sqDist(x.data, sample[s] as number, x.data, sample[t] as number, x.cols));
      out[s * m + t] = v;
      out[t * m + s] = v;
    }
  }
  return out;
}

/**
 * Mean silhouette of m rows given their pairwise distances and labels (`labels[s]` for sample row s).
 * Rows alone in their cluster score 0.
 */
export function silhouetteFromDistances(dist: Float32Array, labels: ArrayLike<number>, k: number): number {
  const m = labels.length;
  if (m < 2) return 0;
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  for (let s = 0; s < m; s++) {
    const c = labels[s] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  let total = 0;
  for (let s = 0; s < m; s++) {
    const own = labels[s] as number;
    sums.fill(0);
    for (let t = 0; t < m; t++) {
      const c = labels[t] as number;
      sums[c] = (sums[c] as number) + (dist[s * m + t] as number);
    }
    const ownCount = (counts[own] as number) - 1;
    if (ownCount === 0) continue;
    const a = (sums[own] as number) / ownCount;
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c === own || counts[c] === 0) continue;
      b = Math.min(b, (sums[c] as number) / (counts[c] as number));
    }
    if (Number.isFinite(b) && Math.max(a, b) > 0) total += (b - a) / Math.max(a, b);
  }
  return total / m;
}

/**
 * Mean silhouette over the rows in `sample` (default: all rows), with distances to the other sampled
 * rows only — the usual subsampled estimate.
 */
export function silhouette(
  x: Matrix,
  labels: ArrayLike<number>,
  k: number,
  sample?: ArrayLike<number>,
): number {
  const idx = sample ?? Int32Array.from({ length: x.rows }, (_, i) => i);
  const sampled = Int32Array.from({ length: idx.length }, (_, s) => labels[idx[s] as number] as number);
  return silhouetteFromDistances(pairwiseDistances(x, idx), sampled, k);
}

/**
 * Davies–Bouldin index: mean over clusters of the worst (S_i + S_j) / ‖c_i − c_j‖, where S is the
 * mean distance of a cluster's rows to its centroid. Empty clusters are skipped.
 */
export function daviesBouldin(
  x: Matrix,
  labels: ArrayLike<number>,
  centroids: Float64Array,
  k: number,
): number {
  const spread = new Float64Array(k);
  const counts = new Int32Array(k);
  for (let i = 0; i < x.rows; i++) {
    const c = labels[i] as number;
    spread[c] = (spread[c] as number) + Math.sqrt(sqDist(x.data, i, centroids, c, x.cols));
    counts[c] = (counts[c] as number) + 1;
  }
  const live: number[] = [];
  for (let c = 0; c < k; c++) {
    if ((counts[c] as number) > 0) {
      spread[c] = (spread[c] as number) / (counts[c] as number);
      live.push(c);
    }
  }
  if (live.length < 2) return 0;
  let total = 0;
  for (const i of live) {
    let worst = 0;
    for (const j of live) {
      if (i === j) continue;
      const sep = Math.sqrt(sqDist(centroids, i, centroids, j, x.cols));
      const r = sep > 0 ? ((spread[i] as number) + (spread[j] as number)) / sep : Number.POSITIVE_INFINITY;
      worst = Math.max(worst, r);
    }
    total += worst;
  }
  return total / live.length;
}

/** Adjusted Rand index of two labelings of the same items (Hubert & Arabie 1985). */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`labelings differ in length: ${a.length} vs ${b.length}`);
  const n = a.length;
  const pairs = (m: number): number => (m * (m - 1)) / 2;
  const cells = new Map<string, number>();
  const rowsA = new Map<number, number>();
  const colsB = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    const key = `${x},${y}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rowsA.set(x, (rowsA.get(x) ?? 0) + 1);
    colsB.set(y, (colsB.get(y) ?? 0) + 1);
  }
  let index = 0;
  for (const m of cells.values()) index += pairs(m);
  let sumA = 0;
  for (const m of rowsA.values()) sumA += pairs(m);
  let sumB = 0;
  for (const m of colsB.values()) sumB += pairs(m);
  const expected = pairs(n) > 0 ? (sumA * sumB) / pairs(n) : 0;
  const max = (sumA + sumB) / 2;
  // Both partitions trivial (all one cluster, or all singletons): they agree perfectly.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
