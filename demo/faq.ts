/**
 * The demo gift shop's FAQ, as a site passes it to `confide('init', {faq})`: questions only this shop
 * answers (gift wrap, bulk orders, candles), each with a short answer and a link to its help page.
 * Links are paths here; the page turns them into URLs on its own origin.
 */

/** One entry before the page adds its origin to the link. */
export interface DemoFaqEntry {
  readonly id: string;
  readonly questions: readonly string[];
  readonly answer: string;
  readonly link: { readonly label: string; readonly path: string };
}

/** The shop's FAQ. */
export const DEMO_FAQ: readonly DemoFaqEntry[] = [
  {
    id: 'gift-wrap',
    questions: ['Do you offer gift wrapping?', 'Can you wrap my order as a present?'],
    answer: 'Yes: tick "gift wrap" at checkout for £2.50 per parcel, with a handwritten card.',
    link: { label: 'Gift wrapping', path: '/help#gift-wrap' },
  },
  {
    id: 'gift-message',
    questions: ['Can I add a gift message?', 'Can I hide the prices on the delivery note?'],
    answer: 'Yes: add your message at checkout; gift orders never show prices on the delivery note.',
    link: { label: 'Gift messages', path: '/help#gift-message' },
  },
  {
    id: 'wholesale',
    questions: ['Do you sell wholesale?', 'Is there a discount for bulk orders?'],
    answer: 'Trade customers get 20% off orders of 24 or more of one item.',
    link: { label: 'Wholesale', path: '/help#wholesale' },
  },
  {
    id: 'gift-cards',
    questions: ['Do you sell gift cards?', 'Can I buy a voucher for someone?'],
    answer: 'E-gift cards from £10 to £100 are sent by email and never expire.',
    link: { label: 'Gift cards', path: '/help#gift-cards' },
  },
  {
    id: 'candle-care',
    questions: ['How long do your candles burn?', 'How should I look after a candle?'],
    answer: 'About 40 hours; trim the wick to 5 mm and burn for at most 4 hours at a time.',
    link: { label: 'Candle care', path: '/help#candle-care' },
  },
  {
    id: 'packaging',
    questions: ['Is your packaging plastic free?', 'Is the packaging recyclable?'],
    answer: 'All our packaging is paper or card, recyclable at home.',
    link: { label: 'Packaging', path: '/help#packaging' },
  },
  {
    id: 'shop-visit',
    questions: ['Do you have a physical shop?', 'Can I visit your store?'],
    answer: 'We are online only, shipping from our warehouse in Kent.',
    link: { label: 'About us', path: '/help#about' },
  },
  {
    id: 'restock',
    questions: ['When will a sold out item be back in stock?', 'Will you restock this?'],
    answer: 'Most items come back within three weeks; the product page offers an email alert.',
    link: { label: 'Restocks', path: '/help#restock' },
  },
];

/**
 * Paraphrases of the entries, written separately from them, that the FAQ threshold is chosen on
 * (demo/faq.test.ts); the bike shop's (test/fixtures/bike-shop-faq.json) test it.
 */
export const DEMO_FAQ_PARAPHRASES: readonly (readonly [string, string])[] = [
  ['can you gift wrap it', 'gift-wrap'],
  ['is gift wrapping available', 'gift-wrap'],
  ['wrap it as a present please', 'gift-wrap'],
  ['can i include a little note for my friend', 'gift-message'],
  ['gift message?', 'gift-message'],
  ['i dont want the price on the packing slip', 'gift-message'],
  ['do you do trade prices', 'wholesale'],
  ['buying 50 mugs, any discount?', 'wholesale'],
  ['wholesale enquiry', 'wholesale'],
  ['can i get a gift card', 'gift-cards'],
  ['vouchers?', 'gift-cards'],
  ['do gift cards expire', 'gift-cards'],
  ['how many hours does a candle last', 'candle-care'],
  ['candle burning time', 'candle-care'],
  ['is the packaging plastic free', 'packaging'],
  ['can i recycle the box', 'packaging'],
  ['do you have a store i can visit', 'shop-visit'],
  ['where is your shop', 'shop-visit'],
  ['when is it back in stock', 'restock'],
  ['sold out, will it come back', 'restock'],
];
