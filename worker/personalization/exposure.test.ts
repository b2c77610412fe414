import { describe, expect, it } from 'vitest';
import {
  emptyExposure,
  exposurePenalty,
  IGNORED_AFTER,
  IGNORED_PENALTY,
  MAX_EXPOSURE_ITEMS,
  recordOpened,
  recordShown,
} from './exposure';

describe('exposure', () => {
  it('counts impressions once per list and opens, and penalizes only items ignored long enough', () => {
    let s = emptyExposure();
    for (let i = 0; i < IGNORED_AFTER - 1; i++) s = recordShown(s, ['a', 'b', 'a'], i);
    expect(s.items.a).toEqual({ shown: IGNORED_AFTER - 1, opened: 0, at: IGNORED_AFTER - 2 });
    expect(exposurePenalty(s, 'a')).toBe(0);
    s = recordShown(s, ['a', 'b'], 10);
    s = recordOpened(s, 'b', 11);
    expect(exposurePenalty(s, 'a')).toBe(IGNORED_PENALTY);
    expect(exposurePenalty(s, 'b')).toBe(0);
    expect(exposurePenalty(s, 'never')).toBe(0);
    expect(exposurePenalty(undefined, 'a')).toBe(0);
  });

  it('keeps the most recently changed items when it is full', () => {
    let s = emptyExposure();
    for (let i = 0; i < MAX_EXPOSURE_ITEMS + 5; i++) s = recordShown(s, [`i${i}`], i);
    expect(Object.keys(s.items)).toHaveLength(MAX_EXPOSURE_ITEMS);
    expect(s.items.i0).toBeUndefined();
    expect(s.items[`i${MAX_EXPOSURE_ITEMS + 4}`]).toBeDefined();
  });
});
