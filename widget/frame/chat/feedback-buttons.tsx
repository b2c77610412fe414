/**
 * Thumbs up and down, as two toggle buttons (`aria-pressed`) with names that say what they rate.
 */
import type { FeedbackInput } from '../../../worker/protocol';
import { Icon } from '../icons';

/** Props of {@link FeedbackButtons}. */
export interface FeedbackButtonsProps {
  readonly value: FeedbackInput['value'] | undefined;
  readonly upLabel: string;
  readonly downLabel: string;
  readonly onChoose: (value: FeedbackInput['value']) => void;
}

/** The pair of thumbs. */
export function FeedbackButtons({ value, upLabel, downLabel, onChoose }: FeedbackButtonsProps) {
  return (
    <div class="thumbs">
      <button
        type="button"
        class="thumb"
        aria-label={upLabel}
        aria-pressed={value === 'up'}
        onClick={() => onChoose('up')}
      >
        <Icon name="up" size={18} />
      </button>
      <button
        type="button"
        class="thumb"
        aria-label={downLabel}
        aria-pressed={value === 'down'}
        onClick={() => onChoose('down')}
      >
        <Icon name="up" size={18} flip />
      </button>
    </div>
  );
}
