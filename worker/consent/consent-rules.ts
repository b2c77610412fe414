/**
 * The one place where consent decisions from different sources are merged. Sources are the
 * widget's prompt and privacy center, the host page's API, its consent managers (TCF, Consent
 * Mode), a webview app and GPC. The rules:
 * - a consent manager's state read at page load may only narrow what the visitor chose in the
 *   widget or through the API; a decision made in it while the page is open is a new decision;
 * - `share` needs `personalize` (reports are built from on-device state only it allows);
 * - Global Privacy Control turns `share` off, whatever the source says.
 * docs/consent-sources.md explains them to site owners.
 */
import type { ConsentOptions, ConsentPurposes, ConsentRecord, ConsentSource } from '../protocol';

/** One incoming decision. */
export interface ConsentInput {
  readonly purposes: ConsentPurposes;
  readonly source: ConsentSource;
  readonly options?: ConsentOptions;
}

/** The purposes to record for `input`, or `null` when the rules say it changes nothing. */
export function resolveConsent(
  current: ConsentRecord | null,
  input: ConsentInput,
  gpc: boolean,
): ConsentPurposes | null {
  const { purposes, source } = input;
  const narrowOnly =
    source === 'cmp' && input.options?.live !== true && current !== null && current.source !== 'cmp';
  const wanted = narrowOnly
    ? { personalize: current.personalize && purposes.personalize, share: current.share && purposes.share }
    : purposes;
  const personalize = wanted.personalize === true;
  const resolved = { personalize, share: wanted.share === true && personalize && !gpc };
  if (narrowOnly && resolved.personalize === current.personalize && resolved.share === current.share)
    return null;
  return resolved;
}
