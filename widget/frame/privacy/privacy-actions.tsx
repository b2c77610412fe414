/**
 * The two actions on everything kept: export it as one JSON file, and delete it, after a confirm step,
 * through the worker's `forget()`, which removes the database and the model cache and returns the
 * now-empty status that the center then shows.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { WorkerApi, WorkerStatus } from '../../../worker/protocol';
import type { Locale } from '../i18n';
import { datedFileName, downloadJson } from './download';
import { privacyText } from './privacy-format';
import { useTask } from './privacy-task';

/** Props of {@link ExportSection}. */
export interface ExportSectionProps {
  readonly locale: Locale;
  readonly worker: WorkerApi;
  /** The host page asked for the export: the visitor is asked to download it, or to say no. */
  readonly asked?: boolean;
  /** The visitor answered the host page's request. */
  readonly onAnswered?: (downloaded: boolean) => void;
}

/**
 * Downloads `worker.export()`. The file is saved from this frame, so the data stays between the
 * visitor and the widget's origin even when the host page asked for it.
 */
export function ExportSection({ locale, worker, asked = false, onAnswered }: ExportSectionProps) {
  const t = privacyText(locale);
  const task = useTask();
  const save = () =>
    task.run(async () => {
      const bundle = await worker.export();
      downloadJson(datedFileName('confide-data', bundle.exportedAt), bundle);
      if (asked) onAnswered?.(true);
    });
  return (
    <section class={asked ? 'pv-section pv-asked' : 'pv-section'} aria-labelledby="pv-export">
      <h3 id="pv-export">{asked ? t('exportAsked') : t('exportTitle')}</h3>
      <p>{asked ? t('exportAskedText') : t('exportText')}</p>
      <div class="pv-actions">
        <button type="button" class="pv-button pv-secondary" disabled={task.busy} onClick={() => void save()}>
          {task.busy ? t('working') : t('exportButton')}
        </button>
        {asked && (
          <button type="button" class="pv-button pv-secondary" onClick={() => onAnswered?.(false)}>
            {t('exportDecline')}
          </button>
        )}
      </div>
      {task.failed && (
        <p class="pv-error" role="alert">
          {t('failed', { code: task.failed })}
        </p>
      )}
    </section>
  );
}

/** Props of {@link DeleteSection}. */
export interface DeleteSectionProps {
  readonly locale: Locale;
  readonly worker: WorkerApi;
  readonly onForgotten: (status: WorkerStatus) => void;
}

type Step = 'idle' | 'confirm' | 'done';

/** "Delete everything", with a confirm step. */
export function DeleteSection({ locale, worker, onForgotten }: DeleteSectionProps) {
  const t = privacyText(locale);
  const task = useTask();
  const [step, setStep] = useState<Step>('idle');
  const start = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const moved = useRef(false);
  // Focus follows the step, so a keyboard user is never left on a button that just disappeared.
  useEffect(() => {
    if (!moved.current) return;
    if (step === 'confirm') cancel.current?.focus();
    else if (step === 'done') result.current?.focus();
    else start.current?.focus();
  }, [step]);
  const go = (next: Step) => {
    moved.current = true;
    setStep(next);
  };
  const confirm = async () => {
    const status = await task.run(() => worker.forget());
    if (!status) return;
    go('done');
    onForgotten(status);
  };
  return (
    <section class="pv-section pv-danger-zone" aria-labelledby="pv-delete">
      <h3 id="pv-delete">{t('deleteTitle')}</h3>
      <p>{t('deleteText')}</p>
      {step !== 'confirm' && (
        <button ref={start} type="button" class="pv-button pv-danger" onClick={() => go('confirm')}>
          {t('deleteButton')}
        </button>
      )}
      {step === 'confirm' && (
        <fieldset
          class="pv-confirm"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            e.stopPropagation();
            go('idle');
          }}
        >
          <legend class="pv-strong">{t('deleteConfirm')}</legend>
          <div class="pv-actions">
            <button
              type="button"
              class="pv-button pv-danger"
              disabled={task.busy}
              onClick={() => void confirm()}
            >
              {task.busy ? t('working') : t('deleteYes')}
            </button>
            <button ref={cancel} type="button" class="pv-button pv-secondary" onClick={() => go('idle')}>
              {t('cancel')}
            </button>
          </div>
        </fieldset>
      )}
      <p ref={result} class="pv-status" role="status" tabIndex={-1} data-deleted={step === 'done'}>
        {step === 'done' ? t('deleted') : ''}
      </p>
      {task.failed && (
        <p class="pv-error" role="alert">
          {t('failed', { code: task.failed })}
        </p>
      )}
    </section>
  );
}
