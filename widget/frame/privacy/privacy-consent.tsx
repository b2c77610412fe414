/**
 * The consent part of the privacy center: the record as the device keeps it (purposes, notice version,
 * time, source) with a downloadable receipt, and the purposes to change it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ConsentPurposes, ConsentRecord, ConsentSource } from '../../../worker/protocol';
import type { Locale, PrivacyKey } from '../i18n';
import { consentReceipt, siteFromUrl } from './consent-receipt';
import { datedFileName, downloadJson } from './download';
import { NOTICE } from './notice';
import { formatMoment, privacyText } from './privacy-format';
import { allowedPurposes, PurposeFields } from './privacy-purposes';
import { useTask } from './privacy-task';

const SOURCE_TEXT: Readonly<Record<ConsentSource, PrivacyKey>> = {
  prompt: 'sourcePrompt',
  api: 'sourceApi',
  gpc: 'sourceGpc',
  cmp: 'sourceCmp',
  webview: 'sourceWebview',
};

/** Props of {@link ConsentRecordSection}. */
export interface ConsentRecordSectionProps {
  readonly locale: Locale;
  readonly consent: ConsentRecord | null;
}

/** The consent record and its receipt. */
export function ConsentRecordSection({ locale, consent }: ConsentRecordSectionProps) {
  const t = privacyText(locale);
  const yesNo = (on: boolean) => t(on ? 'allowed' : 'notAllowed');
  const saveReceipt = (record: ConsentRecord) => {
    const now = Date.now();
    const receipt = consentReceipt(record, {
      locale,
      site: siteFromUrl(location.href),
      widgetOrigin: location.origin,
      now,
    });
    downloadJson(datedFileName('confide-consent-receipt', now), receipt);
  };
  return (
    <section class="pv-section" aria-labelledby="pv-consent-record">
      <h3 id="pv-consent-record">{t('consentTitle')}</h3>
      {!consent ? (
        <p>{t('consentNone')}</p>
      ) : (
        <>
          <dl class="pv-record">
            <div>
              <dt>{NOTICE[locale].personalize}</dt>
              <dd data-purpose="personalize">{yesNo(consent.personalize)}</dd>
            </div>
            <div>
              <dt>{NOTICE[locale].share}</dt>
              <dd data-purpose="share">{yesNo(consent.share)}</dd>
            </div>
            <div>
              <dt>{t('noticeLabel')}</dt>
              <dd data-consent="notice">{consent.notice}</dd>
            </div>
            <div>
              <dt>{t('decidedAt')}</dt>
              <dd data-consent="at">
                <time dateTime={new Date(consent.at).toISOString()}>{formatMoment(consent.at, locale)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('sourceLabel')}</dt>
              <dd data-consent="source" data-source={consent.source}>
                {t(SOURCE_TEXT[consent.source])}
              </dd>
            </div>
          </dl>
          {consent.chosen && !consent.chosen.personalize && <p data-consent="kept">{t('refusalKept')}</p>}
          <button type="button" class="pv-button pv-secondary" onClick={() => saveReceipt(consent)}>
            {t('receipt')}
          </button>
        </>
      )}
    </section>
  );
}

/** Props of {@link ChangeSection}. */
export interface ChangeSectionProps {
  readonly locale: Locale;
  readonly gpc: boolean;
  readonly consent: ConsentRecord | null;
  readonly onDecide: (purposes: ConsentPurposes) => Promise<void>;
}

/** The purposes as checkboxes, saved through `onDecide`. */
export function ChangeSection({ locale, gpc, consent, onDecide }: ChangeSectionProps) {
  const t = privacyText(locale);
  const personalize = consent?.personalize ?? false;
  const share = consent?.share ?? false;
  const [choice, setChoice] = useState<ConsentPurposes>({ personalize, share });
  const [saved, setSaved] = useState(false);
  const task = useTask();
  // A decision made elsewhere (the host page, a consent manager, a deletion) resets the boxes.
  useEffect(() => setChoice({ personalize, share }), [personalize, share]);
  const revoking = personalize && !choice.personalize;
  const save = async () => {
    setSaved(false);
    const done = await task.run(async () => {
      await onDecide(allowedPurposes(choice, gpc));
      return true;
    });
    if (done) setSaved(true);
  };
  return (
    <section class="pv-section" aria-labelledby="pv-change">
      <h3 id="pv-change">{t('changeTitle')}</h3>
      <PurposeFields
        locale={locale}
        gpc={gpc}
        value={choice}
        onChange={(v) => {
          setSaved(false);
          setChoice(v);
        }}
        note={revoking ? t('revokeWarning') : null}
      />
      <button type="button" class="pv-button" disabled={task.busy} onClick={() => void save()}>
        {task.busy ? t('working') : t('saveChanges')}
      </button>
      <p class="pv-status" role="status">
        {saved ? t('saved') : ''}
      </p>
      {task.failed && (
        <p class="pv-error" role="alert">
          {t('failed', { code: task.failed })}
        </p>
      )}
    </section>
  );
}
