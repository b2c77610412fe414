/**
 * Relays the host page's consent managers (IAB TCF v2.2 and Google Consent Mode) to the frame as one
 * `consent` message with source `cmp`. GPC is not read here: the frame sees it itself. The rules are
 * in docs/consent-sources.md.
 */
import type { ConsentPurposes } from '../../worker/protocol';
import { consentModeSignal, watchConsentMode } from './consent-mode';
import { type Signal, watchTcf } from './tcf';

/**
 * Combines what the consent managers say: per purpose, the most restrictive of those that say
 * something. `null` when none says anything about `personalize` (then the widget's own prompt
 * decides); `share` that none speaks of is off.
 */
export function combineSignals(signals: readonly (Signal | null)[]): ConsentPurposes | null {
  let personalize: boolean | undefined;
  let share: boolean | undefined;
  for (const s of signals) {
    if (s && s.personalize !== undefined) personalize = personalize !== false && s.personalize;
    if (s && s.share !== undefined) share = share !== false && s.share;
  }
  return personalize === undefined ? null : { personalize, share: share === true };
}

/** The globals of the host page the relay reads. */
export interface ConsentWindow {
  readonly __tcfapi?: unknown;
  readonly dataLayer?: unknown;
  readonly document: { readonly readyState: string };
  addEventListener(type: 'load', listener: () => void, options?: AddEventListenerOptions): void;
}

/**
 * Watches the page's consent managers and calls `relay(purposes, live)` with the combined decision:
 * once for the state found on load (`live` false, only when it differs from what was relayed before)
 * and for every decision the visitor makes in a consent manager while the page is open (`live` true).
 */
export function relayConsentManagers(
  win: ConsentWindow,
  relay: (purposes: ConsentPurposes, live: boolean) => void,
): void {
  let tcf: Signal | null = null;
  let mode: Signal | null = null;
  let last = '';
  const update = (live: boolean) => {
    const purposes = combineSignals([tcf, mode]);
    if (!purposes) return;
    const key = `${purposes.personalize} ${purposes.share}`;
    if (live || key !== last) relay(purposes, live);
    last = key;
  };
  watchConsentMode(win.dataLayer, (state, live) => {
    mode = consentModeSignal(state);
    update(live);
  });
  const onTcf = (signal: Signal, live: boolean) => {
    tcf = signal;
    update(live);
  };
  // The IAB snippet defines `__tcfapi` before any other script; a consent manager loaded later than
  // confide.js is looked for once more when the page has loaded.
  if (!watchTcf(win.__tcfapi, onTcf) && win.document.readyState !== 'complete') {
    win.addEventListener('load', () => watchTcf(win.__tcfapi, onTcf), { once: true });
  }
}
