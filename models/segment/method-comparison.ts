/**
 * Segment method choice (issue 16): k-means++, a diagonal Gaussian mixture and Ward on the same
 * standardized customers, scored the same way — silhouette on one shared sample and distance matrix,
 * Davies–Bouldin and inertia around each partition's own means, bootstrap stability at the chosen k
 * on the same resamples for every method (a paired comparison). Pure and seeded: same input, same
 * object; every number is rounded to 6 decimals so it can go straight into report.json.
 */

import { bootstrapIndices, mulberry32, type Rng } from '../src/rng';
import {
  adjustedRandIndex,
  daviesBouldin,
  pairwiseDistances,
  silhouetteFromDistances,
} from './cluster-metrics';
import { fitGmm, type GmmOptions, gmmAssign } from './gmm';
import { clusterMeans, fitWard } from './hierarchical';
import { assignNearest, kmeans, type Matrix, selectRows, sqDist } from './kmeans';
import { chooseSegmentMethod, elbowK, type MethodChoice, type SegmentMethod } from './method-choice';

/** Options of {@link compareSegmentMethods}. */
export interface MethodComparisonOptions {
  readonly kMin: number;
  readonly kMax: number;
  readonly seed: number;
  /** Rows of `z` that silhouette is computed on (the shipped fit's sample), the same for every method. */
  readonly sample: ArrayLike<number>;
  /** Bootstrap refits per method at its chosen k. Default 10. */
  readonly resamples?: number;
  /** Rows Ward's dendrogram is built on (8·n² bytes of memory). Default 3000. */
  readonly wardRows?: number;
  /** Rows of each bootstrap resample Ward is refitted on. Default {@link wardRows}. */
  readonly wardStabilityRows?: number;
  readonly gmm?: GmmOptions;
}

/** One method at one k. `bic` and `meanMaxPosterior` only for the mixture. */
export interface MethodAtK {
  readonly k: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  /** Within-cluster sum of squares around each hard cluster's mean: the elbow curve. */
  readonly inertia: number;
  /** Non-empty hard clusters (a mixture component can end up with no argmax rows). */
  readonly clusters: number;
  /** Smallest cluster's share of all rows. */
  readonly smallestShare: number;
  readonly bic?: number;
  readonly meanMaxPosterior?: number;
}

/** Everything measured for one method. */
export interface MethodSummary {
  readonly method: SegmentMethod;
  readonly perK: readonly MethodAtK[];
  /** Highest silhouette, ties → fewer segments (the shipped rule). */
  readonly chosenK: number;
  readonly chosen: MethodAtK;
  /** Knee of the normalized inertia curve; reported, not used for the choice. */
  readonly elbowK: number;
  /** Lowest BIC (mixture only). */
  readonly bicK?: number;
  /** ARI of each bootstrap refit (every row assigned) against the full fit, at `chosenK`. */
  readonly stability: { readonly mean: number; readonly min: number; readonly values: readonly number[] };
  /** Rows the full fit and each refit were fitted on (Ward samples; the others use all rows). */
  readonly fitRows: number;
  readonly stabilityRows: number;
  /** How rows get a label. */
  readonly assignment: string;
}

/** The serializable result for report.json. */
export interface MethodComparison {
  readonly rows: number;
  readonly cols: number;
  readonly kMin: number;
  readonly kMax: number;
  readonly seed: number;
  readonly silhouetteRows: number;
  readonly resamples: number;
  readonly methods: readonly MethodSummary[];
  readonly choice: MethodChoice;
}

/** A method as the comparison drives it: one full fit per k, and a refit that labels every row. */
interface MethodRunner {
  readonly method: SegmentMethod;
  readonly assignment: string;
  readonly fitRows: number;
  readonly stabilityRows: number;
  fitAll(ks: readonly number[]): Map<number, { labels: Int32Array; bic?: number; meanMaxPosterior?: number }>;
  refit(resample: Matrix, k: number): Int32Array;
}

const r6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function runners(z: Matrix, o: MethodComparisonOptions): MethodRunner[] {
  // One stream per method, so adding or changing a method leaves the others' numbers alone.
  const rngs = [0x6b6d, 0x676d, 0x7761].map((salt) => mulberry32((o.seed ^ salt) >>> 0));
  const [km, gm, wa] = rngs as [Rng, Rng, Rng];
  const wardRows = Math.min(z.rows, o.wardRows ?? 3000);
  const wardStabilityRows = Math.min(z.rows, o.wardStabilityRows ?? wardRows);
  return [
    {
      method: 'kmeans++',
      assignment: 'nearest centroid',
      fitRows: z.rows,
      stabilityRows: z.rows,
      fitAll: (ks) => new Map(ks.map((k) => [k, { labels: kmeans(z, k, km).labels }])),
      refit: (x, k) => assignNearest(z, kmeans(x, k, km).centroids, k).labels,
    },
    {
      method: 'gmm-diag',
      assignment: 'argmax posterior',
      fitRows: z.rows,
      stabilityRows: z.rows,
      fitAll: (ks) =>
        new Map(
          ks.map((k) => {
            const g = fitGmm(z, k, gm, o.gmm);
            return [k, { labels: g.labels, bic: g.bic, meanMaxPosterior: g.meanMaxPosterior }];
          }),
        ),
      refit: (x, k) => gmmAssign(fitGmm(x, k, gm, o.gmm), z),
    },
    {
      method: 'ward',
      assignment:
        wardRows < z.rows
          ? `dendrogram on ${wardRows} seeded rows, the rest by nearest centroid`
          : 'dendrogram on all rows',
      fitRows: wardRows,
      stabilityRows: wardStabilityRows,
      fitAll: (ks) => {
        const model = fitWard(z, wa, wardRows);
        return new Map(ks.map((k) => [k, { labels: model.cut(k).labels }]));
      },
      refit: (x, k) => assignNearest(z, fitWard(x, wa, wardStabilityRows).cut(k).centroids, k).labels,
    },
  ];
}

