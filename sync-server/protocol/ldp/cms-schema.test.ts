import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { cmsBitsToHex, cmsEncode } from './cms';
import { cmsReportSchema } from './cms-schema';

const PARAMS = { hashes: 64, buckets: 1024, epsilon: 1 };

function report(): Record<string, unknown> {
  const { row, bits } = cmsEncode('sku-9', PARAMS);
  return { metric: 'item_popularity', encoding: 'cms', ...PARAMS, row, bits: cmsBitsToHex(bits) };
}

function messages(input: unknown): string[] {
  const r = v.safeParse(cmsReportSchema, input);
  return r.success ? [] : r.issues.map((i) => i.message);
}

describe('count-mean sketch report schema', () => {
  it('accepts a report built by the encoder', () => {
    expect(v.safeParse(cmsReportSchema, report()).success).toBe(true);
  });

  it('rejects unknown fields, wrong metrics and out-of-range values', () => {
    expect(messages({ ...report(), device: 'abc' })).not.toEqual([]);
    expect(messages({ ...report(), metric: 'segment_share' })).toEqual([
      'a count-mean sketch only reports item_popularity',
    ]);
    expect(messages({ ...report(), encoding: 'krr' })).not.toEqual([]);
    expect(messages({ ...report(), row: 64 })).toEqual(['row must be below hashes']);
    expect(messages({ ...report(), row: -1 })).not.toEqual([]);
    expect(messages({ ...report(), buckets: 1020 })).toContain('buckets must be a multiple of 8');
    expect(messages({ ...report(), buckets: 8192 })).not.toEqual([]);
    expect(messages({ ...report(), hashes: 0 })).not.toEqual([]);
    expect(messages({ ...report(), epsilon: 0 })).not.toEqual([]);
    expect(messages({ ...report(), epsilon: Number.POSITIVE_INFINITY })).not.toEqual([]);
    // Any other finite epsilon is the metric table's to refuse (../report-rules.ts), not the schema's.
    expect(messages({ ...report(), epsilon: 9 })).toEqual([]);
  });

  it('rejects bits of the wrong length or alphabet', () => {
    const r = report();
    const bits = String(r.bits);
    expect(messages({ ...r, bits: bits.slice(2) })).toEqual(['bits must hold buckets/4 hex characters']);
    expect(messages({ ...r, bits: bits.toUpperCase().replace(/[0-9]/g, 'A') })).toContain(
      'bits must be lowercase hex',
    );
    expect(messages({ ...r, bits: 'hello world' })).not.toEqual([]);
    expect(messages({ ...r, bits: '0'.repeat(2000) })).not.toEqual([]);
  });
});
