import { describe, expect, it } from 'vitest';
import type { FeedbackInput } from '../protocol';
import { ValidationError } from '../protocol';
import {
  AVOID_PENALTY,
  applyFeedback,
  EXCLUDED,
  emptyFeedback,
  type FeedbackState,
  feedbackEntries,
  itemAdjustment,
  MAX_FEEDBACK_ENTRIES,
  markSynced,
  NEIGHBOUR_LIMIT,
  UP_BOOST,
  unsyncedCounts,
  variantPenalty,
} from './feedback';

const T = Date.UTC(2026, 5, 1);
const item = (id: string, value: 'up' | 'down'): FeedbackInput => ({ target: 'recommendation', id, value });
const answer = (id: string, value: 'up' | 'down'): FeedbackInput => ({ target: 'answer', id, value });
const shipping = { intent: 'shipping', variant: 'default' } as const;
const shippingVip = { intent: 'shipping', variant: 'vip' } as const;

/** Applies votes in order, one millisecond apart. */
function votes(...list: [FeedbackInput, { intent: string | null; variant: string }?][]): FeedbackState {
  return list.reduce((s, [input, ctx], i) => applyFeedback(s, input, T + i, ctx), emptyFeedback());
}

describe('applyFeedback', () => {
  it('keeps one vote per target, the newer replacing the older, without changing the old state', () => {
    const before = votes([item('a', 'up')]);
    const after = applyFeedback(before, item('a', 'down'), T + 10);
    expect(feedbackEntries(before)).toEqual([{ ...item('a', 'up'), at: T }]);
    expect(feedbackEntries(after)).toEqual([{ ...item('a', 'down'), at: T + 10 }]);
  });

  it('keeps answer and item votes on the same id apart', () => {
    const s = votes([item('x', 'up')], [answer('x', 'down'), shipping]);
    expect(feedbackEntries(s)).toHaveLength(2);
  });

  it('ignores a vote older than the one kept, and a repeat of the same vote', () => {
    const s = applyFeedback(emptyFeedback(), item('a', 'down'), T + 10);
    expect(applyFeedback(s, item('a', 'up'), T)).toBe(s);
    expect(applyFeedback(s, item('a', 'down'), T + 20)).toBe(s);
  });

  it(`keeps only the last ${MAX_FEEDBACK_ENTRIES} votes`, () => {
    let s = emptyFeedback();
    for (let i = 0; i < MAX_FEEDBACK_ENTRIES + 25; i++) s = applyFeedback(s, item(`i${i}`, 'up'), T + i);
    const kept = feedbackEntries(s);
    expect(kept).toHaveLength(MAX_FEEDBACK_ENTRIES);
    expect(kept[0]?.id).toBe('i25');
    expect(structuredClone(s)).toEqual(s);
  });

  it('rejects malformed input with invalid_argument, naming the field', () => {
    const bad: [unknown, number, unknown, RegExp][] = [
      [null, T, undefined, /feedback must be an object/],
      [{ target: 'page', id: 'a', value: 'up' }, T, undefined, /feedback\.target/],
      [{ target: 'answer', id: '', value: 'up' }, T, undefined, /feedback\.id/],
      [{ target: 'answer', id: 'x'.repeat(201), value: 'up' }, T, undefined, /feedback\.id/],
      [{ target: 'answer', id: 7, value: 'up' }, T, undefined, /feedback\.id/],
      [{ target: 'answer', id: 'a', value: 'meh' }, T, undefined, /feedback\.value/],
      [answer('a', 'up'), Number.NaN, undefined, /feedback time/],
      [item('a', 'up'), T, shipping, /only for answers/],
      [answer('a', 'up'), T, { intent: 5, variant: 'default' }, /context\.intent/],
      [answer('a', 'up'), T, { intent: 'shipping', variant: '' }, /context\.variant/],
      [answer('a', 'up'), T, 'shipping', /context must be an object/],
    ];
    for (const [input, at, ctx, message] of bad) {
      const call = () =>
        applyFeedback(
          emptyFeedback(),
          input as FeedbackInput,
          at,
          ctx as { intent: string; variant: string },
        );
      expect(call).toThrow(ValidationError);
      expect(call).toThrow(message);
      try {
        call();
      } catch (e) {
        expect((e as ValidationError).code).toBe('invalid_argument');
      }
    }
  });
});

