import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Assignment, ExperimentSpec } from '../protocol';
import { ValidationError } from '../protocol';
import type { Store } from '../storage';
import { createMemoryStore } from '../storage';
import {
  assignmentFor,
  assignments,
  bucket,
  type ExperimentState,
  emptyExperiments,
  installSalt,
  MAX_EXPERIMENTS,
  markExperimentsSynced,
  recordConversion,
  recordExposure,
  unsyncedExperimentCounts,
  validateExperiments,
} from '.';

const DAY = 86_400_000;
const T = Date.UTC(2026, 5, 1, 9);
const spec = (id: string, ...weights: number[]): ExperimentSpec => ({
  id,
  variants: weights.map((weight, i) => ({ name: `v${i}`, weight })),
});
const assigned = (experiment: string, index: number): Assignment => ({
  experiment,
  variant: `v${index}`,
  index,
  recorded: true,
});
const randomSalt = () => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex');

/** Pearson's chi-square statistic of observed against expected counts. */
const chiSquare = (observed: number[], expected: number[]) =>
  observed.reduce((sum, o, i) => sum + (o - (expected[i] ?? 0)) ** 2 / (expected[i] ?? 1), 0);
// Upper-tail critical values at p = 1e-6, so a correct implementation fails about once in a million
// runs while a bucketing that ignores weights or correlates experiments fails every time.
const CHI2_P1E6 = { df1: 23.93, df2: 27.63 };

describe('bucket', () => {
  it('is the documented function of salt and experiment id, and stable for one salt', async () => {
    const salt = '00112233445566778899aabbccddeeff';
    const s = spec('checkout-cta', 1, 1, 2);
    const digest = createHash('sha256').update(`${salt}\u0000checkout-cta`).digest();
    const u = digest.readUIntBE(0, 6) / 2 ** 48;
    const expected = u < 0.25 ? 0 : u < 0.5 ? 1 : 2;
    expect(await bucket(salt, s)).toBe(expected);
    const again = await Promise.all(Array.from({ length: 20 }, () => bucket(salt, s)));
    expect(new Set(again)).toEqual(new Set([expected]));
    expect(await assignmentFor(salt, s, false)).toEqual({
      experiment: 'checkout-cta',
      variant: `v${expected}`,
      index: expected,
      recorded: false,
    });
  });

  it('splits 20,000 random salts by the weights (chi-square, 2 degrees of freedom)', async () => {
    const s = spec('weighted', 1, 2, 7);
    const n = 20_000;
    const observed = [0, 0, 0];
    for (let i = 0; i < n; i++) {
      const ix = await bucket(randomSalt(), s);
      observed[ix] = (observed[ix] ?? 0) + 1;
    }
    const stat = chiSquare(observed, [0.1 * n, 0.2 * n, 0.7 * n]);
    expect(stat).toBeLessThan(CHI2_P1E6.df2);
  });

  it('assigns independently across experiments (chi-square on the 2×2 table)', async () => {
    const a = spec('exp-a', 1, 1);
    const b = spec('exp-b', 1, 1);
    const n = 20_000;
    const table = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      const salt = randomSalt();
      const cell = (await bucket(salt, a)) * 2 + (await bucket(salt, b));
      table[cell] = (table[cell] ?? 0) + 1;
    }
    const [a0b0 = 0, a0b1 = 0, a1b0 = 0, a1b1 = 0] = table;
    const rows = [a0b0 + a0b1, a1b0 + a1b1];
    const cols = [a0b0 + a1b0, a0b1 + a1b1];
    const expected = [0, 1, 2, 3].map((c) => ((rows[c >> 1] ?? 0) * (cols[c & 1] ?? 0)) / n);
    expect(chiSquare(table, expected)).toBeLessThan(CHI2_P1E6.df1);
    // Independent does not mean degenerate: both experiments really split.
    expect(Math.min(...rows, ...cols)).toBeGreaterThan(0.45 * n);
  });
});

