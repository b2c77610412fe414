import { describe, expect, it } from 'vitest';
import {
  assertCmsParams,
  cmsBitsFromHex,
  cmsBitsToHex,
  cmsEncode,
  cmsFlipProbability,
  DEFAULT_CMS_BUCKETS,
  DEFAULT_CMS_HASHES,
} from './cms';
import { cmsBucket, cmsBuckets, murmur3 } from './hash-family';

const PARAMS = { hashes: DEFAULT_CMS_HASHES, buckets: DEFAULT_CMS_BUCKETS, epsilon: 1 };

describe('count-mean sketch, device side', () => {
  it('hashes with the reference MurmurHash3 x86_32', () => {
    const bytes = (s: string) => new TextEncoder().encode(s);
    // Published test vectors of MurmurHash3_x86_32.
    expect(murmur3(bytes(''), 0)).toBe(0);
    expect(murmur3(bytes(''), 1)).toBe(0x514e28b7);
    expect(murmur3(bytes('hello'), 0)).toBe(0x248bfa47);
    expect(murmur3(bytes('The quick brown fox jumps over the lazy dog'), 0)).toBe(0x2e4ff723);
  });

  it('maps an item to the same bucket in every row on both ends', () => {
    const all = cmsBuckets('sku-42', 16, 1024);
    for (let j = 0; j < 16; j++) expect(all[j]).toBe(cmsBucket('sku-42', j, 1024));
    expect(new Set(all).size).toBeGreaterThan(8); // rows are different hash functions
  });

  it('flips each bucket with probability 1/(1+e^{ε/2})', () => {
    const flip = cmsFlipProbability(1);
    expect(flip).toBeCloseTo(1 / (1 + Math.exp(0.5)), 12);
    const runs = 2000;
    let plusAtHot = 0;
    let plusElsewhere = 0;
    const rows = new Array<number>(PARAMS.hashes).fill(0);
    for (let i = 0; i < runs; i++) {
      const { row, bits } = cmsEncode('sku-7', PARAMS);
      rows[row] = (rows[row] ?? 0) + 1;
      const hot = cmsBucket('sku-7', row, PARAMS.buckets);
      for (let l = 0; l < PARAMS.buckets; l++) {
        const plus = ((bits[l >> 3] ?? 0) >> (l & 7)) & 1;
        if (l === hot) plusAtHot += plus;
        else plusElsewhere += plus;
      }
    }
    // 6σ bounds on binomial proportions.
    expect(Math.abs(plusAtHot / runs - (1 - flip))).toBeLessThan(6 * Math.sqrt(0.25 / runs));
    const other = runs * (PARAMS.buckets - 1);
    expect(Math.abs(plusElsewhere / other - flip)).toBeLessThan(6 * Math.sqrt(0.25 / other));
    // Rows are uniform: every one of 64 rows is drawn (≈ 31 times each).
    expect(rows.every((r) => r > 0)).toBe(true);
  });

  it('round-trips bits through hex', () => {
    const { bits } = cmsEncode('sku-1', PARAMS);
    const hex = cmsBitsToHex(bits);
    expect(hex).toMatch(/^[0-9a-f]{256}$/);
    expect(cmsBitsFromHex(hex, PARAMS.buckets)).toEqual(bits);
    expect(() => cmsBitsFromHex(hex.slice(2), PARAMS.buckets)).toThrow(/256 lowercase hex/);
    expect(() => cmsBitsFromHex(`${hex.slice(1)}g`, PARAMS.buckets)).toThrow(RangeError);
  });

  it('rejects bad parameters and items with a clear error', () => {
    expect(() => cmsEncode('a', { ...PARAMS, epsilon: 0 })).toThrow(/epsilon must be a finite number > 0/);
    expect(() => cmsEncode('a', { ...PARAMS, epsilon: -1 })).toThrow(RangeError);
    expect(() => cmsEncode('a', { ...PARAMS, hashes: 0 })).toThrow(/hashes must be an integer/);
    expect(() => cmsEncode('a', { ...PARAMS, buckets: 100 })).toThrow(/buckets must be a multiple of 8/);
    expect(() => cmsEncode('a', { ...PARAMS, buckets: 8192 })).toThrow(RangeError);
    expect(() => cmsEncode('', PARAMS)).toThrow(/item must be a non-empty string/);
    expect(() => cmsFlipProbability(Number.NaN)).toThrow(/epsilon/);
    expect(() => assertCmsParams({ hashes: 1.5, buckets: 8, epsilon: 1 })).toThrow(/hashes/);
  });
});
