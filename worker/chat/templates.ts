/**
 * Answer templates: the defaults come from the intent model's answers file (Bitext reference answers,
 * first one per intent), the site's `TemplateConfig` is validated strictly and merged over them (site
 * wins), and `{{slots}}` are filled at answer time (slots.ts).
 */
import type { AnswersLicense, IntentAnswers } from '../../models/features';
import type { AnswerTemplate, Segment, TemplateConfig } from '../protocol';
import { safeHandoff, ValidationError } from '../protocol';
import { BUILT_IN_TEXTS, type BuiltInTexts, baseLanguage, DEFAULT_TEXTS } from './built-in-texts';

/** Longest template text, slot value or canned reply accepted from a site. */
export const MAX_TEMPLATE_TEXT = 2000;
/** Most intents, segment variants per intent, slots and quick replies per intent a site may set. */
export const TEMPLATE_LIMITS = { intents: 100, segments: 20, slots: 50, quickReplies: 6 } as const;
const MAX_NAME = 64;
const MAX_QUICK_REPLY = 80;
/** Below this segment confidence the default variant is used (the site may change it). */
export const DEFAULT_MIN_SEGMENT_CONFIDENCE = 0.6;

export { DEFAULT_TEXTS } from './built-in-texts';

/** Templates ready for the decision rules. */
export interface ResolvedTemplates {
  /** One template per known intent (the model's labels and the answers file's intents). */
  readonly intents: Readonly<Record<string, AnswerTemplate>>;
  readonly slots: Readonly<Record<string, string>>;
  readonly clarify: string;
  readonly handoff: string;
  readonly outOfScope: string;
  /** Said with the handoff to a message in a language the intent model does not read. */
  readonly otherLanguage: string;
  /** The handoff link's label in this language, when the site wrote one. */
  readonly handoffLabel?: string;
  readonly minSegmentConfidence: number;
  /** The proactive greeting: a default and the site's variants per segment name. */
  readonly greeting: AnswerTemplate;
  /** Texts above product cards and replies to stated preferences: built-in, with the site's over them. */
  readonly search: BuiltInTexts['search'];
  readonly preference: BuiltInTexts['preference'];
  /** License of the default answers (Bitext: CDLA-Sharing-1.0), for the credits screen. */
  readonly credits?: AnswersLicense;
}

