import { describe, expect, it } from 'vitest';
import { inPeriods } from './periods';

const g = (epsilon: number, counts: number[]) => ({
  epsilon,
  counts,
  total: counts.reduce((a, b) => a + b, 0),
});

describe('inPeriods', () => {
  it('adds counts per epsilon into weeks ending on the last day, labelled by their first day', () => {
    const weeks = inPeriods(
      [
        { day: '2026-11-02', groups: [g(1, [1, 0])] },
        { day: '2026-11-09', groups: [g(1, [2, 3]), g(0.5, [1, 1])] },
        { day: '2026-11-15', groups: [g(1, [4, 1])] },
        { day: '2026-11-16', groups: [g(1, [10, 0])] },
        { day: '2026-11-22', groups: [g(0.5, [0, 7])] },
      ],
      '2026-11-22',
    );
    expect(weeks).toEqual([
      { day: '2026-11-02', groups: [g(1, [1, 0])] },
      { day: '2026-11-09', groups: [g(0.5, [1, 1]), g(1, [6, 4])] },
      { day: '2026-11-16', groups: [g(0.5, [0, 7]), g(1, [10, 0])] },
    ]);
  });

  it('ignores days after the window', () => {
    expect(inPeriods([{ day: '2026-11-23', groups: [g(1, [1])] }], '2026-11-22')).toEqual([]);
  });
});
