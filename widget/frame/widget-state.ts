/**
 * What the UI renders, in one immutable snapshot, the tiny store the controllers share, and the
 * controller interface the UI drives (implemented by controller.ts).
 */
import type {
  ConsentOptions,
  ConsentPurposes,
  ConsentSource,
  Escalation,
  ExposureInput,
  FeedbackInput,
  Handoff,
  Recommendations,
  SatisfactionRating,
  Segment,
  WorkerApi,
  WorkerStatus,
} from '../../worker/protocol';
import type { FrameView, SiteOptions } from '../protocol';
import type { Locale } from './i18n';

/** One message of the conversation as the panel shows it. */
export interface ChatEntry {
  readonly id: string;
  readonly role: 'visitor' | 'assistant';
  readonly text: string;
  /** `history`: from the kept transcript; `greeting`: proactive; `error`: the frame's own apology. */
  readonly kind: 'message' | 'history' | 'greeting' | 'error';
  /** The worker's answer id, for thumbs. */
  readonly answerId?: string;
  readonly quickReplies?: readonly string[];
  readonly handoff?: Handoff;
  /** The answer's own link (an FAQ entry's, a template's). */
  readonly link?: Handoff;
  readonly recommendations?: Recommendations;
  /** The offer of a person, with the conversation's summary to send (worker/chat/escalation.ts). */
  readonly escalation?: Escalation;
}

/** Feedback given in this page, keyed by `target:id`. */
export type FeedbackMap = Readonly<Record<string, FeedbackInput['value']>>;

/** Everything the UI shows. */
export interface WidgetState {
  readonly view: FrameView;
  readonly status: WorkerStatus | null;
  readonly recs: Recommendations | null;
  /** The visitor's segment, once the worker has computed it. */
  readonly segment: Segment | null;
  /** A problem to tell the visitor about, as a dictionary key. */
  readonly problem: 'unavailable' | null;
  readonly locale: Locale;
  /** The site's options, checked; empty until the loader's `config` arrives. */
  readonly options: SiteOptions;
  readonly messages: readonly ChatEntry[];
  /** The worker is composing an answer. */
  readonly typing: boolean;
  /** Assistant messages that arrived while the panel was closed. */
  readonly unread: number;
  /** The privacy center is open in the panel. */
  readonly privacy: boolean;
  /** Export requests from the host page waiting for the visitor's answer in the privacy center. */
  readonly exportAsked: number;
  readonly feedback: FeedbackMap;
  /** This page's visitor messages when the conversation was last rated (0 before the first rating). */
  readonly ratedAt: number;
  /** The latest polite announcement for screen readers (feedback thanks, new message while closed). */
  readonly announce: string;
}

/** A subscribable holder of the state. */
export interface Store {
  get(): WidgetState;
  set(patch: Partial<WidgetState>): void;
  /** Calls `fn` on every change; returns the unsubscribe function. */
  subscribe(fn: (s: WidgetState) => void): () => void;
}

/** Creates the store. */
export function createStore(initial: WidgetState): Store {
  let state = initial;
  const subs = new Set<(s: WidgetState) => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const fn of subs) fn(state);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/** The key of a feedback entry in {@link FeedbackMap}. */
export const feedbackKey = (target: FeedbackInput['target'], id: string): string => `${target}:${id}`;

/** The controller the UI drives. */
export interface Controller {
  readonly state: () => WidgetState;
  /** Calls `fn` on every change; returns the unsubscribe function. */
  subscribe(fn: (s: WidgetState) => void): () => void;
  open(): void;
  close(): void;
  /** A consent decision from the prompt, the privacy center or the host page (see worker/consent). */
  decide(purposes: ConsentPurposes, source: ConsentSource, options?: ConsentOptions): Promise<void>;
  send(text: string): void;
  /**
   * The visitor is typing a message: the worker loads what the answer needs meanwhile (once per
   * page), so the answer does not wait for the runtime.
   */
  typing(): void;
  feedback(input: FeedbackInput): void;
  /** Implicit feedback on recommendations (lists shown, items opened). */
  exposure(input: ExposureInput): void;
  /** The visitor's one-tap rating of the conversation (kept with `personalize`). */
  rate(rating: SatisfactionRating): void;
  /** Opens or closes the privacy center inside the panel (closing it answers a pending export request). */
  setPrivacy(open: boolean): void;
  /** The visitor answered the host page's export request (downloaded the file, or declined). */
  answerExport(downloaded: boolean): void;
  /** Everything was deleted (privacy center or host): show the empty state, as for a new visitor. */
  forgotten(status: WorkerStatus): void;
  readonly gpc: boolean;
  readonly worker: WorkerApi;
  /** The host page's origin, for links to its items. */
  readonly hostOrigin: string;
}