const LOCALE_KEYS = [
  'intents',
  'slots',
  'clarify',
  'handoff',
  'outOfScope',
  'otherLanguage',
  'handoffLabel',
  'minSegmentConfidence',
  'greeting',
  'search',
  'preference',
];
const TOP_KEYS = [...LOCALE_KEYS, 'locales'];
/** The texts of `search` and `preference` a site may set. */
const TEXT_GROUPS = [
  ['search', ['found', 'partial', 'cheaper', 'similar', 'none', 'noneCheaper']],
  ['preference', ['like', 'avoid', 'recipient']],
] as const;
const TEMPLATE_KEYS = ['default', 'segments', 'quickReplies', 'link'];
/** Most languages a site may write texts for. */
const MAX_LOCALES = 20;

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
  if ('link' in value && !safeHandoff(value.link)) {
    p.add(`${field}.link`, 'must be {label, href} with an https: or mailto: URL');
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

/** Checks one level of a config: the top level, or one language's entry in `locales`. */
function checkLevel(
  config: Record<string, unknown>,
  field: string,
  p: Problems,
  known: ReadonlySet<string> | undefined,
): void {
  p.keys(config, field, field === 'templates' ? TOP_KEYS : LOCALE_KEYS);
  if ('intents' in config && p.record(config.intents, `${field}.intents`, TEMPLATE_LIMITS.intents)) {
    for (const [name, t] of Object.entries(config.intents)) {
      if (known && !known.has(name)) {
        const list = [...known].sort().join(', ');
        p.add(`${field}.intents.${name}`, `is not an intent of the model (known: ${list})`);
      }
      checkTemplate(t, `${field}.intents.${name}`, p);
    }
  }
  if ('slots' in config && p.record(config.slots, `${field}.slots`, TEMPLATE_LIMITS.slots)) {
    for (const [name, value] of Object.entries(config.slots)) {
      if (name.trim() === '' || name.length > MAX_NAME || /[{}]/.test(name)) {
        p.add(`${field}.slots["${name}"]`, 'is not a slot name (1-64 characters, no braces)');
      }
      p.text(value, `${field}.slots.${name}`);
    }
  }
  for (const key of ['clarify', 'handoff', 'outOfScope', 'otherLanguage'] as const) {
    if (key in config) p.text(config[key], `${field}.${key}`);
  }
  if ('handoffLabel' in config) p.text(config.handoffLabel, `${field}.handoffLabel`, MAX_QUICK_REPLY);
  if ('greeting' in config) checkTemplate(config.greeting, `${field}.greeting`, p);
  for (const [key, names] of TEXT_GROUPS) {
    if (!(key in config)) continue;
    const group = config[key];
    if (!isRecord(group)) {
      p.add(`${field}.${key}`, 'must be an object');
      continue;
    }
    p.keys(group, `${field}.${key}`, names);
    for (const name of names) if (name in group) p.text(group[name], `${field}.${key}.${name}`);
  }
  const min = config.minSegmentConfidence;
  if ('minSegmentConfidence' in config && !(typeof min === 'number' && min >= 0 && min <= 1)) {
    p.add(`${field}.minSegmentConfidence`, 'must be a number from 0 to 1');
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
  const known = knownIntents ? new Set(knownIntents) : undefined;
  checkLevel(config, 'templates', p, known);
  if ('locales' in config && p.record(config.locales, 'templates.locales', MAX_LOCALES)) {
    for (const [lang, level] of Object.entries(config.locales)) {
      const field = `templates.locales.${lang}`;
      if (!/^[a-z]{2,3}$/.test(lang)) p.add(field, 'is not a language code (`de`, `fr`, …)');
      if (isRecord(level)) checkLevel(level, field, p, known);
      else p.add(field, 'must be an object');
    }
  }
  p.throwIfAny();
  return config as TemplateConfig;
}

/** One intent's template with `over`'s fields replacing `base`'s. */
function mergeTemplate(base: AnswerTemplate, over: Partial<AnswerTemplate>): AnswerTemplate {
  const segments = over.segments ?? base.segments;
  const quickReplies = over.quickReplies ?? base.quickReplies;
  const link = over.link ?? base.link;
  return {
    default: over.default ?? base.default,
    ...(segments ? { segments } : {}),
    ...(quickReplies ? { quickReplies } : {}),
    ...(link ? { link: safeHandoff(link) ?? link } : {}),
  };
}

/**
 * The templates the decision rules use, in the language of `locale` (default English): one per
 * intent of the model (`labels`) and of the answers file, with the site's config merged over them and
 * its `locales` entry for that language over that. The answers file is English, so it seeds only
 * English; another language starts from the built-in texts. Throws `ValidationError` for an invalid
 * site config (see {@link validateTemplateConfig}).
 */
export function resolveTemplates(
  config: TemplateConfig | undefined,
  answers: IntentAnswers | null,
  labels: readonly string[] = [],
  locale?: string,
): ResolvedTemplates {
  const fileIntents = isRecord(answers?.intents) ? answers.intents : {};
  const known = [...new Set([...labels, ...Object.keys(fileIntents)])];
  const site = validateTemplateConfig(config, known.length ? known : undefined);
  const lang = baseLanguage(locale);
  const texts = BUILT_IN_TEXTS[lang] ?? DEFAULT_TEXTS;
  const local = site.locales?.[lang] ?? {};
  const intents: Record<string, AnswerTemplate> = {};
  for (const name of known) {
    const first = lang === 'en' ? fileIntents[name]?.answers?.[0] : undefined;
    intents[name] = { default: typeof first === 'string' && first.trim() ? first : texts.answer };
  }
  for (const level of [site.intents, local.intents]) {
    for (const [name, t] of Object.entries(level ?? {})) {
      intents[name] = mergeTemplate(intents[name] ?? { default: texts.answer }, t);
    }
  }
  const greeting = mergeTemplate(
    mergeTemplate({ default: texts.greeting }, site.greeting ?? {}),
    local.greeting ?? {},
  );
  return {
    intents,
    slots: { ...site.slots, ...local.slots },
    clarify: local.clarify ?? site.clarify ?? texts.clarify,
    handoff: local.handoff ?? site.handoff ?? texts.handoff,
    outOfScope: local.outOfScope ?? site.outOfScope ?? texts.outOfScope,
    otherLanguage: local.otherLanguage ?? site.otherLanguage ?? texts.otherLanguage,
    ...(local.handoffLabel || site.handoffLabel
      ? { handoffLabel: local.handoffLabel ?? site.handoffLabel }
      : {}),
    minSegmentConfidence:
      local.minSegmentConfidence ?? site.minSegmentConfidence ?? DEFAULT_MIN_SEGMENT_CONFIDENCE,
    greeting,
    search: { ...texts.search, ...site.search, ...local.search },
    preference: { ...texts.preference, ...site.preference, ...local.preference },
    ...(answers?.license && lang === 'en' ? { credits: answers.license } : {}),
  };
}

/**
 * The variant for a segment: by its stable key (`frequent`, `new`, …) first, else by its name (sites
 * written before keys). Returns the key it was found under, which decisions and feedback record.
 */
export function segmentVariant(
  variants: Readonly<Record<string, string>> | undefined,
  segment: Pick<Segment, 'key' | 'name'> | null,
): { readonly key: string; readonly text: string } | undefined {
  if (!variants || !segment) return undefined;
  for (const key of [segment.key, segment.name]) {
    const text = Object.hasOwn(variants, key) ? variants[key] : undefined;
    if (text !== undefined) return { key, text };
  }
  return undefined;
}
