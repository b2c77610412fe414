/**
 * Coverage of the count-mean-sketch intervals on a Zipf catalog of 1,000 items. The true counts are
 * fixed; the mechanism uses the real CSPRNG, so the checks are statistical: per-item noise is nearly
 * independent across items, the observed coverage over 1,000 items has a standard deviation of
 * ≈ 0.7 % around 95 %, and the bounds [0.90, 0.995] sit ≥ 6 standard deviations away. Hash
 * collisions with popular items add a small fixed bias that the 64 rows dilute below the noise.
 */
import { describe, expect, it } from 'vitest';
import { NO_ITEM } from '../metrics';
import { cmsEncode, DEFAULT_CMS_BUCKETS, DEFAULT_CMS_HASHES } from './cms';
import {
  cmsAdd,
  cmsEstimate,
  cmsEstimateAround,
  cmsMerge,
  cmsPublishable,
  cmsTotal,
  createCmsTally,
} from './cms-estimate';
import { cmsBuckets } from './hash-family';
import { accuracy, exactCounts, simulateCms, zipfWeights } from './simulate';

const PARAMS = { hashes: DEFAULT_CMS_HASHES, buckets: DEFAULT_CMS_BUCKETS, epsilon: 1 };
const ITEMS = Array.from({ length: 1000 }, (_, i) => `item-${i}`);

function check(n: number): ReturnType<typeof accuracy> {
  const truth = exactCounts(zipfWeights(ITEMS.length), n);
  const a = accuracy(simulateCms(ITEMS, truth, PARAMS), truth);
  expect(a.coverage).toBeGreaterThanOrEqual(0.9);
  expect(a.coverage).toBeLessThanOrEqual(0.995);
  // A normal error averages 0.8σ; 1.2σ allows for sampling and collisions, and fails a biased estimator.
  expect(a.meanAbsError).toBeLessThan((1.2 * a.maxHalfWidth) / 1.959964);
  return a;
}

describe('count-mean sketch, server side', () => {
  it('covers the true item counts at the stated 95 % for 1,000 clients', () => {
    check(1000);
  });

  it('covers the true item counts at the stated 95 % for 100,000 clients', () => {
    const a = check(100_000);
    // ε = 1 leaves about ±1.2 % of the population per item at 100,000 devices.
    expect(a.maxHalfWidth / 100_000).toBeLessThan(0.013);
  });

  it('finds the popular items and publishes only those', () => {
    const truth = exactCounts(zipfWeights(ITEMS.length), 100_000);
    const tally = createCmsTally(PARAMS);
    for (const [i, item] of ITEMS.entries())
      for (let d = 0; d < (truth[i] ?? 0); d++) cmsAdd(tally, cmsEncode(item, PARAMS));
    expect(cmsTotal(tally)).toBe(100_000);
    const published = cmsPublishable(tally, ITEMS).map((c) => c.index);
    // The two most popular hold 13.4 % and 6.7 %; the bar over 1,000 items is z = 3.89, σ ≈ 0.63 %,
    // so both clear 2.5 % with > 6σ to spare.
    expect(published).toContain(0);
    expect(published).toContain(1);
    // The ≈ 930 items under 0.2 % would each need a 3.6σ fluke: ≈ 0.15 expected in all. A per-cell
    // 95 % lower bound (z = 1.96) lets ≈ 27 of them through, which this bound catches.
    expect(published.filter((i) => (truth[i] ?? 0) < 200).length).toBeLessThanOrEqual(3);
  });

  it('merges tallies exactly', () => {
    const a = createCmsTally(PARAMS);
    const b = createCmsTally(PARAMS);
    const whole = createCmsTally(PARAMS);
    for (let i = 0; i < 300; i++) {
      const r = cmsEncode(ITEMS[i % 7] ?? 'x', PARAMS);
      cmsAdd(i % 2 ? a : b, r);
      cmsAdd(whole, r);
    }
    const merged = cmsMerge(a, b);
    expect(merged.ones).toEqual(whole.ones);
    expect(merged.rowReports).toEqual(whole.rowReports);
    expect(cmsEstimate(merged, ITEMS.slice(0, 7))).toEqual(cmsEstimate(whole, ITEMS.slice(0, 7)));
    expect(() => cmsMerge(a, createCmsTally({ ...PARAMS, epsilon: 2 }))).toThrow(/cannot merge/);
  });

  it('rejects malformed reports and tallies with a clear error', () => {
    const tally = createCmsTally(PARAMS);
    expect(() => cmsAdd(tally, { row: PARAMS.hashes, bits: new Uint8Array(128) })).toThrow(
      /row must be an integer/,
    );
    expect(() => cmsAdd(tally, { row: -1, bits: new Uint8Array(128) })).toThrow(RangeError);
    expect(() => cmsAdd(tally, { row: 0, bits: new Uint8Array(64) })).toThrow(/bits must hold 128 bytes/);
    expect(() => createCmsTally({ ...PARAMS, epsilon: 0 })).toThrow(/epsilon/);
    expect(() => createCmsTally({ ...PARAMS, buckets: 4 })).toThrow(/buckets/);
    expect(() => cmsEstimate(tally, [''])).toThrow(/item must be a non-empty string/);
  });

  it('removes the bias a crowd of "no item" reports leaves on the items sharing its buckets', () => {
    const tally = createCmsTally(PARAMS);
    for (let d = 0; d < 50_000; d++) cmsAdd(tally, cmsEncode(NO_ITEM, PARAMS));
    for (let d = 0; d < 10_000; d++) cmsAdd(tally, cmsEncode('item-0', PARAMS));
    const none = cmsBuckets(NO_ITEM, PARAMS.hashes, PARAMS.buckets);
    const shared = (item: string) =>
      cmsBuckets(item, PARAMS.hashes, PARAMS.buckets).filter((b, j) => b === none[j]).length;
    const candidates = Array.from({ length: 3000 }, (_, i) => `empty-${i}`);
    const colliding = candidates.filter((x) => shared(x) === 1).slice(0, 40);
    const apart = candidates.filter((x) => shared(x) === 0).slice(0, 40);
    expect(colliding).toHaveLength(40);
    const mean = (cells: { estimate: number }[]) => cells.reduce((a, c) => a + c.estimate, 0) / cells.length;
    // One shared row of 64 gives each of them ≈ 50,000 · (1/64 − 1/1024) ≈ 730 devices that never came:
    // ≈ 8 standard errors of a 40-item mean (≈ 90).
    expect(mean(cmsEstimate(tally, colliding))).toBeGreaterThan(400);
    expect(Math.abs(mean(cmsEstimateAround(tally, colliding, NO_ITEM)))).toBeLessThan(300);
    expect(Math.abs(mean(cmsEstimateAround(tally, apart, NO_ITEM)))).toBeLessThan(300);
    const [item] = cmsEstimateAround(tally, ['item-0', NO_ITEM], NO_ITEM);
    expect(Math.abs((item?.estimate ?? 0) - 10_000)).toBeLessThan(5 * Math.sqrt(item?.variance ?? 0));
    expect(cmsEstimateAround(tally, [NO_ITEM], NO_ITEM)[0]?.estimate).toBe(0);
  }, 60_000);
});
