/**
 * The preferences the visitor stated in the chat ("I prefer wooden toys"), each with a delete
 * control. Read from the worker when the privacy center opens and after every delete, so what is
 * shown is what the device keeps.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Preference, WorkerApi } from '../../../worker/protocol';
import type { Locale } from '../i18n';
import { privacyText } from './privacy-format';

/** Props of {@link PreferencesSection}. */
export interface PreferencesSectionProps {
  readonly locale: Locale;
  readonly worker: WorkerApi;
}

const KIND_KEY = { like: 'prefsLike', avoid: 'prefsAvoid', recipient: 'prefsRecipient' } as const;

/** The stated preferences with their delete buttons. */
export function PreferencesSection({ locale, worker }: PreferencesSectionProps) {
  const t = privacyText(locale);
  const [items, setItems] = useState<readonly Preference[] | null>(null);
  const load = () =>
    worker.preferences().then(setItems, (e: unknown) => {
      console.warn('[confide] privacy center: preferences', e);
      setItems([]);
    });
  useEffect(() => {
    void load();
  }, []);
  return (
    <section class="pv-section" aria-labelledby="pv-prefs" data-preferences={items?.length ?? 0}>
      <h3 id="pv-prefs">{t('prefsTitle')}</h3>
      {items && items.length === 0 && <p>{t('prefsNone')}</p>}
      {items && items.length > 0 && (
        <ul class="pv-prefs">
          {items.map((p) => (
            <li key={p.id} data-preference={p.kind}>
              <span>{t(KIND_KEY[p.kind], { label: p.label })}</span>
              <button
                type="button"
                class="pv-button pv-secondary"
                aria-label={t('prefsDelete', { label: p.label })}
                onClick={async () => {
                  await worker.forgetPreference(p.id).catch((e: unknown) => console.warn('[confide]', e));
                  await load();
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="pv-detail">{t('prefsNote')}</p>
    </section>
  );
}
