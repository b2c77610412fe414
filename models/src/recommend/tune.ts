/**
 * Hyper-parameter choice on a validation split carved from the training rows only (the same
 * leave-last-basket-out rule applied once more), never on the test cases. Coordinate search, one
 * parameter at a time in a fixed order, each stage keeping the best value so far:
 *   1. catalog size N, by NDCG@10 against the whole held-out basket (the in-catalog metric is not
 *      comparable across catalogs); the smallest N within 1% of the best wins, since size costs bytes;
 *   2. λ, 3. text weight γ, 4. interaction half-life, by in-catalog NDCG@10 of the dense model;
 *   5. rank r: the smallest whose low-rank model keeps 99% of the dense model's NDCG@10;
 *   6. item-kNN's neighbour count, so the baseline gets the same tuning budget.
 */
import type { InteractionSpec } from '../../features/interactions';
import { type CatalogInputs, catalogInputs } from '../catalog';
import { fitItemKnn, usesLowRank } from '../fit';
import type { RawInteraction } from '../read-interactions';
import { temporalSplit } from '../temporal-split';
import { easeWeights } from './ease';
import { denseModel, type FactorModel, lowRankModel } from './factor-model';
import {
  buildCases,
  type EvalCase,
  evaluateScorer,
  factorScorer,
  type OfflineResult,
  popularityScorer,
} from './offline-eval';
import { type PreparedItems, prepareItems } from './prepare';
import { leadingTriplets, type TruncatedSvd, truncatedSvd } from './svd';

/** Candidate values; a single value fixes a parameter (no search). */
export interface TuneGrid {
  readonly items: readonly number[];
  readonly lambda: readonly number[];
  readonly textWeight: readonly number[];
  readonly halfLifeDays: readonly number[];
  readonly rank: readonly number[];
  readonly neighbours: readonly number[];
}

/** The default grid; the first value of each list is the starting point of the search. */
export const DEFAULT_GRID: TuneGrid = {
  items: [1000, 500, 1500],
  lambda: [300, 100, 1000, 3000],
  textWeight: [10, 0, 30, 100],
  halfLifeDays: [14, 7, 30, 60, 120],
  rank: [32, 64, 96, 128, 192, 256],
  neighbours: [30, 10, 100],
};

/** Chosen values. */
export interface TunedParams {
  readonly items: number;
  readonly lambda: number;
  readonly textWeight: number;
  readonly halfLifeDays: number;
  /** 0 = dense. */
  readonly rank: number;
  readonly neighbours: number;
}

/** One evaluated setting. */
export interface TuneTrial {
  readonly stage: 'items' | 'lambda' | 'textWeight' | 'halfLifeDays' | 'rank' | 'neighbours' | 'popularity';
  /** The value(s) tried; `rank: 0` is the dense model. */
  readonly params: Readonly<Record<string, number>>;
  readonly ndcg10: number;
  readonly recall10: number;
  readonly basketNdcg10: number;
}

/** What the search found. */
export interface TuningResult {
  readonly chosen: TunedParams;
  readonly trials: readonly TuneTrial[];
  /** Validation size: users evaluated (with a relevant item) and rows fitted on. */
  readonly validationUsers: number;
  readonly validationTrainRows: number;
}

