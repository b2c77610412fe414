/**
 * Words as product search reads them: the tokenizer's words, folded to a singular ("candles" →
 * "candle", "boxes" → "box") so a question and a title meet, with the words that carry no product
 * meaning ("do you have anything for…") left out.
 */
import { vectorWords } from './word-vectors';

/**
 * Words that say how a shopper asks, not what for. Kept short on purpose: a word missing here only
 * costs a weak match, which the catalog's own word weights already discount.
 */
const FILLER = new Set(
  (
    'a an the and or but of to in on at for from with by as is are was be been am im i me my mine we our you your ' +
    'it its this that these those them they there here what which who how much many any anything something some ' +
    'have has had got get do does did dont can could would should will want wanted need needs looking look find ' +
    'show see buy sell sold stock please thanks thank hi hello hey ok okay yes no not just really very also too ' +
    'one ones thing things stuff kind sort like about around under over below above less more than cheaper ' +
    'cheap cheapest pricier price prices cost costs between up to max maximum min minimum budget pound pounds ' +
    'euro euros dollar dollars quid else other another similar same'
  ).split(' '),
);

/** Singular of an English plural, conservatively ("christmas", "glass", "bus" stay as they are). */
export function singular(w: string): string {
  if (w.length <= 3) return w;
  if (/(ss|us|is|as)$/.test(w)) return w;
  if (/(sses|xes|ches|shes|zes)$/.test(w)) return w.slice(0, -2);
  if (/ies$/.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

/** Every word of `text`, singular, filler included (titles are indexed with all their words). */
export function allWords(text: string): string[] {
  return vectorWords(text).map(singular);
}

/** The words of a shopper's message that could name a product: singular, without filler and numbers. */
export function productWords(text: string): string[] {
  return allWords(text).filter((w) => !FILLER.has(w) && !/^\d/.test(w) && w.length > 1);
}

/**
 * A crude stem that lets inflections of one word meet ("charging" / "charge", "sizing" / "size",
 * "parked" / "parking"): the plural, then -ing, -ed or a final -e dropped, and a doubled last
 * consonant undone ("shipping" → "ship"). Only used to say two words are the same word, never shown.
 */
export function stem(w: string): string {
  let s = singular(w);
  if (s.length >= 6 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length >= 6 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length >= 4 && s.endsWith('e')) s = s.slice(0, -1);
  if (s.length >= 4 && /([bdfgklmnprt])\1$/.test(s)) s = s.slice(0, -1);
  return s;
}
