/**
 * Wire schema of one count-mean-sketch report, for the `reports` union in ../index.ts (which is why
 * this file imports nothing from it). The shape only: the sketch size and epsilon a report must use
 * are in ../metric-table.ts, checked once the batch is known (../report-rules.ts).
 */
import * as v from 'valibot';
import { MAX_CMS_BUCKETS, MAX_CMS_HASHES, MIN_CMS_BUCKETS } from './cms';

/**
 * One item-popularity report under the count-mean sketch: the chosen `row`, and `bits`, the
 * flipped ±1 vector of `buckets` entries as `buckets/4` lowercase hex characters.
 */
export const cmsReportSchema = v.pipe(
  v.strictObject({
    metric: v.literal('item_popularity', 'a count-mean sketch only reports item_popularity'),
    encoding: v.literal('cms'),
    hashes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_CMS_HASHES)),
    buckets: v.pipe(
      v.number(),
      v.integer(),
      v.minValue(MIN_CMS_BUCKETS),
      v.maxValue(MAX_CMS_BUCKETS),
      v.multipleOf(8, 'buckets must be a multiple of 8'),
    ),
    row: v.pipe(v.number(), v.integer(), v.minValue(0)),
    bits: v.pipe(
      v.string(),
      v.maxLength(MAX_CMS_BUCKETS / 4),
      v.regex(/^[0-9a-f]+$/, 'bits must be lowercase hex'),
    ),
    epsilon: v.pipe(v.number(), v.finite(), v.gtValue(0)),
  }),
  v.check((r) => r.row < r.hashes, 'row must be below hashes'),
  v.check((r) => r.bits.length === r.buckets / 4, 'bits must hold buckets/4 hex characters'),
);

/** One sketch report, as validated. */
export type CmsReport = v.InferOutput<typeof cmsReportSchema>;
