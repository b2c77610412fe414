/**
 * Deterministic Gaussian blobs for the clustering tests (GMM, Ward, method comparison): known
 * clusters, so a test can ask whether a method recovers them, in milliseconds.
 */
import { mulberry32 } from '../src/rng';
import type { Matrix } from './kmeans';

/** Blobs and the cluster each row was drawn from. */
export interface Blobs {
  readonly x: Matrix;
  readonly truth: Int32Array;
}

/**
 * `perBlob` rows around each centre (`centres` is a list of equal-length points) with isotropic
 * standard deviation `sd`; rows are interleaved (row i belongs to blob i mod centres) so no method
 * can profit from the order.
 */
export function gaussianBlobs(
  centres: readonly (readonly number[])[],
  perBlob: number,
  sd: number,
  seed = 3,
): Blobs {
  const rng = mulberry32(seed);
  const d = (centres[0] as readonly number[]).length;
  const n = centres.length * perBlob;
  const data = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % centres.length;
    truth[i] = c;
    for (let f = 0; f < d; f++) {
      // Box–Muller; 1 − u keeps the logarithm finite.
      const g = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
      data[i * d + f] = ((centres[c] as readonly number[])[f] as number) + sd * g;
    }
  }
  return { x: { rows: n, cols: d, data }, truth };
}
