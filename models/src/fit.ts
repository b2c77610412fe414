/**
 * Fitting the shipped recommender from one set of rows: catalog → EASE weights with item text →
 * low-rank factors. Evaluation calls it on the training part of the split, the shipped model on all
 * rows; sharing it keeps the two identical. Item-kNN is fitted the same way as a baseline.
 */
import type { Catalog } from '../features/manifest';
import { type CatalogInputs, catalogInputs } from './catalog';
import { trainItemKnn } from './item-knn';
import type { RawInteraction } from './read-interactions';
import { easeWeights } from './recommend/ease';
import { denseModel, type FactorModel, fromItemKnn, lowRankModel } from './recommend/factor-model';
import { type PreparedItems, prepareItems } from './recommend/prepare';
import { truncatedSvd } from './recommend/svd';

/** Hyper-parameters of the EASE recommender (chosen on the validation split, see tune.ts). */
export interface EaseParams {
  /** L2 regularization λ. */
  readonly lambda: number;
  /** γ: weight of the item-text rows. */
  readonly textWeight: number;
  /** Rank r of B ≈ L·R; 0 (or r ≥ N/2, where factors would be no smaller) keeps B dense. */
  readonly rank: number;
  /** Seed of the randomized SVD. */
  readonly seed: number;
}

/** Options of {@link fitRecommender}. */
export interface FitOptions extends EaseParams, CatalogInputs {
  /** Catalog size N (most popular items by distinct users). */
  readonly items: number;
}

/** A fitted recommender and the catalog that defines its indices. */
export interface FittedRecommender {
  readonly catalog: Catalog;
  readonly index: ReadonlyMap<string, number>;
  readonly model: FactorModel;
  /** The rows' shared preparation, reusable for baselines on the same catalog. */
  readonly prepared: PreparedItems;
}

/** Whether rank `r` actually factorizes an n-item model (else the dense matrix is no larger). */
export function usesLowRank(rank: number, n: number): boolean {
  return rank > 0 && 2 * rank < n;
}

/** The EASE model over prepared items. */
export function fitEase(prepared: PreparedItems, params: EaseParams): FactorModel {
  const { n } = prepared;
  const b = easeWeights(prepared.gram, n, params, prepared.textSim);
  if (!usesLowRank(params.rank, n)) return denseModel(b, n, prepared.popularity);
  const svd = truncatedSvd({ rows: n, cols: n, data: b }, { rank: params.rank, seed: params.seed });
  return lowRankModel(svd, prepared.popularity);
}

/** Item-kNN (cosine, top-M neighbours) over prepared items: the baseline. */
export function fitItemKnn(prepared: PreparedItems, neighbours: number): FactorModel {
  return fromItemKnn(trainItemKnn(prepared.sets, prepared.n, { neighbours }));
}

/** Builds the catalog from `rows`, then the EASE model over it. */
export function fitRecommender(rows: readonly RawInteraction[], options: FitOptions): FittedRecommender {
  const prepared = prepareItems(rows, { items: options.items, ...catalogInputs(options) });
  return { catalog: prepared.catalog, index: prepared.index, model: fitEase(prepared, options), prepared };
}
