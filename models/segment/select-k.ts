/**
 * Chooses the number of segments: fit k-means++ for every k in the range and keep the k with the
 * highest silhouette (ties → fewer segments, which are easier to write templates for).
 */

import { type Rng, sampleWithoutReplacement } from '../src/rng';
import { daviesBouldin, pairwiseDistances, silhouetteFromDistances } from './cluster-metrics';
import { type KMeansResult, kmeans, type Matrix } from './kmeans';

/** One candidate k and how well it clusters. */
export interface KCandidate {
  readonly k: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly inertia: number;
  readonly fit: KMeansResult;
}

/** Outcome of {@link selectK}. */
export interface KSelection {
  readonly best: KCandidate;
  readonly candidates: readonly KCandidate[];
  /** Rows used for silhouette (the same sample for every k, so the scores are comparable). */
  readonly sample: Int32Array;
}

/** Fits every k in kMin..kMax on the standardized matrix `z`. Silhouette on ≤ `sampleSize` rows. */
export function selectK(z: Matrix, kMin: number, kMax: number, rng: Rng, sampleSize = 3000): KSelection {
  const sample = sampleWithoutReplacement(z.rows, sampleSize, rng);
  const dist = pairwiseDistances(z, sample);
  const candidates: KCandidate[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const fit = kmeans(z, k, rng);
    const sampled = Int32Array.from(sample, (i) => fit.labels[i] as number);
    candidates.push({
      k,
      silhouette: silhouetteFromDistances(dist, sampled, k),
      daviesBouldin: daviesBouldin(z, fit.labels, fit.centroids, k),
      inertia: fit.inertia,
      fit,
    });
  }
  let best = candidates[0] as KCandidate;
  for (const c of candidates) if (c.silhouette > best.silhouette + 1e-12) best = c;
  return { best, candidates, sample };
}