/** Silhouette, Davies–Bouldin, inertia and cluster sizes of one labeling of every row of `z`. */
function scorePartition(
  z: Matrix,
  labels: Int32Array,
  k: number,
  dist: Float32Array,
  sample: ArrayLike<number>,
): Omit<MethodAtK, 'k'> {
  const means = clusterMeans(z, labels, k);
  let inertia = 0;
  const counts = new Int32Array(k);
  for (let i = 0; i < z.rows; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
    inertia += sqDist(z.data, i, means, c, z.cols);
  }
  const live = Array.from(counts).filter((m) => m > 0);
  const sampled = Int32Array.from({ length: sample.length }, (_, s) => labels[sample[s] as number] as number);
  return {
    silhouette: silhouetteFromDistances(dist, sampled, k),
    daviesBouldin: daviesBouldin(z, labels, means, k),
    inertia,
    clusters: live.length,
    smallestShare: Math.min(...Array.from(counts)) / z.rows,
  };
}

/** Runs the comparison; see {@link MethodComparisonOptions}. */
export function compareSegmentMethods(z: Matrix, o: MethodComparisonOptions): MethodComparison {
  if (!(Number.isInteger(o.kMin) && Number.isInteger(o.kMax) && o.kMin >= 2 && o.kMax >= o.kMin)) {
    throw new RangeError(`k range must be integers with 2 ≤ kMin ≤ kMax, got ${o.kMin}..${o.kMax}`);
  }
  for (let s = 0; s < o.sample.length; s++) {
    const i = o.sample[s] as number;
    if (!(Number.isInteger(i) && i >= 0 && i < z.rows))
      throw new RangeError(`sample row ${i} is not a row of z`);
  }
  const resamples = o.resamples ?? 10;
  const ks = Array.from({ length: o.kMax - o.kMin + 1 }, (_, i) => o.kMin + i);
  const dist = pairwiseDistances(z, o.sample);
  // The same resamples for every method: differences in stability are then the methods', not luck's.
  const bootRng = mulberry32((o.seed ^ 0x626f) >>> 0);
  const boots = Array.from({ length: resamples }, () => bootstrapIndices(z.rows, bootRng));
  const methods = runners(z, o).map((run): MethodSummary => {
    const fits = run.fitAll(ks);
    const perK = ks.map((k): MethodAtK => {
      const fit = fits.get(k) as { labels: Int32Array; bic?: number; meanMaxPosterior?: number };
      const s = scorePartition(z, fit.labels, k, dist, o.sample);
      return {
        k,
        silhouette: r6(s.silhouette),
        daviesBouldin: r6(s.daviesBouldin),
        inertia: r6(s.inertia),
        clusters: s.clusters,
        smallestShare: r6(s.smallestShare),
        ...(fit.bic === undefined ? {} : { bic: r6(fit.bic) }),
        ...(fit.meanMaxPosterior === undefined ? {} : { meanMaxPosterior: r6(fit.meanMaxPosterior) }),
      };
    });
    let chosen = perK[0] as MethodAtK;
    for (const c of perK) if (c.silhouette > chosen.silhouette) chosen = c;
    const full = (fits.get(chosen.k) as { labels: Int32Array }).labels;
    const values = boots.map((idx) => adjustedRandIndex(full, run.refit(selectRows(z, idx), chosen.k)));
    const mean = values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
    const bics = perK.filter((c) => c.bic !== undefined);
    let bicBest = bics[0];
    for (const c of bics) if ((c.bic as number) < (bicBest?.bic as number)) bicBest = c;
    return {
      method: run.method,
      perK,
      chosenK: chosen.k,
      chosen,
      elbowK: elbowK(
        ks,
        perK.map((c) => c.inertia),
      ),
      ...(bicBest === undefined ? {} : { bicK: bicBest.k }),
      stability: { mean: r6(mean), min: r6(values.length ? Math.min(...values) : 0), values: values.map(r6) },
      fitRows: run.fitRows,
      stabilityRows: run.stabilityRows,
      assignment: run.assignment,
    };
  });
  return {
    rows: z.rows,
    cols: z.cols,
    kMin: o.kMin,
    kMax: o.kMax,
    seed: o.seed,
    silhouetteRows: o.sample.length,
    resamples,
    methods,
    choice: chooseSegmentMethod(
      methods.map((m) => ({
        method: m.method,
        silhouette: m.chosen.silhouette,
        stability: m.stability.mean,
      })),
    ),
  };
}
