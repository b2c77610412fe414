/**
 * The one place where consent decisions from different sources are merged. Sources are the
 * widget's prompt and privacy center (`prompt`: the visitor, inside the widget's own origin), the
 * host page's API, its consent managers (TCF, Consent Mode), a webview app and GPC. The rules:
 * - the visitor's own decision in the widget is a ceiling: every other source may narrow it, none
 *   may widen it, so a script on the host page cannot undo "Reject all"; only the visitor, in the
 *   widget, can raise it again;
 * - without such a decision, the newest explicit decision wins, except that a consent manager's state
 *   read at page load may only narrow what the API or the visitor chose (a decision made in it while
 *   the page is open is a new decision);
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

/** What to record: the purposes in force and the visitor's own widget decision that caps them. */
export interface ResolvedConsent extends ConsentPurposes {
  /** The visitor's latest decision inside the widget, when there is one; see {@link ConsentRecord}. */
  readonly chosen?: ConsentPurposes;
}

const both = (a: ConsentPurposes, b: ConsentPurposes): ConsentPurposes => ({
  personalize: a.personalize && b.personalize,
  share: a.share && b.share,
});

/**
 * The purposes to record for `input`, or `null` when the rules say it changes nothing. `current` is
 * the record in force (a refusal the visitor gave in the widget on an earlier page counts as one).
 */
export function resolveConsent(
  current: ConsentRecord | null,
  input: ConsentInput,
  gpc: boolean,
): ResolvedConsent | null {
  const { purposes, source } = input;
  const fromVisitor = source === 'prompt';
  // A record written before `chosen` existed is the visitor's own when it came from the prompt.
  const earlier = current?.chosen ?? (current?.source === 'prompt' ? current : undefined);
  const chosen = fromVisitor ? purposes : earlier;
  const loadState = source === 'cmp' && input.options?.live !== true && current !== null;
  const narrowOnly = !fromVisitor && (chosen !== undefined || (loadState && current.source !== 'cmp'));
  let wanted = purposes;
  if (chosen !== undefined && !fromVisitor) wanted = both(wanted, chosen);
  if (loadState && current.source !== 'cmp') wanted = both(wanted, current);
  const personalize = wanted.personalize === true;
  const resolved: ResolvedConsent = {
    personalize,
    share: wanted.share === true && personalize && !gpc,
    ...(chosen ? { chosen: { personalize: chosen.personalize, share: chosen.share } } : {}),
  };
  const unchanged =
    current !== null && resolved.personalize === current.personalize && resolved.share === current.share;
  if (narrowOnly && unchanged) return null;
  return resolved;
}
