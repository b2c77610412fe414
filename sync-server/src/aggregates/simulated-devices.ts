/**
 * Simulated devices for the aggregate, priors and dashboard tests: true values go through the real
 * encoders (`krrEncode`, `cmsEncode`, crypto randomness) and land in the store as batches, exactly as
 * the ingest path would store them.
 */
import { randomUUID } from 'node:crypto';
import type { Report } from '../../protocol/index';
import { MAX_REPORTS_PER_BATCH } from '../../protocol/index';
import { krrEncode } from '../../protocol/krr';
import { type CmsParams, cmsBitsToHex, cmsEncode } from '../../protocol/ldp/cms';
import { createCryptoUniform } from '../../protocol/ldp/crypto-pool';
import type { Store } from '../store';

const uniform = createCryptoUniform();

/** The worker's sketch shape: 64 rows × 1,024 buckets at ε = 1. */
export const WORKER_CMS: CmsParams = { hashes: 64, buckets: 1024, epsilon: 1 };

/** One k-RR report per true value. */
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
