import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_FAQ, DEMO_FAQ_PARAPHRASES } from '../../demo/faq';
import { DEFAULT_TOKENIZER } from '../../models/features';
import { readNaturalSet } from '../../models/intent/natural-set';
import { ValidationError } from '../protocol';
import { createFaqMatcher, FAQ_THRESHOLD, validateFaq } from './faq';
import { FAQ_BACKGROUND } from './faq-background';

interface Fixture {
  faq: unknown;
  paraphrases: [string, string][];
  offTopic: string[];
}
const bike = JSON.parse(
  readFileSync(new URL('../../test/fixtures/bike-shop-faq.json', import.meta.url), 'utf8'),
) as Fixture;

/** Share of paraphrases matched to their own entry, and of off-topic messages matched to none. */
function figures(faq: unknown, paraphrases: readonly (readonly [string, string])[], offTopic: string[]) {
  const m = createFaqMatcher(validateFaq(faq), DEFAULT_TOKENIZER);
  const right = paraphrases.filter(([t, id]) => {
    const r = m.best(t);
    return r?.matched === true && r.id === id;
  }).length;
  const rejected = offTopic.filter((t) => m.best(t)?.matched !== true).length;
  return { matched: right / paraphrases.length, rejected: rejected / offTopic.length };
}

describe('FAQ matcher', () => {
  it('the threshold holds on the demo shop FAQ it was chosen on', () => {
    const faq = DEMO_FAQ.map((e) => ({
      ...e,
      link: { label: e.link.label, href: `https://shop.example${e.link.path}` },
    }));
    const off = readNaturalSet().outOfScope.filter((t) => !FAQ_BACKGROUND.includes(t));
    const f = figures(faq, DEMO_FAQ_PARAPHRASES, off);
    expect(f.matched).toBeGreaterThanOrEqual(0.75);
    expect(f.rejected).toBeGreaterThanOrEqual(0.95);
  });

  it("answers a bike shop's questions it was never tuned on", () => {
    const f = figures(bike.faq, bike.paraphrases, bike.offTopic);
    // Measured: see README (FAQ); lexical n-grams alone, without word vectors.
    expect(f.matched).toBeGreaterThanOrEqual(0.75);
    expect(f.rejected).toBeGreaterThanOrEqual(0.95);
    expect(bike.paraphrases.length).toBeGreaterThanOrEqual(40);
  });

  it('compares with exactly the off-topic messages the intent model trains on', () => {
    const file = readFileSync(
      new URL('../../models/data/shopper-phrasing/train-out-of-scope.tsv', import.meta.url),
      'utf8',
    );
    expect(FAQ_BACKGROUND).toEqual(
      file
        .split(/\r?\n/)
        .slice(1)
        .filter((l) => l.trim() !== ''),
    );
  });

  it('cites the entry, its link and its score', () => {
    const m = createFaqMatcher(validateFaq(bike.faq), DEFAULT_TOKENIZER);
    const r = m.best('how much is a puncture repair');
    expect(r).toMatchObject({
      id: 'puncture',
      matched: true,
      link: { href: 'https://bikes.example/repairs' },
    });
    expect(r?.score).toBeGreaterThanOrEqual(FAQ_THRESHOLD);
    expect(m.best('!!!')).toBeNull();
  });

  it('refuses a malformed FAQ with every problem named', () => {
    const bad = [
      { questions: [], answer: 'x' },
      { questions: ['ok?'], answer: '' },
      { id: 'a', questions: ['q'], answer: 'a', link: { label: 'x', href: 'javascript:alert(1)' } },
      { id: 'a', questions: ['q'], answer: 'a' },
    ];
    expect(() => validateFaq(bad)).toThrow(ValidationError);
    expect(() => validateFaq(bad)).toThrow(
      /faq\[0\]\.questions.*faq\[1\]\.answer.*faq\[2\]\.link.*faq\[3\]\.id "a" is used twice/,
    );
    expect(() => validateFaq({})).toThrow('faq must be an array');
    expect(validateFaq(undefined)).toEqual([]);
    expect(validateFaq([{ questions: ['q'], answer: 'a' }])[0]?.id).toBe('faq-0');
  });
});
