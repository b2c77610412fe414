import { describe, expect, it } from 'vitest';
import { RECOMMENDATION_BASES } from '../../sync-server/protocol';
import type { RecommendationBasis, ShownItem } from '../protocol';
import {
  applyExposure,
  emptyExposure,
  exposurePenalty,
  IGNORED_AFTER,
  IGNORED_PENALTY,
  MAX_EXPOSURE_ITEMS,
  recordOpened,
  recordShown,
} from './exposure';

const personal = (...ids: string[]): ShownItem[] => ids.map((id) => ({ id, basis: 'personal' }));

describe('exposure', () => {
  it('counts impressions once per list and opens, and penalizes only items ignored long enough', () => {
    let s = emptyExposure();
    for (let i = 0; i < IGNORED_AFTER - 1; i++) s = recordShown(s, personal('a', 'b', 'a'), i);
    expect(s.items.a).toEqual({ shown: IGNORED_AFTER - 1, opened: 0, at: IGNORED_AFTER - 2 });
    expect(exposurePenalty(s, 'a')).toBe(0);
    s = recordShown(s, personal('a', 'b'), 10);
    s = recordOpened(s, 'b', 11);
    expect(exposurePenalty(s, 'a')).toBe(IGNORED_PENALTY);
    expect(exposurePenalty(s, 'b')).toBe(0);
    expect(exposurePenalty(s, 'never')).toBe(0);
    expect(exposurePenalty(undefined, 'a')).toBe(0);
  });

  it('keeps the most recently changed items when it is full', () => {
    let s = emptyExposure();
    for (let i = 0; i < MAX_EXPOSURE_ITEMS + 5; i++) s = recordShown(s, personal(`i${i}`), i);
    expect(Object.keys(s.items)).toHaveLength(MAX_EXPOSURE_ITEMS);
    expect(s.items.i0).toBeUndefined();
    expect(s.items[`i${MAX_EXPOSURE_ITEMS + 4}`]).toBeDefined();
  });

  it('keeps every list as impressions, marks the latest one opened, and spares search results', () => {
    let s = recordShown(emptyExposure(), [{ id: 'a', basis: 'search' }], 1);
    s = recordShown(s, [{ id: 'a', basis: 'priors' }, ...personal('b')], 2);
    s = recordOpened(s, 'a', 3);
    expect(s.impressions).toEqual([
      { id: 'a', basis: 'search', at: 1, opened: false },
      { id: 'a', basis: 'priors', at: 2, opened: true },
      { id: 'b', basis: 'personal', at: 2, opened: false },
    ]);
    // The search list did not count against "a": one list shown, one open.
    expect(s.items.a).toMatchObject({ shown: 1, opened: 1 });
    // A record from before impressions were kept still takes new ones.
    expect(recordShown({ items: {} }, personal('c'), 4).impressions).toHaveLength(1);
  });

  it('refuses a list without a known basis and takes every basis the reports index', () => {
    const bad = [
      { shown: ['a'] },
      { shown: [{ id: 'a', basis: 'mystery' }] },
      { shown: [{ id: '', basis: 'personal' }] },
    ];
    for (const input of bad) expect(() => applyExposure(emptyExposure(), input as never, 1)).toThrow(/basis/);
    const every: readonly RecommendationBasis[] = ['personal', 'segment', 'priors', 'catalog', 'search'];
    expect([...RECOMMENDATION_BASES].sort()).toEqual([...every].sort());
  });
});
