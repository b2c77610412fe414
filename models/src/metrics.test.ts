import { describe, expect, it } from 'vitest';
import { MetricsAccumulator, scoreRanking } from './metrics';

describe('scoreRanking', () => {
  it('computes recall, precision, AP and NDCG by hand', () => {
    // Hits at ranks 1 and 3, three relevant items, K = 10.
    const s = scoreRanking([7, 1, 8, 2, 3, 4, 5, 6, 0, 9], new Set([7, 8, 42]), 10);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    expect(s.precision).toBeCloseTo(0.2, 12);
    expect(s.ap).toBeCloseTo((1 / 1 + 2 / 3) / 3, 12);
    const dcg = 1 + 1 / Math.log2(4);
    const idcg = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(s.ndcg).toBeCloseTo(dcg / idcg, 12);
  });

  it('only looks at the first K entries', () => {
    expect(scoreRanking([1, 2, 3], new Set([3]), 2).recall).toBe(0);
  });

  it('rejects an empty relevant set', () => {
    expect(() => scoreRanking([1], new Set(), 10)).toThrow(RangeError);
  });
});

describe('MetricsAccumulator', () => {
  it('averages over users and measures catalog coverage', () => {
    const acc = new MetricsAccumulator(2, 10);
    acc.add([0, 1], new Set([0]));
    acc.add([0, 2], new Set([5]));
    const m = acc.result();
    expect(acc.count).toBe(2);
    expect(m.recall10).toBeCloseTo(0.5, 12);
    expect(m.precision10).toBeCloseTo(0.25, 12);
    expect(m.coverage).toBeCloseTo(0.3, 12);
  });
});
