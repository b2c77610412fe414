/**
 * The relay: TCF and Consent Mode combined (the most restrictive wins), relayed once on load and on
 * every live decision. The page globals are a plain object holding a real dataLayer array and the
 * test's own `__tcfapi` (Node has no window).
 */
import { describe, expect, it } from 'vitest';
import type { ConsentPurposes } from '../../worker/protocol';
import { combineSignals, relayConsentManagers } from './consent-relay';
import type { TcfApi } from './tcf';

describe('combineSignals', () => {
  it('takes, per purpose, the most restrictive of the sources that speak of it', () => {
    expect(combineSignals([{ personalize: true, share: true }, { personalize: false }])).toEqual({
      personalize: false,
      share: true,
    });
    expect(combineSignals([{ personalize: true, share: true }, { share: false }])).toEqual({
      personalize: true,
      share: false,
    });
  });

  it('relays nothing when no source speaks of personalize; unspoken share is off', () => {
    expect(combineSignals([null, { share: true }])).toBeNull();
    expect(combineSignals([null, null])).toBeNull();
    expect(combineSignals([{ personalize: true }])).toEqual({ personalize: true, share: false });
  });
});

function page() {
  const dataLayer: unknown[] = [];
  const load = new EventTarget();
  const listeners: ((d: unknown, ok: boolean) => void)[] = [];
  let tc: unknown = null;
  const api: TcfApi = (command, _v, cb) => {
    if (command !== 'addEventListener') return;
    listeners.push(cb);
    if (tc) cb(tc, true);
  };
  const win = {
    dataLayer,
    __tcfapi: api as unknown,
    document: { readyState: 'complete' },
    addEventListener: (type: 'load', fn: () => void) => load.addEventListener(type, fn),
  };
  const tcf = (status: string, ids: number[]) => {
    tc = {
      gdprApplies: true,
      eventStatus: status,
      purpose: { consents: Object.fromEntries(ids.map((i) => [i, true])) },
    };
    for (const fn of listeners) fn(tc, true);
  };
  const relayed: [ConsentPurposes, boolean][] = [];
  const start = () => relayConsentManagers(win, (p, live) => relayed.push([p, live]));
  return { win, dataLayer, tcf, relayed, start, load };
}

describe('relayConsentManagers', () => {
  it('relays the state found on load once, then each live decision', () => {
    const p = page();
    p.tcf('tcloaded', [1, 5, 6, 8, 9]);
    p.dataLayer.push([
      'consent',
      'default',
      { personalization_storage: 'granted', analytics_storage: 'denied' },
    ]);
    p.start();
    expect(p.relayed).toEqual([[{ personalize: true, share: false }, false]]);
    p.tcf('useractioncomplete', []);
    expect(p.relayed.at(-1)).toEqual([{ personalize: false, share: false }, true]);
    p.dataLayer.push(['consent', 'update', { analytics_storage: 'granted' }]);
    // Still restricted by TCF: the live update is relayed with the combined (restrictive) state.
    expect(p.relayed.at(-1)).toEqual([{ personalize: false, share: false }, true]);
  });

  it('relays nothing while no consent manager has decided', () => {
    const p = page();
    p.tcf('cmpuishown', []);
    p.start();
    expect(p.relayed).toEqual([]);
  });

  it('looks for a CMP loaded after confide.js once the page has loaded', () => {
    const p = page();
    p.win.__tcfapi = undefined;
    p.win.document.readyState = 'interactive';
    p.start();
    const heard: string[] = [];
    p.win.__tcfapi = ((cmd: string, _v: number, cb: (d: unknown, ok: boolean) => void) => {
      heard.push(cmd);
      cb(
        { gdprApplies: true, eventStatus: 'tcloaded', purpose: { consents: { 1: true, 5: true, 6: true } } },
        true,
      );
    }) as unknown;
    p.load.dispatchEvent(new Event('load'));
    expect(heard).toEqual(['addEventListener']);
    expect(p.relayed).toEqual([[{ personalize: true, share: false }, false]]);
  });
});
