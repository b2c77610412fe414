/**
 * The privacy center, inside the chat panel: what this device keeps (per store, and where), the
 * visitor's segment and why, the consent record with its receipt, the purposes to change it, the
 * privacy budget spent on shared reports, the export, and "delete everything". It talks to the worker
 * itself, so the counts it shows are the worker's own, fetched again when it opens.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConsentPurposes, Segment, WorkerApi, WorkerStatus } from '../../../worker/protocol';
import type { Locale } from '../i18n';
import { DeleteSection, ExportSection } from './privacy-actions';
import { BudgetSection } from './privacy-budget';
import { ChangeSection, ConsentRecordSection } from './privacy-consent';
import { privacyText, safeLocale } from './privacy-format';
import { PreferencesSection } from './privacy-preferences';
import { SegmentSection, StoresSection } from './privacy-stores';
import './privacy.css';

/** Props of {@link PrivacyCenter}. */
export interface PrivacyCenterProps {
  readonly locale: Locale;
  readonly worker: WorkerApi;
  /** The latest status the panel has; the center also asks the worker for a fresh one on opening. */
  readonly status: WorkerStatus;
  readonly segment: Segment | null;
  /** Back to the chat (the close button, or Escape). */
  readonly onClose: () => void;
  /** Applies a new decision (the controller's `decide` with source `prompt`). */
  readonly onDecide: (purposes: ConsentPurposes) => Promise<void>;
  /** The host page asked for an export: it is shown first, as a request the visitor answers. */
  readonly exportAsked?: boolean;
  /** The visitor answered the host page's export request. */
  readonly onExportAnswered?: (downloaded: boolean) => void;
  /** After "delete everything": the worker's status, now empty and without consent. */
  readonly onForgotten: (status: WorkerStatus) => void;
  /**
   * Global Privacy Control as the frame determined it (browser or app). Defaults to the browser's
   * `navigator.globalPrivacyControl`; the worker turns `share` off under GPC either way.
   */
  readonly gpc?: boolean;
}

/** The privacy center. */
export function PrivacyCenter(props: PrivacyCenterProps) {
  const { worker, status, segment, onClose, onDecide, onForgotten } = props;
  const locale = safeLocale(props.locale);
  const t = privacyText(locale);
  const gpc = props.gpc ?? browserGpc();
  const [current, setCurrent] = useState<WorkerStatus>(status);
  const heading = useRef<HTMLHeadingElement>(null);
  const open = useRef(true);

  useEffect(() => setCurrent(status), [status]);
  useEffect(() => {
    heading.current?.focus();
    void refresh();
    return () => {
      open.current = false;
    };
    // Once, on opening: later changes arrive through `status`.
  }, []);

  async function refresh(): Promise<void> {
    try {
      const fresh = await worker.status();
      if (open.current) setCurrent(fresh);
    } catch (e) {
      // The panel's status stays on screen; the counts are then as fresh as the panel's.
      console.warn('[confide] privacy center: status', e);
    }
  }

  const consent = current.consent;
  return (
    <section
      class="pv-center"
      aria-labelledby="pv-center-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div class="pv-center-head">
        <h2 id="pv-center-title" ref={heading} tabIndex={-1}>
          {t('title')}
        </h2>
        <button type="button" class="pv-button pv-secondary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {props.exportAsked && (
        <ExportSection locale={locale} worker={worker} asked onAnswered={props.onExportAnswered} />
      )}
      <StoresSection locale={locale} storage={current.storage} stores={current.stores} />
      <SegmentSection locale={locale} personalize={consent?.personalize === true} segment={segment} />
      <PreferencesSection locale={locale} worker={worker} />
      <ConsentRecordSection locale={locale} consent={consent} />
      <ChangeSection
        locale={locale}
        gpc={gpc}
        consent={consent}
        onDecide={async (p) => {
          await onDecide(p);
          await refresh();
        }}
      />
      <BudgetSection locale={locale} share={consent?.share === true} privacy={current.privacy} />
      {!props.exportAsked && <ExportSection locale={locale} worker={worker} />}
      <DeleteSection
        locale={locale}
        worker={worker}
        onForgotten={(s) => {
          setCurrent(s);
          onForgotten(s);
        }}
      />
    </section>
  );
}

function browserGpc(): boolean {
  return (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
}
