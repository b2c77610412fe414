/**
 * Truncated SVD by randomized subspace iteration (Halko, Martinsson & Tropp 2011). The shipped
 * recommender stores its item-item matrix as two thin factors, so the graph stays small (N·r·2
 * weights instead of N²) while the ranking barely moves; only the top r singular directions are
 * needed, which this finds in O(N²·r) without a full decomposition.
 */
import {
  type Matrix,
  matmul,
  matmulTransA,
  orthonormalizeColumns,
  symmetricEigen,
  transpose,
  zeros,
} from './linalg';

/** A ≈ U·diag(s)·Vᵀ with U n×r and V m×r having orthonormal columns. */
export interface TruncatedSvd {
  readonly u: Matrix;
  readonly s: Float64Array;
  readonly v: Matrix;
}

/** Options of {@link truncatedSvd}. */
export interface SvdOptions {
  readonly rank: number;
  /** Extra directions searched beyond `rank`; improves accuracy of the last kept ones. Default 16. */
  readonly oversample?: number;
  /** Power iterations; each sharpens the separation of singular values. Default 4. */
  readonly iterations?: number;
  /** Seed of the Gaussian test matrix. */
  readonly seed: number;
}

/** Top-`rank` singular triplets of `a`, deterministic for a given seed. */
export function truncatedSvd(a: Matrix, options: SvdOptions): TruncatedSvd {
  const rank = Math.min(options.rank, a.rows, a.cols);
  const l = Math.min(rank + (options.oversample ?? 16), a.rows, a.cols);
  const gauss = gaussian(options.seed);
  const omega = zeros(a.cols, l);
  for (let i = 0; i < omega.data.length; i++) omega.data[i] = gauss();
  let q = matmul(a, omega);
  orthonormalizeColumns(q);
  for (let it = 0; it < (options.iterations ?? 4); it++) {
    const z = matmulTransA(a, q);
    orthonormalizeColumns(z);
    q = matmul(a, z);
    orthonormalizeColumns(q);
  }
  // Small problem: C = Qᵀ·A (l×m); C·Cᵀ = W·Σ²·Wᵀ gives U = Q·W and V = Cᵀ·W·Σ⁻¹.
  const c = matmulTransA(q, a);
  const cct = matmul(c, transpose(c));
  const { values, vectors } = symmetricEigen(cct);
  const s = new Float64Array(rank);
  const w = zeros(l, rank);
  for (let j = 0; j < rank; j++) {
    s[j] = Math.sqrt(Math.max(0, values[j] as number));
    for (let i = 0; i < l; i++) w.data[i * rank + j] = vectors.data[i * l + j] as number;
  }
  const u = matmul(q, w);
  const v = matmulTransA(c, w);
  for (let j = 0; j < rank; j++) {
    const inv = (s[j] as number) > 1e-300 ? 1 / (s[j] as number) : 0;
    for (let i = 0; i < v.rows; i++) v.data[i * rank + j] = (v.data[i * rank + j] as number) * inv;
  }
  // Fix each pair's sign (largest |u| entry positive) so the factors do not flip between runs.
  for (let j = 0; j < rank; j++) {
    let best = 0;
    for (let i = 0; i < u.rows; i++) {
      const x = u.data[i * rank + j] as number;
      if (Math.abs(x) > Math.abs(best)) best = x;
    }
    if (best < 0) {
      for (let i = 0; i < u.rows; i++) u.data[i * rank + j] = -(u.data[i * rank + j] as number);
      for (let i = 0; i < v.rows; i++) v.data[i * rank + j] = -(v.data[i * rank + j] as number);
    }
  }
  return { u, s, v };
}

/** Standard normal numbers from a seeded mulberry32 stream (Box-Muller). */
export function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** The leading `rank` triplets of a larger truncated SVD (the best rank-`rank` part of it). */
export function leadingTriplets(svd: TruncatedSvd, rank: number): TruncatedSvd {
  const r = Math.min(rank, svd.s.length);
  const take = (m: TruncatedSvd['u']): TruncatedSvd['u'] => {
    const out = zeros(m.rows, r);
    for (let i = 0; i < m.rows; i++)
      for (let q = 0; q < r; q++) out.data[i * r + q] = m.data[i * m.cols + q] as number;
    return out;
  };
  return { u: take(svd.u), s: svd.s.slice(0, r), v: take(svd.v) };
}
