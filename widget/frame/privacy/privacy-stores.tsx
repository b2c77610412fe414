/**
 * "What is kept" and "how this chat sees you": the record count of every place the worker keeps
 * something (from `status.stores`), where it keeps it, and the visitor's segment with its reason.
 * The segment's `description` is written for site owners, so the visitor sees its name and reason.
 */
import type { Segment, StorageMode, StoreSummary } from '../../../worker/protocol';
import type { Locale, PrivacyKey } from '../i18n';
import { formatCount, formatPercent, privacyText } from './privacy-format';

/** The stores in display order, with their labels. */
const STORES: readonly (readonly [keyof StoreSummary, PrivacyKey])[] = [
  ['events', 'storeEvents'],
  ['messages', 'storeMessages'],
  ['derived', 'storeDerived'],
  ['keys', 'storeKeys'],
  ['cachedModels', 'storeCachedModels'],
];

const MODE_TEXT: Readonly<Record<StorageMode, PrivacyKey>> = {
  indexeddb: 'storageIndexeddb',
  memory: 'storageMemory',
  none: 'storageNone',
};

/** Props of {@link StoresSection}. */
export interface StoresSectionProps {
  readonly locale: Locale;
  readonly storage: StorageMode;
  readonly stores: StoreSummary;
}

/** The count per store and the storage mode. */
export function StoresSection({ locale, storage, stores }: StoresSectionProps) {
  const t = privacyText(locale);
  return (
    <section class="pv-section" aria-labelledby="pv-kept">
      <h3 id="pv-kept">{t('keptTitle')}</h3>
      <p data-storage-mode={storage}>{t(MODE_TEXT[storage])}</p>
      <dl class="pv-stores" aria-label={t('storesLabel')}>
        {STORES.map(([key, label]) => (
          <div key={key} class="pv-store">
            <dt>{t(label)}</dt>
            <dd data-store={key} data-count={stores[key]}>
              {formatCount(stores[key], locale)}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Props of {@link SegmentSection}. */
export interface SegmentSectionProps {
  readonly locale: Locale;
  readonly personalize: boolean;
  readonly segment: Segment | null;
}

/** The visitor's segment and why; nothing while personalization is off. */
export function SegmentSection({ locale, personalize, segment }: SegmentSectionProps) {
  const t = privacyText(locale);
  const shown = personalize ? segment : null;
  return (
    <section class="pv-section" aria-labelledby="pv-segment" data-segment={shown?.name ?? ''}>
      <h3 id="pv-segment">{t('segmentTitle')}</h3>
      {!shown ? (
        <p>{t(personalize ? 'segmentNone' : 'segmentOff')}</p>
      ) : (
        <>
          <p class="pv-strong">{t('segmentIs', { name: shown.name })}</p>
          <p>{t('segmentWhy', { reason: shown.reason })}</p>
          <p class="pv-detail" data-segment-source={shown.source}>
            {shown.source === 'rule'
              ? t('segmentRule')
              : t('segmentModel', { confidence: formatPercent(shown.confidence, locale) })}
          </p>
        </>
      )}
    </section>
  );
}
