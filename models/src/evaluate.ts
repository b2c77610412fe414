/**
 * Offline evaluation on the leave-last-basket-out split (see temporal-split.ts). The model is
 * refitted on the training rows only, exported to ONNX, and the exported graph itself is scored in
 * onnxruntime-web: the numbers describe the artifact, not a Python-side or TS-side approximation.
 */

import type { InteractionSpec } from '../features/interactions';
import { interactionVector } from '../features/interactions';
import { type FitOptions, fitRecommender } from './fit';
import { MetricsAccumulator, type RankingMetrics } from './metrics';
import { exportRecommendOnnx } from './onnx-export';
import { createRecommendSession } from './ort-node';
import type { RawInteraction } from './read-interactions';
import { PRIOR_WEIGHT, recommendReference } from './reference-scorer';
import { temporalSplit } from './temporal-split';

/** Options of {@link evaluateRecommender}. */
export interface EvaluateOptions extends FitOptions {
  /** Cut-off K of the graph and the metrics. */
  readonly k: number;
  readonly spec: InteractionSpec;
  readonly beta?: number;
  /** Also export and score the 8-bit variant. */
  readonly int8: boolean;
}

/** Sizes of the split, so a reader can judge what the metrics average over. */
export interface SplitStats {
  readonly users: number;
  /** Users with purchases on ≥ 2 days (one held-out invoice each). */
  readonly eligibleUsers: number;
  /** Eligible users with at least one held-out item that is in the catalog and not seen before. */
  readonly evaluatedUsers: number;
  readonly trainRows: number;
  readonly heldOutRows: number;
  /** Σ over cases of distinct held-out items. */
  readonly heldOutItems: number;
  /** … of which in the (training) catalog. */
  readonly heldOutInCatalog: number;
  /** … of which also not in the user's history (repeat purchases are masked, so unreachable). */
  readonly relevantItems: number;
  readonly catalogSize: number;
}

/** Everything one evaluation run measured. */
export interface EvaluationResult {
  readonly fp32: RankingMetrics;
  readonly int8?: RankingMetrics;
  readonly popularity: RankingMetrics;
  readonly split: SplitStats;
  /** Share of evaluated users whose ONNX fp32 top-K equals the TypeScript reference exactly. */
  readonly referenceAgreement: number;
  /** Milliseconds to fit and export on the training rows. */
  readonly trainMs: number;
  /** Milliseconds to score every case with every ranker. */
  readonly scoreMs: number;
}

/** Splits `rows`, fits on the training part and scores the ONNX model(s) and the popularity baseline. */
export async function evaluateRecommender(
  rows: readonly RawInteraction[],
  options: EvaluateOptions,
): Promise<EvaluationResult> {
  const split = temporalSplit(rows);
  const t0 = performance.now();
  const fitted = fitRecommender(split.train, options);
  const n = fitted.model.size;
  const k = Math.min(options.k, n);
  const beta = options.beta ?? PRIOR_WEIGHT;
  const fp32Bytes = exportRecommendOnnx(fitted.model, { k, beta, weights: 'fp32' });
  const int8Bytes = options.int8
    ? exportRecommendOnnx(fitted.model, { k, beta, weights: 'int8' })
    : undefined;
  const trainMs = performance.now() - t0;

  const t1 = performance.now();
  const fp32 = await createRecommendSession(fp32Bytes);
  const int8 = int8Bytes ? await createRecommendSession(int8Bytes) : undefined;
  // Popularity is the same graph with no neighbour signal: β·pop, seen items masked.
  const popModel = { ...fitted.model, similarity: new Float32Array(n * n) };
  const acc = {
    fp32: new MetricsAccumulator(k, n),
    int8: new MetricsAccumulator(k, n),
    popularity: new MetricsAccumulator(k, n),
  };
  let heldOutItems = 0;
  let heldOutInCatalog = 0;
  let relevantItems = 0;
  let agree = 0;
  try {
    for (const c of split.cases) {
      const x = interactionVector(c.history, fitted.index, n, c.nowMs, options.spec);
      const relevant = new Set<number>();
      heldOutItems += c.heldOut.length;
      for (const item of c.heldOut) {
        const i = fitted.index.get(item);
        if (i === undefined) continue;
        heldOutInCatalog++;
        if (!((x[i] ?? 0) > 0)) relevant.add(i);
      }
      relevantItems += relevant.size;
      if (relevant.size === 0) continue;
      const got = await fp32.run(x);
      acc.fp32.add(got.indices, relevant);
      const ref = recommendReference(x, fitted.model, k, beta);
      if (sameList(got.indices, ref.indices)) agree++;
      if (int8) acc.int8.add((await int8.run(x)).indices, relevant);
      acc.popularity.add(recommendReference(x, popModel, k, beta).indices, relevant);
    }
  } finally {
    await fp32.release();
    await int8?.release();
  }
  return {
    fp32: acc.fp32.result(),
    ...(int8 ? { int8: acc.int8.result() } : {}),
    popularity: acc.popularity.result(),
    split: {
      users: split.users,
      eligibleUsers: split.cases.length,
      evaluatedUsers: acc.fp32.count,
      trainRows: split.train.length,
      heldOutRows: split.heldOutRows,
      heldOutItems,
      heldOutInCatalog,
      relevantItems,
      catalogSize: n,
    },
    referenceAgreement: acc.fp32.count > 0 ? agree / acc.fp32.count : 1,
    trainMs,
    scoreMs: performance.now() - t1,
  };
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
