import { describe, expect, it } from 'vitest';
import type { RawInteraction } from './read-interactions';
import { temporalSplit } from './temporal-split';

const DAY = 86_400_000;
let line = 1;
function row(user: string, item: string, day: number, invoice: string | null): RawInteraction {
  return { user, item, ts: day * DAY + 3_600_000, quantity: 1, price: 1, title: '', invoice, line: line++ };
}

describe('temporalSplit', () => {
  const rows = [
    row('a', 'x', 1, 'i1'),
    row('a', 'y', 1, 'i1'),
    row('a', 'z', 5, 'i2'),
    row('a', 'z', 5, 'i2'),
    row('a', 'w', 5, 'i2'),
    row('b', 'x', 2, 'i3'),
    row('b', 'y', 2, 'i4'), // same day, another invoice: b has one day only → not evaluated
    row('c', 'q', 3, null),
    row('c', 'r', 4, null),
  ];
  const split = temporalSplit(rows);

  it('holds out the last invoice of users with purchases on two or more days', () => {
    expect(split.cases.map((c) => [c.user, c.heldOut])).toEqual([
      ['a', ['w', 'z']],
      ['c', ['r']],
    ]);
    expect(split.users).toBe(3);
    expect(split.heldOutRows).toBe(4);
  });

  it('feeds the earlier rows as purchases at the held-out time, and never trains on held-out rows', () => {
    const a = split.cases[0];
    expect(a?.nowMs).toBe(5 * DAY + 3_600_000);
    expect(a?.history).toEqual([
      { type: 'purchase', item: 'x', ts: DAY + 3_600_000 },
      { type: 'purchase', item: 'y', ts: DAY + 3_600_000 },
    ]);
    expect(split.train).toHaveLength(rows.length - 4);
    expect(split.train.some((r) => r.user === 'a' && r.ts === a?.nowMs)).toBe(false);
    expect(split.train.filter((r) => r.user === 'b')).toHaveLength(2);
  });
});
