import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features';
import { emptyFeedback, itemAdjustment } from './feedback';
import { titleSimilarity } from './title-similarity';

const catalog: Catalog = {
  currency: 'GBP',
  items: [
    { id: 'u1', title: 'Red Retrospot Umbrella', price: 5.95 },
    { id: 'u2', title: 'Red Retrospot Childrens Umbrella', price: 3.25 },
    { id: 'm1', title: 'London Bus Coffee Mug', price: 2.55 },
  ],
};

describe('title similarity', () => {
  it('is the share of title words two items have in common', () => {
    const sim = titleSimilarity(catalog);
    // Colour words are not among the clusters' title words: {retrospot, umbrella} vs {retrospot, children, umbrella}.
    expect(sim('u1', 'u2')).toBeCloseTo(2 / 3);
    expect(sim('u1', 'm1')).toBe(0);
    expect(sim('u1', 'u1')).toBe(0);
    expect(sim('u1', 'nope')).toBe(0);
    expect(titleSimilarity(catalog)).toBe(sim);
  });

  it('makes a thumbs-down lower the voted item’s look-alikes, and leave unrelated items alone', () => {
    const state = {
      ...emptyFeedback(),
      entries: [{ target: 'recommendation' as const, id: 'u1', value: 'down' as const, at: 0, seq: 0 }],
    };
    const sim = titleSimilarity(catalog);
    expect(itemAdjustment(state, 'u2', sim)).toBeLessThan(0);
    expect(itemAdjustment(state, 'm1', sim)).toBe(0);
  });
});
