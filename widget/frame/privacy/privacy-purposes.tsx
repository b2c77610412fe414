/**
 * The two purpose checkboxes, shared by the consent prompt and the privacy center. `share` depends on
 * `personalize` (the statistics are counted from what the device keeps) and is locked off under
 * Global Privacy Control; in both cases the reason is written under the box and announced with it.
 */
import { useId } from 'preact/hooks';
import type { ConsentPurposes } from '../../../worker/protocol';
import type { Locale } from '../i18n';
import { NOTICE } from './notice';
import { privacyText } from './privacy-format';

/** Props of {@link PurposeFields}. */
export interface PurposeFieldsProps {
  readonly locale: Locale;
  readonly gpc: boolean;
  readonly value: ConsentPurposes;
  readonly onChange: (value: ConsentPurposes) => void;
  /** Text under the fields, announced with the personalize box (e.g. what revoking deletes). */
  readonly note?: string | null;
}

/** Keeps a choice within the rules: no sharing without personalization, none at all under GPC. */
export function allowedPurposes(value: ConsentPurposes, gpc: boolean): ConsentPurposes {
  return { personalize: value.personalize, share: value.share && value.personalize && !gpc };
}

/** The purpose checkboxes in a labelled group. */
export function PurposeFields({ locale, gpc, value, onChange, note }: PurposeFieldsProps) {
  const id = useId();
  const t = privacyText(locale);
  const n = NOTICE[locale];
  const shareLocked = gpc || !value.personalize;
  const shareWhy = gpc ? n.shareOffGpc : !value.personalize ? n.shareNeedsPersonalize : null;
  return (
    <fieldset class="pv-purposes">
      <legend>{t('purposesLegend')}</legend>
      <div class="pv-purpose">
        <input
          type="checkbox"
          id={`${id}-p`}
          name="personalize"
          checked={value.personalize}
          aria-describedby={`${id}-pd ${id}-note`}
          onChange={(e) => onChange(allowedPurposes({ ...value, personalize: e.currentTarget.checked }, gpc))}
        />
        <div>
          <label for={`${id}-p`}>{n.personalize}</label>
          <p id={`${id}-pd`} class="pv-detail">
            {n.personalizeDetail}
          </p>
        </div>
      </div>
      <div class="pv-purpose">
        <input
          type="checkbox"
          id={`${id}-s`}
          name="share"
          checked={value.share && !shareLocked}
          disabled={shareLocked}
          aria-describedby={`${id}-sd${shareWhy ? ` ${id}-sw` : ''}`}
          onChange={(e) => onChange(allowedPurposes({ ...value, share: e.currentTarget.checked }, gpc))}
        />
        <div>
          <label for={`${id}-s`}>{n.share}</label>
          <p id={`${id}-sd`} class="pv-detail">
            {n.shareDetail}
          </p>
          {shareWhy && (
            <p id={`${id}-sw`} class="pv-why" data-why={gpc ? 'gpc' : 'personalize'}>
              {shareWhy}
            </p>
          )}
        </div>
      </div>
      {/* Always present, so that a note appearing later is announced by the live region. */}
      <p id={`${id}-note`} class="pv-note" role="status">
        {note ?? ''}
      </p>
    </fieldset>
  );
}
