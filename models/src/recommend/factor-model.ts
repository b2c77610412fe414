/**
 * The form every recommender takes in the graph: scores = x·F₁(·F₂) + β·popularity, seen items
 * masked. One factor is a dense item-item matrix (item-kNN's S, or EASE's B); two factors are a
 * low-rank B ≈ L·R, which is what ships (N·r·2 weights instead of N²).
 */
import type { ItemKnnModel } from '../item-knn';
import type { TruncatedSvd } from './svd';

/** A row-major float32 matrix. */
export interface Factor {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array;
}

/** A recommender over an N-item catalog. The factors' product is N×N. */
export interface FactorModel {
  /** Number of catalog items N. */
  readonly size: number;
  /** One (N×N) or two (N×r, r×N) matrices multiplied in order. */
  readonly factors: readonly Factor[];
  /** Distinct users per item, scaled so the most popular item is 1. */
  readonly popularity: Float32Array;
}

/** The item-kNN model as a one-factor model. */
export function fromItemKnn(m: ItemKnnModel): FactorModel {
  return {
    size: m.size,
    factors: [{ rows: m.size, cols: m.size, data: m.similarity }],
    popularity: m.popularity,
  };
}

/** A dense float64 item-item matrix as a one-factor model. */
export function denseModel(weights: Float64Array, n: number, popularity: Float32Array): FactorModel {
  return { size: n, factors: [{ rows: n, cols: n, data: Float32Array.from(weights) }], popularity };
}

/**
 * The two-factor model from a truncated SVD: L = U·√Σ, R = √Σ·Vᵀ. Splitting Σ evenly keeps both
 * factors on the same scale, which is what lets each be quantized to 8 bits with little loss.
 */
export function lowRankModel(svd: TruncatedSvd, popularity: Float32Array): FactorModel {
  const n = svd.u.rows;
  const r = svd.s.length;
  const left = new Float32Array(n * r);
  const right = new Float32Array(r * n);
  for (let q = 0; q < r; q++) {
    const root = Math.sqrt(svd.s[q] as number);
    for (let i = 0; i < n; i++) {
      left[i * r + q] = (svd.u.data[i * r + q] as number) * root;
      right[q * n + i] = (svd.v.data[i * r + q] as number) * root;
    }
  }
  return {
    size: n,
    factors: [
      { rows: n, cols: r, data: left },
      { rows: r, cols: n, data: right },
    ],
    popularity,
  };
}

/** Number of weights in the factors (what dominates the file size). */
export function weightCount(model: FactorModel): number {
  return model.factors.reduce((sum, f) => sum + f.rows * f.cols, 0);
}
