/**
 * What the engine bench feeds the real worker: shopper messages for `answer()`, the message timed
 * for the first answer, and catalog events for `track()`. Fixed lists, so every run times the same
 * work and two runs stay comparable.
 */
import type { TrackEvent } from '../../worker/protocol';

/** The message every fresh worker is asked first (docs/architecture.md: "first personalized answer"). */
export const FIRST_MESSAGE = 'I want to cancel my order';

/**
 * Twenty-five messages as shoppers type them: mostly in scope, one asking to buy (the answer then
 * carries recommendations, as in production), five product requests and follow-ups that run the
 * catalog search ("cheaper ones?" against the cards before), a few with an e-mail address, phone or
 * card number so the redaction path runs, and two off-topic ones that end in a clarification or handoff.
 */
export const SHOPPER_CHAT: readonly string[] = [
  'where is my package?',
  'I want to cancel my order',
  'how do I get a refund for the shoes I sent back',
  'any update on my refund?',
  'I picked the wrong size, can I change it in my order',
  'is there a fee if I cancel?',
  'can you email me a copy of my invoice at jane.doe@example.com',
  'do you take paypal?',
  'what is your return policy?',
  'the jacket arrived torn and I am really unhappy about it',
  'can I talk to a real person please, call me on +44 20 7946 0958',
  "I'd like to buy this lamp",
  'do you ship to Canada?',
  'how long does shipping take?',
  'my card 4111 1111 1111 1111 got declined at checkout',
  'I forgot my password',
  'please delete my account and all my data',
  'how do I sign up for the newsletter',
  'what is the weather like in Paris tomorrow',
  'tell me a joke',
  'do you have anything for christmas?',
  'cheaper ones?',
  'something like the bunting',
  'gifts under £5',
  'I prefer wooden things',
];

/** Views outnumber add-to-carts about 3:1, as in the model bench's visitors. */
export function catalogEvent(itemIds: readonly string[], i: number, now: number): TrackEvent {
  return {
    type: i % 4 === 3 ? 'add_to_cart' : 'item_view',
    props: { item: itemIds[(i * 7) % itemIds.length] ?? 'unknown' },
    ts: now,
    id: crypto.randomUUID(),
  };
}
