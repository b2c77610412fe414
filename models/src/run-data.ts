/** Loading shared by the commands, and metric rounding. */
import { loadProductList, type ProductList } from './catalog-file';
import type { RunConfig } from './cli-options';
import { requireDataFiles } from './data-dir';
import { type LoadedData, loadData } from './data-source';
import { type PopularityPriors, readServerPriors } from './recommend/server-priors';

/** Cleaned interaction data and the optional product list. */
export interface RunData {
  readonly data: LoadedData;
  readonly products?: ProductList;
  /** The server's priors (`--priors`), validated. */
  readonly priors?: PopularityPriors;
  /** Milliseconds spent reading and cleaning. */
  readonly loadMs: number;
}

/** Reads and cleans the interactions and the optional product list named by `config`. */
export async function loadRunData(
  config: RunConfig,
  log: (line: string) => void = () => {},
): Promise<RunData> {
  const t0 = performance.now();
  const products: ProductList | undefined = config.productsFile
    ? await loadProductList(config.productsFile, config.productColumns)
    : undefined;
  // The built-in file gets the error that says where built-in data is looked for.
  if (config.defaultSource) requireDataFiles([config.source.file]);
  log(`reading ${config.source.file}`);
  const priors = config.priors
    ? await readServerPriors(config.priors.source, config.priors.weight)
    : undefined;
  if (priors)
    log(
      `priors: ${priors.scores.size} items for model ${priors.model} (≥ ${priors.minReports} reports each), weight ${priors.weight}`,
    );
  const data = await loadData(config.source);
  for (const skip of data.skippedExamples) log(`  skipped line ${skip.line}: ${skip.reason}`);
  log(`  ${data.clean.kept} rows kept of ${data.dataRows} (${data.skipped} unparsable skipped)`);
  return {
    data,
    ...(products ? { products } : {}),
    ...(priors ? { priors } : {}),
    loadMs: performance.now() - t0,
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
