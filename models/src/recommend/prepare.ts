/**
 * What every recommender fit starts from, computed once per set of rows: the catalog, each user's
 * item set over it, the co-occurrence (Gram) matrix, popularity and the item-text similarity.
 * Tuning refits many hyper-parameter settings on the same rows, so this part is shared.
 */
import { catalogIndex } from '../../features/interactions';
import type { Catalog } from '../../features/manifest';
import { buildCatalog, type CatalogInputs, catalogInputs } from '../catalog';
import { type IndexSet, popularityPrior, userItemSets } from '../item-knn';
import type { RawInteraction } from '../read-interactions';
import { gramMatrix } from './ease';
import { itemTextVectors, textSimilarity } from './item-text';
import { blendPopularity } from './server-priors';

/** Options of {@link prepareItems}. */
export interface PrepareOptions extends CatalogInputs {
  /** Catalog size N (most popular items by distinct users). */
  readonly items: number;
}

/** The shared inputs of a fit. */
export interface PreparedItems {
  readonly catalog: Catalog;
  readonly index: ReadonlyMap<string, number>;
  readonly n: number;
  readonly sets: readonly IndexSet[];
  /** Distinct users per item, scaled to a maximum of 1 (blended with the priors when given). */
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
  const { catalog, userCounts } = buildCatalog(rows, { size: options.items, ...catalogInputs(options) });
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
    popularity: options.priors
      ? Float32Array.from(
          blendPopularity(
            catalog.items.map((i) => i.id),
            popularityPrior(sets, n),
            options.priors,
          ),
        )
      : popularityPrior(sets, n),
    userCounts,
    gram: gramMatrix(sets, n),
    ...(hasText ? { textSim: textSimilarity(itemTextVectors(texts)) } : {}),
  };
}
