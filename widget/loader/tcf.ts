/**
 * IAB TCF v2.2: reading a consent manager's `TCData` (from `__tcfapi('addEventListener', 2, cb)`) as
 * Confide's two purposes. The mapping and its reasons are in docs/consent-sources.md.
 */
import { isObject } from './is-object';

/** What a consent manager says about Confide's purposes; an absent field says nothing about it. */
export interface Signal {
  readonly personalize?: boolean;
  readonly share?: boolean;
}

/**
 * TCF purposes `personalize` needs: 1 store and/or access information on a device, 5 create profiles
 * to personalise content, 6 use profiles to select personalised content.
 */
export const TCF_PERSONALIZE = [1, 5, 6] as const;
/**
 * TCF purposes `share` needs: 1 (the reports are computed from what the device keeps), 8 measure
 * content performance, 9 understand audiences through statistics.
 */
export const TCF_SHARE = [1, 8, 9] as const;

type Obj = Record<string, unknown>;
const isObj = isObject;

/**
 * The decision in one `TCData`, or `null` when it holds none: the call failed, GDPR does not apply
 * (`gdprApplies: false`), or the consent manager is still asking (`cmpuishown`).
 *
 * Confide is not on the Global Vendor List, so no vendor consent can name it. It works for the site,
 * so the site's own (publisher) consents are read when the consent manager records them
 * (`publisher.consents`), else the purpose consents (`purpose.consents`). Only consent counts:
 * legitimate interest never turns a Confide purpose on.
 */
export function tcfSignal(tcData: unknown, success = true): Signal | null {
  if (!success || !isObj(tcData) || tcData.gdprApplies === false) return null;
  if (tcData.eventStatus !== 'tcloaded' && tcData.eventStatus !== 'useractioncomplete') return null;
  const publisher = isObj(tcData.publisher) ? tcData.publisher.consents : undefined;
  const purpose = isObj(tcData.purpose) ? tcData.purpose.consents : undefined;
  const consents =
    isObj(publisher) && Object.keys(publisher).length ? publisher : isObj(purpose) ? purpose : {};
  const all = (ids: readonly number[]) => ids.every((id) => consents[id] === true);
  return { personalize: all(TCF_PERSONALIZE), share: all(TCF_SHARE) };
}

/** The `__tcfapi` function as the TCF v2.2 CMP API defines it. */
export type TcfApi = (
  command: string,
  version: number,
  callback: (tcData: unknown, success: boolean) => void,
  parameter?: unknown,
) => void;

/**
 * Listens to the page's TCF consent manager: `fn(signal, live)` for the state found on load and for
 * every later decision; `live` is true for a decision the visitor just made (`useractioncomplete`).
 * Returns false when the page has no `__tcfapi`.
 */
export function watchTcf(api: unknown, fn: (signal: Signal, live: boolean) => void): boolean {
  if (typeof api !== 'function') return false;
  try {
    (api as TcfApi)('addEventListener', 2, (tcData, success) => {
      try {
        const signal = tcfSignal(tcData, success);
        if (signal) fn(signal, (tcData as Obj).eventStatus === 'useractioncomplete');
      } catch {
        // Never throw into the consent manager's code.
      }
    });
  } catch {
    return false; // A broken consent manager is the site's; Confide simply hears nothing from it.
  }
  return true;
}
