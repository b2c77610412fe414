/**
 * Simulated devices for the aggregate, priors and dashboard tests: true values go through the real
 * encoders (`krrEncode`, `cmsEncode`, crypto randomness; the table's own through
 * ../../protocol/report-encode.ts) and land in the store as batches, exactly as the ingest path would
 * store them.
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../../protocol/index';
import { MAX_REPORTS_PER_BATCH } from '../../protocol/index';
import { krrEncode, type Uniform } from '../../protocol/krr';
import { type CmsParams, cmsBitsToHex, cmsEncode } from '../../protocol/ldp/cms';
import { createCryptoUniform } from '../../protocol/ldp/crypto-pool';
import { METRIC_TABLE } from '../../protocol/metric-table';
import { encodeTableItem, encodeTableKrr, type KrrTableMetric } from '../../protocol/report-encode';
import type { Store } from '../store';

let uniform: Uniform = createCryptoUniform();

/**
 * A reproducible uniform stream (mulberry32): a test that asserts what one draw of the noise looks
 * like (a cell just below k, a rank) must see the same draw on every run, or it fails now and then.
 */
export function seededUniform(seed: number): Uniform {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Makes every simulated report from here on draw its noise from `seededUniform(seed)`. */
export function useSeededNoise(seed: number): void {
  uniform = seededUniform(seed);
}

const ITEM = METRIC_TABLE.item_popularity;

/** The worker's sketch shape and epsilon, from the metric table. */
export const WORKER_CMS: CmsParams =
  ITEM.encoding === 'cms'
    ? { hashes: ITEM.hashes, buckets: ITEM.buckets, epsilon: ITEM.epsilon }
    : { hashes: 64, buckets: 1024, epsilon: 1 };

/** One k-RR report per true value, at a chosen epsilon (tests that need more or less noise). */
export function krrReports(
  metric: Report['metric'],
  domain: number,
  values: readonly number[],
  epsilon = 1,
  experiment?: string,
): Report[] {
  return values.map((value) => ({
    metric,
    encoding: 'krr',
    domain,
    value: krrEncode(value, domain, epsilon, uniform),
    epsilon,
    ...(experiment === undefined ? {} : { experiment }),
  }));
}

/** One count-mean-sketch `item_popularity` report per true item id. */
export function cmsReports(items: readonly string[], params: CmsParams = WORKER_CMS): Report[] {
  return items.map((item) => {
    const { row, bits } = cmsEncode(item, params, uniform);
    return {
      metric: 'item_popularity',
      encoding: 'cms',
      hashes: params.hashes,
      buckets: params.buckets,
      row,
      bits: cmsBitsToHex(bits),
      epsilon: params.epsilon,
    };
  });
}

/**
 * One report per true value as the metric table prescribes, each from a device seen for the first
 * time (a memoized metric draws a fresh permanent response per report).
 */
export function tableReports(
  metric: KrrTableMetric,
  domain: number,
  values: readonly number[],
  experiment?: string,
): Report[] {
  return values.map((value) => encodeTableKrr(metric, value, domain, null, experiment, uniform));
}

/** One table `item_popularity` report per item id, `null` for a day without a view. */
export function tableItemReports(items: readonly (string | null)[]): Report[] {
  return items.map((item) => encodeTableItem(item, uniform));
}

/** `counts[i]` copies of `i`: a population with exactly these true counts. */
export function population(counts: readonly number[]): number[] {
  return counts.flatMap((n, i) => new Array<number>(n).fill(i));
}

/** Stores reports as full batches for one site, model and day. */
export async function storeReports(
  store: Store,
  reports: readonly Report[],
  where: { site: string; model: string; day: string },
): Promise<void> {
  for (let i = 0; i < reports.length; i += MAX_REPORTS_PER_BATCH) {
    await store.storeBatch(
      {
        site: where.site,
        batch: randomUUID(),
        schema: 1,
        model: where.model,
        reports: reports.slice(i, i + MAX_REPORTS_PER_BATCH),
      },
      where.day,
    );
  }
}
