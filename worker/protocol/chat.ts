/**
 * Chat records: intent classification, the decision that chose an answer, the answer itself,
 * feedback, the transcript, and the site's answer templates.
 */
import type { RecommendationBasis, Recommendations } from './personalization';

/** Longest chat message, after trimming, that the worker classifies and keeps (the composer's limit). */
export const MAX_CHAT_CHARS = 1000;

/** The intent model's reading of one chat message. */
export interface IntentResult {
  /** The intent, or null when the message is out of scope (top probability below the threshold). */
  readonly intent: string | null;
  /** The most probable intent, even when out of scope. */
  readonly top: string;
  readonly confidence: number;
  readonly threshold: number;
  /** The three most probable intents. */
  readonly alternatives: readonly { readonly intent: string; readonly p: number }[];
  readonly inferenceMs: number;
}

/** Where a visitor reaches a person: a link or a `mailto:` address. */
export interface Handoff {
  readonly label: string;
  /** `https:` or `mailto:` URL. */
  readonly href: string;
}

/**
 * One intent's answer: a default variant that always exists and optional variants per segment name.
 * `{{slot}}` markers are filled from the profile (`last_viewed`, `segment`) and the site's slots.
 */
export interface AnswerTemplate {
  readonly default: string;
  readonly segments?: Readonly<Record<string, string>>;
  readonly quickReplies?: readonly string[];
  /** Where the answer is explained in full or the visitor acts on it (`https:` or `mailto:`). */
  readonly link?: Handoff;
}

/** One entry of a site's FAQ (`confide('init', {faq})`), answered on the device without retraining. */
export interface FaqEntry {
  /** Stable id for the decision record; default `faq-<index>`. */
  readonly id?: string;
  /** One or more ways a visitor might ask it. */
  readonly questions: readonly string[];
  /** What the visitor reads: one or two sentences. */
  readonly answer: string;
  /** Where the answer is explained in full: an `https:` or `mailto:` URL. */
  readonly link?: Handoff;
}

/**
 * An FAQ bundle (`npm run faq`) as the frame fetched it from the site: the worker may connect only to
 * its own server, so the frame, whose policy admits the site's origins, reads the file and hands it on.
 */
export interface FaqBundleRef {
  /** Where it came from: relative links resolve against it. */
  readonly url: string;
  /** The parsed JSON, checked by the worker (worker/chat/faq-source.ts). */
  readonly bundle: unknown;
}

/** The texts above product cards a site may replace (TemplateConfig.search). */
export type SearchTextKey = 'found' | 'partial' | 'cheaper' | 'similar' | 'none' | 'noneCheaper';

/**
 * The site's answer templates. Anything missing falls back to the defaults: an intent may set only
 * its segment variants or quick replies and keep the default answer.
 */
export interface TemplateConfig {
  readonly intents?: Readonly<Record<string, Partial<AnswerTemplate>>>;
  /** Site-wide slot values, e.g. `{ "Website Name": "Acme" }`. */
  readonly slots?: Readonly<Record<string, string>>;
  /** Asked when the intent is unclear but not hopeless. */
  readonly clarify?: string;
  /** Said when handing the visitor to a person. */
  readonly handoff?: string;
  /** The proactive greeting: a default and variants per segment name, like an intent's answer. */
  readonly greeting?: Partial<AnswerTemplate>;
  /** Said when the message is out of scope and no person can be reached (no `handoff` link). */
  readonly outOfScope?: string;
  /** Below this segment confidence, the default variant is used instead of the segment's. */
  readonly minSegmentConfidence?: number;
  /** The handoff link's label in this language (default: the `handoff` option's own label). */
  readonly handoffLabel?: string;
  /** Said, with the handoff, to a message in a language the intent model does not read. */
  readonly otherLanguage?: string;
  /**
   * Above product cards in the chat: `found` ("Here is what I found for “{query}”:"), `partial`
   * (with `{missing}`), `cheaper`, `similar` (with `{title}`), `none`, `noneCheaper`.
   */
  readonly search?: Readonly<Partial<Record<SearchTextKey, string>>>;
  /** The reply to a stated preference: `like`, `avoid`, `recipient`, each with `{label}`. */
  readonly preference?: Readonly<Partial<Record<'like' | 'avoid' | 'recipient', string>>>;
  /**
   * Texts per language (`de`, `fr`, …), merged over the ones above for a visitor whose widget runs in
   * that language or who writes in it.
   */
  readonly locales?: Readonly<Record<string, Omit<TemplateConfig, 'locales'>>>;
}

