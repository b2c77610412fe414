/**
 * The recommend task: evaluate on the split (tuning on validation inside), then, when training,
 * refit with the chosen hyper-parameters on all rows and write the ONNX files and the catalog.
 * The manifest entry's metrics come from the evaluation step of this same run.
 */
import type { RecommendEntry } from '../../features/manifest';
import type { Segmenter } from '../../segment/index';
import { writeRecommendArtifacts } from '../artifacts';
import type { RunConfig } from '../cli-options';
import { algorithmName, type EvaluationResult, evaluateRecommender } from '../evaluate';
import { fitRecommender, usesLowRank } from '../fit';
import { exportRecommendOnnx } from '../onnx-export';
import { segmentGrouping } from '../recommend/segment-grouping';
import type { RunData } from '../run-data';
import { round6, roundAll } from '../run-data';

/** What the recommend task produced. */
export interface RecommendTaskResult {
  readonly evaluation: EvaluationResult;
  /** Present when artifacts were written. */
  readonly entry?: RecommendEntry;
  /** Hyper-parameters of the model (as in the manifest's `params`). */
  readonly params: Readonly<Record<string, number | string>>;
  /** Sizes of the shipped files (or of the evaluated model's graphs when nothing was written). */
  readonly bytes: { readonly fp32: number; readonly int8?: number; readonly catalog?: number };
  /** Milliseconds: evaluation (tuning + refit + scoring) and the final fit + export + write. */
  readonly timings: { readonly evaluateMs: number; readonly fitMs: number };
}

/**
 * Runs the task; writes artifacts into `config.outDir` when `write` is set. With the run's segmenter,
 * the audit also groups customers by segment.
 */
export async function runRecommendTask(
  config: RunConfig,
  run: RunData,
  write: boolean,
  log: (line: string) => void,
  segmenter?: Segmenter,
): Promise<RecommendTaskResult> {
  const t0 = performance.now();
  const shared = {
    currency: config.currency,
    ...(run.products ? { products: run.products } : {}),
    ...(run.priors ? { priors: run.priors } : {}),
  };
  const evaluation = await evaluateRecommender(run.data.rows, {
    grid: config.grid,
    k: config.k,
    spec: config.spec,
    int8: config.int8,
    seed: config.seed,
    log,
    ...(segmenter ? { grouping: segmentGrouping(segmenter, run.data.rows) } : {}),
    ...shared,
  });
  const evaluateMs = performance.now() - t0;
  const e = evaluation;
  log(
    `recommend (${e.split.evaluatedUsers} test users, N=${e.split.catalogSize}): NDCG@10 fp32 ${e.fp32.ndcg10.toFixed(4)}` +
      `${e.int8 ? `, int8 ${e.int8.ndcg10.toFixed(4)}` : ''}; popularity ${e.popularity.ndcg10.toFixed(4)}, ` +
      `item-kNN ${e.itemknn.ndcg10.toFixed(4)}`,
  );
  const c = e.chosen;
  const baseParams = {
    items: e.split.catalogSize,
    lambda: c.lambda,
    textWeight: c.textWeight,
    rank: c.rank,
    halfLifeDays: c.halfLifeDays,
    beta: e.beta,
    k: Math.min(config.k, e.split.catalogSize),
    seed: config.seed,
    ...(run.priors
      ? {
          priorsModel: run.priors.model,
          priorsWeight: run.priors.weight,
          priorsItems: run.priors.scores.size,
        }
      : {}),
  };
  if (!write) {
    return {
      evaluation,
      params: {
        algorithm: usesLowRank(c.rank, e.split.catalogSize) ? 'ease-text-lowrank' : 'ease-text-dense',
        ...baseParams,
      },
      bytes: e.bytes,
      timings: { evaluateMs, fitMs: 0 },
    };
  }

  const t1 = performance.now();
  const fitted = fitRecommender(run.data.rows, { ...c, seed: config.seed, ...shared });
  const n = fitted.model.size;
  const k = Math.min(config.k, n);
  const algorithm = algorithmName(fitted);
  const fp32 = exportRecommendOnnx(fitted.model, { k, beta: e.beta, weights: 'fp32', algorithm });
  const int8 = config.int8
    ? exportRecommendOnnx(fitted.model, { k, beta: e.beta, weights: 'int8', algorithm })
    : undefined;
  const params = { algorithm, ...baseParams, items: n, k };
  const entry = await writeRecommendArtifacts({
    outDir: config.outDir,
    fp32,
    ...(int8 ? { int8 } : {}),
    catalog: fitted.catalog,
    k,
    features: e.spec,
    data: run.data.description,
    metrics: {
      ...roundAll(e.fp32),
      popularityRecall10: round6(e.popularity.recall10),
      popularityNdcg10: round6(e.popularity.ndcg10),
      itemknnNdcg10: round6(e.itemknn.ndcg10),
      evaluatedUsers: e.split.evaluatedUsers,
    },
    ...(e.int8 ? { int8Metrics: roundAll(e.int8) } : {}),
    params,
  });
  const catalogBytes = Buffer.byteLength(JSON.stringify(fitted.catalog, null, 2)) + 1;
  log(
    `  wrote recommend.onnx ${fp32.byteLength} B${int8 ? `, recommend-int8.onnx ${int8.byteLength} B` : ''}, ` +
      `catalog.json ${catalogBytes} B (${n} items)`,
  );
  return {
    evaluation,
    entry,
    params,
    bytes: { fp32: fp32.byteLength, ...(int8 ? { int8: int8.byteLength } : {}), catalog: catalogBytes },
    timings: { evaluateMs, fitMs: performance.now() - t1 },
  };
}
