import { describe, expect, it } from 'vitest';
import { describeSegment, type SegmentProfile, segmentName, segmentNames, type Tertiles } from './naming';
import { featureWeights, fitNormalizer, standardizeRow } from './normalize';

const t: Tertiles = { recencyDays: [20, 100], tenureDays: [60, 250], orders: [1, 4], spend: [300, 1000] };
const p = (
  recencyDays: number,
  tenureDays: number,
  orders: number,
  spend: number,
  topCluster?: string,
): SegmentProfile => ({
  recencyDays,
  tenureDays,
  orders,
  spend,
  share: 0.25,
  ...(topCluster ? { topCluster, topClusterLift: 1.5 } : {}),
});

describe('segment names', () => {
  it('follows the tertile rule', () => {
    expect(segmentName(p(200, 300, 1, 50), t)).toBe('lapsed one-time low-spend');
    expect(segmentName(p(5, 300, 10, 5000), t)).toBe('active frequent high-value');
    expect(segmentName(p(30, 20, 2, 500), t)).toBe('new occasional mid-spend');
    expect(segmentName(p(50, 200, 2, 500), t)).toBe('occasional mid-spend');
  });

  it('makes clashing names unique by interest, then by number', () => {
    const names = segmentNames(
      [p(200, 300, 1, 50, 'bag · lunch'), p(210, 300, 1, 40, 'candle · holder'), p(5, 300, 9, 5000)],
      t,
    );
    expect(names).toEqual([
      'lapsed one-time low-spend, bag',
      'lapsed one-time low-spend, candle',
      'active frequent high-value',
    ]);
    expect(segmentNames([p(200, 300, 1, 50), p(200, 300, 1, 50)], t)).toEqual([
      'lapsed one-time low-spend 1',
      'lapsed one-time low-spend 2',
    ]);
  });

  it('describes the typical member', () => {
    expect(describeSegment(p(200, 300, 1, 50, 'bag · lunch'))).toBe(
      '25.0% of customers. Typical member: last order 200 days ago, first 300 days ago, 1 order(s), ' +
        'total spend 50; buys "bag · lunch" 1.5× as often as average.',
    );
  });
});

describe('normalizer', () => {
  it('clips at the IQR fences, falls back to ±3σ when the IQR is 0, and z-scales', () => {
    const x = { rows: 5, cols: 2, data: Float64Array.from([1, 0, 2, 0, 3, 0, 4, 0, 100, 1]) };
    const n = fitNormalizer(x, [false, false], [1, 1]);
    // Column 0: Q1 = 2, Q3 = 4 → fences −1..7, then bounded by the data: 1..7.
    expect([n.lo[0], n.hi[0]]).toEqual([1, 7]);
    // Column 1: IQR 0; mean 0.2, σ 0.4 → −1..1.4, bounded to 0..1.
    expect([n.lo[1], n.hi[1]]).toEqual([0, 1]);
    expect(n.center[0]).toBeCloseTo(3.4, 6);
    const z = new Float64Array(2);
    standardizeRow([1000, 0.2], n, z);
    expect(z[0]).toBeCloseTo((7 - 3.4) * (n.scale[0] ?? 0), 5);
    expect(z[1]).toBeCloseTo(0, 6);
  });

  it('log-scales masked features before clipping', () => {
    const n = fitNormalizer(
      { rows: 3, cols: 1, data: Float64Array.from([0, Math.E - 1, Math.E ** 2 - 1]) },
      [true],
      [1],
    );
    expect([n.lo[0], n.hi[0]]).toEqual([0, 2]);
    expect(n.center[0]).toBeCloseTo(1, 6);
  });

  it('weights groups: RFM 1 each, the other groups 1 in total', () => {
    const names = [
      'recency_days',
      'spend',
      'weekend_share',
      'morning_share',
      'affinity_0',
      'affinity_1',
      'affinity_2',
      'affinity_3',
    ];
    expect(featureWeights(names, ['recency_days', 'spend'])).toEqual([
      1,
      1,
      1 / Math.sqrt(2),
      1 / Math.sqrt(2),
      0.5,
      0.5,
      0.5,
      0.5,
    ]);
  });
});
