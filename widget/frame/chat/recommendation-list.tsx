/**
 * Recommendation cards: a monogram tile (the catalog has no images), title, price, a link to the item
 * on the host site, "why am I seeing this" and thumbs.
 *
 * Links: the frame does not know the host's product URLs, so a card links to the host origin with
 * `?confide_item=<id>` and opens it in the top window (`_top`): the visitor stays in the same shop tab,
 * and a site maps the parameter to its product page (server redirect or a line of script).
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type {
  ExposureInput,
  FeedbackInput,
  Recommendations,
  RecommendedItem,
} from '../../../worker/protocol';
import type { ChatKey, Locale, Translate } from '../i18n';
import { type FeedbackMap, feedbackKey } from '../widget-state';
import { FeedbackButtons } from './feedback-buttons';
import './cards.css';

/** Props of {@link RecommendationList}. */
export interface RecommendationListProps {
  readonly recs: Recommendations;
  readonly locale: Locale;
  readonly t: Translate<ChatKey>;
  readonly hostOrigin: string;
  readonly feedback: FeedbackMap;
  readonly onFeedback: (input: FeedbackInput) => void;
  /** "More like this" on a card (search results in the chat): asks the chat for similar items. */
  readonly onMore?: (item: RecommendedItem) => void;
  /** Told when the list is shown and when a card is opened (implicit feedback, kept with consent). */
  readonly onExposure?: (input: ExposureInput) => void;
}

/** The link to an item on the host site, or null when the host is not a web origin (a webview). */
export function itemHref(hostOrigin: string, id: string): string | null {
  if (!/^https?:\/\//.test(hostOrigin)) return null;
  const url = new URL('/', hostOrigin);
  url.searchParams.set('confide_item', id);
  return url.href;
}

/** The first letter or digit of the title, for the monogram tile. */
export function monogram(title: string): string {
  return (/[\p{L}\p{N}]/u.exec(title)?.[0] ?? '•').toLocaleUpperCase();
}

/** The worker explains its picks in English; other locales get the frame's sentence for the basis. */
function why(item: RecommendedItem, locale: Locale, t: Translate<ChatKey>): string {
  return locale === 'en' ? item.reason : t(`why_${item.basis}`);
}

/** Renders the recommended items; the list carries the model version for support and tests. */
export function RecommendationList({
  recs,
  locale,
  t,
  hostOrigin,
  feedback,
  onFeedback,
  onMore,
  onExposure,
}: RecommendationListProps) {
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: recs.currency });
  const list = useRef<HTMLUListElement>(null);
  // The card with focus, while focus is in the list. A thumbs-down makes the worker drop that item
  // from fresh recommendations; focus then moves to the card now in its place instead of being lost.
  const focusedCard = useRef(-1);
  // Each list the visitor is shown counts once, each card with its basis (the worker does not hold
  // search results against an item: they answer a question). The same list pushed again (the kept
  // one, then the fresh one computed to the same items) is still one list.
  const shownKey = recs.items.map((i) => `${i.id}:${i.basis}`).join(' ');
  useEffect(() => {
    onExposure?.({ shown: recs.items.map((i) => ({ id: i.id, basis: i.basis })) });
  }, [shownKey]);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el || focusedCard.current < 0 || el.contains(document.activeElement)) return;
    const cards = el.querySelectorAll<HTMLElement>('.card-link');
    cards[Math.min(focusedCard.current, cards.length - 1)]?.focus();
  }, [recs]);
  return (
    <ul
      ref={list}
      onFocusIn={(e) => {
        const card = (e.target as HTMLElement).closest('.card');
        focusedCard.current = card ? [...(list.current?.children ?? [])].indexOf(card) : -1;
      }}
      onFocusOut={(e) => {
        // Focus going nowhere (the card was removed) keeps the index; going elsewhere clears it.
        const next = e.relatedTarget as Node | null;
        if (next && !list.current?.contains(next)) focusedCard.current = -1;
      }}
      class="recs"
      aria-label={t('recsLabel')}
      data-source={recs.source}
      data-basis={recs.basis}
      data-model={recs.modelVersion}
    >
      {recs.items.map((item) => {
        const href = itemHref(hostOrigin, item.id);
        const title = (
          <>
            <span class="tile" aria-hidden="true">
              {monogram(item.title)}
            </span>
            <span class="card-title">{item.title}</span>
          </>
        );
        return (
          <li key={item.id} class="card" data-item={item.id} data-basis={item.basis}>
            {href ? (
              <a
                class="card-link"
                href={href}
                target="_top"
                onClick={() => onExposure?.({ opened: item.id })}
              >
                {title}
              </a>
            ) : (
              <span class="card-link">{title}</span>
            )}
            <span class="card-price">{money.format(item.price)}</span>
            <FeedbackButtons
              value={feedback[feedbackKey('recommendation', item.id)]}
              upLabel={t('like', { item: item.title })}
              downLabel={t('dislike', { item: item.title })}
              onChoose={(value) => onFeedback({ target: 'recommendation', id: item.id, value })}
            />
            {onMore && (
              <button type="button" class="card-more" onClick={() => onMore(item)}>
                {t('moreLike')}
              </button>
            )}
            <details class="why">
              <summary>{t('why')}</summary>
              <p>{why(item, locale, t)}</p>
            </details>
          </li>
        );
      })}
    </ul>
  );
}
