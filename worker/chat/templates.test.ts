/**
 * Templates: defaults from the shipped answers file, strict validation of the site's config, the
 * merge (site wins), and slot filling that never lets a `{{slot}}` reach the visitor.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IntentAnswers } from '../../models/features';
import { emptyStats } from '../personalization';
import type { Profile, Segment } from '../protocol';
import { ValidationError } from '../protocol';
import { fillSlots } from './slots';
import {
  DEFAULT_MIN_SEGMENT_CONFIDENCE,
  DEFAULT_TEXTS,
  MAX_TEMPLATE_TEXT,
  resolveTemplates,
  TEMPLATE_LIMITS,
  validateTemplateConfig,
} from './templates';

const answers = JSON.parse(readFileSync('models/artifacts/intent-answers.json', 'utf8')) as IntentAnswers;
const intents = Object.keys(answers.intents);

const stats = emptyStats();
const profile = (title?: string): Profile => ({
  windows: { session: stats, d7: stats, d30: stats },
  rfm: { recencyDays: null, tenureDays: null, orders: 0, spend: 0 },
  affinities: [],
  context: { device: 'desktop', timeOfDay: 'morning', pageType: 'home' },
  ...(title === undefined ? {} : { lastViewed: { id: 'i1', ...(title ? { title } : {}) } }),
  events: 1,
  updatedAt: 0,
});
const segment: Segment = {
  id: 1,
  key: 'regular',
  name: 'Loyal regulars',
  description: 'buy often',
  confidence: 0.9,
  source: 'model',
  reason: 'test',
};

/** The message of the ValidationError `f` throws (fails the test when it does not throw one). */
function problem(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect(e).toMatchObject({ code: 'invalid_argument' });
    return (e as Error).message;
  }
  throw new Error('expected a ValidationError');
}

describe('resolveTemplates', () => {
  it('builds one default per intent from the answers file and keeps its license reachable', () => {
    const t = resolveTemplates(undefined, answers);
    expect(Object.keys(t.intents).sort()).toEqual([...intents].sort());
    for (const name of intents) expect(t.intents[name]?.default).toBe(answers.intents[name]?.answers[0]);
    expect(t.credits?.name).toBe('CDLA-Sharing-1.0');
    expect(t.credits?.notice).toContain('Bitext');
    expect([t.clarify, t.handoff, t.outOfScope]).toEqual([
      DEFAULT_TEXTS.clarify,
      DEFAULT_TEXTS.handoff,
      DEFAULT_TEXTS.outOfScope,
    ]);
    expect(t.minSegmentConfidence).toBe(DEFAULT_MIN_SEGMENT_CONFIDENCE);
    expect(t.slots).toEqual({});
  });

  it('covers model labels the file lacks, and works without any answers file', () => {
    const t = resolveTemplates(undefined, answers, ['gift_cards']);
    expect(t.intents.gift_cards?.default).toBe(DEFAULT_TEXTS.answer);
    const bare = resolveTemplates(undefined, null, ['track_order']);
    expect(bare.intents).toEqual({ track_order: { default: DEFAULT_TEXTS.answer } });
    expect(bare.credits).toBeUndefined();
  });

  it('merges the site config over the defaults, site first', () => {
    const t = resolveTemplates(
      {
        intents: {
          track_order: {
            default: 'Your parcels live under {{Orders Page}}.',
            quickReplies: ['Delivery options'],
          },
          get_refund: { segments: { 'Loyal regulars': 'Refunds are instant for you.' } },
        },
        slots: { 'Orders Page': 'My orders' },
        clarify: 'Could you say that differently?',
        minSegmentConfidence: 0.3,
      },
      answers,
    );
    expect(t.intents.track_order).toEqual({
      default: 'Your parcels live under {{Orders Page}}.',
      quickReplies: ['Delivery options'],
    });
    // Only the variant was given: the file's default stays.
    expect(t.intents.get_refund?.default).toBe(answers.intents.get_refund?.answers[0]);
    expect(t.intents.get_refund?.segments).toEqual({ 'Loyal regulars': 'Refunds are instant for you.' });
    expect(t.slots).toEqual({ 'Orders Page': 'My orders' });
    expect(t.clarify).toBe('Could you say that differently?');
    expect(t.handoff).toBe(DEFAULT_TEXTS.handoff);
    expect(t.minSegmentConfidence).toBe(0.3);
  });

  it('refuses an invalid site config instead of dropping the bad parts', () => {
    const msg = problem(() =>
      resolveTemplates(
        { intents: { trak_order: { default: 'x' }, track_order: { default: 'ok' } } },
        answers,
      ),
    );
    expect(msg).toContain('templates.intents.trak_order is not an intent of the model');
    expect(msg).toContain('track_order');
  });
});

