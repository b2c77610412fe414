/**
 * The conversation: sends the visitor's messages to the worker one at a time, shows the answers with
 * their quick replies, handoff and recommendations, records thumbs, restores the kept transcript and
 * runs the proactive greeting once per session.
 */
import type {
  ChatMessage,
  ExposureInput,
  FeedbackInput,
  SatisfactionRating,
  WorkerApi,
} from '../../../worker/protocol';
import { MAX_CHAT_CHARS } from '../../../worker/protocol';
import { DEFAULT_GREETING_DELAY_MS } from '../frame-config';
import { CHAT, translator } from '../i18n';
import { type ChatEntry, feedbackKey, type Store } from '../widget-state';
import { markGreeted, wasGreeted } from './greeting';

/** The conversation's controls. */
export interface ChatController {
  /** Sends a visitor message (empty ones are ignored); answers arrive in order. */
  send(text: string): void;
  feedback(input: FeedbackInput): void;
  /** Implicit feedback (lists shown, items opened); the worker keeps it only with `personalize`. */
  exposure(input: ExposureInput): void;
  /** Rates the conversation so far; the rating row then waits for two more of the visitor's messages. */
  rate(rating: SatisfactionRating): void;
  /** Replaces the conversation with the kept transcript (with `personalize`). */
  restore(): Promise<void>;
  /** Starts the greeting timer from the site's options; at most once per page. */
  scheduleGreeting(): void;
  /** Drops the conversation from the screen (after revocation or forget). */
  clear(): void;
}

/** The visitor's messages sent on this page (a restored transcript was rated, if at all, where it was written). */
export function visitorTurns(messages: readonly ChatEntry[]): number {
  return messages.filter((m) => m.role === 'visitor' && m.kind === 'message').length;
}

let seq = 0;
const localId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** Creates the chat controller over the shared store. */
export function createChatController(
  store: Store,
  worker: WorkerApi,
  report: (e: unknown) => void,
): ChatController {
  let queue: Promise<void> = Promise.resolve();
  let greetingTimer: ReturnType<typeof setTimeout> | undefined;
  // Cleared conversations must not get late answers appended; each clear starts a new generation.
  let generation = 0;
  const personalized = () => store.get().status?.consent?.personalize === true;

  /** Appends an assistant entry; counts it as unread (and announces it) while the panel is closed. */
  function arrive(entry: ChatEntry): void {
    const s = store.get();
    const closed = s.view === 'launcher';
    const t = translator(CHAT, s.locale);
    store.set({
      messages: [...s.messages, entry],
      ...(closed ? { unread: s.unread + 1, announce: t('newMessage', { text: entry.text }) } : {}),
    });
  }

  async function ask(text: string, gen: number): Promise<void> {
    store.set({ typing: true });
    try {
      const answer = await worker.answer(text);
      if (gen !== generation) return;
      arrive({
        id: answer.id,
        role: 'assistant',
        text: answer.text,
        kind: 'message',
        answerId: answer.id,
        quickReplies: answer.quickReplies,
        ...(answer.handoff ? { handoff: answer.handoff } : {}),
        ...(answer.link ? { link: answer.link } : {}),
        ...(answer.recommendations?.items.length ? { recommendations: answer.recommendations } : {}),
        ...(answer.escalation ? { escalation: answer.escalation } : {}),
      });
    } catch (e) {
      report(e);
      if (gen !== generation) return;
      arrive({
        id: localId('e'),
        role: 'assistant',
        text: translator(CHAT, store.get().locale)('failed'),
        kind: 'error',
      });
    } finally {
      if (gen === generation) store.set({ typing: false });
    }
  }

  const fromTranscript = (m: ChatMessage): ChatEntry => ({
    id: m.id,
    role: m.role,
    text: m.text,
    kind: 'history',
    ...(m.role === 'assistant' ? { answerId: m.id } : {}),
    ...(m.handoff ? { handoff: m.handoff } : {}),
    ...(m.link ? { link: m.link } : {}),
  });

  async function greet(): Promise<void> {
    const s = store.get();
    // Someone already talking needs no invitation; without personalize nothing may remember the greeting.
    if (
      !personalized() ||
      wasGreeted() ||
      s.messages.some((m) => m.role === 'visitor' && m.kind !== 'history')
    ) {
      return;
    }
    const gen = generation;
    const g = await worker.greeting();
    if (gen !== generation || !personalized()) return;
    markGreeted();
    arrive({
      id: localId('g'),
      role: 'assistant',
      text: g.text,
      kind: 'greeting',
      quickReplies: g.quickReplies,
    });
  }

  return {
    send(raw) {
      const text = raw.trim().slice(0, MAX_CHAT_CHARS);
      if (!text) return;
      const s = store.get();
      store.set({ messages: [...s.messages, { id: localId('v'), role: 'visitor', text, kind: 'message' }] });
      const gen = generation;
      queue = queue.then(() => ask(text, gen));
    },

    feedback(input) {
      const s = store.get();
      const t = translator(CHAT, s.locale);
      store.set({
        feedback: { ...s.feedback, [feedbackKey(input.target, input.id)]: input.value },
        announce: t('thanks'),
      });
      void worker.feedback(input).catch(report);
      // A thumbs-down on an answer offers a person under it, with the conversation to send.
      if (input.target === 'answer' && input.value === 'down') {
        void worker
          .escalation()
          .then((offer) => {
            if (!offer) return;
            const now = store.get();
            store.set({
              messages: now.messages.map((m) =>
                m.answerId === input.id ? { ...m, escalation: { ...offer, reason: 'thumbs-down' } } : m,
              ),
            });
          })
          .catch(report);
      }
    },

    exposure(input) {
      if (personalized()) void worker.exposure(input).catch(report);
    },

    rate(rating) {
      const s = store.get();
      store.set({ ratedAt: visitorTurns(s.messages), announce: translator(CHAT, s.locale)('rateThanks') });
      if (personalized()) void worker.rate({ rating }).catch(report);
    },

    async restore() {
      if (!personalized()) return;
      const gen = generation;
      const kept = await worker.transcript();
      if (gen !== generation || kept.length === 0) return;
      // Messages sent in this page before the transcript arrived are already part of it.
      store.set({ messages: kept.map(fromTranscript) });
    },

    scheduleGreeting() {
      const delay = store.get().options.greetingDelayMs ?? DEFAULT_GREETING_DELAY_MS;
      if (delay === false || greetingTimer !== undefined) return;
      greetingTimer = setTimeout(() => void greet().catch(report), delay);
    },

    clear() {
      generation++;
      store.set({ messages: [], typing: false, unread: 0, feedback: {}, ratedAt: 0 });
    },
  };
}
