import { describe, expect, it } from 'vitest';
import type { Recommendations } from '../protocol';
import { KEPT_RECOMMENDATIONS_MAX_AGE_MS, readKept } from './kept-recommendations';

const recs: Recommendations = {
  items: [
    {
      id: '85123A',
      title: 'White hanging heart t-light holder',
      price: 2.55,
      score: 1,
      basis: 'personal',
      reason: 'x',
    },
  ],
  source: 'model',
  basis: 'personal',
  modelVersion: 'v1',
  currency: 'GBP',
  inferenceMs: 1,
};

describe('readKept', () => {
  const at = 1_700_000_000_000;
  it('returns a well-formed, recent list', () => {
    expect(readKept({ at, recommendations: recs }, at + 1000)).toEqual({ at, recommendations: recs });
    expect(readKept({ at, recommendations: recs })).toEqual({ at, recommendations: recs });
  });
  it('refuses a list older than a day, or from the future', () => {
    expect(readKept({ at, recommendations: recs }, at + KEPT_RECOMMENDATIONS_MAX_AGE_MS + 1)).toBeNull();
    expect(readKept({ at, recommendations: recs }, at - 1)).toBeNull();
  });
  it('refuses records of another shape (an older release, a damaged database)', () => {
    for (const bad of [
      null,
      'x',
      { at: 'yesterday', recommendations: recs },
      { at, recommendations: null },
      { at, recommendations: { ...recs, items: [] } },
      { at, recommendations: { ...recs, items: [{ id: 1, title: 'x' }] } },
      { at, recommendations: { ...recs, modelVersion: undefined } },
    ])
      expect(readKept(bad, at)).toBeNull();
  });
});
