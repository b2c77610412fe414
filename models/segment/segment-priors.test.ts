import { describe, expect, it } from 'vitest';
import type { SegmentPurchase } from '../features/segment-features';
import { segmentPriors } from './segment-priors';

const p = (item: string): SegmentPurchase => ({ item, ts: 0, quantity: 1, price: 1 });

describe('segmentPriors', () => {
  it('ranks items by distinct buyers within each segment', () => {
    const byUser = new Map<string, SegmentPurchase[]>([
      ['u1', [p('a'), p('a'), p('b')]],
      ['u2', [p('b')]],
      ['u3', [p('c'), p('a')]],
      ['u4', [p('c')]],
      ['u5', [p('d')]],
    ]);
    const labels = Int32Array.from([0, 0, 1, 1, 1]);
    const priors = segmentPriors(byUser, labels, 2);
    // Segment 0: b bought by two customers, a by one (twice, still one customer).
    expect(priors[0]).toBe('b a');
    expect(priors[1]).toBe('c a d');
    expect(segmentPriors(byUser, labels, 2, 1)).toEqual(['b', 'c']);
  });
});
