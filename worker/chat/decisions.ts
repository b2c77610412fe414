/**
 * The decision rules: from the intent model's reading, the visitor's segment and profile, the
 * resolved templates and the visitor's own feedback, choose the answer. Pure and synchronous, so every
 * rule can be tested on its own and the chosen rule is recorded with the answer (and shown in the
 * privacy center as "why this answer").
 *
 * Rules, first match wins:
 * 0. `handoff-language`: the message is in a language the intent model does not read (language.ts):
 *    say so in the visitor's language and offer the person, rather than force it onto an intent.
 * 1. `handoff`: the visitor asked for a person (contact_human_agent, contact_customer_service).
 * 1b. `faq`: the site's FAQ matched (faq.ts) and the intent model is out of scope or less sure than
 *    the FAQ's cosine: the site's own answer is more specific than a generic intent's.
 * 2. `handoff-oos`: out of scope and far below the threshold: the handoff link when the site has one,
 *    else an honest "I can't help with that here".
 * 3. `clarify`: out of scope but near the threshold: ask, offering the likeliest intents as replies.
 * 4. `segment-variant`: the template has a variant for the visitor's segment, the segment is
 *    confident enough, and the visitor has not turned that variant down.
 * 5. `default-variant`: everything else.
 */

import { AVOID_PENALTY } from '../personalization';
import type { Decision, Handoff, IntentResult, Profile, Segment } from '../protocol';
import { ValidationError } from '../protocol';
import type { FaqMatch } from './faq';
import { fillSlots } from './slots';
import { DEFAULT_TEXTS, type ResolvedTemplates, segmentVariant } from './templates';

/** Intents that mean "let me talk to someone". */
export const HUMAN_INTENTS: ReadonlySet<string> = new Set([
  'contact_human_agent',
  'contact_customer_service',
]);

/**
 * Intents whose answer carries inline recommendations. Only buying: showing products while someone
 * cancels, complains, asks for a refund or fixes their account reads as upselling at the worst
 * moment, and personalizing there uses the visitor's data for nothing they asked for.
 */
export const RECOMMENDING_INTENTS: ReadonlySet<string> = new Set(['place_order']);

/**
 * Below threshold × this share an out-of-scope message is "far" (handoff-oos); from it up to the
 * threshold, "near" (clarify). On the shipped model's validation data, 0.5 sends 59% of off-topic
 * messages to handoff-oos and 27% to clarify, while in-scope messages in the clarify band have their
 * intent among the offered replies 56% of the time.
 */
export const NEAR_THRESHOLD_SHARE = 0.5;

/** How many intents a clarify answer offers. */
const CLARIFY_REPLIES = 3;

/** Quick-reply wording per intent, phrased so the model reads each back as its own intent. */
export const INTENT_LABELS: Readonly<Record<string, string>> = {
  cancel_order: 'Cancel my order',
  change_order: 'Change my order',
  change_shipping_address: 'Change my shipping address',
  check_cancellation_fee: 'Cancellation fees',
  check_invoice: 'Check my invoice',
  check_payment_methods: 'Payment methods',
  check_refund_policy: 'Refund policy',
  complaint: 'Make a complaint',
  contact_customer_service: 'Contact customer service',
  contact_human_agent: 'Talk to a person',
  create_account: 'Create an account',
  delete_account: 'Delete my account',
  delivery_options: 'Delivery options',
  delivery_period: 'When will it arrive?',
  edit_account: 'Edit my account',
  get_invoice: 'Get an invoice',
  get_refund: 'Get a refund',
  newsletter_subscription: 'Newsletter',
  payment_issue: 'Payment problem',
  place_order: 'Buy an item',
  recover_password: 'Reset my password',
  registration_problems: 'Problem signing up',
  review: 'Leave a review',
  set_up_shipping_address: 'Set up a shipping address',
  switch_account: 'Switch my account',
  track_order: 'Track my order',
  track_refund: 'Track my refund',
};

/** Offered after an out-of-scope answer without a person to hand off to: the commonest asks. */
const OOS_REPLIES = ['track_order', 'check_refund_policy', 'contact_human_agent'];

