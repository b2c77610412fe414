/**
 * Stability across bootstrap resamples: refit on a resample, assign EVERY customer to the refit's
 * nearest centre and compare with the full model's assignment by adjusted Rand index. High values
 * mean the segments are a property of the data, not of one lucky initialisation or sample.
 */

import { bootstrapIndices, type Rng } from '../src/rng';
import { adjustedRandIndex } from './cluster-metrics';
import { assignNearest, kmeans, type Matrix, selectRows } from './kmeans';

/** ARI of each resample against the full model, and summaries. */
export interface Stability {
  readonly mean: number;
  readonly min: number;
  readonly values: readonly number[];
}

/** Runs `resamples` bootstrap refits with k segments. */
export function bootstrapStability(
  z: Matrix,
  labels: ArrayLike<number>,
  k: number,
  rng: Rng,
  resamples = 10,
): Stability {
  const values: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const fit = kmeans(selectRows(z, bootstrapIndices(z.rows, rng)), k, rng, { restarts: 2 });
    values.push(adjustedRandIndex(labels, assignNearest(z, fit.centroids, k).labels));
  }
  const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  return { mean, min: Math.min(...values), values };
}
