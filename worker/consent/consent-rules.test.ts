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
  it('takes a first decision from any source as it is', () => {
    for (const source of ['prompt', 'api', 'cmp', 'webview'] as const)
      expect(resolveConsent(null, { purposes: yes, source }, false)).toEqual(yes);
  });

  it('lets a consent manager read at page load narrow the visitor’s choice, never widen it', () => {
    const accepted = record(true, true);
    expect(
      resolveConsent(accepted, { purposes: { personalize: true, share: false }, source: 'cmp' }, false),
    ).toEqual({ personalize: true, share: false });
    const rejected = record(false, false);
    // Widening at load changes nothing.
    expect(resolveConsent(rejected, { purposes: yes, source: 'cmp' }, false)).toBeNull();
    // The same state again changes nothing either.
    expect(resolveConsent(accepted, { purposes: yes, source: 'cmp' }, false)).toBeNull();
  });

  it('treats a live decision in the consent manager, or an earlier one from it, as a new decision', () => {
    expect(
      resolveConsent(record(false, false), { purposes: yes, source: 'cmp', options: { live: true } }, false),
    ).toEqual(yes);
    expect(resolveConsent(record(false, false, 'cmp'), { purposes: yes, source: 'cmp' }, false)).toEqual(yes);
  });

  it('never shares without personalize, and never under GPC', () => {
    expect(
      resolveConsent(null, { purposes: { personalize: false, share: true }, source: 'api' }, false),
    ).toEqual(no);
    expect(resolveConsent(null, { purposes: yes, source: 'prompt' }, true)).toEqual({
      personalize: true,
      share: false,
    });
  });
});
