import { describe, expect, it } from 'vitest';
import { ValidationError } from '../protocol';
import { applyRating, emptySatisfaction, lastRatedAt, MAX_RATINGS, MIN_RATED_TURNS } from './satisfaction';

describe('satisfaction', () => {
  it('keeps a rating of a conversation long enough to rate, newest last', () => {
    const s = applyRating(emptySatisfaction(), { rating: 'happy' }, MIN_RATED_TURNS, 10);
    expect(s?.ratings).toEqual([{ rating: 'happy', at: 10, turns: MIN_RATED_TURNS }]);
    expect(lastRatedAt(emptySatisfaction())).toBe(Number.NEGATIVE_INFINITY);
    expect(s && lastRatedAt(s)).toBe(10);
    expect(applyRating(emptySatisfaction(), { rating: 'unhappy' }, MIN_RATED_TURNS - 1, 10)).toBeNull();
  });

  it('refuses anything but the three ratings, and keeps a bounded history', () => {
    for (const bad of [null, {}, { rating: 'great' }, { rating: 2 }])
      expect(() => applyRating(emptySatisfaction(), bad as never, 5, 1)).toThrow(ValidationError);
    let s = emptySatisfaction();
    for (let i = 0; i < MAX_RATINGS + 3; i++) s = applyRating(s, { rating: 'neutral' }, 2, i) ?? s;
    expect(s.ratings).toHaveLength(MAX_RATINGS);
    expect(s.ratings[0]?.at).toBe(3);
  });
});
