/**
 * The open panel: a header (title, privacy, close), then the consent prompt until the visitor decides,
 * the privacy center when asked for, or the conversation with its composer. It owns focus while open:
 * into the panel on opening, to the composer after a consent decision, back to the privacy button when
 * the center closes. Escape closes the panel (the privacy center handles its own Escape first).
 */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { ChatKey, Translate } from '../i18n';
import { Icon } from '../icons';
import { ConsentPrompt, PrivacyCenter } from '../privacy';
import type { Controller, WidgetState } from '../widget-state';
import { Composer } from './composer';
import { MessageList } from './message-list';

/** Props of {@link ChatPanel}. */
export interface ChatPanelProps {
  readonly s: WidgetState;
  readonly t: Translate<ChatKey>;
  readonly controller: Controller;
}

/** What the panel body shows. */
type Mode = 'starting' | 'privacy' | 'consent' | 'chat';

const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** The chat panel. */
export function ChatPanel({ s, t, controller }: ChatPanelProps) {
  const status = s.status;
  const mode: Mode = !status ? 'starting' : s.privacy ? 'privacy' : !status.consent ? 'consent' : 'chat';
  const body = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const privacyButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const previous = useRef<Mode | null>(null);

  // Focus follows the panel's mode: the first thing to act on in each.
  useLayoutEffect(() => {
    const before = previous.current;
    previous.current = mode;
    if (before === mode) return;
    if (mode === 'chat') {
      if (before === 'privacy') privacyButton.current?.focus();
      else input.current?.focus();
    } else if (mode === 'consent') {
      (body.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panel.current)?.focus();
    } else if (mode === 'starting') {
      panel.current?.focus();
    }
    // The privacy center focuses its own heading.
  }, [mode]);

  // New messages scroll into view, from the visitor's latest question on: a long answer is read from
  // its start, not its end. The opening stays in view until there are messages.
  const count = s.messages.length + (s.typing ? 1 : 0);
  useEffect(() => {
    const el = body.current;
    if (!el || mode !== 'chat' || count === 0) return;
    const asked = el.querySelectorAll<HTMLElement>('.msg-visitor');
    const question = asked[asked.length - 1];
    const bottom = el.scrollHeight - el.clientHeight;
    el.scrollTop = question ? Math.min(bottom, question.offsetTop - 12) : bottom;
  }, [count, mode]);

  return (
    <section
      ref={panel}
      class="panel"
      role="dialog"
      aria-labelledby="confide-title"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          controller.close();
        }
      }}
    >
      <header class="bar">
        <h1 id="confide-title">{t('title')}</h1>
        {status && (
          <button
            ref={privacyButton}
            type="button"
            class="bar-button"
            aria-expanded={s.privacy}
            onClick={() => controller.setPrivacy(!s.privacy)}
          >
            <Icon name="shield" size={18} />
            <span>{t('privacy')}</span>
          </button>
        )}
        <button type="button" class="bar-button close" aria-label={t('close')} onClick={controller.close}>
          <Icon name="close" />
        </button>
      </header>
      <div class="body" ref={body}>
        {mode === 'starting' && <p class="muted">{t('starting')}</p>}
        {mode === 'consent' && status && (
          <ConsentPrompt
            locale={s.locale}
            gpc={controller.gpc}
            noticeChanged={status.noticeChanged}
            onDecide={(p) => void controller.decide(p, 'prompt')}
          />
        )}
        {mode === 'privacy' && status && (
          <PrivacyCenter
            locale={s.locale}
            worker={controller.worker}
            status={status}
            segment={s.segment}
            gpc={controller.gpc}
            onClose={() => controller.setPrivacy(false)}
            onDecide={(p) => controller.decide(p, 'prompt')}
            onForgotten={controller.forgotten}
            exportAsked={s.exportAsked > 0}
            onExportAnswered={controller.answerExport}
          />
        )}
        {mode === 'chat' && (
          <MessageList
            s={s}
            t={t}
            hostOrigin={controller.hostOrigin}
            onSend={(text) => {
              controller.send(text);
              // The chosen reply disappears with its row: keep focus where the conversation goes on.
              input.current?.focus();
            }}
            onFeedback={controller.feedback}
            onExposure={controller.exposure}
            onRate={controller.rate}
          />
        )}
      </div>
      {mode === 'chat' && (
        <Composer t={t} onSend={controller.send} onTyping={controller.typing} inputRef={input} />
      )}
    </section>
  );
}
