/**
 * What a message says besides its intent: price bounds ("under £5", "between 10 and 20"), "cheaper",
 * a quantity, a colour from the catalog's own words, an order number in the site's format, whether
 * it asks for products ("do you have…", "looking for…") or refers back to what was said or shown
 * ("and…", "what about…", "that one", "more like this"), and the item it compares with ("something
 * like the bunting"). Plain patterns: they must run in well under a millisecond per message.
 */
import { normalizeText } from '../../models/features';

/** The cues of one message. */
export interface TurnCues {
  readonly maxPrice?: number;
  readonly minPrice?: number;
  /** "cheaper", "less expensive": below what was shown. */
  readonly cheaper: boolean;
  readonly quantity?: number;
  readonly colour?: string;
  readonly orderNumber?: string;
  /** The message asks for products. */
  readonly searching: boolean;
  /** The message continues the previous turn ("and…", "what about…", "that", "it"). */
  readonly followUp: boolean;
  /** "more like this", "something like the X", "similar to X": X, or "" for the item in focus. */
  readonly like?: string;
}

// Amounts: "£5", "5 pounds", "5.50", "€20". Digits are read from the raw text (the tokenizer maps
// them to 0).
const AMOUNT = String.raw`(?:[£$€]\s*)?(\d+(?:[.,]\d{1,2})?)\s*(?:pounds?|quid|euros?|dollars?|gbp|eur|usd)?`;
const UNDER = new RegExp(
  String.raw`\b(?:under|below|less than|cheaper than|up to|at most|max(?:imum)?|no more than|within)\s+${AMOUNT}`,
  'i',
);
const OVER = new RegExp(String.raw`\b(?:over|above|more than|at least|from|min(?:imum)?)\s+${AMOUNT}`, 'i');
const BETWEEN = new RegExp(String.raw`\bbetween\s+${AMOUNT}\s+(?:and|-|to)\s+${AMOUNT}`, 'i');
const OR_LESS = new RegExp(String.raw`${AMOUNT}\s+(?:or less|or under|max)\b`, 'i');
const CHEAPER = /\b(cheaper|less expensive|lower price|more affordable|too expensive|too pricey|cheapest)\b/i;
const QUANTITY =
  /\b(\d{1,3})\s*(?:x\b|pcs\b|pieces?\b|of them\b|units?\b)|\b(?:a pack of|packs? of|set of)\s+(\d{1,3})\b/i;
const SEARCHING =
  /\b(do you (?:have|sell|stock|do|carry)|have you got|got any|any(?:thing)?|something|looking for|look(?:ing)? at|show me|i (?:want|need|would like|'d like)|recommend|suggest|ideas? for|gifts?\b|presents?\b|what (?:have you|do you have))/i;
const FOLLOW_UP =
  /^(?:and|also|what about|how about|and what about|ok and|so|then)\b|\b(that|those|them|it|this one|that one|these|the same)\b/i;
const LIKE =
  /\b(?:more like|something (?:like|similar to)|similar to|like the|same as)\s*(?:the\s+)?([\p{L}\s'-]{0,60})/iu;

const amount = (s: string | undefined) => (s === undefined ? undefined : Number(s.replace(',', '.')));

/**
 * The cues of `text`. `colours` are the catalog's colour words; `orderPattern` is the site's order
 * number format, if it set one (e.g. `/\b[A-Z]{2}\d{6}\b/`).
 */
export function readCues(text: string, colours: ReadonlySet<string>, orderPattern?: RegExp): TurnCues {
  const between = BETWEEN.exec(text);
  const under = UNDER.exec(text) ?? OR_LESS.exec(text);
  const over = OVER.exec(text);
  const quantity = QUANTITY.exec(text);
  const folded = normalizeText(text);
  const colour = folded.match(/\p{L}+/gu)?.find((w) => colours.has(w));
  const order = orderPattern ? orderPattern.exec(text)?.[0] : undefined;
  const like = LIKE.exec(folded);
  const likeWhat = like
    ? /^(this|that|these|it)$/.test(like[1]?.trim() ?? '')
      ? ''
      : (like[1] ?? '').trim()
    : undefined;
  const maxPrice = between ? amount(between[2]) : amount(under?.[1]);
  const minPrice = between ? amount(between[1]) : amount(over?.[1]);
  return {
    ...(maxPrice !== undefined ? { maxPrice } : {}),
    ...(minPrice !== undefined ? { minPrice } : {}),
    cheaper: CHEAPER.test(text),
    ...(quantity ? { quantity: Number(quantity[1] ?? quantity[2]) } : {}),
    ...(colour ? { colour } : {}),
    ...(order ? { orderNumber: order } : {}),
    searching: SEARCHING.test(text) || maxPrice !== undefined || likeWhat !== undefined,
    followUp: FOLLOW_UP.test(folded.trim()),
    ...(likeWhat !== undefined ? { like: likeWhat.replace(/\b(one|ones|please)\b/g, '').trim() } : {}),
  };
}
