/**
 * Google Consent Mode: folding gtag's dataLayer commands and hearing later ones through `push`.
 * The dataLayer is a real array with gtag's own `function gtag(){dataLayer.push(arguments)}`.
 */
import { describe, expect, it } from 'vitest';
import {
  type ConsentModeState,
  consentModeSignal,
  emptyConsentMode,
  foldConsentCommand,
  watchConsentMode,
} from './consent-mode';

function gtagOn(dataLayer: unknown[]) {
  return function gtag(..._args: unknown[]) {
    // gtag pushes its arguments object, not an array.
    // biome-ignore lint/complexity/noArguments: this is exactly what gtag.js does.
    dataLayer.push(arguments);
  };
}

const fold = (...commands: unknown[][]) => {
  const state = emptyConsentMode();
  for (const c of commands) foldConsentCommand(state, c);
  return consentModeSignal(state);
};

describe('consent mode mapping', () => {
  it('maps personalization_storage to personalize and analytics_storage to share', () => {
    expect(
      fold(['consent', 'default', { personalization_storage: 'granted', analytics_storage: 'denied' }]),
    ).toEqual({ personalize: true, share: false });
  });

  it('lets an update win over defaults, also over a later default', () => {
    expect(
      fold(
        ['consent', 'default', { personalization_storage: 'denied' }],
        ['consent', 'update', { personalization_storage: 'granted' }],
        ['consent', 'default', { personalization_storage: 'denied' }],
      ),
    ).toEqual({ personalize: true, share: undefined });
  });

  it('takes only the denials of a default limited to some regions', () => {
    expect(
      fold(
        ['consent', 'default', { personalization_storage: 'granted', analytics_storage: 'granted' }],
        [
          'consent',
          'default',
          { analytics_storage: 'denied', personalization_storage: 'granted', region: ['DE'] },
        ],
      ),
    ).toEqual({ personalize: true, share: false });
  });

  it('says nothing when neither type is set; advertising types mean nothing to Confide', () => {
    expect(fold(['consent', 'default', { ad_storage: 'granted', ad_user_data: 'granted' }])).toBeNull();
    expect(fold(['config', 'G-XYZ'], ['event', 'page_view'])).toBeNull();
  });

  it('ignores malformed commands', () => {
    const state: ConsentModeState = emptyConsentMode();
    for (const bad of [
      null,
      'consent',
      ['consent'],
      ['consent', 'reset', {}],
      ['consent', 'update', 'granted'],
    ]) {
      expect(foldConsentCommand(state, bad)).toBeNull();
    }
    expect(foldConsentCommand(state, ['consent', 'update', { personalization_storage: 'maybe' }])).toBe(
      'update',
    );
    expect(consentModeSignal(state)).toBeNull();
  });
});

describe('watchConsentMode', () => {
  it('reads what is there, then hears updates pushed later (live) and keeps push working', () => {
    const dataLayer: unknown[] = [];
    const gtag = gtagOn(dataLayer);
    gtag('consent', 'default', { personalization_storage: 'denied', analytics_storage: 'denied' });
    const heard: unknown[] = [];
    watchConsentMode(dataLayer, (state, live) => heard.push([consentModeSignal(state), live]));
    expect(heard).toEqual([[{ personalize: false, share: false }, false]]);

    gtag('event', 'add_to_cart');
    gtag('consent', 'update', { personalization_storage: 'granted' });
    gtag('consent', 'default', { analytics_storage: 'granted' }); // a default is not a decision
    expect(heard.slice(1)).toEqual([
      [{ personalize: true, share: false }, true],
      [{ personalize: true, share: true }, false],
    ]);
    expect(dataLayer).toHaveLength(4); // every push still landed
    expect(dataLayer.push({ event: 'x' }, { event: 'y' })).toBe(6); // and returns what Array#push returns
  });

  it('keeps a wrapper installed earlier (Tag Manager wraps push too) in the chain', () => {
    const dataLayer: unknown[] = [];
    const seenByTagManager: unknown[] = [];
    const arrayPush = dataLayer.push;
    dataLayer.push = (...entries: unknown[]) => {
      seenByTagManager.push(...entries);
      return arrayPush.apply(dataLayer, entries);
    };
    const heard: boolean[] = [];
    watchConsentMode(dataLayer, (_s, live) => heard.push(live));
    gtagOn(dataLayer)('consent', 'update', { personalization_storage: 'granted' });
    expect(seenByTagManager).toHaveLength(1);
    expect(heard).toEqual([true]);
  });

  it('does nothing without a dataLayer array (and never creates one)', () => {
    const heard: unknown[] = [];
    watchConsentMode(undefined, () => heard.push(1));
    watchConsentMode({ push() {} }, () => heard.push(1));
    expect(heard).toEqual([]);
  });
});
