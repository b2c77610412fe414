import { describe, expect, it } from 'vitest';
import { encodeWordVectors } from '../../models/features';
import { ValidationError } from '../protocol';
import { faqSource, parseFaqBundle } from './faq-source';

const entries = [
  {
    id: 'wrap',
    questions: ['Do you gift wrap?'],
    answer: 'Yes.',
    link: { label: 'Help', href: '/help#wrap' },
  },
];
const vectors = encodeWordVectors([{ word: 'wrap', rank: 5000, vector: [1, 0] }], {
  dims: 2,
  common: ['the'],
  source: 'test',
  minSimilarity: 0.5,
});
const bundle = { format: 'confide-faq/1', entries, vectors };
const url = 'https://shop.example/faq.confide.json';

describe('FAQ source', () => {
  it('reads a bundle: entries, links resolved against its URL, and vectors', () => {
    const s = faqSource({ url, bundle: JSON.parse(JSON.stringify(bundle)) });
    expect(s.entries[0]?.link?.href).toBe('https://shop.example/help#wrap');
    expect(s.vectors?.vector('wrap')).toBeDefined();
  });

  it('reads a plain array of entries from a URL, without vectors', () => {
    const s = faqSource({ url, bundle: entries });
    expect(s.entries).toHaveLength(1);
    expect(s.vectors).toBeUndefined();
  });

  it('passes inline entries through the strict check', () => {
    expect(() => faqSource([{ questions: [], answer: 'x' }])).toThrow(ValidationError);
    // Inline links must be absolute: there is no file to resolve them against.
    expect(() => faqSource(entries)).toThrow(/link/);
    expect(faqSource(undefined).entries).toEqual([]);
  });

  it('refuses a broken bundle with a ValidationError naming the URL', () => {
    expect(() => faqSource({ url, bundle: { format: 'other' } })).toThrow(`${url}: not an FAQ bundle`);
    expect(() => faqSource({ url, bundle: { ...bundle, vectors: { format: 'x' } } })).toThrow(
      /faq\.confide\.json: word vectors: format/,
    );
    expect(() => faqSource({ url, bundle: { ...bundle, entries: [{ questions: ['q'] }] } })).toThrow(
      /answer/,
    );
    expect(() => faqSource({ url: 'http://shop.example/faq.json', bundle })).toThrow(/https/);
    expect(parseFaqBundle(entries, 'https://a.example/x').entries[0]?.link?.href).toBe(
      'https://a.example/help#wrap',
    );
  });
});
