import { describe, expect, it } from 'vitest';
import { joinByRepeat, latencyOf, p95Text } from './stats';

describe('latencyOf', () => {
  it('reads a long series as three repeats and judges on the median repeat', () => {
    // Three repeats of 100: the second has a noisy tail.
    const quiet = Array.from({ length: 100 }, (_, i) => (i < 95 ? 1 : 2));
    const noisy = Array.from({ length: 100 }, (_, i) => (i < 90 ? 1 : 9));
    const l = latencyOf([...quiet, ...noisy, ...quiet]);
    expect(l.p95ByRepeat).toEqual([1, 9, 1]);
    expect(l.p95).toBe(1);
    expect(l.runs).toBe(300);
    expect(p95Text(l)).toBe('1 ms (repeats 1 / 9 / 1)');
  });

  it('keeps a short series whole', () => {
    const l = latencyOf([1, 2, 3, 4]);
    expect(l.p95ByRepeat).toBeUndefined();
    expect(l.p95).toBe(4);
  });

  it('joins several series repeat by repeat', () => {
    expect(joinByRepeat([1, 2, 3, 4, 5, 6], [10, 20, 30])).toEqual([1, 2, 10, 3, 4, 20, 5, 6, 30]);
  });
});