/** A readable label for any intent name ("track_order" → "Track my order", "foo_bar" → "Foo bar"). */
export function intentLabel(intent: string): string {
  const known = INTENT_LABELS[intent];
  if (known) return known;
  const words = intent.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What {@link decide} needs. */
export interface DecisionInput {
  readonly intent: IntentResult;
  readonly segment: Segment | null;
  readonly profile: Profile | null;
  readonly templates: ResolvedTemplates;
  readonly handoff?: Handoff;
  /** How much the visitor disliked a variant, 0..1 (1 = only thumbs down); absent = no feedback. */
  readonly penalty?: (intent: string, variant: string) => number;
  /** The site's FAQ entry closest to the message, when the site has an FAQ. */
  readonly faq?: FaqMatch | null;
  /** Whether the message is in a language the intent model reads; default true. */
  readonly readable?: boolean;
}

/** The chosen answer. */
export interface DecisionOutcome {
  readonly text: string;
  readonly decision: Decision;
  readonly handoff?: Handoff;
  /** The answer's own link (the FAQ entry's or the template's). */
  readonly link?: Handoff;
  readonly quickReplies: readonly string[];
  /** Whether the answer should carry inline recommendations ({@link RECOMMENDING_INTENTS}). */
  readonly wantsRecommendations: boolean;
}

function checkIntent(r: IntentResult): void {
  const prob = (x: unknown): boolean => typeof x === 'number' && x >= 0 && x <= 1;
  if (!r || typeof r !== 'object')
    throw new ValidationError('invalid_argument', 'intent must be an IntentResult');
  if (!prob(r.confidence))
    throw new ValidationError('invalid_argument', 'intent.confidence must be in [0, 1]');
  if (!prob(r.threshold)) throw new ValidationError('invalid_argument', 'intent.threshold must be in [0, 1]');
  if (r.intent !== null && typeof r.intent !== 'string') {
    throw new ValidationError('invalid_argument', 'intent.intent must be a string or null');
  }
  if (!Array.isArray(r.alternatives)) {
    throw new ValidationError('invalid_argument', 'intent.alternatives must be an array');
  }
}

function penaltyOf(input: DecisionInput, intent: string, variant: string): number {
  if (!input.penalty) return 0;
  const p = input.penalty(intent, variant);
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) {
    throw new ValidationError(
      'invalid_argument',
      `penalty(${intent}, ${variant}) must be in [0, 1], got ${p}`,
    );
  }
  return p;
}

/** Chooses the answer by the rules in this module's comment. Throws `ValidationError` for bad input. */
export function decide(input: DecisionInput): DecisionOutcome {
  const { intent: r, templates } = input;
  const handoff =
    input.handoff && templates.handoffLabel
      ? { ...input.handoff, label: templates.handoffLabel }
      : input.handoff;
  checkIntent(r);
  const fill = (text: string) =>
    fillSlots(text, { slots: templates.slots, profile: input.profile, segment: input.segment });
  const decision = (rule: string, variant: string): Decision => ({
    rule,
    variant,
    intent: r.intent,
    confidence: r.confidence,
  });
  const labels = (intents: readonly string[]) => intents.filter((i) => i !== '').map(intentLabel);
  const name = r.intent;

  if (input.readable === false) {
    return {
      text: fill(templates.otherLanguage),
      decision: decision('handoff-language', 'handoff'),
      ...(handoff ? { handoff } : {}),
      quickReplies: [],
      wantsRecommendations: false,
    };
  }
  const faq = input.faq;
  if (faq?.matched && (name === null || (!HUMAN_INTENTS.has(name) && faq.score >= r.confidence))) {
    return {
      text: faq.answer,
      decision: decision('faq', faq.id),
      ...(faq.link ? { link: faq.link } : {}),
      quickReplies: [],
      wantsRecommendations: false,
    };
  }
  if (name !== null && HUMAN_INTENTS.has(name)) {
    // Without a link, the intent's own answer says how to reach support (phone, live chat).
    const own = templates.intents[name]?.default ?? templates.handoff;
    return {
      text: fill(handoff ? templates.handoff : own),
      decision: decision('handoff', 'handoff'),
      ...(handoff ? { handoff } : {}),
      quickReplies: [],
      wantsRecommendations: false,
    };
  }
  if (name === null) {
    if (r.confidence >= r.threshold * NEAR_THRESHOLD_SHARE) {
      return {
        text: fill(templates.clarify),
        decision: decision('clarify', 'clarify'),
        quickReplies: labels(r.alternatives.slice(0, CLARIFY_REPLIES).map((a) => a.intent)),
        wantsRecommendations: false,
      };
    }
    return {
      text: fill(handoff ? templates.handoff : templates.outOfScope),
      decision: decision('handoff-oos', 'handoff'),
      ...(handoff ? { handoff } : {}),
      // Only intents this site's model has, so a tap is read back as one of them.
      quickReplies: handoff ? [] : labels(OOS_REPLIES.filter((i) => i in templates.intents)),
      wantsRecommendations: false,
    };
  }
  const template = templates.intents[name] ?? { default: DEFAULT_TEXTS.answer };
  const segment = input.segment;
  const found = segmentVariant(template.segments, segment);
  const useSegment =
    segment !== null &&
    found !== undefined &&
    segment.confidence >= templates.minSegmentConfidence &&
    penaltyOf(input, name, found.key) < AVOID_PENALTY;
  return {
    text: fill(useSegment ? found.text : template.default),
    decision: useSegment ? decision('segment-variant', found.key) : decision('default-variant', 'default'),
    ...(template.link ? { link: template.link } : {}),
    quickReplies: template.quickReplies ?? [],
    wantsRecommendations: RECOMMENDING_INTENTS.has(name),
  };
}
