/**
 * Offline evaluation on the leave-last-basket-out split (see temporal-split.ts). Hyper-parameters
 * are chosen on a validation split carved from the training part (recommend/tune.ts); the model is
 * then refitted on the whole training part, exported to ONNX, and the exported graphs themselves
 * are scored in onnxruntime-web: the numbers describe the artifact, not a TS-side approximation.
 * Baselines (popularity, item-kNN) are scored on the same catalog and cases.
 */
import type { InteractionSpec } from '../features/interactions';
import { type Audit, auditGroups } from './audit';
import { type CatalogInputs, catalogInputs } from './catalog';
import { type FittedRecommender, fitItemKnn, fitRecommender } from './fit';
import { MetricsAccumulator, type RankingMetrics, scoreRanking } from './metrics';
import { exportRecommendOnnx } from './onnx-export';
import { createRecommendSession, type RecommendSession } from './ort-node';
import type { RawInteraction } from './read-interactions';
import {
  buildCases,
  type EvalCase,
  evaluateScorer,
  factorScorer,
  popularityScorer,
} from './recommend/offline-eval';
import { type TunedParams, type TuneGrid, type TuningResult, tuneRecommender } from './recommend/tune';
import { PRIOR_WEIGHT, recommendReference } from './reference-scorer';
import { temporalSplit } from './temporal-split';

/** Options of {@link evaluateRecommender}. */
export interface EvaluateOptions extends CatalogInputs {
  /** Candidate hyper-parameters (single values fix them). */
  readonly grid: TuneGrid;
  /** Cut-off K of the graph and the metrics. */
  readonly k: number;
  /** Interaction spec; its half-life is replaced by the tuned one. */
  readonly spec: InteractionSpec;
  /** Popularity prior weight β. Default {@link PRIOR_WEIGHT}. */
  readonly beta?: number;
  /** Also export and score the 8-bit variant. */
  readonly int8: boolean;
  readonly seed: number;
  /** A further grouping of the audit (the segment each customer is in at the held-out time). */
  readonly grouping?: CaseGrouping;
  readonly log?: (line: string) => void;
}

/** Groups evaluated customers for the audit; `of` returns null for a customer in no group. */
export interface CaseGrouping {
  readonly by: string;
  /** Group names in display order. */
  readonly order: readonly string[];
  of(user: string, nowMs: number): string | null;
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
  readonly itemknn: RankingMetrics;
  /** The shipped graph's figures by history size (and by `grouping`), with intervals and flags (audit.ts). */
  readonly audit: readonly Audit[];
  /** NDCG@10 against each user's whole held-out basket, out-of-catalog items counted as misses. */
  readonly basketNdcg10: Readonly<Record<'fp32' | 'popularity' | 'itemknn', number>>;
  readonly split: SplitStats;
  /** Share of evaluated users whose ONNX fp32 top-K equals the TypeScript reference exactly. */
  readonly referenceAgreement: number;
  /** Largest |ONNX fp32 score − reference score| over every returned score. */
  readonly maxScoreDiff: number;
  readonly tuning: TuningResult;
  /** The chosen hyper-parameters (also used for the shipped model). */
  readonly chosen: TunedParams;
  /** The interaction spec with the chosen half-life: what the manifest must carry. */
  readonly spec: InteractionSpec;
  readonly beta: number;
  /** Size of the exported graphs of the evaluated model. */
  readonly bytes: { readonly fp32: number; readonly int8?: number };
  /** Milliseconds: validation search; refit + export on the training part; scoring. */
  readonly tuneMs: number;
  readonly trainMs: number;
  readonly scoreMs: number;
}

/** Splits `rows`, tunes, fits on the training part and scores the ONNX model(s) and the baselines. */
export async function evaluateRecommender(
  rows: readonly RawInteraction[],
  options: EvaluateOptions,
): Promise<EvaluationResult> {
  const log = options.log ?? (() => {});
  const beta = options.beta ?? PRIOR_WEIGHT;
  const split = temporalSplit(rows);
  const shared = catalogInputs(options);
  const t0 = performance.now();
  const tuning = tuneRecommender(split.train, {
    grid: options.grid,
    spec: options.spec,
    k: options.k,
    beta,
    seed: options.seed,
    log,
    ...shared,
  });
  const chosen = tuning.chosen;
  const spec: InteractionSpec = { ...options.spec, halfLifeDays: chosen.halfLifeDays };
  const tuneMs = performance.now() - t0;

  const t1 = performance.now();
  const fitted = fitRecommender(split.train, { ...chosen, seed: options.seed, ...shared });
  const n = fitted.model.size;
  const k = Math.min(options.k, n);
  const algorithm = algorithmName(fitted);
  const fp32Bytes = exportRecommendOnnx(fitted.model, { k, beta, weights: 'fp32', algorithm });
  const int8Bytes = options.int8
    ? exportRecommendOnnx(fitted.model, { k, beta, weights: 'int8', algorithm })
    : undefined;
  const trainMs = performance.now() - t1;

  const t2 = performance.now();
  const { cases, stats } = buildCases(split.cases, fitted.index, n, spec);
  const scored = cases.filter((c) => c.relevant.size > 0);
  const fp32 = await createRecommendSession(fp32Bytes);
  const int8 = int8Bytes ? await createRecommendSession(int8Bytes) : undefined;
  let onnx: OnnxScores;
  try {
    onnx = await scoreOnnx(scored, { n, k, beta, fitted, fp32, int8, grouping: options.grouping });
  } finally {
    await fp32.release();
    await int8?.release();
  }
  const popularity = evaluateScorer(cases, n, k, popularityScorer(fitted.prepared.popularity));
  const itemknn = evaluateScorer(
    cases,
    n,
    k,
    factorScorer(fitItemKnn(fitted.prepared, chosen.neighbours), beta),
  );
  const self = evaluateScorer(cases, n, k, factorScorer(fitted.model, beta));
  return {
    fp32: onnx.fp32,
    ...(onnx.int8 ? { int8: onnx.int8 } : {}),
    audit: onnx.audit,
    popularity: popularity.metrics,
    itemknn: itemknn.metrics,
    basketNdcg10: { fp32: self.basketNdcg, popularity: popularity.basketNdcg, itemknn: itemknn.basketNdcg },
    split: {
      users: split.users,
      eligibleUsers: split.cases.length,
      evaluatedUsers: scored.length,
      trainRows: split.train.length,
      heldOutRows: split.heldOutRows,
      ...stats,
      catalogSize: n,
    },
    referenceAgreement: onnx.agreement,
    maxScoreDiff: onnx.maxScoreDiff,
    tuning,
    chosen,
    spec,
    beta,
    bytes: { fp32: fp32Bytes.byteLength, ...(int8Bytes ? { int8: int8Bytes.byteLength } : {}) },
    tuneMs,
    trainMs,
    scoreMs: performance.now() - t2,
  };
}