/** Which rule chose the answer, and with what. */
export interface Decision {
  /**
   * Stable rule name: `segment-variant`, `default-variant`, `faq`, `clarify`, `handoff`, `handoff-oos`
   * or `handoff-language`.
   */
  readonly rule: string;
  /** `default`, a segment name, `clarify`, `handoff`, or the FAQ entry's id for `faq`. */
  readonly variant: string;
  readonly intent: string | null;
  readonly confidence: number;
}

/**
 * An offer to reach a person, made after two failed turns in a row or a thumbs-down on an answer:
 * the site's handoff and a summary of the conversation the visitor reads, may edit, and chooses to
 * send (the frame puts it in a `mailto:` body). Nothing is sent by the widget.
 */
export interface Escalation {
  readonly reason: 'failed-turns' | 'thumbs-down';
  /** Plain text, a line per message (already redacted). */
  readonly summary: string;
  readonly handoff: Handoff;
}

/** The worker's answer to one chat message. */
export interface Answer {
  /** Id of this answer, for feedback. */
  readonly id: string;
  readonly text: string;
  readonly intent: IntentResult;
  readonly decision: Decision;
  readonly handoff?: Handoff;
  /** The answer's own link: the FAQ entry's or the template's. */
  readonly link?: Handoff;
  readonly quickReplies: readonly string[];
  /** Inline recommendations when the intent calls for them. */
  readonly recommendations?: Recommendations;
  /** After the second failed turn in a row, when the site has a handoff. */
  readonly escalation?: Escalation;
}

/** One message of the conversation as the visitor sees it again. */
export interface ChatMessage {
  readonly id: string;
  readonly role: 'visitor' | 'assistant';
  readonly text: string;
  readonly at: number;
  /** For assistant messages: the decision behind it. */
  readonly decision?: Decision;
  /** For assistant messages that handed the visitor to a person: the site's link, as given then. */
  readonly handoff?: Handoff;
  /** For assistant messages with a link of their own (an FAQ entry's, a template's). */
  readonly link?: Handoff;
  /** For assistant messages: the dialogue state after it, so a later page continues the conversation. */
  readonly context?: DialogueContext;
}

/**
 * What a conversation has established, kept (sealed) with each assistant message: the cards shown,
 * the item in focus, the intent answered, a pending clarifying question, failed turns in a row.
 */
export interface DialogueContext {
  readonly shown?: {
    readonly ids: readonly string[];
    readonly prices: readonly number[];
    readonly terms: readonly string[];
  };
  readonly focus?: { readonly id: string; readonly title: string };
  readonly intent?: string;
  readonly clarify?: { readonly options: readonly string[]; readonly text: string };
  readonly failures?: number;
}

/** One recommended item as it was shown: its id and why it was recommended. */
export interface ShownItem {
  readonly id: string;
  readonly basis: RecommendationBasis;
}

/**
 * Implicit feedback from the frame: a list of recommended items was shown, or the visitor opened one.
 * Kept with `personalize` only, on the device; an item shown often and never opened ranks lower, and
 * with `share` one impression a day may be reported (noised) as click-through by basis.
 */
export type ExposureInput = { readonly shown: readonly ShownItem[] } | { readonly opened: string };

/** The one-tap rating of a conversation, worst first. */
export type SatisfactionRating = 'unhappy' | 'neutral' | 'happy';

/** A rating of the conversation so far. */
export interface RatingInput {
  readonly rating: SatisfactionRating;
}

/** Whether a rating was kept. */
export interface RatingResult {
  readonly recorded: boolean;
  /** `consent`: personalize not granted; `short`: fewer than two messages since the last rating. */
  readonly reason?: 'consent' | 'short';
}

/** Thumbs up or down on an answer or a recommended item. */
export interface FeedbackInput {
  readonly target: 'answer' | 'recommendation';
  /** The answer id or the item id. */
  readonly id: string;
  readonly value: 'up' | 'down';
}

/** Outcome of a feedback call. */
export interface FeedbackResult {
  readonly recorded: boolean;
  /** Why it was not recorded (`consent`: personalize not granted; `unknown`: no such answer). */
  readonly reason?: 'consent' | 'unknown';
}

/** The proactive greeting. */
export interface Greeting {
  readonly text: string;
  /** `greeting-segment` or `greeting-default`; `variant` is the segment name or `default`. */
  readonly decision: Decision;
  readonly quickReplies: readonly string[];
}