describe('installSalt', () => {
  it('creates 16 random bytes as hex once, even for concurrent first calls', async () => {
    const inner = createMemoryStore();
    let writes = 0;
    const store: Store = {
      ...inner,
      async keepFirstState(key, value) {
        writes += 1;
        return inner.keepFirstState(key, value);
      },
    };
    const got = await Promise.all(Array.from({ length: 8 }, () => installSalt(store)));
    expect(new Set(got).size).toBe(1);
    expect(got[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(writes).toBe(1);
    expect(await inner.getState('salt')).toBe(got[0]);
  });

  it('keeps an existing salt, replaces a malformed one, and differs between installs', async () => {
    const kept = createMemoryStore();
    await kept.putState('salt', 'ffeeddccbbaa99887766554433221100');
    expect(await installSalt(kept)).toBe('ffeeddccbbaa99887766554433221100');
    const broken = createMemoryStore();
    await broken.putState('salt', 'not-hex');
    expect(await installSalt(broken)).toMatch(/^[0-9a-f]{32}$/);
    expect(await installSalt(createMemoryStore())).not.toBe(await installSalt(createMemoryStore()));
  });

  it('agrees with another tab that stored its salt first', async () => {
    const store = createMemoryStore();
    const otherTab: Store = {
      ...store,
      async keepFirstState(key, value) {
        // The other tab's write lands between this tab's read and its own write.
        await store.putState('salt', '00112233445566778899aabbccddeeff');
        return store.keepFirstState(key, value);
      },
    };
    expect(await installSalt(otherTab)).toBe('00112233445566778899aabbccddeeff');
  });
});

describe('validateExperiments', () => {
  const ok = [
    spec('hero_test', 1, 1),
    {
      id: 'x',
      variants: [
        { name: 'a', weight: 0.5, color: 'red' },
        { name: 'b', weight: 2 },
      ],
    },
  ];

  it('accepts valid specs and drops unknown fields', () => {
    const out = validateExperiments(ok);
    expect(out).toEqual([
      spec('hero_test', 1, 1),
      {
        id: 'x',
        variants: [
          { name: 'a', weight: 0.5 },
          { name: 'b', weight: 2 },
        ],
      },
    ]);
    expect(validateExperiments([])).toEqual([]);
  });

  it('rejects bad specs with a message naming the field', () => {
    const v = (name: string, weight: unknown) => ({ name, weight });
    const bad: [unknown, RegExp][] = [
      [undefined, /experiments must be an array/],
      [Array.from({ length: MAX_EXPERIMENTS + 1 }, (_, i) => spec(`e${i}`, 1, 1)), /at most 20/],
      [[null], /experiments\[0\] must be an object/],
      [[spec('', 1, 1)], /experiments\[0\]\.id must be 1-40/],
      [[spec('has space', 1, 1)], /experiments\[0\]\.id/],
      [[spec('x'.repeat(41), 1, 1)], /experiments\[0\]\.id/],
      [[spec('a', 1, 1), spec('a', 1, 1)], /experiments\[1\]\.id "a" is used/],
      [[spec('a', 1)], /experiments\[0\]\.variants must be an array of 2-10/],
      [[spec('a', ...Array(11).fill(1))], /variants must be an array of 2-10/],
      [[{ id: 'a', variants: 'ab' }], /variants must be an array/],
      [[{ id: 'a', variants: [v('x', 1), v('x', 1)] }], /variants\[1\]\.name "x" is used/],
      [[{ id: 'a', variants: [v('', 1), v('y', 1)] }], /variants\[0\]\.name must be/],
      [[{ id: 'a', variants: [v('x'.repeat(41), 1), v('y', 1)] }], /variants\[0\]\.name/],
      [
        [{ id: 'a', variants: [v('x', 0), v('y', 1)] }],
        /variants\[0\]\.weight must be a finite number > 0, got 0/,
      ],
      [[{ id: 'a', variants: [v('x', 1), v('y', -2)] }], /variants\[1\]\.weight/],
      [[{ id: 'a', variants: [v('x', Number.POSITIVE_INFINITY), v('y', 1)] }], /weight/],
      [[{ id: 'a', variants: [v('x', Number.NaN), v('y', 1)] }], /weight/],
      [[{ id: 'a', variants: [v('x', '1'), v('y', 1)] }], /weight/],
    ];
    for (const [input, message] of bad) {
      expect(() => validateExperiments(input)).toThrow(ValidationError);
      expect(() => validateExperiments(input)).toThrow(message);
    }
  });
});

describe('exposures and conversions', () => {
  const exposed = (...list: [string, number, number][]): ExperimentState =>
    list.reduce((s, [id, ix, at]) => recordExposure(s, assigned(id, ix), at), emptyExperiments());

  it('counts an exposure once per experiment and day', () => {
    const s = exposed(['hero', 1, T], ['hero', 1, T + 1000], ['hero', 1, T + DAY], ['cta', 0, T]);
    expect(unsyncedExperimentCounts(s)).toEqual([
      { kind: 'exposure', experiment: 'hero', index: 1, count: 2 },
      { kind: 'exposure', experiment: 'cta', index: 0, count: 1 },
    ]);
    expect(assignments(s)).toEqual([
      { ...assigned('hero', 1), firstExposedAt: T, lastExposedAt: T + DAY, conversions: 0 },
      { ...assigned('cta', 0), firstExposedAt: T, lastExposedAt: T, conversions: 0 },
    ]);
  });

  it('starts a new record when the variant changes', () => {
    const s = exposed(['hero', 0, T], ['hero', 1, T + 1000]);
    expect(assignments(s).map((a) => a.variant)).toEqual(['v1']);
    expect(unsyncedExperimentCounts(s).map((c) => [c.index, c.count])).toEqual([
      [0, 1],
      [1, 1],
    ]);
  });

  it('counts a conversion once a day per experiment exposed before it, never for later exposures', () => {
    let s = exposed(['hero', 1, T]);
    s = recordConversion(s, T - 1);
    expect(unsyncedExperimentCounts(s).filter((c) => c.kind === 'conversion')).toEqual([]);
    s = recordExposure(s, assigned('late', 0), T + 5000);
    s = recordConversion(s, T + 1000);
    s = recordConversion(s, T + 2000);
    s = recordConversion(s, T + DAY);
    const conversions = unsyncedExperimentCounts(s).filter((c) => c.kind === 'conversion');
    // hero: T + 1000 and the next day; late: only the next day, as it was exposed after T + 2000.
    expect(conversions).toEqual([
      { kind: 'conversion', experiment: 'hero', index: 1, count: 2 },
      { kind: 'conversion', experiment: 'late', index: 0, count: 1 },
    ]);
    expect(assignments(s).find((a) => a.experiment === 'hero')?.conversions).toBe(2);
    expect(assignments(s).find((a) => a.experiment === 'late')?.conversions).toBe(1);
    expect(structuredClone(s)).toEqual(s);
  });

  it('returns the same state when a conversion changes nothing', () => {
    const s = recordConversion(exposed(['hero', 1, T]), T + 10);
    expect(recordConversion(s, T + 20)).toBe(s);
    expect(recordConversion(emptyExperiments(), T)).toEqual(emptyExperiments());
  });

  it('subtracts what was reported and keeps what arrived meanwhile', () => {
    let s = exposed(['hero', 1, T]);
    const sent = unsyncedExperimentCounts(s);
    s = recordExposure(s, assigned('hero', 1), T + DAY);
    s = markExperimentsSynced(s, sent);
    expect(unsyncedExperimentCounts(s)).toEqual([
      { kind: 'exposure', experiment: 'hero', index: 1, count: 1 },
    ]);
    s = markExperimentsSynced(s, unsyncedExperimentCounts(s));
    expect(unsyncedExperimentCounts(s)).toEqual([]);
    // Marking the same report twice must not leave a debt that swallows the next exposure.
    s = markExperimentsSynced(s, sent);
    s = recordExposure(s, assigned('hero', 1), T + 2 * DAY);
    expect(unsyncedExperimentCounts(s)).toEqual([
      { kind: 'exposure', experiment: 'hero', index: 1, count: 1 },
    ]);
  });

  it('rejects malformed assignments, times and reported counts', () => {
    const base = emptyExperiments();
    expect(() => recordExposure(base, { ...assigned('hero', 0), experiment: 'bad id' }, T)).toThrow(
      /assignment\.experiment/,
    );
    expect(() => recordExposure(base, { ...assigned('hero', 0), variant: '' }, T)).toThrow(
      /assignment\.variant/,
    );
    expect(() => recordExposure(base, assigned('hero', 10), T)).toThrow(/assignment\.index/);
    expect(() => recordExposure(base, assigned('hero', 0), Number.NaN)).toThrow(ValidationError);
    expect(() => recordConversion(base, -5)).toThrow(/time/);
    const report = [{ kind: 'exposure' as const, experiment: 'hero', index: 0, count: 0 }];
    expect(() => markExperimentsSynced(base, report)).toThrow(/positive integer/);
  });
});
