/**
 * What every recommender fit starts from, computed once per set of rows: the catalog, each user's
 * item set over it, the co-occurrence (Gram) matrix, popularity and the item-text similarity.
 * Tuning refits many hyper-parameter settings on the same rows, so this part is shared.
 */
import { catalogIndex } from '../../features/interactions';
import type { Catalog } from '../../features/manifest';
import { buildCatalog } from '../catalog';
import type { ProductList } from '../catalog-file';
import { type IndexSet, popularityPrior, userItemSets } from '../item-knn';
import type { RawInteraction } from '../read-interactions';
import { gramMatrix } from './ease';
import { itemTextVectors, textSimilarity } from './item-text';

/** Options of {@link prepareItems}. */
export interface PrepareOptions {
  /** Catalog size N (most popular items by distinct users). */
  readonly items: number;
  readonly currency?: string;
  /** The site's own product list (see `CatalogOptions.products`). */
  readonly products?: ProductList;
}

/** The shared inputs of a fit. */
export interface PreparedItems {
  readonly catalog: Catalog;
  readonly index: ReadonlyMap<string, number>;
  readonly n: number;
  readonly sets: readonly IndexSet[];
  /** Distinct users per item, scaled to a maximum of 1. */
  readonly popularity: Float32Array;
  /** Distinct users per catalog item (same order). */
  readonly userCounts: readonly number[];
  /** XᵀX, row-major n×n. */
  readonly gram: Float64Array;
  /** Item-text cosine similarity, row-major n×n; absent when no item has any text. */
  readonly textSim?: Float64Array;
}

/** Builds the catalog from `rows` and everything a fit needs over it. */
export function prepareItems(rows: readonly RawInteraction[], options: PrepareOptions): PreparedItems {
  const { catalog, userCounts } = buildCatalog(rows, {
    size: options.items,
    ...(options.currency === undefined ? {} : { currency: options.currency }),
    ...(options.products === undefined ? {} : { products: options.products }),
  });
  const index = catalogIndex(catalog.items.map((i) => i.id));
  const n = catalog.items.length;
  const sets = userItemSets(rows, index);
  const texts = catalog.items.map((it) => {
    const given = options.products?.get(it.id);
    // A title equal to the id means the data had no title: ids are not words.
    const title = it.title === it.id ? '' : it.title;
    return [title, given?.category ?? '', given?.description ?? ''].filter((t) => t !== '').join(' ');
  });
  const hasText = texts.some((t) => t !== '');
  return {
    catalog,
    index,
    n,
    sets,
    popularity: popularityPrior(sets, n),
    userCounts,
    gram: gramMatrix(sets, n),
    ...(hasText ? { textSim: textSimilarity(itemTextVectors(texts)) } : {}),
  };
}
