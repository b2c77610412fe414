/**
 * The whole fit without any I/O: rows → text clusters → feature spec → raw customer matrix →
 * preprocessing → k chosen by silhouette → named segments → stability. Same rows and seed, same result.
 */

import type { SegmentKey } from '../features/manifest';
import {
  DEFAULT_ORDER_GAP_MINUTES,
  SEGMENT_FEATURE_VERSION,
  SEGMENT_LOG_FEATURES,
  type SegmentFeatureSpec,
  segmentFeatureMeanings,
  segmentFeatureNames,
} from '../features/segment-features';
import type { RawInteraction } from '../src/read-interactions';
import { mulberry32 } from '../src/rng';
import { daviesBouldin, silhouette } from './cluster-metrics';
import { clusterLineShares, customerMatrix, medianUnitPrice, purchasesByUser } from './customers';
import { SegmentError } from './errors';
import type { Matrix } from './kmeans';
import {
  describeSegment,
  profileSegments,
  rfmTertiles,
  type SegmentProfile,
  segmentKey,
  segmentNames,
} from './naming';
import { featureWeights, fitNormalizer, standardize } from './normalize';
import { type SegmentModelParams, segmentReference } from './reference';
import { selectK } from './select-k';
import { bootstrapStability, type Stability } from './stability';
import { buildTextClusters, itemGroups, itemTitles } from './text-clusters';

/** Options of {@link fitSegments}. */
export interface SegmentFitOptions {
  readonly seed: number;
  readonly kMin: number;
  readonly kMax: number;
  /** Text clusters of item titles. Default 12. */
  readonly textClusters?: number;
  /** Rows used to compute silhouette. Default 3000. */
  readonly silhouetteSample?: number;
  /** Bootstrap resamples for stability. Default 10. */
  readonly resamples?: number;
  /** Softmax temperature T of the confidence output. Default {@link autoTemperature}. */
  readonly temperature?: number;
  readonly log?: (line: string) => void;
}

/**
 * The default softmax temperature T: the median over training customers of (second-nearest − nearest
 * squared distance) divided by ln 9, rounded to 4 significant digits. The median customer is then 9×
 * as likely to be in their own segment as in the runner-up, so confidence ≈ 0.9 is "typical" and a
 * visitor between two segments gets ≈ 0.5 — a scale that does not depend on k or the feature weights.
 */
export function autoTemperature(gaps: Float64Array): number {
  const sorted = Float64Array.from(gaps).sort();
  const median = sorted.length === 0 ? 0 : (sorted[sorted.length >> 1] as number);
  const t = median / Math.log(9);
  return t > 0 ? Number(t.toPrecision(4)) : 1;
}

/** Everything the fit produced. */
export interface SegmentFit {
  readonly spec: SegmentFeatureSpec;
  /** Content of the items file: one space-separated id list per text cluster. */
  readonly itemGroups: string[];
  readonly textClusterSizes: readonly number[];
  readonly unclusteredItems: number;
  readonly params: SegmentModelParams;
  readonly users: number;
  /** Raw customer features (rows: users in sorted id order). */
  readonly raw: Matrix;
  /** Standardized features, for metrics on other assignments (e.g. int8). */
  readonly z: Matrix;
  readonly silhouetteSample: Int32Array;
  /** Each user's segment under the float32 parameters (the TypeScript reference). */
  readonly labels: Int32Array;
  readonly candidates: readonly { k: number; silhouette: number; daviesBouldin: number; inertia: number }[];
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly stability: Stability;
  readonly profiles: readonly SegmentProfile[];
  readonly names: readonly string[];
  /** Stable keys per segment (naming.ts `segmentKey`), for answer variants. */
  readonly keys: readonly SegmentKey[];
  readonly descriptions: readonly string[];
  readonly nowMs: number;
}

