import { describe, expect, it } from 'vitest';
import {
  addPreference,
  MAX_PREFERENCES,
  preferenceWords,
  readPreference,
  removePreference,
} from './preferences';

describe('stated preferences', () => {
  it('read likes, dislikes and who it is for; ignore everything else', () => {
    expect(readPreference('I prefer eco-friendly products')).toEqual({
      kind: 'like',
      label: 'eco-friendly products',
      words: ['eco', 'friendly'],
    });
    expect(readPreference("I don't like candles")).toMatchObject({ kind: 'avoid', words: ['candle'] });
    expect(readPreference("it's for my mum")).toEqual({ kind: 'recipient', label: 'mum', words: ['mum'] });
    expect(readPreference('I really love wooden toys!')).toMatchObject({
      kind: 'like',
      words: ['wooden', 'toy'],
    });
    expect(readPreference('where is my order')).toBeNull();
    expect(readPreference('I like it')).toBeNull();
  });

  it('keep the latest about the same words, at most 20, and delete by id', () => {
    const p = (id: string, words: string[], kind: 'like' | 'avoid' = 'like') => ({
      id,
      kind,
      label: words.join(' '),
      words,
      at: 0,
    });
    let s = addPreference({ items: [] }, p('1', ['candle']));
    s = addPreference(s, p('2', ['candle'], 'avoid'));
    expect(s.items.map((i) => i.id)).toEqual(['2']);
    s = addPreference(s, p('3', ['wooden']));
    expect(preferenceWords(s)).toEqual({ like: ['wooden'], avoid: ['candle'] });
    expect(removePreference(s, '2').items.map((i) => i.id)).toEqual(['3']);
    for (let i = 0; i < 30; i++) s = addPreference(s, p(`x${i}`, [`w${i}`]));
    expect(s.items).toHaveLength(MAX_PREFERENCES);
  });
});
