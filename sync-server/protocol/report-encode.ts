/**
 * Encoding one true value into the report the metric table (./metric-table.ts) prescribes. The
 * worker's report plan and every simulation (tests, `npm run simulate`, scripts/ldp-accuracy.ts) go
 * through these, so simulated devices are noised exactly as real ones.
 *
 * Not re-exported from ./index.ts (it imports that module's types); import it by path.
 */
import type { CmsReport, KrrReport } from './index';
import { cryptoUniform, krrEncode, krrMemoEncode, type Uniform } from './krr';
import { cmsBitsToHex, cmsEncode } from './ldp/cms';
import { createCryptoUniform } from './ldp/crypto-pool';
import { METRIC_TABLE, reportEpsilon, type TableMetric } from './metric-table';
import { NO_ITEM } from './metrics';

/** The k-RR metrics of the table. */
export type KrrTableMetric = Exclude<TableMetric, 'item_popularity'>;

/**
 * A device's permanent responses for memoized metrics, by {@link memoKey}. It lives in the device's
 * state (never sent), and must be kept for as long as the device shares: a lost entry is drawn again,
 * which spends that value's permanent epsilon a second time.
 */
export type MemoBook = Map<string, number>;

/** The key of one permanent response: metric, experiment, domain and the true value it is for. */
export function memoKey(metric: KrrTableMetric, domain: number, value: number, experiment?: string): string {
  return `${metric}|${experiment ?? ''}|${domain}|${value}`;
}

/**
 * The report of `value` for a k-RR metric, as the table prescribes. For a memoized metric the
 * permanent response is taken from `memo` or drawn and added to it; `memo` null draws one that is not
 * kept (a device seen once, as in a single-day simulation).
 */
export function encodeTableKrr(
  metric: KrrTableMetric,
  value: number,
  domain: number,
  memo: MemoBook | null,
  experiment?: string,
  uniform: Uniform = cryptoUniform,
): KrrReport {
  const spec = METRIC_TABLE[metric];
  if (spec.encoding !== 'krr') throw new RangeError(`${metric} is not a k-RR metric`);
  let noised: number;
  if (spec.memo) {
    const key = memoKey(metric, domain, value, experiment);
    const draw = krrMemoEncode(
      value,
      domain,
      spec.permanentEpsilon,
      spec.instantEpsilon,
      memo?.get(key),
      uniform,
    );
    memo?.set(key, draw.permanent);
    noised = draw.value;
  } else noised = krrEncode(value, domain, spec.epsilon, uniform);
  return {
    metric,
    encoding: 'krr',
    domain,
    value: noised,
    epsilon: reportEpsilon(metric, domain),
    ...(experiment === undefined ? {} : { experiment }),
  };
}

const pooled = createCryptoUniform();

/** The `item_popularity` sketch of the day's last viewed item, or of {@link NO_ITEM} when there was none. */
export function encodeTableItem(item: string | null, uniform: Uniform = pooled): CmsReport {
  const spec = METRIC_TABLE.item_popularity;
  if (spec.encoding !== 'cms') throw new RangeError('item_popularity is not a sketch metric');
  const params = { hashes: spec.hashes, buckets: spec.buckets, epsilon: spec.epsilon };
  const { row, bits } = cmsEncode(item ?? NO_ITEM, params, uniform);
  return { metric: 'item_popularity', encoding: 'cms', ...params, row, bits: cmsBitsToHex(bits) };
}
