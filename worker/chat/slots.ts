/**
 * Slot filling: `{{slots}}` in an answer are filled at answer time from the site's slots, the profile
 * and the segment. A slot nobody filled never reaches the visitor: it becomes a neutral phrase ("our
 * website") or its sentence is dropped.
 */
import type { Profile, Segment } from '../protocol';

/** Neutral phrases for the Bitext slots (keys normalized: lower case, without "anonymized"). */
const NEUTRAL: Readonly<Record<string, string>> = Object.fromEntries(
  (
    [
      [
        'our website',
        'website name|website|website url|company website|website or app|website/app name|service website',
      ],
      ['our shop', 'company name'],
      [
        'our support phone line',
        'customer support phone number|support phone number|customer service phone number|phone number|customer assistance phone number|phone',
      ],
      [
        'our support email address',
        'customer support email|customer support email address|support email|customer service email|customer service email address|support email address|email|email address',
      ],
      ['live chat', 'live chat|chat'],
      [
        'during business hours',
        'customer support availability|customer support hours|customer service hours|operating hours|customer assistance hours|support team availability',
      ],
      ['order history', 'order history|my orders|purchase history'],
      ['order details', 'order details'],
      ['order status', 'order status|order tracking|track order|track my order'],
      ['account settings', 'account settings|my account|account|account details|account information'],
      ['profile', 'profile'],
      ['billing', 'billing|billing information|invoice history'],
      ['invoices', 'invoices|invoice'],
      ['payment options', 'payment methods|payment modalities|payment options'],
      ['shipping address', 'shipping address|delivery address|address'],
      ['Cancel order', 'cancel order|cancel purchase'],
      ['edit', 'edit or modify|edit|modify|edit order|modify order'],
      ['Contact us', 'contact us|contact page'],
      ['feedback', 'feedback'],
      ['refund request', 'rebate request|refund request'],
      ['checkout', 'checkout'],
      ['customer support', 'support|help|customer support'],
    ] as const
  ).flatMap(([phrase, keys]) => keys.split('|').map((k) => [k, phrase])),
);

/** Slots naming one customer's order, invoice or purchase: "your order" instead. */
const ID_SLOT = /^(?:(order|purchase|invoice|bill|tracking)(?: number| id| no\.?)?|[\d\s-]+)$/;
const SLOT = /\{\{([^{}]*)\}\}/g;
const DROP = '\uE000';

const normalize = (name: string): string =>
  name
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ anonymized$/, '')
    .trim();

/** Where slot values come from, in order: the site, then the visitor's profile and segment. */
export interface SlotContext {
  readonly slots?: Readonly<Record<string, string>>;
  readonly profile?: Profile | null;
  readonly segment?: Segment | null;
}

function ownValue(name: string, ctx: SlotContext): string | undefined {
  for (const [k, v] of Object.entries(ctx.slots ?? {})) if (normalize(k) === name) return v;
  if (name === 'last_viewed' || name === 'last viewed') return ctx.profile?.lastViewed?.title || undefined;
  if (name === 'segment') return ctx.segment?.name || undefined;
  return undefined;
}

/**
 * Fills `{{slots}}` from the site's slots, then the profile (`{{last_viewed}}` = the last viewed
 * item's title, `{{segment}}` = the segment's name). A slot left over becomes a neutral phrase from
 * the Bitext table ("{{Website Name}}" → "our website", "the order {{Order Number}}" → "your order");
 * an unknown one takes its sentence with it. Values are inserted in one pass, never re-read as slots.
 */
export function fillSlots(text: string, ctx: SlotContext = {}): string {
  // "the order with the number {{Order Number}}" reads best as "your order" when no number is known.
  const ids = text.replace(
    /(?:\b(?:the|your|this) )?\b(order|purchase|invoice|bill)(?: (?:with the number|number|no\.|id|#|labell?ed))? ?\{\{([^{}]*)\}\}/gi,
    (all, noun: string, slot: string) => {
      const name = normalize(slot);
      return ID_SLOT.test(name) && ownValue(name, ctx) === undefined ? `your ${noun.toLowerCase()}` : all;
    },
  );
  const filled = ids.replace(SLOT, (_all, slot: string) => {
    const name = normalize(slot);
    const own = ownValue(name, ctx);
    if (own !== undefined) return own.replaceAll(DROP, '');
    if (ID_SLOT.test(name)) return `your ${ID_SLOT.exec(name)?.[1] ?? 'order'} number`;
    return NEUTRAL[name] ?? DROP;
  });
  return tidy(dropMarkedSentences(filled));
}

/** Removes each sentence holding a drop marker; renumbers "1. 2. 3." lists that lost an item. */
function dropMarkedSentences(text: string): string {
  if (!text.includes(DROP)) return text;
  const out: string[] = [];
  let n = 0;
  for (const line of text.split('\n')) {
    const item = /^(\s*)\d+\.\s+/.exec(line);
    const body = item ? line.slice(item[0].length) : line;
    const kept = (body.match(/[^.!?]+(?:[.!?]+["')]*|$)\s*/g) ?? [body]).filter((s) => !s.includes(DROP));
    const rest = kept.join('').trim();
    if (item) {
      if (rest) out.push(`${item[1]}${++n}. ${rest}`);
    } else {
      n = 0;
      if (rest || body.trim() === '') out.push(rest);
    }
  }
  return out.join('\n');
}

/**
 * Grammar after substitution: "on our our website", "Visit our website, our website", "from during
 * business hours", stray spaces.
 */
function tidy(text: string): string {
  return text
    .replace(/\b(?:our|the|your|a) (our|your)\b/gi, '$1')
    .replace(/\b(?:from|at|between|during) during\b/g, 'during')
    .replace(/\b(our [\w ]{3,30}), \1\b/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ ([,.!?])/g, '$1')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
