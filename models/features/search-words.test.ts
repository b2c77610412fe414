import { describe, expect, it } from 'vitest';
import { productWords, singular, stem } from './search-words';

describe('search words', () => {
  it('folds plurals conservatively', () => {
    expect(['candles', 'boxes', 'berries', 'christmas', 'glass'].map(singular)).toEqual([
      'candle',
      'box',
      'berry',
      'christmas',
      'glass',
    ]);
  });

  it('lets inflections of one word meet, and keeps different words apart', () => {
    const same = [
      ['charging', 'charge'],
      ['sizing', 'size'],
      ['servicing', 'service'],
      ['parked', 'parking'],
      ['shipping', 'ship'],
      ['rides', 'riding'],
    ];
    for (const [a, b] of same) expect(stem(a as string)).toBe(stem(b as string));
    expect(stem('need')).toBe('need');
    expect(stem('speed')).not.toBe(stem('spend'));
    expect(stem('bike')).not.toBe(stem('book'));
  });

  it('keeps only the words that could name a product', () => {
    expect(productWords('do you have any red candles under £5?')).toEqual(['red', 'candle']);
  });
});
