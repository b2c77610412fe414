import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features';
import { EXCLUDED } from './feedback';
import { LIKED_BOOST, preferenceAdjustment } from './preference-fit';

const catalog: Catalog = {
  currency: 'GBP',
  items: [
    { id: 'c', title: 'Scented Candles Set', price: 2 },
    { id: 'w', title: 'Wooden Star Christmas', price: 1 },
    { id: 'm', title: 'Coffee Mug', price: 2 },
  ],
};

describe('preference fit', () => {
  it('leaves out items with an avoided word and lifts those with liked ones', () => {
    const adjust = preferenceAdjustment(catalog, { like: ['wooden', 'christmas'], avoid: ['candle'] });
    expect(adjust('c')).toBe(EXCLUDED);
    expect(adjust('w')).toBe(2 * LIKED_BOOST);
    expect(adjust('m')).toBe(0);
    expect(adjust('unknown')).toBe(0);
    expect(preferenceAdjustment(catalog, { like: [], avoid: [] })('c')).toBe(0);
  });
});
