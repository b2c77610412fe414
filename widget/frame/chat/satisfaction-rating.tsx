/**
 * "How is this chat going?" with three faces (drawn, not emoji: fonts differ), below the latest answer once the visitor has sent two
 * messages since the last rating. One tap rates; the row then thanks and steps aside until the
 * conversation has gone on. A rating is kept on the device with `personalize` and reported only as
 * a noised aggregate with `share`, so the row is not offered without `personalize`.
 */
import type { SatisfactionRating } from '../../../worker/protocol';
import type { ChatKey, Translate } from '../i18n';
import { Icon } from '../icons';
import './satisfaction-rating.css';

/** Props of {@link SatisfactionRow}. */
export interface SatisfactionRowProps {
  readonly t: Translate<ChatKey>;
  /** True right after the visitor rated: the row thanks instead of asking. */
  readonly thanked: boolean;
  readonly onRate: (rating: SatisfactionRating) => void;
}

const FACES: readonly { rating: SatisfactionRating; label: ChatKey }[] = [
  { rating: 'unhappy', label: 'rateUnhappy' },
  { rating: 'neutral', label: 'rateNeutral' },
  { rating: 'happy', label: 'rateHappy' },
];

/** The question and its three faces, or the thanks. */
export function SatisfactionRow({ t, thanked, onRate }: SatisfactionRowProps) {
  if (thanked)
    return (
      <p class="rating rating-thanks muted" data-rated="true">
        {t('rateThanks')}
      </p>
    );
  return (
    <fieldset class="rating">
      <legend class="sr-only">{t('rateQuestion')}</legend>
      <span class="rating-question" aria-hidden="true">
        {t('rateQuestion')}
      </span>
      {FACES.map(({ rating, label }) => (
        <button
          key={rating}
          type="button"
          class="thumb rating-face"
          data-rating={rating}
          aria-label={t(label)}
          title={t(label)}
          onClick={() => onRate(rating)}
        >
          <Icon name={rating} size={24} />
        </button>
      ))}
    </fieldset>
  );
}

/** Which the row shows for this state: the question, the thanks, or nothing. */
export function ratingRow(o: {
  personal: boolean;
  typing: boolean;
  lastIsAnswer: boolean;
  turns: number;
  ratedAt: number;
}): 'ask' | 'thanks' | null {
  if (!o.personal || o.typing || !o.lastIsAnswer) return null;
  if (o.ratedAt > 0 && o.turns === o.ratedAt) return 'thanks';
  return o.turns - o.ratedAt >= 2 ? 'ask' : null;
}