/** Fits the segmenter; throws {@link SegmentError} on bad options or too few users. */
export function fitSegments(rows: readonly RawInteraction[], o: SegmentFitOptions): SegmentFit {
  const log = o.log ?? (() => {});
  if (!(Number.isInteger(o.kMin) && Number.isInteger(o.kMax) && o.kMin >= 2 && o.kMax >= o.kMin)) {
    throw new SegmentError(
      'bad_options',
      `k range must be integers with 2 ≤ kMin ≤ kMax, got ${o.kMin}..${o.kMax}`,
    );
  }
  const byUser = purchasesByUser(rows);
  if (byUser.size < 2 * o.kMax) {
    throw new SegmentError(
      'too_few_users',
      `${byUser.size} users with purchases; at least ${2 * o.kMax} are needed for up to ${o.kMax} segments`,
    );
  }
  let nowMs = Number.NEGATIVE_INFINITY;
  for (const r of rows) nowMs = Math.max(nowMs, r.ts);

  const text = buildTextClusters(itemTitles(rows), mulberry32(o.seed ^ 0x7e47), {
    clusters: o.textClusters ?? 12,
  });
  const clusters = text.table.labels.length;
  log(`segment: ${clusters} text clusters over item titles (${text.unassigned} items without a keyword)`);
  const names = segmentFeatureNames(clusters);
  const spec: SegmentFeatureSpec = {
    version: SEGMENT_FEATURE_VERSION,
    names,
    meanings: segmentFeatureMeanings(text.table.labels),
    orderGapMinutes: DEFAULT_ORDER_GAP_MINUTES,
    medianUnitPrice: medianUnitPrice(rows),
    affinityPrior: clusterLineShares(rows, text.items, clusters),
    clusters: text.table,
    trainUtcOffsetMinutes: 0,
  };
  const raw = customerMatrix(byUser, nowMs, spec, text.items);
  const logMask = names.map((n) => SEGMENT_LOG_FEATURES.includes(n));
  const norm = fitNormalizer(raw, logMask, featureWeights(names, SEGMENT_LOG_FEATURES));
  const z = standardize(raw, norm);

  const rng = mulberry32(o.seed);
  const sel = selectK(z, o.kMin, o.kMax, rng, o.silhouetteSample ?? 3000);
  for (const c of sel.candidates) {
    log(
      `segment: k=${c.k} silhouette=${c.silhouette.toFixed(4)} davies-bouldin=${c.daviesBouldin.toFixed(4)}`,
    );
  }
  const k = sel.best.k;
  const d = raw.cols;
  // Segment ids ordered by the centre's spend, highest first, so id 0 is always the most valuable group.
  const spendCol = names.indexOf('spend');
  const order = Array.from({ length: k }, (_, c) => c).sort(
    (a, b) =>
      (sel.best.fit.centroids[b * d + spendCol] as number) -
        (sel.best.fit.centroids[a * d + spendCol] as number) || a - b,
  );
  const centroids = new Float32Array(k * d);
  order.forEach((c, id) => {
    centroids.set(sel.best.fit.centroids.subarray(c * d, (c + 1) * d), id * d);
  });
  const unit: SegmentModelParams = { ...norm, features: d, k, centroids, temperature: 1 };
  const labels = new Int32Array(raw.rows);
  const gaps = new Float64Array(raw.rows);
  for (let i = 0; i < raw.rows; i++) {
    const out = segmentReference(Float32Array.from(raw.data.subarray(i * d, (i + 1) * d)), unit);
    labels[i] = out.segment;
    const sorted = Float64Array.from(out.distances).sort();
    gaps[i] = (sorted[1] as number) - (sorted[0] as number);
  }
  const params: SegmentModelParams = { ...unit, temperature: o.temperature ?? autoTemperature(gaps) };
  const centres64 = Float64Array.from(centroids);
  const stability = bootstrapStability(z, labels, k, rng, o.resamples ?? 10);
  const rfm = { recencyDays: 0, tenureDays: 1, orders: 2, spend: 3 };
  const first = names.indexOf('affinity_0');
  const profiles = profileSegments(raw, labels, k, rfm, {
    first,
    labels: first < 0 ? [] : text.table.labels,
    prior: spec.affinityPrior,
  });
  const tertiles = rfmTertiles(raw, rfm);
  const segNames = segmentNames(profiles, tertiles);
  const segKeys = profiles.map((p) => segmentKey(p, tertiles));
  return {
    spec,
    itemGroups: itemGroups(text.items, clusters),
    textClusterSizes: text.sizes,
    unclusteredItems: text.unassigned,
    params,
    users: raw.rows,
    raw,
    z,
    silhouetteSample: sel.sample,
    labels,
    candidates: sel.candidates.map(({ k: ck, silhouette: s, daviesBouldin: db, inertia }) => ({
      k: ck,
      silhouette: s,
      daviesBouldin: db,
      inertia,
    })),
    silhouette: silhouette(z, labels, k, sel.sample),
    daviesBouldin: daviesBouldin(z, labels, centres64, k),
    stability,
    profiles,
    names: segNames,
    keys: segKeys,
    descriptions: profiles.map(describeSegment),
    nowMs,
  };
}
