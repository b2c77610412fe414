import { describe, expect, it } from 'vitest';
import {
  browsingAffinity,
  clusterOfTitle,
  itemClusterMap,
  type SegmentEventLike,
  type SegmentFeatureSpec,
  segmentFeatureMeanings,
  segmentFeatureNames,
  segmentFeatures,
  segmentInputsFromEvents,
  type TextClusterTable,
  titleTokens,
} from './segment-features';

const clusters: TextClusterTable = {
  labels: ['bag · lunch', 'candle · holder'],
  keywords: [
    { bag: 1, lunch: 0.5 },
    { candle: 1, holder: 0.4 },
  ],
};
const spec: SegmentFeatureSpec = {
  version: 1,
  names: segmentFeatureNames(2),
  meanings: segmentFeatureMeanings(clusters.labels),
  orderGapMinutes: 60,
  medianUnitPrice: 2,
  affinityPrior: [0.25, 0.75],
  clusters,
  trainUtcOffsetMinutes: 0,
};
const items = itemClusterMap(['B1', 'C1']);
// Saturday 3 Dec 2011 and Wednesday 7 Dec 2011; "now" is Saturday 10 Dec 12:00 UTC.
const NOW = Date.UTC(2011, 11, 10, 12);

describe('segmentFeatures', () => {
  it('computes RFM, time context and affinity on a hand-checked history', () => {
    const x = segmentFeatures(
      [
        { item: 'X9', ts: Date.UTC(2011, 11, 7, 18), quantity: 1, price: 5, title: 'Lunch bag' },
        { item: 'B1', ts: Date.UTC(2011, 11, 3, 9), quantity: 2, price: 3 },
        // 30 minutes later: same order; no quantity → 1, no price → the median 2.
        { item: 'C1', ts: Date.UTC(2011, 11, 3, 9, 30), price: null },
      ],
      NOW,
      spec,
      { items },
    );
    expect(spec.names).toEqual([
      'recency_days',
      'tenure_days',
      'orders',
      'spend',
      'weekend_share',
      'morning_share',
      'evening_share',
      'affinity_0',
      'affinity_1',
    ]);
    expect(Array.from(x ?? [])).toEqual([2.75, 7.125, 2, 13, 0.5, 0.5, 0.5, 2 / 3, 1 / 3]);
  });

  it('returns null without purchases (the no-purchase rule applies, not the model)', () => {
    expect(segmentFeatures([], NOW, spec)).toBeNull();
  });

  it('a first purchase right now is a valid buyer vector', () => {
    const x = segmentFeatures([{ item: 'B1', ts: NOW, quantity: 1, price: 4 }], NOW, spec, { items });
    expect(Array.from(x ?? []).slice(0, 4)).toEqual([0, 0, 1, 4]);
  });

  it('imputes the training prior when no item has a known cluster, and clamps future times to now', () => {
    const x = segmentFeatures([{ item: 'ZZ', ts: NOW + 3_600_000, title: 'mystery' }], NOW, spec);
    expect(Array.from(x ?? [])).toEqual([0, 0, 1, 2, 1, 0, 0, 0.25, 0.75]);
  });

  it('a gap of exactly orderGapMinutes starts a new order; the UTC offset moves the hour', () => {
    const t = Date.UTC(2011, 11, 7, 16, 30);
    const twoOrders = segmentFeatures(
      [
        { item: 'B1', ts: t },
        { item: 'B1', ts: t + 3_600_000 },
      ],
      NOW,
      spec,
    );
    expect(twoOrders?.[2]).toBe(2);
    const oneOrder = segmentFeatures([{ item: 'B1', ts: t }], NOW, spec);
    expect(oneOrder?.[6]).toBe(0); // 16:30 UTC is afternoon
    const local = segmentFeatures([{ item: 'B1', ts: t }], NOW, spec, { utcOffsetMinutes: 60 });
    expect(local?.[6]).toBe(1); // 17:30 local is evening
  });

  it('ignores non-finite quantities and prices', () => {
    const x = segmentFeatures([{ item: 'B1', ts: NOW, quantity: Number.NaN, price: -3 }], NOW, spec);
    expect(x?.[3]).toBe(2);
  });
});

describe('text clusters', () => {
  it('normalizes title words', () => {
    expect(titleTokens('WHITE HANGING HEART T-LIGHT HOLDERS')).toEqual([
      'hanging',
      'heart',
      'light',
      'holder',
    ]);
    expect(titleTokens('Christmas glass candles, set of 12')).toEqual(['christmas', 'glass', 'candle']);
  });

  it('assigns a title by summed keyword weight; unknown words and prototype keys score nothing', () => {
    expect(clusterOfTitle('red lunch bag', clusters)).toBe(0);
    expect(clusterOfTitle('candle holder', clusters)).toBe(1);
    expect(clusterOfTitle('lunch holder', clusters)).toBe(0);
    expect(clusterOfTitle('constructor toString', clusters)).toBe(-1);
    expect(clusterOfTitle('', clusters)).toBe(-1);
  });

  it('builds the item map from the items file', () => {
    expect([...itemClusterMap(['a b', '', 'c'])]).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 2],
    ]);
  });
});

describe('events → inputs', () => {
  it('maps purchases to the model input and views/carts to browsing interest only', () => {
    const events: SegmentEventLike[] = [
      { type: 'purchase', ts: 1, props: { item: 'B1', price: 3, quantity: 2 } },
      { type: 'purchase', ts: 2, props: { item: 'C1', title: 'Candle' } },
      { type: 'item_view', ts: 3, props: { item: 'X', title: 'Zinc candle holder' } },
      { type: 'add_to_cart', ts: 4, props: { item: 'B1' } },
      { type: 'search', ts: 5, props: { q: 'bag' } },
      { type: 'page_view', ts: 6, props: { path: '/' } },
    ];
    const inputs = segmentInputsFromEvents(events);
    expect(inputs.purchases).toEqual([
      { item: 'B1', ts: 1, quantity: 2, price: 3 },
      { item: 'C1', ts: 2, quantity: 1, price: null, title: 'Candle' },
    ]);
    expect(inputs.browsing).toEqual([{ item: 'X', title: 'Zinc candle holder' }, { item: 'B1' }]);
    expect(browsingAffinity(inputs.browsing, spec, items)).toEqual([0.5, 0.5]);
    expect(browsingAffinity([{ item: 'nope' }], spec, items)).toBeNull();
  });
});
