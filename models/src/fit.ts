/**
 * Fitting = catalog selection + item-kNN weights, from one set of rows. Evaluation calls it on the
 * training part of the split, the shipped model on all rows; sharing it keeps the two identical.
 */
import { catalogIndex } from '../features/interactions';
import type { Catalog, CatalogItem } from '../features/manifest';
import { buildCatalog } from './catalog';
import { type ItemKnnModel, trainItemKnn, userItemSets } from './item-knn';
import type { RawInteraction } from './read-interactions';

/** Options of {@link fitRecommender}. */
export interface FitOptions {
  /** Catalog size N (most popular items by distinct users). */
  readonly items: number;
  /** Neighbours kept per item (M). */
  readonly neighbours: number;
  readonly currency?: string;
  /** The site's own product list (see `CatalogOptions.products`). */
  readonly products?: ReadonlyMap<string, Partial<Pick<CatalogItem, 'title' | 'price'>>>;
}

/** A fitted recommender and the catalog that defines its indices. */
export interface FittedRecommender {
  readonly catalog: Catalog;
  readonly index: ReadonlyMap<string, number>;
  readonly model: ItemKnnModel;
}

/** Builds the catalog from `rows`, then the item-kNN model over it. */
export function fitRecommender(rows: readonly RawInteraction[], options: FitOptions): FittedRecommender {
  const { catalog } = buildCatalog(rows, {
    size: options.items,
    ...(options.currency === undefined ? {} : { currency: options.currency }),
    ...(options.products === undefined ? {} : { products: options.products }),
  });
  const index = catalogIndex(catalog.items.map((i) => i.id));
  const n = catalog.items.length;
  const model = trainItemKnn(userItemSets(rows, index), n, { neighbours: options.neighbours });
  return { catalog, index, model };
}
