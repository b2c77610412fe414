/**
 * The proactive greeting: the site's variant for the visitor's segment when it has one and the
 * segment is confident, else a nudge about the item the visitor last looked at, else the default.
 * Like every answer, it records which rule chose it.
 */

import { AVOID_PENALTY } from '../personalization';
import type { Greeting, Profile, Segment } from '../protocol';
import { intentLabel } from './decisions';
import { fillSlots } from './slots';
import { type ResolvedTemplates, segmentVariant } from './templates';

/** "greeting" stands in for the intent name where feedback on greetings is counted. */
export const GREETING_INTENT = 'greeting';

/** Said to a visitor whose last viewed item is known and for whom the site set no segment variant. */
const LAST_VIEWED = 'Welcome back! Still thinking about {{last_viewed}}? I can suggest similar things.';

/** Offered with the built-in greetings: intents whose labels the model reads back as themselves. */
const DEFAULT_REPLIES = ['place_order', 'track_order', 'contact_human_agent'];

/** What the greeting depends on. */
export interface GreetingInput {
  readonly templates: ResolvedTemplates;
  readonly segment: Segment | null;
  readonly profile: Profile | null;
  /** How much the visitor disliked a greeting variant, 0..1. */
  readonly penalty?: (variant: string) => number;
}

/** Chooses the greeting. */
export function chooseGreeting(input: GreetingInput): Greeting {
  const { templates, segment, profile } = input;
  const fill = (text: string) => fillSlots(text, { slots: templates.slots, profile, segment });
  const liked = (variant: string) => (input.penalty?.(variant) ?? 0) < AVOID_PENALTY;
  const replies = templates.greeting.quickReplies ?? DEFAULT_REPLIES.map(intentLabel);
  const confidence = segment?.confidence ?? 0;
  const decision = (rule: string, variant: string) => ({
    rule,
    variant,
    intent: GREETING_INTENT,
    confidence,
  });

  const variant = segmentVariant(templates.greeting.segments, segment);
  if (variant && confidence >= templates.minSegmentConfidence && liked(variant.key)) {
    return {
      text: fill(variant.text),
      decision: decision('greeting-segment', variant.key),
      quickReplies: replies,
    };
  }
  if (profile?.lastViewed?.title && liked('last-viewed')) {
    return {
      text: fill(LAST_VIEWED),
      decision: decision('greeting-last-viewed', 'last-viewed'),
      quickReplies: replies,
    };
  }
  return {
    text: fill(templates.greeting.default),
    decision: decision('greeting-default', 'default'),
    quickReplies: replies,
  };
}
