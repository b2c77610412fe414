/**
 * Answer templates: the defaults come from the intent model's answers file (Bitext reference answers,
 * first one per intent), the site's `TemplateConfig` is validated strictly and merged over them (site
 * wins), and `{{slots}}` are filled at answer time. A slot nobody filled never reaches the visitor: it
 * becomes a neutral phrase ("our website") or its sentence is dropped.
 */
import type { AnswersLicense, IntentAnswers } from '../../models/features';
import type { AnswerTemplate, Profile, Segment, TemplateConfig } from '../protocol';
import { ValidationError } from '../protocol';

/** Longest template text, slot value or canned reply accepted from a site. */
export const MAX_TEMPLATE_TEXT = 2000;
/** Most intents, segment variants per intent, slots and quick replies per intent a site may set. */
export const TEMPLATE_LIMITS = { intents: 100, segments: 20, slots: 50, quickReplies: 6 } as const;
const MAX_NAME = 64;
const MAX_QUICK_REPLY = 80;
/** Below this segment confidence the default variant is used (the site may change it). */
export const DEFAULT_MIN_SEGMENT_CONFIDENCE = 0.6;

/** The built-in texts; the Bitext answers are long, so these are written short on purpose. */
export const DEFAULT_TEXTS = {
  clarify: "I'm not quite sure what you mean. Is it one of these?",
  handoff: "I'll pass you to a person from our team, who can help with this.",
  outOfScope:
    "Sorry, I can't help with that here. I can answer questions about orders, delivery, returns and " +
    'refunds, payments and your account.',
  /** For an intent the answers file does not cover. */
  answer: 'I can help with that. Could you tell me a little more about what you need?',
  /** The proactive greeting when nothing is known about the visitor. */
  greeting: 'Hi! Can I help you find something, or answer a question about an order?',
} as const;

/** Templates ready for the decision rules. */
export interface ResolvedTemplates {
  /** One template per known intent (the model's labels and the answers file's intents). */
  readonly intents: Readonly<Record<string, AnswerTemplate>>;
  readonly slots: Readonly<Record<string, string>>;
  readonly clarify: string;
  readonly handoff: string;
  readonly outOfScope: string;
  readonly minSegmentConfidence: number;
  /** The proactive greeting: a default and the site's variants per segment name. */
  readonly greeting: AnswerTemplate;
  /** License of the default answers (Bitext: CDLA-Sharing-1.0), for the credits screen. */
  readonly credits?: AnswersLicense;
}

const TOP_KEYS = ['intents', 'slots', 'clarify', 'handoff', 'outOfScope', 'minSegmentConfidence', 'greeting'];
const TEMPLATE_KEYS = ['default', 'segments', 'quickReplies'];

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Collects every problem so a site fixes its config in one go, then throws them together. */
class Problems {
  readonly list: string[] = [];
  add(field: string, rule: string): void {
    this.list.push(`${field} ${rule}`);
  }
  text(value: unknown, field: string, max = MAX_TEMPLATE_TEXT): value is string {
    if (typeof value !== 'string') this.add(field, 'must be a string');
    else if (value.trim() === '') this.add(field, 'must not be empty');
    else if (value.length > max) this.add(field, `must be at most ${max} characters, got ${value.length}`);
    else return true;
    return false;
  }
  record(value: unknown, field: string, max: number): value is Record<string, unknown> {
    if (!isRecord(value)) this.add(field, 'must be an object');
    else if (Object.keys(value).length > max) this.add(field, `must have at most ${max} entries`);
    else return true;
    return false;
  }
  keys(value: Record<string, unknown>, field: string, allowed: readonly string[]): void {
    for (const k of Object.keys(value)) {
      if (!allowed.includes(k))
        this.add(`${field}.${k}`, `is not a template field (use ${allowed.join(', ')})`);
    }
  }
  throwIfAny(): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, 5).join('; ');
    const more = this.list.length > 5 ? `; and ${this.list.length - 5} more` : '';
    throw new ValidationError('invalid_argument', `invalid templates: ${shown}${more}`);
  }
}

function checkTemplate(value: unknown, field: string, p: Problems): void {
  if (!isRecord(value)) {
    p.add(field, 'must be an object');
    return;
  }
  p.keys(value, field, TEMPLATE_KEYS);
  if (!TEMPLATE_KEYS.some((k) => k in value)) p.add(field, 'must set default, segments or quickReplies');
  if ('default' in value) p.text(value.default, `${field}.default`);
  if ('segments' in value && p.record(value.segments, `${field}.segments`, TEMPLATE_LIMITS.segments)) {
    for (const [name, text] of Object.entries(value.segments)) {
      if (name.trim() === '' || name.length > MAX_NAME)
        p.add(`${field}.segments["${name}"]`, 'is not a segment name');
      p.text(text, `${field}.segments.${name}`);
    }
  }
  if ('quickReplies' in value) {
    const q = value.quickReplies;
    if (!Array.isArray(q)) p.add(`${field}.quickReplies`, 'must be an array');
    else if (q.length > TEMPLATE_LIMITS.quickReplies) {
      p.add(`${field}.quickReplies`, `must have at most ${TEMPLATE_LIMITS.quickReplies} entries`);
    } else {
      for (const [i, r] of q.entries()) p.text(r, `${field}.quickReplies[${i}]`, MAX_QUICK_REPLY);
    }
  }
}

