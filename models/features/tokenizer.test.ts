import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOKENIZER,
  fnv1a32,
  intentFeatures,
  ngrams,
  normalizeText,
  sparseIntentFeatures,
  type TokenizerSpec,
  words,
} from './tokenizer';

/** FNV-1a written from the definition over TextEncoder bytes, independent of the implementation. */
function fnvReference(text: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) h = Number((BigInt(h ^ b) * 0x01000193n) & 0xffffffffn);
  return h >>> 0;
}

describe('normalizeText', () => {
  it('lower-cases, applies NFKC and strips accents', () => {
    expect(normalizeText('Café CRÈME')).toBe('cafe creme');
    expect(normalizeText('ＡＢＣ ﬁle')).toBe('abc file');
    expect(normalizeText('Ñandú Straße')).toBe('nandu straße');
    // Decomposed input (e + combining acute) ends up the same as precomposed.
    expect(normalizeText('Cafe\u0301')).toBe(normalizeText('Café'));
  });

  it('folds typographic apostrophes and maps digits to 0', () => {
    expect(normalizeText('I can’t pay £25.50')).toBe("i can't pay £00.00");
    expect(normalizeText('order ４２')).toBe('order 00');
  });
});

describe('words and n-grams', () => {
  it('splits on anything but letters, digits and inner apostrophes', () => {
    expect(words(normalizeText("Where's my card?! (lost) e-mail"))).toEqual([
      "where's",
      'my',
      'card',
      'lost',
      'e',
      'mail',
    ]);
    expect(words('')).toEqual([]);
  });

  it('lists word 1–2-grams, then char n-grams of each <word>', () => {
    const spec: TokenizerSpec = { ...DEFAULT_TOKENIZER, charNgrams: [2, 3] };
    expect(ngrams('Hi you', spec)).toEqual([
      'w:hi',
      'w:you',
      'w:hi you',
      'c:<h',
      'c:hi',
      'c:i>',
      'c:<hi',
      'c:hi>',
      'c:<y',
      'c:yo',
      'c:ou',
      'c:u>',
      'c:<yo',
      'c:you',
      'c:ou>',
    ]);
  });

  it('keeps astral characters whole in char n-grams', () => {
    const spec: TokenizerSpec = { ...DEFAULT_TOKENIZER, wordNgrams: [0, 0], charNgrams: [2, 2] };
    expect(ngrams('a\u{20000}', spec)).toEqual(['c:<a', 'c:a\u{20000}', 'c:\u{20000}>']);
  });
});

describe('fnv1a32', () => {
  it('matches the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes (non-ASCII, astral, lone surrogate)', () => {
    for (const s of ['w:café', 'c:<ü', '€ 𝒜 日本', 'x\ud800y']) expect(fnv1a32(s)).toBe(fnvReference(s));
  });
});

describe('intentFeatures', () => {
  it('gives sublinear tf, L2-normalized, hand-checkable on a word-only spec', () => {
    const spec: TokenizerSpec = {
      ...DEFAULT_TOKENIZER,
      wordNgrams: [1, 1],
      charNgrams: [0, 0],
      buckets: 1 << 20,
    };
    const x = intentFeatures('a b A', spec);
    const a = fnv1a32('w:a') % spec.buckets;
    const b = fnv1a32('w:b') % spec.buckets;
    const va = 1 + Math.log(2);
    const norm = Math.hypot(va, 1);
    expect(x[a]).toBeCloseTo(va / norm, 6);
    expect(x[b]).toBeCloseTo(1 / norm, 6);
    expect(x.reduce((n, v) => n + (v ? 1 : 0), 0)).toBe(2);
  });

  it('has unit norm, agrees with the sparse form and ignores case and accents', () => {
    const x = intentFeatures('I want a REFUND for my café order');
    expect(x.length).toBe(DEFAULT_TOKENIZER.buckets);
    expect(Math.hypot(...x)).toBeCloseTo(1, 6);
    const s = sparseIntentFeatures('I want a REFUND for my café order');
    s.indices.forEach((k, i) => {
      expect(x[k]).toBe(s.values[i]);
    });
    expect([...s.indices]).toEqual([...s.indices].sort((p, q) => p - q));
    expect(intentFeatures('i want a refund for my cafe order')).toEqual(x);
  });

  it('is pinned: these indices must not move between runs, versions or platforms', () => {
    expect(Array.from(sparseIntentFeatures('Where is my order #12345?').indices).slice(0, 12)).toEqual([
      40, 372, 609, 664, 936, 967, 979, 1202, 1521, 1996, 2008, 2447,
    ]);
    expect(sparseIntentFeatures('Where is my order #12345?').indices.length).toBe(68);
  });

  it('maps text without letters or digits to the zero vector', () => {
    expect(intentFeatures('?! …').every((v) => v === 0)).toBe(true);
  });

  it('is browser-safe: the module imports nothing', () => {
    const source = readFileSync(new URL('./tokenizer.ts', import.meta.url), 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
  });
});