/** The `algorithm` name recorded in the graph and the manifest. */
export function algorithmName(fitted: Pick<FittedRecommender, 'model'>): string {
  return fitted.model.factors.length === 2 ? 'ease-text-lowrank' : 'ease-text-dense';
}

interface OnnxScores {
  readonly fp32: RankingMetrics;
  readonly int8?: RankingMetrics;
  readonly agreement: number;
  readonly maxScoreDiff: number;
  /** The shipped graph's (int8 when there is one) NDCG@10 and Recall@10 by history size. */
  readonly audit: readonly Audit[];
}

/** A recommender group more than this share below the overall figure is flagged (relative margin). */
export const RECOMMEND_AUDIT_MARGIN = 0.25;

/** History size groups: how many catalog items the customer had bought before the held-out invoice. */
export function historyGroup(items: number): string {
  return items <= 4 ? '1-4 items' : items <= 19 ? '5-19 items' : '20+ items';
}
const HISTORY_GROUPS = ['1-4 items', '5-19 items', '20+ items'];

interface ScoreContext {
  readonly n: number;
  readonly k: number;
  readonly beta: number;
  readonly fitted: FittedRecommender;
  readonly fp32: RecommendSession;
  readonly int8: RecommendSession | undefined;
  readonly grouping: CaseGrouping | undefined;
}

async function scoreOnnx(cases: readonly EvalCase[], ctx: ScoreContext): Promise<OnnxScores> {
  const { n, k, beta, fitted, fp32, int8 } = ctx;
  const acc = { fp32: new MetricsAccumulator(k, n), int8: new MetricsAccumulator(k, n) };
  let agree = 0;
  let maxScoreDiff = 0;
  const ndcg: number[] = [];
  const recall: number[] = [];
  for (const c of cases) {
    const got = await fp32.run(c.x);
    acc.fp32.add(got.indices, c.relevant);
    const ref = recommendReference(c.x, fitted.model, k, beta);
    if (got.indices.every((v, i) => v === ref.indices[i])) agree++;
    got.scores.forEach((s, i) => {
      maxScoreDiff = Math.max(maxScoreDiff, Math.abs(s - (ref.scores[i] ?? Number.NaN)));
    });
    const shipped = int8 ? (await int8.run(c.x)).indices : got.indices;
    if (int8) acc.int8.add(shipped, c.relevant);
    const one = scoreRanking(shipped, c.relevant, k);
    ndcg.push(one.ndcg);
    recall.push(one.recall);
  }
  const overall = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const groupings: { by: string; order: readonly string[]; of: (i: number) => string | null }[] = [
    { by: 'history size', order: HISTORY_GROUPS, of: (i) => historyGroup(cases[i]?.seen.length ?? 0) },
  ];
  if (ctx.grouping) {
    const g = ctx.grouping;
    const labels = cases.map((c) => g.of(c.user, c.nowMs));
    groupings.push({ by: g.by, order: g.order, of: (i) => labels[i] ?? null });
  }
  const audit = groupings.flatMap((g, gi) =>
    [
      { metric: 'NDCG@10', values: ndcg },
      { metric: 'Recall@10', values: recall },
    ].map(({ metric, values }, mi) =>
      auditGroups(values, g.of, {
        metric,
        by: g.by,
        margin: Number((RECOMMEND_AUDIT_MARGIN * overall(values)).toPrecision(3)),
        seed: 21 + 10 * gi + mi,
        order: g.order,
      }),
    ),
  );
  return {
    fp32: acc.fp32.result(),
    ...(int8 ? { int8: acc.int8.result() } : {}),
    agreement: cases.length > 0 ? agree / cases.length : 1,
    maxScoreDiff,
    audit,
  };
}
