import { describe, expect, it } from 'vitest';
import type { ConsentRecord, ConsentSource } from '../protocol';
import { resolveConsent } from './consent-rules';

const record = (personalize: boolean, share: boolean, source: ConsentSource = 'prompt'): ConsentRecord => ({
  personalize,
  share,
  source,
  notice: '1',
  at: 0,
});
const yes = { personalize: true, share: true };
const no = { personalize: false, share: false };

describe('resolveConsent', () => {
  it('takes a first decision from any source as it is; the visitor’s is remembered as theirs', () => {
    for (const source of ['api', 'cmp', 'webview'] as const)
      expect(resolveConsent(null, { purposes: yes, source }, false)).toEqual(yes);
    expect(resolveConsent(null, { purposes: yes, source: 'prompt' }, false)).toEqual({ ...yes, chosen: yes });
  });

  it('lets a consent manager read at page load narrow the visitor’s choice, never widen it', () => {
    const accepted = record(true, true);
    expect(
      resolveConsent(accepted, { purposes: { personalize: true, share: false }, source: 'cmp' }, false),
    ).toEqual({ personalize: true, share: false, chosen: yes });
    const rejected = record(false, false);
    // Widening at load changes nothing.
    expect(resolveConsent(rejected, { purposes: yes, source: 'cmp' }, false)).toBeNull();
    // The same state again changes nothing either.
    expect(resolveConsent(accepted, { purposes: yes, source: 'cmp' }, false)).toBeNull();
  });

  it('treats a live decision in the consent manager, or an earlier one from it, as a new decision', () => {
    expect(
      resolveConsent(
        record(false, false, 'api'),
        { purposes: yes, source: 'cmp', options: { live: true } },
        false,
      ),
    ).toEqual(yes);
    expect(resolveConsent(record(false, false, 'cmp'), { purposes: yes, source: 'cmp' }, false)).toEqual(yes);
  });

  it('keeps the visitor’s own decision in the widget as a ceiling no other source can raise', () => {
    const rejected = { ...record(false, false), chosen: no };
    for (const source of ['api', 'cmp', 'webview', 'gpc'] as const) {
      expect(resolveConsent(rejected, { purposes: yes, source }, false)).toBeNull();
      expect(resolveConsent(rejected, { purposes: yes, source, options: { live: true } }, false)).toBeNull();
    }
    // Narrowing is always allowed, and the ceiling survives it: widening back stops at the ceiling.
    const personalOnly = { personalize: true, share: false };
    const chose = { ...record(true, false), chosen: personalOnly };
    const narrowed = resolveConsent(chose, { purposes: no, source: 'api' }, false);
    expect(narrowed).toEqual({ ...no, chosen: personalOnly });
    const after = { ...record(false, false, 'api'), chosen: personalOnly };
    expect(resolveConsent(after, { purposes: yes, source: 'api' }, false)).toEqual({
      ...personalOnly,
      chosen: personalOnly,
    });
    // Only the visitor, in the widget, widens it.
    expect(resolveConsent(rejected, { purposes: yes, source: 'prompt' }, false)).toEqual({
      ...yes,
      chosen: yes,
    });
  });

  it('never shares without personalize, and never under GPC', () => {
    expect(
      resolveConsent(null, { purposes: { personalize: false, share: true }, source: 'api' }, false),
    ).toEqual(no);
    expect(resolveConsent(null, { purposes: yes, source: 'prompt' }, true)).toEqual({
      personalize: true,
      share: false,
      chosen: yes,
    });
  });
});
