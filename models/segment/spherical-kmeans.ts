/**
 * Spherical k-means for sparse unit vectors (TF-IDF of short titles): similarity is the cosine to a
 * unit-length centroid. Sparse because a title has ~4 words out of ~1,000, which makes a dense
 * Euclidean k-means two orders of magnitude slower for the same result.
 */
import { type Rng, randomInt } from '../src/rng';

/** One sparse row: column indices and values (unit length). */
export interface SparseRow {
  readonly cols: readonly number[];
  readonly values: readonly number[];
}

/** Unit-length centroids (k × dims, row-major) and each row's cluster. */
export interface SphericalResult {
  readonly centroids: Float64Array;
  readonly labels: Int32Array;
  /** Sum over rows of the cosine to their centroid (higher is better). */
  readonly cohesion: number;
}

function dot(row: SparseRow, centroids: Float64Array, c: number, dims: number): number {
  let s = 0;
  for (let j = 0; j < row.cols.length; j++)
    s += (row.values[j] as number) * (centroids[c * dims + (row.cols[j] as number)] as number);
  return s;
}

function setRow(centroids: Float64Array, c: number, dims: number, row: SparseRow): void {
  centroids.fill(0, c * dims, (c + 1) * dims);
  row.cols.forEach((col, j) => {
    centroids[c * dims + col] = row.values[j] as number;
  });
}

/** k-means++ seeding with distance 1 − cosine, then Lloyd steps; best of `restarts` by cohesion. */
export function sphericalKmeans(
  rows: readonly SparseRow[],
  dims: number,
  k: number,
  rng: Rng,
  restarts = 3,
  maxIterations = 50,
): SphericalResult {
  let best: SphericalResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(rows, dims, seed(rows, dims, k, rng), k, maxIterations);
    if (best === undefined || run.cohesion > best.cohesion) best = run;
  }
  return best as SphericalResult;
}

function seed(rows: readonly SparseRow[], dims: number, k: number, rng: Rng): Float64Array {
  const centroids = new Float64Array(k * dims);
  setRow(centroids, 0, dims, rows[randomInt(rng, rows.length)] as SparseRow);
  const far = new Float64Array(rows.length).fill(Number.POSITIVE_INFINITY);
  for (let c = 1; c < k; c++) {
    let total = 0;
    rows.forEach((row, i) => {
      far[i] = Math.min(far[i] as number, Math.max(0, 1 - dot(row, centroids, c - 1, dims)));
      total += far[i] as number;
    });
    let target = rng() * total;
    let pick = rows.length - 1;
    for (let i = 0; i < rows.length; i++) {
      target -= far[i] as number;
      if (target < 0) {
        pick = i;
        break;
      }
    }
    setRow(centroids, c, dims, rows[pick] as SparseRow);
  }
  return centroids;
}

function lloyd(
  rows: readonly SparseRow[],
  dims: number,
  centroids: Float64Array,
  k: number,
  maxIterations: number,
): SphericalResult {
  const labels = new Int32Array(rows.length).fill(-1);
  let cohesion = 0;
  for (let it = 0; it < maxIterations; it++) {
    let changed = 0;
    cohesion = 0;
    rows.forEach((row, i) => {
      let bestC = 0;
      let bestS = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const s = dot(row, centroids, c, dims);
        if (s > bestS) {
          bestS = s;
          bestC = c;
        }
      }
      if (labels[i] !== bestC) changed++;
      labels[i] = bestC;
      cohesion += bestS;
    });
    if (changed === 0) break;
    centroids.fill(0);
    rows.forEach((row, i) => {
      const base = (labels[i] as number) * dims;
      row.cols.forEach((col, j) => {
        centroids[base + col] = (centroids[base + col] as number) + (row.values[j] as number);
      });
    });
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += (centroids[c * dims + d] as number) ** 2;
      norm = Math.sqrt(norm);
      // An emptied cluster keeps a zero centroid and simply attracts nothing; k stays fixed.
      if (norm > 0)
        for (let d = 0; d < dims; d++) centroids[c * dims + d] = (centroids[c * dims + d] as number) / norm;
    }
  }
  return { centroids, labels, cohesion };
}
