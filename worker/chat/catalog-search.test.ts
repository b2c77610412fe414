import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features';
import { productWords, singular } from '../../models/features';
import { createCatalogSearch } from './catalog-search';

const catalog: Catalog = {
  currency: 'GBP',
  items: [
    { id: '1', title: 'Party Bunting', price: 4.95 },
    { id: '2', title: 'Vintage Christmas Bunting', price: 4.95 },
    { id: '3', title: 'Christmas Star Wooden', price: 0.85 },
    { id: '4', title: 'Scented Candles Set', price: 2.1 },
    { id: '5', title: 'Blue Polkadot Cup', price: 0.85 },
    { id: '6', title: 'Red Polkadot Cup', price: 0.85 },
    { id: '7', title: 'Glass Jar Christmas Cookies', price: 3.75 },
  ],
};
const s = createCatalogSearch(catalog);

describe('catalog search', () => {
  it('folds plurals without breaking words that end in s', () => {
    expect(['candles', 'boxes', 'glasses', 'christmas', 'lilies', 'bus'].map(singular)).toEqual([
      'candle',
      'box',
      'glass',
      'christmas',
      'lily',
      'bus',
    ]);
    expect(productWords('do you have any candles for my mum?')).toEqual(['candle', 'mum']);
  });

  it('finds items by their words, shorter titles first, and knows only the catalog’s words', () => {
    expect(s.terms('anything for christmas? maybe unicorns')).toEqual(['christmas']);
    const hits = s.search(['christmas'], {}, 6);
    // Equal title lengths keep the catalog order; the four-word title comes last.
    expect(hits.map((h) => h.item.id)).toEqual(['2', '3', '7']);
    expect(hits[0]?.matched).toEqual(['christmas']);
  });

  it('filters by price, by excluded ids and by words the visitor avoids, and ranks liked words up', () => {
    expect(s.search(['christmas'], { maxPrice: 1 }, 6).map((h) => h.item.id)).toEqual(['3']);
    expect(s.search(['christmas'], { below: 4.95 }, 6).map((h) => h.item.id)).toEqual(['3', '7']);
    expect(s.search(['christmas'], { exclude: new Set(['3']) }, 6).map((h) => h.item.id)).toEqual(['2', '7']);
    expect(s.popular({ avoid: ['candle'] }, 7).map((h) => h.item.id)).not.toContain('4');
    expect(s.search(['christmas'], { prefer: ['jar'] }, 6)[0]?.item.id).toBe('7');
    expect(s.popular({ prefer: ['wooden'] }, 2).map((h) => h.item.id)).toEqual(['3', '1']);
  });

  it('finds similar items by their distinctive words, and the item a message names', () => {
    expect(s.named('something like the bunting')?.id).toBe('1');
    expect(s.similar('1', {}, 6).map((h) => h.item.id)).toEqual(['2']);
    expect(s.similar('nope', {}, 6)).toEqual([]);
    expect([...s.colours].sort()).toEqual(['blue', 'red']);
    expect(s.currency).toBe('GBP');
  });
});
