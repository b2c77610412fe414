import { describe, expect, it } from 'vitest';
import { PRIVACY } from '../i18n';
import { privacyText, safeLocale } from './privacy-format';
import { allowedPurposes } from './privacy-purposes';

describe('purpose rules', () => {
  it('never shares without personalization, nor under Global Privacy Control', () => {
    expect(allowedPurposes({ personalize: false, share: true }, false)).toEqual({
      personalize: false,
      share: false,
    });
    expect(allowedPurposes({ personalize: true, share: true }, true)).toEqual({
      personalize: true,
      share: false,
    });
    expect(allowedPurposes({ personalize: true, share: true }, false)).toEqual({
      personalize: true,
      share: true,
    });
  });
});

describe('privacy strings', () => {
  it('falls back to English for a locale that does not ship, instead of failing', () => {
    expect(safeLocale('fr')).toBe('en');
    expect(safeLocale(undefined)).toBe('en');
    expect(privacyText('xx')('acceptAll')).toBe('Accept all');
    expect(privacyText('de')('acceptAll')).toBe('Alle akzeptieren');
  });

  it('keeps the English button names the specs click, and translates everything for German', () => {
    expect([PRIVACY.en.acceptAll, PRIVACY.en.rejectAll, PRIVACY.en.saveChoices]).toEqual([
      'Accept all',
      'Reject all',
      'Save my choices',
    ]);
    for (const key of Object.keys(PRIVACY.en) as (keyof typeof PRIVACY.en)[]) {
      expect(PRIVACY.de[key], key).not.toBe(PRIVACY.en[key]);
      // Variables survive translation.
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(PRIVACY.de[key]), key).toEqual(vars(PRIVACY.en[key]));
    }
  });
});
