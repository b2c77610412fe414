/**
 * How the shop assistant should treat each BANKING77 topic. BANKING77 is real customer wording, but
 * some of it is what a shopper would also ask a shop: counting those messages as "out of scope" would
 * reward the model for turning away refund and payment questions. So every topic is one of three kinds:
 *
 * - shop: the message is in scope for a shop and maps to one of the Bitext intents. These messages never
 *   count as out of scope; they measure how often real (not Bitext-generated) in-scope wording is accepted.
 * - ambiguous: could be a shop question or a banking one (an unknown charge, a fee on a card payment).
 *   Left out of every figure except a separate "accepted" share, so they neither help nor hurt.
 * - everything else (bank cards, top-ups, transfers, cash machines, exchange rates, PINs, identity checks):
 *   out of scope, a thing a shop cannot answer. Some of these look shop-like on the surface ("when will my
 *   card arrive?"); they stay out of scope, because the shop did not send a bank card.
 */

/** BANKING77 topics a shop should answer, and the Bitext intent each one is. */
export const BANKING77_SHOP_TOPICS: Readonly<Record<string, string>> = {
  // "How do I get a refund for something I bought?"
  request_refund: 'get_refund',
  // "The refund I asked the seller for isn't showing up."
  Refund_not_showing_up: 'track_refund',
  // "Please delete my account."
  terminate_account: 'delete_account',
  // "Where can I change my details?"
  edit_personal_details: 'edit_account',
  // "I forgot my password."
  passcode_forgotten: 'recover_password',
  // "My payment was declined." A shop's checkout sees the same failure.
  declined_card_payment: 'payment_issue',
  // "I was charged twice for the same thing."
  transaction_charged_twice: 'payment_issue',
  // "I bought something and the payment is still pending."
  pending_card_payment: 'payment_issue',
};

/** BANKING77 topics that are neither clearly a shop's nor clearly a bank's business. */
export const BANKING77_AMBIGUOUS_TOPICS: readonly string[] = [
  // An unknown charge: a shop's double billing or card fraud.
  'card_payment_not_recognised',
  // A purchase whose payment came back.
  'reverted_card_payment?',
  // An extra charge on the statement: possibly a shop's surcharge.
  'extra_charge_on_statement',
  // A fee on a card payment: possibly a shop's card surcharge.
  'card_payment_fee_charged',
  // "Do you accept American Express?" but mostly about topping up in a currency.
  'supported_cards_and_currencies',
  // "I want to reverse a payment I made": cancelling a purchase or a bank transfer.
  'cancel_transfer',
];