describe('itemAdjustment', () => {
  const sim = (a: string, b: string) => {
    const table: Record<string, number> = { 'a|near-a': 0.8, 'b|near-b': 0.6, 'a|both': 0.5, 'b|both': 0.5 };
    return table[`${b}|${a}`] ?? 0;
  };

  it('excludes an item turned down and boosts one liked', () => {
    const s = votes([item('a', 'up')], [item('b', 'down')]);
    expect(itemAdjustment(s, 'a')).toBe(UP_BOOST);
    expect(itemAdjustment(s, 'b')).toBe(EXCLUDED);
    expect(itemAdjustment(s, 'c')).toBe(0);
    expect(Number.isFinite(0.42 + itemAdjustment(s, 'b'))).toBe(false);
  });

  it('follows the newest vote on an item', () => {
    const s = votes([item('a', 'down')], [item('a', 'up')]);
    expect(itemAdjustment(s, 'a')).toBe(UP_BOOST);
  });

  it('nudges neighbours of liked items up and of disliked items down, within the limit', () => {
    const s = votes([item('a', 'up')], [item('b', 'down')]);
    expect(itemAdjustment(s, 'near-a', sim)).toBeCloseTo(0.8 * NEIGHBOUR_LIMIT);
    expect(itemAdjustment(s, 'near-b', sim)).toBeCloseTo(-0.6 * NEIGHBOUR_LIMIT);
    expect(itemAdjustment(s, 'both', sim)).toBeCloseTo(0);
    const many = votes(...Array.from({ length: 5 }, (_, i) => [item(`l${i}`, 'up')] as [FeedbackInput]));
    expect(itemAdjustment(many, 'z', () => 0.9)).toBe(NEIGHBOUR_LIMIT);
    expect(itemAdjustment(many, 'z', () => Number.NaN)).toBe(0);
  });

  it('ignores answer votes', () => {
    const s = votes([answer('a', 'down'), shipping]);
    expect(itemAdjustment(s, 'a')).toBe(0);
  });
});

describe('variantPenalty', () => {
  it('is 0 without votes, reaches the avoid level after a dislike, and falls with likes', () => {
    expect(variantPenalty(emptyFeedback(), 'shipping', 'default')).toBe(0);
    const disliked = votes([answer('r1', 'down'), shipping]);
    expect(variantPenalty(disliked, 'shipping', 'default')).toBe(1);
    expect(variantPenalty(disliked, 'shipping', 'default')).toBeGreaterThanOrEqual(AVOID_PENALTY);
    expect(variantPenalty(disliked, 'shipping', 'vip')).toBe(0);
    expect(variantPenalty(disliked, 'returns', 'default')).toBe(0);
    const mixed = applyFeedback(
      applyFeedback(disliked, answer('r2', 'up'), T + 5, shipping),
      answer('r3', 'up'),
      T + 6,
      shipping,
    );
    expect(variantPenalty(mixed, 'shipping', 'default')).toBeCloseTo(1 / 3);
    expect(variantPenalty(mixed, 'shipping', 'default')).toBeLessThan(AVOID_PENALTY);
  });

  it('tells an out-of-scope intent (null) apart from a named one', () => {
    const s = votes([answer('h', 'down'), { intent: null, variant: 'handoff' }]);
    expect(variantPenalty(s, null, 'handoff')).toBe(1);
    expect(variantPenalty(s, 'null', 'handoff')).toBe(0);
  });
});

describe('feedbackEntries', () => {
  it('exports every vote with its time and, for answers, the template', () => {
    const s = votes([answer('r1', 'down'), shipping], [item('a', 'up')]);
    expect(feedbackEntries(s)).toEqual([
      { target: 'answer', id: 'r1', value: 'down', at: T, intent: 'shipping', variant: 'default' },
      { target: 'recommendation', id: 'a', value: 'up', at: T + 1 },
    ]);
  });
});

describe('unsyncedCounts / markSynced', () => {
  it('counts answer votes per intent, variant and direction; item votes are not template metrics', () => {
    const s = votes(
      [answer('r1', 'down'), shipping],
      [answer('r2', 'down'), shipping],
      [answer('r3', 'up'), shippingVip],
      [answer('r4', 'up')],
      [item('a', 'up')],
    );
    const { counts } = unsyncedCounts(s);
    expect(counts).toHaveLength(2);
    expect(counts).toContainEqual({ ...shipping, value: 'down', count: 2 });
    expect(counts).toContainEqual({ ...shippingVip, value: 'up', count: 1 });
  });

  it('reports each vote once, keeps votes that arrive during a sync, and withdraws unsent replaced votes', () => {
    let s = votes([answer('r1', 'down'), shipping]);
    const snapshot = unsyncedCounts(s);
    s = applyFeedback(s, answer('r2', 'up'), T + 10, shippingVip);
    s = markSynced(s, snapshot);
    expect(unsyncedCounts(s).counts).toEqual([{ ...shippingVip, value: 'up', count: 1 }]);
    // r2 flips before it was sent: only the newer vote is reported.
    s = applyFeedback(s, answer('r2', 'down'), T + 11, shippingVip);
    expect(unsyncedCounts(s).counts).toEqual([{ ...shippingVip, value: 'down', count: 1 }]);
    s = markSynced(s, unsyncedCounts(s));
    expect(unsyncedCounts(s).counts).toEqual([]);
    // r1 flips after it was sent: the new vote is reported too, the sent one stays sent.
    s = applyFeedback(s, answer('r1', 'up'), T + 12, shipping);
    expect(unsyncedCounts(s).counts).toEqual([{ ...shipping, value: 'up', count: 1 }]);
  });

  it('ignores an older snapshot and rejects one that cannot come from this state', () => {
    const s = votes([answer('r1', 'down'), shipping], [answer('r2', 'down'), shipping]);
    const synced = markSynced(s, unsyncedCounts(s));
    expect(markSynced(synced, { through: 1, counts: [] })).toBe(synced);
    expect(() => markSynced(s, { through: 99, counts: [] })).toThrow(/another one/);
    expect(() => markSynced(s, { through: 1.5, counts: [] })).toThrow(ValidationError);
    expect(() => markSynced(s, { through: -1, counts: [] })).toThrow(ValidationError);
  });
});
