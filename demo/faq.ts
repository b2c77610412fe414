/**
 * The demo gift shop's FAQ: questions only this shop answers (gift wrap, bulk orders, candles), each
 * with a short answer and a link to its help page. `demo/faq.json` is what the shop wrote;
 * `demo/faq.confide.json` is its bundle (`npm run faq -- --faq demo/faq.json --out
 * demo/faq.confide.json`), which the shop serves and passes to `confide('init', {faq: url})`.
 */
import { readFileSync } from 'node:fs';
import type { FaqBundleEntry } from '../models/features';

/** The shop's FAQ (demo/faq.json, links as paths on the shop's origin). */
export const DEMO_FAQ: readonly FaqBundleEntry[] = JSON.parse(
  readFileSync(new URL('./faq.json', import.meta.url), 'utf8'),
) as FaqBundleEntry[];

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
