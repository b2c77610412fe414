/**
 * k-means++ initialisation and Lloyd iterations on a dense row-major matrix, Euclidean distance.
 * Several seeded restarts keep the lowest inertia, because a single run can settle in a poor local
 * optimum; with the same seed every step is reproducible.
 */

import { type Rng, randomInt } from '../src/rng';
import { SegmentError } from './errors';

/** Dense row-major matrix. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A fitted clustering. `centroids` is k × cols, row-major. */
export interface KMeansResult {
  readonly k: number;
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  /** Sum of squared distances of rows to their centroid. */
  readonly inertia: number;
  readonly iterations: number;
}

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Independent k-means++ starts; the lowest inertia wins. Default 4. */
  readonly restarts?: number;
  /** Lloyd iterations per start. Default 100. */
  readonly maxIterations?: number;
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (both `d` wide). */
export function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  const ai = i * d;
  const bj = j * d;
  for (let f = 0; f < d; f++) {
    const t = (a[ai + f] as number) - (b[bj + f] as number);
    s += t * t;
  }
  return s;
}

/** Selects rows of a matrix (e.g. a bootstrap resample). */
export function selectRows(x: Matrix, rows: ArrayLike<number>): Matrix {
  const data = new Float64Array(rows.length * x.cols);
  for (let r = 0; r < rows.length; r++) {
    const src = (rows[r] as number) * x.cols;
    data.set(x.data.subarray(src, src + x.cols), r * x.cols);
  }
  return { rows: rows.length, cols: x.cols, data };
}

/**
 * k-means++ seeding: the first centre uniformly, each next one with probability proportional to the
 * squared distance to the nearest centre chosen so far. Throws if there are fewer distinct rows than k.
 */
export function kmeansPlusPlus(x: Matrix, k: number, rng: Rng): Float64Array {
  const { rows: n, cols: d } = x;
  const centroids = new Float64Array(k * d);
  const first = randomInt(rng, n);
  centroids.set(x.data.subarray(first * d, first * d + d), 0);
  const nearest = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = Math.min(nearest[i] as number, sqDist(x.data, i, centroids, c - 1, d));
      nearest[i] = dist;
      total += dist;
    }
    if (!(total > 0)) {
      throw new SegmentError(
        'too_few_users',
        `only ${c} distinct feature vectors, cannot form ${k} segments`,
      );
    }
    let target = rng() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i] as number;
      if (target < 0) {
        pick = i;
        break;
      }
    }
    centroids.set(x.data.subarray(pick * d, pick * d + d), c * d);
  }
  return centroids;
}

/** Nearest centroid of each row (ties → lower index) and the resulting inertia. */
export function assignNearest(
  x: Matrix,
  centroids: Float64Array,
  k: number,
): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(x.rows);
  let inertia = 0;
  for (let i = 0; i < x.rows; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const dist = sqDist(x.data, i, centroids, c, x.cols);
      if (dist < bestD) {
        bestD = dist;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestD;
  }
  return { labels, inertia };
}

/** Lloyd's algorithm from k-means++ starts; see {@link KMeansOptions}. */
export function kmeans(x: Matrix, k: number, rng: Rng, options: KMeansOptions = {}): KMeansResult {
  if (!(Number.isInteger(k) && k >= 1 && k <= x.rows)) {
    throw new SegmentError('too_few_users', `cannot form ${k} clusters from ${x.rows} rows`);
  }
  const restarts = options.restarts ?? 4;
  const maxIterations = options.maxIterations ?? 100;
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(x, kmeansPlusPlus(x, k, rng), k, maxIterations);
    if (best === undefined || run.inertia < best.inertia) best = run;
  }
  return best as KMeansResult;
}

function lloyd(x: Matrix, start: Float64Array, k: number, maxIterations: number): KMeansResult {
  const { rows: n, cols: d } = x;
  const centroids = start;
  let { labels, inertia } = assignNearest(x, centroids, k);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    updateCentroids(x, labels, centroids, k);
    const next = assignNearest(x, centroids, k);
    let changed = 0;
    for (let i = 0; i < n; i++) if (next.labels[i] !== labels[i]) changed++;
    labels = next.labels;
    inertia = next.inertia;
    if (changed === 0) break;
  }
  // Means of the final assignment, so the centroids are exactly what the labels imply.
  updateCentroids(x, labels, centroids, k);
  inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDist(x.data, i, centroids, labels[i] as number, d);
  return { k, centroids, labels, inertia, iterations };
}

function updateCentroids(x: Matrix, labels: Int32Array, centroids: Float64Array, k: number): void {
  const { rows: n, cols: d } = x;
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    for (let f = 0; f < d; f++) sums[c * d + f] = (sums[c * d + f] as number) + (x.data[i * d + f] as number);
  }
  for (let c = 0; c < k; c++) {
    const m = counts[c] as number;
    if (m > 0) {
      for (let f = 0; f < d; f++) centroids[c * d + f] = (sums[c * d + f] as number) / m;
      continue;
    }
    // An empty cluster restarts at the row farthest from its own centroid: it is the worst-served one.
    let far = 0;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      const dist = sqDist(x.data, i, centroids, labels[i] as number, d);
      if (dist > farD) {
        farD = dist;
        far = i;
      }
    }
    centroids.set(x.data.subarray(far * d, far * d + d), c * d);
    labels[far] = c;
  }
}
