import { describe, expect, it } from 'vitest';
import {
  krrEncode,
  krrEstimate,
  krrKeepProbability,
  krrMemoEncode,
  krrMemoEpsilon,
  type Uniform,
} from '../../protocol/krr';
import { debiasWithCovariance, ratioEstimate } from '../../protocol/ldp/significance';
import { METRIC_TABLE } from '../../protocol/metric-table';
import { encodeTableKrr, type MemoBook } from '../../protocol/report-encode';
import { type KrrCounts, seededUniform, weightedIndex } from '../aggregates';
import { krrShareVariance, memoWindowCovariance, outOfScopeDrift, segmentDrift } from './drift';
import { DRIFT_MIN_REPORTS, DRIFT_WINDOW_DAYS } from './drift-types';
import type { PeriodCounts } from './periods';

const MEMO = METRIC_TABLE.segment_share;
const EPS = MEMO.encoding === 'krr' && MEMO.memo ? MEMO : { permanentEpsilon: 2, instantEpsilon: 1.4 };
/** Training shares of three model segments, and the share of visitors with purchases. */
const TRAINING = [0.36, 0.4, 0.24];
const BUYERS = 0.45;
const LABELS = ['frequent', 'lapsed', 'new'];

function variance(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
}

function tally(values: readonly number[], domain: number, epsilon: number): KrrCounts {
  const counts = new Array<number>(domain).fill(0);
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return { epsilon, counts, total: values.length };
}

/** The true segment of a visitor: the rule segment (last) without purchases, else from `mix`. */
const segmentOf = (u: Uniform, mix: readonly number[]) =>
  u() < BUYERS ? weightedIndex(mix, u()) : mix.length;

/**
 * Days of `segment_share` counts from devices that keep their memoized responses through the table's
 * encoder, each active on a day with probability `active`; `mix(day)` is the purchasers' true mix.
 */
function segmentDays(seed: number, devices: number, active: number, mix: (day: number) => number[]) {
  const u = seededUniform(seed);
  const domain = TRAINING.length + 1;
  const epsilon = krrMemoEpsilon(domain, EPS.permanentEpsilon, EPS.instantEpsilon);
  const draws = Array.from({ length: devices }, () => ({ buyer: u(), at: u(), memo: new Map() as MemoBook }));
  return Array.from({ length: DRIFT_WINDOW_DAYS }, (_, day): PeriodCounts => {
    const m = mix(day);
    const values: number[] = [];
    for (const d of draws) {
      if (u() >= active) continue;
      const truth = d.buyer < BUYERS ? weightedIndex(m, d.at) : TRAINING.length;
      values.push(encodeTableKrr('segment_share', truth, domain, d.memo, undefined, u).value);
    }
    return { day: `2024-06-${String(day + 1).padStart(2, '0')}`, groups: [tally(values, domain, epsilon)] };
  });
}

/** Days of `intent_count` counts (4 intents, out of scope, no chat) at the table's ε. */
function intentDays(seed: number, perDay: number, oos: number): PeriodCounts[] {
  const u = seededUniform(seed);
  const domain = 6;
  const spec = METRIC_TABLE.intent_count;
  const epsilon = spec.encoding === 'krr' && !spec.memo ? spec.epsilon : 0.75;
  return Array.from({ length: DRIFT_WINDOW_DAYS }, (_, day) => {
    const values = Array.from({ length: perDay }, () => {
      const truth = u() < 0.3 ? (u() < oos ? 4 : Math.floor(u() * 4)) : 5;
      return encodeTableKrr('intent_count', truth, domain, null, undefined, u).value;
    });
    return { day: `2024-06-${String(day + 1).padStart(2, '0')}`, groups: [tally(values, domain, epsilon)] };
  });
}

