/**
 * A small hand-written check of how the shipped intent model copes with natural shopper wording.
 * Bitext's held-out rows are near-copies of its training rows, so they cannot tell whether the model
 * (and its out-of-scope threshold) understands a message phrased the way people actually type. These
 * messages were written for Confide, in our own words, before looking at any model output, and are
 * never used for training or for choosing the threshold: they are a test, not a tuning set.
 */

/** One message and the intent a shop assistant should read from it. */
export interface ShopperMessage {
  readonly text: string;
  readonly intent: string;
}

/** In-scope messages, every one of the 27 Bitext intents at least once. */
export const SHOPPER_MESSAGES: readonly ShopperMessage[] = [
  { text: 'where is my package?', intent: 'track_order' },
  { text: "my parcel still hasn't shown up, can you check where it is", intent: 'track_order' },
  { text: 'has my order shipped yet?', intent: 'track_order' },
  { text: 'I want my money back', intent: 'get_refund' },
  { text: 'how do I get a refund for the shoes I sent back', intent: 'get_refund' },
  { text: "I returned the item two weeks ago and still haven't seen the refund", intent: 'track_refund' },
  { text: 'any update on my refund?', intent: 'track_refund' },
  { text: 'please cancel the order I placed this morning', intent: 'cancel_order' },
  { text: 'I changed my mind, can I cancel my purchase?', intent: 'cancel_order' },
  { text: 'can I add another item to the order I just placed?', intent: 'change_order' },
  { text: 'I picked the wrong size, can I change it in my order', intent: 'change_order' },
  { text: 'I moved, please send my order to my new address instead', intent: 'change_shipping_address' },
  { text: 'how do I save a delivery address to my account', intent: 'set_up_shipping_address' },
  { text: 'is there a fee if I cancel?', intent: 'check_cancellation_fee' },
  { text: "where can I see the invoice for last month's order", intent: 'check_invoice' },
  { text: 'can you email me a copy of my invoice', intent: 'get_invoice' },
  { text: 'do you take paypal?', intent: 'check_payment_methods' },
  { text: 'can I pay with apple pay or a credit card', intent: 'check_payment_methods' },
  { text: 'what is your return policy?', intent: 'check_refund_policy' },
  { text: 'how many days do I have to return something', intent: 'check_refund_policy' },
  { text: "the jacket arrived torn and I'm really unhappy about it", intent: 'complaint' },
  { text: 'I want to file a complaint about your delivery service', intent: 'complaint' },
  { text: 'what are your customer service hours?', intent: 'contact_customer_service' },
  { text: 'how can I contact your support team', intent: 'contact_customer_service' },
  { text: 'can I talk to a real person please', intent: 'contact_human_agent' },
  { text: "I'd like to speak to a human", intent: 'contact_human_agent' },
  { text: 'how do I sign up for an account', intent: 'create_account' },
  { text: 'please delete my account and all my data', intent: 'delete_account' },
  { text: 'do you ship to Canada?', intent: 'delivery_options' },
  { text: 'what shipping options do you have', intent: 'delivery_options' },
  { text: 'how long does shipping take?', intent: 'delivery_period' },
  { text: 'when will it arrive if I order today', intent: 'delivery_period' },
  { text: 'I need to update the email address on my profile', intent: 'edit_account' },
  { text: 'how do I unsubscribe from your emails', intent: 'newsletter_subscription' },
  { text: 'sign me up for the newsletter', intent: 'newsletter_subscription' },
  { text: 'my card got declined at checkout', intent: 'payment_issue' },
  { text: 'the payment keeps failing when I try to pay', intent: 'payment_issue' },
  { text: "I'd like to buy this lamp", intent: 'place_order' },
  { text: 'how do I order something from your shop', intent: 'place_order' },
  { text: 'I forgot my password', intent: 'recover_password' },
  { text: "I can't log in, how do I reset my password", intent: 'recover_password' },
  { text: 'I keep getting an error when I try to register', intent: 'registration_problems' },
  { text: 'where can I leave a review for a product I bought', intent: 'review' },
  { text: 'how do I switch to a business account', intent: 'switch_account' },
];

/** Messages no shop assistant should answer with one of its intents (reported, not gated). */
export const SHOPPER_OUT_OF_SCOPE: readonly string[] = [
  "what's the weather like in Paris tomorrow",
  'tell me a joke',
  'who won the football game last night',
  'how do I change the PIN on my debit card',
  "what's the exchange rate for euros today",
  'can you help me with my maths homework',
  'what time is it in Tokyo',
  'translate good morning into Spanish',
  'I need a loan to buy a car',
  'how tall is the Eiffel Tower',
];
