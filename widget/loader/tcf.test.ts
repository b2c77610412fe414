/**
 * TCF v2.2: which TCData turns which Confide purpose on, and how a real `__tcfapi` (the test's own
 * implementation of the CMP API's addEventListener) is listened to.
 */
import { describe, expect, it } from 'vitest';
import { TCF_PERSONALIZE, TCF_SHARE, type TcfApi, tcfSignal, watchTcf } from './tcf';

const consents = (...ids: number[]) =>
  Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i + 1, ids.includes(i + 1)]));
const tcData = (over: Record<string, unknown> = {}) => ({
  tcString: 'CQ...',
  tcfPolicyVersion: 5,
  gdprApplies: true,
  eventStatus: 'tcloaded',
  cmpStatus: 'loaded',
  purpose: { consents: consents(), legitimateInterests: consents() },
  publisher: {
    consents: {},
    legitimateInterests: {},
    customPurpose: { consents: {}, legitimateInterests: {} },
  },
  vendor: { consents: {}, legitimateInterests: {} },
  ...over,
});

describe('tcfSignal', () => {
  it('maps purposes 1+5+6 to personalize and 1+8+9 to share', () => {
    expect(TCF_PERSONALIZE).toEqual([1, 5, 6]);
    expect(TCF_SHARE).toEqual([1, 8, 9]);
    expect(tcfSignal(tcData({ purpose: { consents: consents(1, 5, 6, 8, 9) } }))).toEqual({
      personalize: true,
      share: true,
    });
    expect(tcfSignal(tcData({ purpose: { consents: consents(1, 5, 6) } }))).toEqual({
      personalize: true,
      share: false,
    });
    // Without storage access (purpose 1) neither purpose can hold.
    expect(tcfSignal(tcData({ purpose: { consents: consents(5, 6, 8, 9) } }))).toEqual({
      personalize: false,
      share: false,
    });
    // Advertising profiles (3, 4) are not content personalization.
    expect(tcfSignal(tcData({ purpose: { consents: consents(1, 3, 4, 7) } }))).toEqual({
      personalize: false,
      share: false,
    });
  });

  it('prefers the publisher consents when the CMP records them', () => {
    const data = tcData({
      purpose: { consents: consents(1, 5, 6, 8, 9) },
      publisher: { consents: consents(1, 5, 6) },
    });
    expect(tcfSignal(data)).toEqual({ personalize: true, share: false });
  });

  it('never counts legitimate interest as consent', () => {
    const data = tcData({ purpose: { consents: consents(), legitimateInterests: consents(1, 5, 6, 8, 9) } });
    expect(tcfSignal(data)).toEqual({ personalize: false, share: false });
  });

  it('says nothing while the CMP asks, when GDPR does not apply, or on failure', () => {
    expect(tcfSignal(tcData({ eventStatus: 'cmpuishown' }))).toBeNull();
    expect(tcfSignal(tcData({ gdprApplies: false }))).toBeNull();
    expect(tcfSignal(tcData(), false)).toBeNull();
    expect(tcfSignal(null)).toBeNull();
    expect(tcfSignal(tcData({ eventStatus: 'useractioncomplete', purpose: 'broken' }))).toEqual({
      personalize: false,
      share: false,
    });
  });
});

/** A CMP implementing addEventListener as the TCF v2.2 CMP API describes it. */
function cmp() {
  const listeners = new Map<number, (tcData: unknown, success: boolean) => void>();
  let state = tcData({ eventStatus: 'cmpuishown', purpose: { consents: consents() } });
  let next = 1;
  const api: TcfApi = (command, version, callback) => {
    if (version !== 2) return callback(null, false);
    if (command === 'addEventListener') {
      const id = next++;
      listeners.set(id, callback);
      callback({ ...state, listenerId: id }, true);
    } else callback(null, false);
  };
  const decide = (ids: number[]) => {
    state = tcData({ eventStatus: 'useractioncomplete', purpose: { consents: consents(...ids) } });
    for (const [id, fn] of listeners) fn({ ...state, listenerId: id }, true);
  };
  return { api, decide, listeners };
}

describe('watchTcf', () => {
  it('hears decisions as they are made, marked live', () => {
    const c = cmp();
    const heard: unknown[] = [];
    expect(watchTcf(c.api, (s, live) => heard.push([s, live]))).toBe(true);
    expect(heard).toEqual([]); // the UI is showing: no decision yet
    c.decide([1, 5, 6, 8, 9]);
    c.decide([]);
    expect(heard).toEqual([
      [{ personalize: true, share: true }, true],
      [{ personalize: false, share: false }, true],
    ]);
  });

  it('is false without a __tcfapi, and survives a CMP that throws', () => {
    expect(watchTcf(undefined, () => {})).toBe(false);
    expect(
      watchTcf(
        () => {
          throw new Error('cmp broken');
        },
        () => {},
      ),
    ).toBe(false);
  });

  it('does not throw into the CMP when the listener throws', () => {
    const c = cmp();
    watchTcf(c.api, () => {
      throw new Error('relay trouble');
    });
    expect(() => c.decide([1])).not.toThrow();
  });
});
