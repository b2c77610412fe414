/**
 * The conversation view: an opening that depends on consent (with the visitor's recommendations when
 * personalized), the messages in an `aria-live` log, the typing indicator and the latest quick replies.
 */
import type {
  ExposureInput,
  FeedbackInput,
  Handoff,
  RecommendedItem,
  SatisfactionRating,
} from '../../../worker/protocol';
import type { ChatKey, Translate } from '../i18n';
import { type ChatEntry, feedbackKey, type WidgetState } from '../widget-state';
import { visitorTurns } from './chat-controller';
import { EscalationOffer } from './escalation-offer';
import { FeedbackButtons } from './feedback-buttons';
import { QuickReplies } from './quick-replies';
import { RecommendationList } from './recommendation-list';
import { ratingRow, SatisfactionRow } from './satisfaction-rating';
import { TypingIndicator } from './typing-indicator';

/** Props of {@link MessageList}. */
export interface MessageListProps {
  readonly s: WidgetState;
  readonly t: Translate<ChatKey>;
  readonly hostOrigin: string;
  readonly onSend: (text: string) => void;
  readonly onFeedback: (input: FeedbackInput) => void;
  /** Implicit feedback: lists of recommended items shown, items opened. */
  readonly onExposure?: (input: ExposureInput) => void;
  /** The visitor's rating of the conversation. */
  readonly onRate?: (rating: SatisfactionRating) => void;
}

/** The opening, the log and what follows it. */
export function MessageList({ s, t, hostOrigin, onSend, onFeedback, onExposure, onRate }: MessageListProps) {
  const personal = s.status?.consent?.personalize === true;
  const cards = {
    locale: s.locale,
    t,
    hostOrigin,
    feedback: s.feedback,
    onFeedback,
    ...(onExposure ? { onExposure } : {}),
  };
  const last = s.messages[s.messages.length - 1];
  const row = ratingRow({
    personal,
    typing: s.typing,
    lastIsAnswer: last?.role === 'assistant' && last.kind === 'message',
    turns: visitorTurns(s.messages),
    ratedAt: s.ratedAt,
  });
  return (
    <>
      <div class="intro">
        {personal ? (
          <>
            <p class="bubble">{t('introPersonal')}</p>
            {s.status?.storage === 'memory' && (
              <p class="bubble" data-storage="memory">
                {t('memoryOnly')}
              </p>
            )}
            {s.problem && <p class="bubble warn">{t(s.problem)}</p>}
            {s.recs ? (
              <RecommendationList recs={s.recs} {...cards} />
            ) : (
              !s.problem && <p class="muted">{t('thinking')}</p>
            )}
          </>
        ) : (
          <p class="bubble">{t('introNeutral')}</p>
        )}
      </div>
      <div class="log" role="log" aria-live="polite" aria-label={t('conversation')}>
        {s.messages.map((m) => (
          <Message key={m.id} m={m} {...cards} onMore={(item) => onSend(`More like ${item.title}`)} />
        ))}
      </div>
      {s.typing && <TypingIndicator label={t('typing')} />}
      {!s.typing && last?.role === 'assistant' && last.quickReplies && (
        <QuickReplies replies={last.quickReplies} label={t('quickReplies')} onChoose={onSend} />
      )}
      {row && onRate && <SatisfactionRow t={t} thanked={row === 'thanks'} onRate={onRate} />}
    </>
  );
}

interface MessageProps extends Omit<MessageListProps, 's' | 'onSend'> {
  readonly m: ChatEntry;
  /** "More like this" on a search card: sends that request as the visitor's message. */
  readonly onMore?: (item: RecommendedItem) => void;
  readonly locale: WidgetState['locale'];
  readonly feedback: WidgetState['feedback'];
}

function Message({ m, t, locale, hostOrigin, feedback, onFeedback, onMore, onExposure }: MessageProps) {
  const mine = m.role === 'visitor';
  const answerId = m.answerId;
  return (
    <div class={mine ? 'msg msg-visitor' : 'msg msg-assistant'} data-kind={m.kind}>
      <p class="bubble">
        <span class="sr-only">{mine ? t('you') : t('assistant')}: </span>
        {m.text}
      </p>
      {m.link && (
        <p class="answer-link">
          <ExternalLink link={m.link} className="answer-link-a" fallback={m.link.href} />
        </p>
      )}
      {m.handoff && (
        <p class="handoff">
          <span class="sr-only">{t('handoffIntro')} </span>
          <ExternalLink link={m.handoff} className="handoff-link" fallback={t('handoff')} />
        </p>
      )}
      {m.recommendations && (
        <RecommendationList
          recs={m.recommendations}
          locale={locale}
          t={t}
          hostOrigin={hostOrigin}
          feedback={feedback}
          onFeedback={onFeedback}
          {...(m.recommendations.basis === 'search' && onMore ? { onMore } : {})}
          {...(onExposure ? { onExposure } : {})}
        />
      )}
      {m.escalation && <EscalationOffer offer={m.escalation} t={t} id={m.id} />}
      {answerId && (
        <FeedbackButtons
          value={feedback[feedbackKey('answer', answerId)]}
          upLabel={t('helpful')}
          downLabel={t('notHelpful')}
          onChoose={(value) => onFeedback({ target: 'answer', id: answerId, value })}
        />
      )}
    </div>
  );
}

/** A link out of the widget: a new tab for web pages, the mail program for `mailto:`. */
function ExternalLink({ link, className, fallback }: { link: Handoff; className: string; fallback: string }) {
  return (
    <a
      class={className}
      href={link.href}
      {...(link.href.startsWith('mailto:') ? {} : { target: '_blank', rel: 'noopener noreferrer' })}
    >
      {link.label || fallback}
    </a>
  );
}
