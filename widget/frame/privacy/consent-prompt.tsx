/**
 * The consent prompt: a short plain-language notice and two purposes, both off by default. "Reject
 * all" and "Accept all" sit side by side with the same size and weight, so refusing takes exactly as
 * much effort as agreeing; "Save my choices" applies the boxes as ticked. When the visitor decided under
 * an earlier notice, the prompt says so and names what changed.
 */
import { useState } from 'preact/hooks';
import type { ConsentPurposes } from '../../../worker/protocol';
import type { Locale } from '../i18n';
import { NOTICE, NOTICE_HISTORY, NOTICE_VERSION } from './notice';
import { privacyText, safeLocale } from './privacy-format';
import { allowedPurposes, PurposeFields } from './privacy-purposes';
import './privacy.css';

/** Props of {@link ConsentPrompt}. */
export interface ConsentPromptProps {
  readonly locale: Locale;
  /** Global Privacy Control is on: `share` stays off and the prompt says why. */
  readonly gpc: boolean;
  /** The visitor decided under an earlier notice version (`status.noticeChanged`). */
  readonly noticeChanged: boolean;
  readonly onDecide: (purposes: ConsentPurposes) => void;
}

/** Asks for the two purposes. */
export function ConsentPrompt(props: ConsentPromptProps) {
  const { gpc, noticeChanged, onDecide } = props;
  const locale = safeLocale(props.locale);
  const t = privacyText(locale);
  const n = NOTICE[locale];
  const [choice, setChoice] = useState<ConsentPurposes>({ personalize: false, share: false });
  const change = NOTICE_HISTORY[NOTICE_HISTORY.length - 1]?.changed[locale];
  return (
    <section class="pv-consent" aria-labelledby="pv-consent-title" data-notice={NOTICE_VERSION}>
      <h2 id="pv-consent-title">{n.title}</h2>
      {noticeChanged && (
        <div class="pv-changed" role="note">
          <p class="pv-changed-title">{t('noticeChanged')}</p>
          {change && <p>{t('whatChanged', { change })}</p>}
        </div>
      )}
      <p>{n.intro}</p>
      <PurposeFields locale={locale} gpc={gpc} value={choice} onChange={setChoice} />
      <div class="pv-actions">
        <button
          type="button"
          class="pv-button"
          onClick={() => onDecide({ personalize: false, share: false })}
        >
          {t('rejectAll')}
        </button>
        <button type="button" class="pv-button" onClick={() => onDecide({ personalize: true, share: !gpc })}>
          {t('acceptAll')}
        </button>
      </div>
      <button
        type="button"
        class="pv-button pv-secondary pv-wide"
        onClick={() => onDecide(allowedPurposes(choice, gpc))}
      >
        {t('saveChoices')}
      </button>
      <p class="pv-version">{t('noticeVersion', { version: NOTICE_VERSION })}</p>
    </section>
  );
}