describe('validateTemplateConfig', () => {
  it('accepts nothing, null and a valid config unchanged', () => {
    expect(validateTemplateConfig(undefined)).toEqual({});
    expect(validateTemplateConfig(null)).toEqual({});
    const ok = {
      intents: { anything: { default: 'hi' } },
      slots: { Phone: '555' },
      handoff: 'A person will help.',
    };
    expect(validateTemplateConfig(ok)).toEqual(ok);
  });

  it('names each bad field and the rule it broke, all at once', () => {
    const msg = problem(() =>
      validateTemplateConfig(
        {
          clarify: '   ',
          handoff: 'x'.repeat(MAX_TEMPLATE_TEXT + 1),
          outOfScope: 42,
          minSegmentConfidence: 1.5,
          colour: 'blue',
        },
        intents,
      ),
    );
    expect(msg).toContain('templates.clarify must not be empty');
    expect(msg).toContain(`templates.handoff must be at most ${MAX_TEMPLATE_TEXT} characters`);
    expect(msg).toContain('templates.outOfScope must be a string');
    expect(msg).toContain('templates.minSegmentConfidence must be a number from 0 to 1');
    expect(msg).toContain('templates.colour is not a template field');
  });

  it('checks intent templates, segment variants and quick replies', () => {
    const msg = problem(() =>
      validateTemplateConfig({
        intents: {
          a: {},
          b: { default: '' },
          c: { segments: { '': 'x', vip: '' } },
          d: { quickReplies: 'Track' },
          e: { quickReplies: Array.from({ length: TEMPLATE_LIMITS.quickReplies + 1 }, () => 'x') },
          f: { default: 'ok', tone: 'warm' },
        },
      }),
    );
    expect(msg).toContain('templates.intents.a must set default, segments or quickReplies');
    expect(msg).toContain('; and 2 more');
    const all = [
      () => validateTemplateConfig({ intents: { b: { default: '' } } }),
      () => validateTemplateConfig({ intents: { c: { segments: { vip: '' } } } }),
      () => validateTemplateConfig({ intents: { c: { segments: { '': 'x' } } } }),
      () => validateTemplateConfig({ intents: { d: { quickReplies: 'Track' } } }),
      () => validateTemplateConfig({ intents: { f: { default: 'ok', tone: 'warm' } } }),
      () => validateTemplateConfig({ intents: { g: { quickReplies: ['x'.repeat(81)] } } }),
      () => validateTemplateConfig({ intents: [] }),
    ];
    const messages = all.map(problem);
    expect(messages[0]).toContain('templates.intents.b.default must not be empty');
    expect(messages[1]).toContain('templates.intents.c.segments.vip must not be empty');
    expect(messages[2]).toContain('is not a segment name');
    expect(messages[3]).toContain('templates.intents.d.quickReplies must be an array');
    expect(messages[4]).toContain('templates.intents.f.tone is not a template field');
    expect(messages[5]).toContain('templates.intents.g.quickReplies[0] must be at most 80 characters');
    expect(messages[6]).toContain('templates.intents must be an object');
  });

  it('limits how many entries a site may set', () => {
    const slots = Object.fromEntries(
      Array.from({ length: TEMPLATE_LIMITS.slots + 1 }, (_, i) => [`s${i}`, 'v']),
    );
    expect(problem(() => validateTemplateConfig({ slots }))).toContain(
      `templates.slots must have at most ${TEMPLATE_LIMITS.slots} entries`,
    );
    const many = Object.fromEntries(
      Array.from({ length: TEMPLATE_LIMITS.intents + 1 }, (_, i) => [`i${i}`, { default: 'x' }]),
    );
    expect(problem(() => validateTemplateConfig({ intents: many }))).toContain(
      'templates.intents must have at most',
    );
    expect(problem(() => validateTemplateConfig({ slots: { '{{x}}': 'v' } }))).toContain(
      'is not a slot name',
    );
    expect(problem(() => validateTemplateConfig('hello'))).toBe(
      'invalid templates: templates must be an object',
    );
  });
});

