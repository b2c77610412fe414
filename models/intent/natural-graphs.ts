/**
 * The natural-phrasing figures of a training run's exported graphs (fp32 and int8), logged the way
 * the run logs its other scores. A data folder without the development set (a `CONFIDE_DATA_DIR`
 * laid out before it existed) skips them with a log line rather than failing the run.
 */
import { existsSync } from 'node:fs';
import type { SparseFeatures } from '../features/tokenizer';
import { type NaturalFigures, scoreNatural } from './natural-scoring';
import { NATURAL_SET_FILES, readNaturalSet } from './natural-set';

/** The figures per exported graph. */
export interface NaturalGraphs {
  readonly fp32: NaturalFigures;
  readonly int8?: NaturalFigures;
}

/** Scores the graphs on the development set; `undefined` when it is absent or not about this model. */
export async function scoreNaturalGraphs(
  graphs: { readonly fp32: Uint8Array; readonly int8?: Uint8Array | undefined },
  labels: readonly string[],
  features: (text: string) => SparseFeatures,
  threshold: number,
  dimension: number,
  log: (line: string) => void,
): Promise<NaturalGraphs | undefined> {
  if (!existsSync(NATURAL_SET_FILES.inScope()) || !existsSync(NATURAL_SET_FILES.outOfScope())) {
    log(`  natural phrasing: skipped, ${NATURAL_SET_FILES.inScope()} not found`);
    return undefined;
  }
  const set = readNaturalSet();
  const score = (bytes: Uint8Array) => scoreNatural(bytes, set, labels, features, threshold, dimension);
  const fp32 = await score(graphs.fp32);
  if (!fp32) return undefined;
  const int8 = graphs.int8 ? await score(graphs.int8) : undefined;
  for (const [name, f] of [
    ['fp32', fp32],
    ['int8', int8],
  ] as const) {
    if (!f) continue;
    log(
      `  natural phrasing ${name} (${f.inScope} in scope, ${f.outOfScope} off topic): in-scope accuracy ` +
        `with rejection ${f.inScopeAccuracy}, top-1 ${f.top1}, off-topic rejected ${f.oosRecall}`,
    );
  }
  return { fp32, ...(int8 ? { int8 } : {}) };
}