/** Options of {@link tuneRecommender}. */
export interface TuneOptions extends CatalogInputs {
  readonly grid: TuneGrid;
  readonly spec: InteractionSpec;
  readonly k: number;
  readonly beta: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

const KEEP = 0.99;

/** Runs the search on `trainRows` (the test split's training part). */
export function tuneRecommender(trainRows: readonly RawInteraction[], o: TuneOptions): TuningResult {
  const g = o.grid;
  const first = (xs: readonly number[]): number => xs[0] as number;
  let cur: TunedParams = {
    items: first(g.items),
    lambda: first(g.lambda),
    textWeight: first(g.textWeight),
    halfLifeDays: first(g.halfLifeDays),
    rank: first(g.rank),
    neighbours: first(g.neighbours),
  };
  const val = temporalSplit(trainRows);
  const trials: TuneTrial[] = [];
  const searched = Object.values(g).some((xs: readonly number[]) => xs.length > 1);
  if (val.cases.length === 0 || !searched) {
    return { chosen: cur, trials, validationUsers: 0, validationTrainRows: val.train.length };
  }
  const prep = (items: number): PreparedItems => prepareItems(val.train, { items, ...catalogInputs(o) });
  const casesFor = (p: PreparedItems, halfLifeDays: number): EvalCase[] =>
    buildCases(val.cases, p.index, p.n, { ...o.spec, halfLifeDays }).cases;
  const run = (p: PreparedItems, cases: EvalCase[], model: FactorModel | 'popularity'): OfflineResult =>
    evaluateScorer(
      cases,
      p.n,
      o.k,
      model === 'popularity' ? popularityScorer(p.popularity) : factorScorer(model, o.beta),
    );
  const record = (stage: TuneTrial['stage'], params: Record<string, number>, r: OfflineResult): number => {
    trials.push({
      stage,
      params,
      ndcg10: r.metrics.ndcg10,
      recall10: r.metrics.recall10,
      basketNdcg10: r.basketNdcg,
    });
    o.log(
      `  tune ${stage} ${JSON.stringify(params)}: ndcg10 ${r.metrics.ndcg10.toFixed(4)}, basket ndcg10 ${r.basketNdcg.toFixed(4)}`,
    );
    return r.metrics.ndcg10;
  };

  // Dense B per (λ, γ) of the chosen catalog: each stage starts from the previous winner, which
  // need not be recomputed.
  const denseB = new Map<string, Float64Array>();

  // 1. Catalog size.
  let p: PreparedItems | undefined;
  if (g.items.length > 1) {
    const byN: { n: number; basket: number; prepared: PreparedItems; b: Float64Array }[] = [];
    for (const items of [...g.items].sort((a, c) => a - c)) {
      const prepared = prep(items);
      const b = easeWeights(prepared.gram, prepared.n, cur, prepared.textSim);
      const r = run(
        prepared,
        casesFor(prepared, cur.halfLifeDays),
        denseModel(b, prepared.n, prepared.popularity),
      );
      record('items', { items: prepared.n }, r);
      byN.push({ n: items, basket: r.basketNdcg, prepared, b });
    }
    const best = Math.max(...byN.map((x) => x.basket));
    const pickN = byN.find((x) => x.basket >= KEEP * best) ?? (byN[0] as (typeof byN)[number]);
    cur = { ...cur, items: pickN.n };
    p = pickN.prepared;
    denseB.set(`${cur.lambda}/${cur.textWeight}`, pickN.b);
  }
  p ??= prep(cur.items);
  let cases = casesFor(p, cur.halfLifeDays);
  const popularity = run(p, cases, 'popularity');
  record('popularity', { items: p.n }, popularity);

  // 2–3. λ, then γ (skipped without any item text), on the dense model.
  const weightsFor = (lambda: number, textWeight: number): Float64Array => {
    const key = `${lambda}/${textWeight}`;
    let b = denseB.get(key);
    if (!b) {
      b = easeWeights(p.gram, p.n, { lambda, textWeight }, p.textSim);
      denseB.set(key, b);
    }
    return b;
  };
  const pick = (
    stage: 'lambda' | 'textWeight' | 'halfLifeDays',
    values: readonly number[],
    score: (v: number) => OfflineResult,
  ): number => {
    let bestV = cur[stage];
    let bestS = Number.NEGATIVE_INFINITY;
    for (const v of values) {
      const s = record(stage, { [stage]: v }, score(v));
      if (s > bestS) [bestV, bestS] = [v, s];
    }
    return bestV;
  };
  if (g.lambda.length > 1) {
    const lambda = pick('lambda', g.lambda, (v) =>
      run(p, cases, denseModel(weightsFor(v, cur.textWeight), p.n, p.popularity)),
    );
    cur = { ...cur, lambda };
  }
  if (g.textWeight.length > 1 && p.textSim) {
    const textWeight = pick('textWeight', g.textWeight, (v) =>
      run(p, cases, denseModel(weightsFor(cur.lambda, v), p.n, p.popularity)),
    );
    cur = { ...cur, textWeight };
  }
  const b = weightsFor(cur.lambda, cur.textWeight);
  const dense = denseModel(b, p.n, p.popularity);
  // 4. Half-life: only the inputs change.
  if (g.halfLifeDays.length > 1) {
    const halfLifeDays = pick('halfLifeDays', g.halfLifeDays, (v) => run(p, casesFor(p, v), dense));
    cur = { ...cur, halfLifeDays };
    cases = casesFor(p, cur.halfLifeDays);
  }
  // 5. Rank: smallest that keeps 99% of the dense model's NDCG@10.
  if (g.rank.length > 1) {
    const denseScore = record('rank', { rank: 0 }, run(p, cases, dense));
    let chosen = 0;
    let bestLow = { rank: 0, score: Number.NEGATIVE_INFINITY };
    const ranks = [...g.rank].filter((r) => usesLowRank(r, p.n)).sort((a, c) => a - c);
    // One SVD at the largest rank; smaller ranks are its leading triplets (as good as a direct fit).
    const svd = ranks.length
      ? truncatedSvd({ rows: p.n, cols: p.n, data: b }, { rank: ranks.at(-1) as number, seed: o.seed })
      : undefined;
    for (const r of svd ? ranks : []) {
      const s = record(
        'rank',
        { rank: r },
        run(p, cases, lowRankModel(leadingTriplets(svd as TruncatedSvd, r), p.popularity)),
      );
      if (s > bestLow.score) bestLow = { rank: r, score: s };
      if (s >= KEEP * denseScore) {
        chosen = r;
        break;
      }
    }
    // None close enough: the best low-rank one still beats shipping N² weights.
    cur = { ...cur, rank: chosen || bestLow.rank };
  }
  // 6. The item-kNN baseline's neighbours.
  if (g.neighbours.length > 1) {
    let best = { m: cur.neighbours, s: Number.NEGATIVE_INFINITY };
    for (const m of g.neighbours) {
      const s = record('neighbours', { neighbours: m }, run(p, cases, fitItemKnn(p, m)));
      if (s > best.s) best = { m, s };
    }
    cur = { ...cur, neighbours: best.m };
  }
  return { chosen: cur, trials, validationUsers: popularity.users, validationTrainRows: val.train.length };
}
