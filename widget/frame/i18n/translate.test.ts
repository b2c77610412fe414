import { describe, expect, it } from 'vitest';
import { type Dictionary, pickLocale, translator } from './translate';

const dict: Dictionary<'hello' | 'count'> = {
  en: { hello: 'Hello {name}', count: '{n} items' },
  de: { hello: 'Hallo {name}', count: '{n} Artikel' },
};

describe('i18n', () => {
  it('picks the first shipped locale among the candidates, English otherwise', () => {
    expect(pickLocale(undefined, 'de-AT', 'en')).toBe('de');
    expect(pickLocale('fr', 'EN-gb')).toBe('en');
    expect(pickLocale('fr', null, '')).toBe('en');
    expect(pickLocale('de_CH')).toBe('de');
  });

  it('fills variables and leaves unknown ones visible', () => {
    const t = translator(dict, 'de');
    expect(t('hello', { name: 'Ada' })).toBe('Hallo Ada');
    expect(t('count', { n: 3 })).toBe('3 Artikel');
    expect(t('hello')).toBe('Hallo {name}');
  });
});
