/**
 * Chat records: intent classification, the decision that chose an answer, the answer itself,
 * feedback, the transcript, and the site's answer templates.
 */
import type { Recommendations } from './personalization';

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
}

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
}

/** Which rule chose the answer, and with what. */
export interface Decision {
  /** Stable rule name, e.g. `segment-variant`, `default-variant`, `clarify`, `handoff-oos`. */
  readonly rule: string;
  /** `default`, a segment name, `clarify` or `handoff`. */
  readonly variant: string;
  readonly intent: string | null;
  readonly confidence: number;
}

/** The worker's answer to one chat message. */
export interface Answer {
  /** Id of this answer, for feedback. */
  readonly id: string;
  readonly text: string;
  readonly intent: IntentResult;
  readonly decision: Decision;
  readonly handoff?: Handoff;
  readonly quickReplies: readonly string[];
  /** Inline recommendations when the intent calls for them. */
  readonly recommendations?: Recommendations;
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