/**
 * Checks a site's template config and returns it typed. `knownIntents`, when given, are the only
 * intent names allowed. Throws one `ValidationError('invalid_argument')` naming every bad field;
 * nothing is dropped or repaired silently. `undefined` and `null` mean "no overrides".
 */
export function validateTemplateConfig(config: unknown, knownIntents?: readonly string[]): TemplateConfig {
  if (config === undefined || config === null) return {};
  const p = new Problems();
  if (!isRecord(config)) {
    p.add('templates', 'must be an object');
    p.throwIfAny();
    return {};
  }
  p.keys(config, 'templates', TOP_KEYS);
  if ('intents' in config && p.record(config.intents, 'templates.intents', TEMPLATE_LIMITS.intents)) {
    const known = knownIntents ? new Set(knownIntents) : undefined;
    for (const [name, t] of Object.entries(config.intents)) {
      if (known && !known.has(name)) {
        const list = [...known].sort().join(', ');
        p.add(`templates.intents.${name}`, `is not an intent of the model (known: ${list})`);
      }
      checkTemplate(t, `templates.intents.${name}`, p);
    }
  }
  if ('slots' in config && p.record(config.slots, 'templates.slots', TEMPLATE_LIMITS.slots)) {
    for (const [name, value] of Object.entries(config.slots)) {
      if (name.trim() === '' || name.length > MAX_NAME || /[{}]/.test(name)) {
        p.add(`templates.slots["${name}"]`, 'is not a slot name (1-64 characters, no braces)');
      }
      p.text(value, `templates.slots.${name}`);
    }
  }
  for (const key of ['clarify', 'handoff', 'outOfScope'] as const) {
    if (key in config) p.text(config[key], `templates.${key}`);
  }
  if ('greeting' in config) checkTemplate(config.greeting, 'templates.greeting', p);
  const min = config.minSegmentConfidence;
  if ('minSegmentConfidence' in config && !(typeof min === 'number' && min >= 0 && min <= 1)) {
    p.add('templates.minSegmentConfidence', 'must be a number from 0 to 1');
  }
  p.throwIfAny();
  return config as TemplateConfig;
}

/**
 * The templates the decision rules use: one per intent of the model (`labels`) and of the answers
 * file, each defaulting to the file's first answer, with the validated site config merged over them.
 * Throws `ValidationError` for an invalid site config (see {@link validateTemplateConfig}).
 */
export function resolveTemplates(
  config: TemplateConfig | undefined,
  answers: IntentAnswers | null,
  labels: readonly string[] = [],
): ResolvedTemplates {
  const fileIntents = isRecord(answers?.intents) ? answers.intents : {};
  const known = [...new Set([...labels, ...Object.keys(fileIntents)])];
  const site = validateTemplateConfig(config, known.length ? known : undefined);
  const intents: Record<string, AnswerTemplate> = {};
  for (const name of known) {
    const first = fileIntents[name]?.answers?.[0];
    intents[name] = { default: typeof first === 'string' && first.trim() ? first : DEFAULT_TEXTS.answer };
  }
  for (const [name, t] of Object.entries(site.intents ?? {})) {
    const base = intents[name] ?? { default: DEFAULT_TEXTS.answer };
    const segments = t.segments ?? base.segments;
    const quickReplies = t.quickReplies ?? base.quickReplies;
    intents[name] = {
      default: t.default ?? base.default,
      ...(segments ? { segments } : {}),
      ...(quickReplies ? { quickReplies } : {}),
    };
  }
  return {
    intents,
    slots: site.slots ?? {},
    clarify: site.clarify ?? DEFAULT_TEXTS.clarify,
    handoff: site.handoff ?? DEFAULT_TEXTS.handoff,
    outOfScope: site.outOfScope ?? DEFAULT_TEXTS.outOfScope,
    minSegmentConfidence: site.minSegmentConfidence ?? DEFAULT_MIN_SEGMENT_CONFIDENCE,
    greeting: {
      default: site.greeting?.default ?? DEFAULT_TEXTS.greeting,
      ...(site.greeting?.segments ? { segments: site.greeting.segments } : {}),
      ...(site.greeting?.quickReplies ? { quickReplies: site.greeting.quickReplies } : {}),
    },
    ...(answers?.license ? { credits: answers.license } : {}),
  };
}

// ---- slot filling ----

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
