/** Loading step shared by the train and evaluate commands. */
import { loadProductList, type ProductList } from './catalog-file';
import type { RunConfig } from './cli-options';
import { type LoadedData, loadData } from './data-source';
import type { FitOptions } from './fit';

/** Cleaned data, and the fit options derived from the flags. */
export interface RunData {
  readonly data: LoadedData;
  readonly fit: FitOptions;
}

/** Reads and cleans the interactions and the optional product list named by `config`. */
export async function loadRunData(config: RunConfig): Promise<RunData> {
  const products: ProductList | undefined = config.productsFile
    ? await loadProductList(config.productsFile)
    : undefined;
  const data = await loadData(config.source);
  return {
    data,
    fit: {
      items: config.items,
      neighbours: config.neighbours,
      currency: config.currency,
      ...(products ? { products } : {}),
    },
  };
}

/** Rounds a metric for files people read and diff; 6 decimals is far below run-to-run relevance. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Applies {@link round6} to every value of a flat numeric record. */
export function roundAll<T extends object>(m: T): { [K in keyof T]: number } {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round6(v as number)])) as {
    [K in keyof T]: number;
  };
}
