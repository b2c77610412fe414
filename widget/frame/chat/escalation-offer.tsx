/**
 * The offer of a person when the chat is not helping: the conversation's summary in a text box the
 * visitor can edit, and the site's handoff. For a `mailto:` handoff the link carries the edited
 * summary as the e-mail's body, so the visitor's mail program opens with it and the visitor decides
 * whether to send; for a web page the summary is there to copy. The widget sends nothing itself.
 */
import { useState } from 'preact/hooks';
import type { Escalation } from '../../../worker/protocol';
import type { ChatKey, Translate } from '../i18n';
import './escalation-offer.css';

/** Props of {@link EscalationOffer}. */
export interface EscalationOfferProps {
  readonly offer: Escalation;
  readonly t: Translate<ChatKey>;
  /** Unique per message, for the text box's label. */
  readonly id: string;
}

/** The handoff link with the summary as a `mailto:` body (RFC 6068), or the link as it is. */
export function handoffHref(href: string, subject: string, body: string): string {
  if (!href.startsWith('mailto:')) return href;
  const [address = '', query = ''] = href.split('?');
  const params = new URLSearchParams(query);
  params.set('subject', params.get('subject') ?? subject);
  params.set('body', body);
  // mailto wants %20, not URLSearchParams' "+", for spaces.
  return `${address}?${params.toString().replace(/\+/g, '%20')}`;
}

/** The offer, below the answer it belongs to. */
export function EscalationOffer({ offer, t, id }: EscalationOfferProps) {
  const [summary, setSummary] = useState(offer.summary);
  const mail = offer.handoff.href.startsWith('mailto:');
  const box = `esc-${id}`;
  return (
    <div class="escalation" data-reason={offer.reason}>
      <p class="bubble">{t(offer.reason === 'thumbs-down' ? 'escalateDown' : 'escalateFailed')}</p>
      <label for={box} class="escalation-label">
        {t(mail ? 'escalateSummaryMail' : 'escalateSummaryCopy')}
      </label>
      <textarea
        id={box}
        class="escalation-summary"
        rows={6}
        value={summary}
        onInput={(e) => setSummary((e.target as HTMLTextAreaElement).value)}
      />
      <a
        class="escalation-link"
        href={handoffHref(offer.handoff.href, t('escalateSubject'), summary)}
        target={mail ? undefined : '_blank'}
        rel="noopener noreferrer"
      >
        {offer.handoff.label}
      </a>
    </div>
  );
}