describe('the variance of debiased k-RR shares', () => {
  it('matches Monte Carlo for one share', () => {
    const u = seededUniform(11);
    const truth = [0.4, 0.3, 0.15, 0.1, 0.05];
    const n = 2000;
    const values = truth.flatMap((t, v) => new Array<number>(Math.round(t * n)).fill(v));
    const shares = Array.from({ length: 2000 }, () => {
      const counts = new Array<number>(5).fill(0);
      for (const v of values) {
        const r = krrEncode(v, 5, 1, u);
        counts[r] = (counts[r] ?? 0) + 1;
      }
      const f = krrEstimate(counts, 1);
      return [(f[0] ?? 0) / n, (f[4] ?? 0) / n];
    });
    for (const [col, t] of [
      [0, 0.4],
      [1, 0.05],
    ] as const) {
      const ratio = variance(shares.map((s) => s[col] ?? 0)) / krrShareVariance(t, n, 5, 1);
      expect(ratio).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(1.1);
    }
  });

  it('gives a ratio of cells its delta-method variance, covariance included', () => {
    const u = seededUniform(12);
    const rates: number[] = [];
    const predicted: number[] = [];
    for (let rep = 0; rep < 1000; rep++) {
      const values = Array.from({ length: 5000 }, () => {
        const truth = u() < 0.3 ? (u() < 0.25 ? 4 : Math.floor(u() * 4)) : 5;
        return krrEncode(truth, 6, 0.75, u);
      });
      const r = ratioEstimate(debiasWithCovariance([tally(values, 6, 0.75)]), [4], [0, 1, 2, 3, 4]);
      rates.push(r.estimate);
      predicted.push(r.variance);
    }
    const ratio = variance(rates) / (predicted.reduce((a, b) => a + b, 0) / predicted.length);
    expect(ratio).toBeGreaterThan(0.85);
    expect(ratio).toBeLessThan(1.15);
  });

  /** Monte Carlo of the window's purchaser share of segment 1, and the bound and naive variances. */
  function memoWindow(seed: number, active: number, redrawTruths: boolean) {
    const u = seededUniform(seed);
    const domain = 4;
    const epsilon = krrMemoEpsilon(domain, EPS.permanentEpsilon, EPS.instantEpsilon);
    const fixed = Array.from({ length: 600 }, () => segmentOf(u, TRAINING));
    const out = { rates: [] as number[], bound: [] as number[], naive: [] as number[] };
    for (let rep = 0; rep < 400; rep++) {
      const truths = redrawTruths ? fixed.map(() => segmentOf(u, TRAINING)) : fixed;
      const permanent = new Array<number | undefined>(truths.length).fill(undefined);
      const values: number[] = [];
      for (let day = 0; day < DRIFT_WINDOW_DAYS; day++)
        for (const [i, v] of truths.entries()) {
          if (u() >= active) continue;
          const m = krrMemoEncode(v, domain, EPS.permanentEpsilon, EPS.instantEpsilon, permanent[i], u);
          permanent[i] = m.permanent;
          values.push(m.value);
        }
      const groups = [tally(values, domain, epsilon)];
      const bound = ratioEstimate(memoWindowCovariance(groups, EPS, DRIFT_WINDOW_DAYS), [1], [0, 1, 2]);
      out.rates.push(bound.estimate);
      out.bound.push(bound.variance);
      out.naive.push(ratioEstimate(debiasWithCovariance(groups), [1], [0, 1, 2]).variance);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return { empirical: variance(out.rates), bound: mean(out.bound), naive: mean(out.naive) };
  }

  it('bounds memoized reports exactly when every device reports every day', () => {
    const { empirical, bound, naive } = memoWindow(13, 1, true);
    expect(empirical / bound).toBeGreaterThan(0.85);
    expect(empirical / bound).toBeLessThan(1.15);
    // Treating the days as independent would understate the variance about threefold.
    expect(naive / empirical).toBeLessThan(0.5);
  });

  it('stays above the variance when devices report on some days only', () => {
    const { empirical, bound, naive } = memoWindow(14, 0.6, false);
    expect(empirical / bound).toBeLessThan(1.05);
    expect(naive / empirical).toBeLessThan(0.7);
  });
});

describe('segment drift', () => {
  const input = (daily: PeriodCounts[], k = 20) => ({ daily, labels: LABELS, reference: TRAINING, k });

  it('is not flagged while the purchasers keep the training mix', () => {
    const verdicts = Array.from({ length: 40 }, (_, seed) =>
      segmentDrift(input(segmentDays(seed + 1, 3000, 0.6, () => TRAINING))),
    );
    // A false alarm needs |z| beyond Bonferroni at 1 % over a conservative variance: 40 seeds see none.
    expect(verdicts.filter((v) => v.state !== 'stable')).toEqual([]);
    expect(verdicts[0]?.reason).toMatch(
      /^No segment is 5 points or more off its training share beyond the noise\. The largest gap: segment “\w+” \d+% of visitors with purchases over the last 14 days vs \d+% in training \(±\d+(\.\d)? pts\)\.$/,
    );
  });

  it('flags a shifted mix, naming the segment with its share, reference and margin', () => {
    const shifted = [0.26, 0.3, 0.44];
    for (const seed of [7, 8, 9]) {
      const v = segmentDrift(input(segmentDays(seed, 3000, 0.6, () => shifted)));
      expect(v.state).toBe('drifting');
      expect(v.reason).toMatch(
        /^segment “new” \d+% of visitors with purchases over the last 14 days vs 24% in training \(±\d+(\.\d)? pts\)/,
      );
      const fresh = v.categories[2];
      expect(fresh?.drifting).toBe(true);
      expect(Math.abs((fresh?.estimate ?? 0) - 0.44)).toBeLessThan(4 * (fresh?.standardError ?? 0));
    }
  });

  it('does not flag a significant difference below the minimum effect', () => {
    // Noise-free counts (each cell at its expectation) of 100,000 devices a day: a 3.5-point shift
    // of the first segment is far beyond the noise, and still not drift.
    const domain = TRAINING.length + 1;
    const epsilon = krrMemoEpsilon(domain, EPS.permanentEpsilon, EPS.instantEpsilon);
    const p = krrKeepProbability(domain, epsilon);
    const q = (1 - p) / (domain - 1);
    const theta = [...[0.325, 0.4, 0.275].map((s) => BUYERS * s), 1 - BUYERS];
    const counts = theta.map((t) => Math.round(100_000 * (q + (p - q) * t)));
    const day = (i: number): PeriodCounts => ({
      day: `2024-06-${String(i + 1).padStart(2, '0')}`,
      groups: [{ epsilon, counts, total: counts.reduce((a, b) => a + b, 0) }],
    });
    const v = segmentDrift(input(Array.from({ length: DRIFT_WINDOW_DAYS }, (_, i) => day(i))));
    expect(v.state).toBe('stable');
    expect(Math.abs(v.categories[0]?.z ?? 0)).toBeGreaterThan(2 * (v.critical ?? Number.POSITIVE_INFINITY));
  });

  it('says "not enough reports" with too few reports or a segment below k', () => {
    const few = segmentDrift(input(segmentDays(11, 100, 0.6, () => [0.1, 0.1, 0.8])));
    expect(few.state).toBe('not enough reports');
    expect(few.reports).toBeLessThan(DRIFT_MIN_REPORTS);
    expect(few.reason).toMatch(/^Not enough reports: \d+ over the last 14 days; a verdict needs 1000\.$/);
    // Enough reports, but one segment (1 % of purchasers) is below k: no verdict, not even "stable".
    const hidden = segmentDrift(input(segmentDays(12, 3000, 0.6, () => [0.01, 0.19, 0.8])));
    expect(hidden).toMatchObject({ state: 'not enough reports', categories: [] });
    expect(hidden.reports).toBeGreaterThan(DRIFT_MIN_REPORTS);
    expect(hidden.reason).toContain('k threshold');
  });

  it('gives no verdict without a reference', () => {
    const v = segmentDrift({ ...input(segmentDays(13, 300, 0.6, () => TRAINING)), reference: null });
    expect(v.state).toBe('no reference');
  });
});

describe('out-of-scope drift', () => {
  it('is not flagged at the calibration share more often than the false-alarm rate', () => {
    const flagged = Array.from({ length: 200 }, (_, seed) =>
      outOfScopeDrift({ daily: intentDays(seed + 100, 3000, 0.2), reference: 0.2, k: 20 }),
    ).filter((v) => v.state !== 'stable');
    // 1 % one-sided: about 2 of 200; more than 6 would happen about once in 200 runs of a correct test.
    expect(flagged.every((v) => v.state === 'drifting')).toBe(true);
    expect(flagged.length).toBeLessThanOrEqual(6);
  });

  it('flags a rise, with the share, the calibration share and the margin', () => {
    const v = outOfScopeDrift({ daily: intentDays(27, 3000, 0.45), reference: 0.2, k: 20 });
    expect(v.state).toBe('drifting');
    expect(v.reason).toMatch(
      /^\d+% of chat messages out of scope over the last 14 days vs 20% at calibration \(±\d+(\.\d)? pts\)\.$/,
    );
  });

  it('does not flag a fall: only a rise means the model is asked what it does not cover', () => {
    // 20,000 devices a day, so that a 5 % out-of-scope cell still passes the k-threshold.
    const v = outOfScopeDrift({ daily: intentDays(28, 20_000, 0.05), reference: 0.2, k: 20 });
    expect(v.state).toBe('stable');
    expect(v.categories[0]?.z).toBeLessThan(-3);
  });

  it('says "not enough reports" with too few reports or a cell below k', () => {
    const few = outOfScopeDrift({ daily: intentDays(29, 50, 0.9), reference: 0.2, k: 20 });
    expect(few.state).toBe('not enough reports');
    const hidden = outOfScopeDrift({ daily: intentDays(30, 3000, 0.9), reference: 0.2, k: 100_000 });
    expect(hidden.state).toBe('not enough reports');
    expect(hidden.reason).toContain('k threshold');
    expect(outOfScopeDrift({ daily: [], reference: 0.2, k: 20 }).state).toBe('not enough reports');
    expect(outOfScopeDrift({ daily: intentDays(31, 300, 0.2), reference: null, k: 20 }).state).toBe(
      'no reference',
    );
  });
});
