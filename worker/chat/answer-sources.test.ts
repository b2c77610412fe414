/**
 * Where an answer comes from besides the intent's template: the site's FAQ, a message in a language
 * the model does not read, and the site's texts per language (`templates.locales`).
 */
import { describe, expect, it } from 'vitest';
import type { Handoff, IntentResult, TemplateConfig } from '../protocol';
import { ValidationError } from '../protocol';
import { BUILT_IN_TEXTS } from './built-in-texts';
import { decide } from './decisions';
import type { FaqMatch } from './faq';
import { resolveTemplates } from './templates';

const handoff: Handoff = { label: 'Email us', href: 'mailto:help@example.com' };
const intent = (name: string | null, confidence: number): IntentResult => ({
  intent: name,
  top: name ?? 'track_order',
  confidence,
  threshold: 0.45,
  alternatives: [{ intent: name ?? 'track_order', p: confidence }],
  inferenceMs: 1,
});
const faq = (score: number, matched = true): FaqMatch => ({
  id: 'gift-wrap',
  answer: 'Yes, for £2.50.',
  words: ['gift', 'wrap'],
  link: { label: 'Gift wrap', href: 'https://shop.example/help#gift-wrap' },
  score,
  matched,
});
const site = {
  intents: {
    track_order: { default: 'See Your orders.', link: { label: 'Orders', href: 'https://shop.example/o' } },
  },
  locales: {
    de: {
      intents: { track_order: { default: 'Siehe „Ihre Bestellungen“.' } },
      handoffLabel: 'E-Mail an uns',
    },
  },
};
const labels = ['track_order', 'contact_human_agent', 'place_order'];
const en = resolveTemplates(site, null, labels, 'en');
const de = resolveTemplates(site, null, labels, 'de-AT');
const base = { segment: null, profile: null, handoff };

describe('answers from the FAQ, another language and the site’s languages', () => {
  it('answers from a matching FAQ entry when the model is out of scope or less sure', () => {
    for (const r of [intent(null, 0.2), intent('track_order', 0.5)]) {
      const out = decide({ ...base, templates: en, intent: r, faq: faq(0.6) });
      expect(out.text).toBe('Yes, for £2.50.');
      expect(out.link).toEqual({ label: 'Gift wrap', href: 'https://shop.example/help#gift-wrap' });
      expect(out.decision).toMatchObject({ rule: 'faq', variant: 'gift-wrap' });
    }
  });

  it('keeps the intent when it is surer, the FAQ did not match, or the visitor asked for a person', () => {
    const sure = decide({ ...base, templates: en, intent: intent('track_order', 0.9), faq: faq(0.6) });
    expect(sure).toMatchObject({ text: 'See Your orders.', link: { label: 'Orders' } });
    const weak = decide({ ...base, templates: en, intent: intent(null, 0.01), faq: faq(0.3, false) });
    expect(weak.decision.rule).toBe('handoff-oos');
    const person = decide({
      ...base,
      templates: en,
      intent: intent('contact_human_agent', 0.5),
      faq: faq(0.9),
    });
    expect(person.decision.rule).toBe('handoff');
  });

  it('hands a message the model cannot read to a person, in the language of the templates', () => {
    const out = decide({ ...base, templates: de, intent: intent('track_order', 0.9), readable: false });
    expect(out.text).toBe(BUILT_IN_TEXTS.de?.otherLanguage);
    expect(out.handoff).toEqual({ label: 'E-Mail an uns', href: 'mailto:help@example.com' });
    expect(out.decision.rule).toBe('handoff-language');
  });

  it("merges a language's texts over the site's and the built-in ones", () => {
    expect(de.intents.track_order).toEqual({
      default: 'Siehe „Ihre Bestellungen“.',
      link: { label: 'Orders', href: 'https://shop.example/o' },
    });
    expect(de.intents.place_order?.default).toBe(BUILT_IN_TEXTS.de?.answer);
    expect(de.clarify).toBe(BUILT_IN_TEXTS.de?.clarify);
    expect(en.handoffLabel).toBeUndefined();
    expect(resolveTemplates(site, null, labels, 'fr').clarify).toBe(BUILT_IN_TEXTS.en?.clarify);
  });

  it('refuses a bad language entry or link, naming it', () => {
    const bad: unknown[] = [
      { locales: { German: {} } },
      { locales: { de: { intents: { nope: { default: 'x' } } } } },
      { locales: { de: { locales: {} } } },
      { intents: { track_order: { link: { label: 'x', href: 'javascript:alert(1)' } } } },
    ];
    const messages = [
      'templates.locales.German',
      'templates.locales.de.intents.nope',
      'templates.locales.de.locales',
      'templates.intents.track_order.link',
    ];
    bad.forEach((config, i) => {
      expect(() => resolveTemplates(config as TemplateConfig, null, labels)).toThrow(ValidationError);
      expect(() => resolveTemplates(config as TemplateConfig, null, labels)).toThrow(messages[i]);
    });
  });
});