describe('fillSlots', () => {
  it('fills from the site first, then the profile and segment', () => {
    const text =
      'Hi! Still thinking about {{last_viewed}}? As {{segment}} you get free returns at {{Website Name}}.';
    const out = fillSlots(text, {
      slots: { 'website name': 'Acme' },
      profile: profile('Blue lamp'),
      segment,
    });
    expect(out).toBe('Hi! Still thinking about Blue lamp? As Loyal regulars you get free returns at Acme.');
  });

  it('turns the Bitext slots into neutral phrases and tidies the grammar', () => {
    expect(fillSlots('Log in to your account on our {{Website Name}}.')).toBe(
      'Log in to your account on our website.',
    );
    expect(fillSlots('Visit our website, {{Website Name}}.')).toBe('Visit our website.');
    expect(fillSlots('Call {{Customer Support Phone Number}} from {{Operating Hours}}.')).toBe(
      'Call our support phone line during business hours.',
    );
    expect(fillSlots('I can cancel the order with the number {{Order Number Anonymized}} now.')).toBe(
      'I can cancel your order now.',
    );
    expect(fillSlots('Please send us {{Order Number}}.')).toBe('Please send us your order number.');
    expect(fillSlots('Use the {{live chat}} button.')).toBe('Use the live chat button.');
  });

  it('drops the sentence of a slot nobody can fill, and renumbers a list that lost an item', () => {
    expect(
      fillSlots('Welcome back. You looked at {{last_viewed}}. How can I help?', { profile: profile() }),
    ).toBe('Welcome back. How can I help?');
    expect(fillSlots('You are a {{segment}} shopper!')).toBe('');
    const list = 'Steps:\n1. Log in.\n2. Open {{Mystery Page}}.\n3. Click save.\nDone.';
    expect(fillSlots(list)).toBe('Steps:\n1. Log in.\n2. Click save.\nDone.');
    expect(fillSlots('Hello {{last_viewed}}', { profile: profile('') })).toBe('');
  });

  it('never lets a slot of any shipped answer reach the visitor', () => {
    for (const name of intents) {
      for (const a of answers.intents[name]?.answers ?? []) {
        const out = fillSlots(a, { profile: null, segment: null });
        expect(out, name).not.toMatch(/\{\{|\}\}|\uE000/);
        expect(out.length, name).toBeGreaterThan(40);
      }
    }
  });

  it('inserts values once: a value that looks like a slot stays text', () => {
    expect(fillSlots('Brand: {{Company Name}}.', { slots: { 'Company Name': '{{Website Name}}' } })).toBe(
      'Brand: {{Website Name}}.',
    );
  });
});

describe('search and preference texts', () => {
  it('are built in, and the site replaces any of them, per language too', () => {
    const config = {
      search: { found: 'Our picks for “{query}”:' },
      preference: { avoid: 'No {label}, got it.' },
      locales: { de: { search: { found: 'Unsere Auswahl zu „{query}“:' } } },
    };
    const en = resolveTemplates(config, null, []);
    expect(en.search.found).toBe('Our picks for “{query}”:');
    expect(en.search.cheaper).toBe('Here are cheaper ones:');
    expect(en.preference.avoid).toBe('No {label}, got it.');
    const de = resolveTemplates(config, null, [], 'de');
    expect(de.search.found).toBe('Unsere Auswahl zu „{query}“:');
    expect(de.search.cheaper).toBe('Hier sind günstigere:');
  });

  it('refuses an unknown text name or a text that is not a string, naming it', () => {
    expect(() => validateTemplateConfig({ search: { found: 3 } })).toThrow(/templates\.search\.found/);
    expect(() => validateTemplateConfig({ search: { fuond: 'x' } })).toThrow(/fuond/);
    expect(() => validateTemplateConfig({ preference: 'x' })).toThrow(
      /templates\.preference must be an object/,
    );
  });
});
