/**
 * Empirical likelihood ratio of k-RR. 200,000 runs per input give every output ≥ 20,000 hits, so the
 * log ratio is known to ≈ ±0.01 and a 5σ tolerance keeps the check from flaking over four outputs.
 */
import { describe, expect, it } from 'vitest';
import { krrEncode, krrKeepProbability, krrMemoEncode, krrMemoEpsilon, krrMemoKeepProbability } from '../krr';
import { createCryptoUniform } from './crypto-pool';
import { compareOutputs, histogram } from './likelihood-ratio';

const DOMAIN = 4;
const EPS = 1;
const RUNS = 200_000;

describe('k-RR likelihood ratio', () => {
  const uniform = createCryptoUniform();

  it('keeps P(o|a)/P(o|b) within e^ε for every output and every pair of inputs', () => {
    const hs = Array.from({ length: DOMAIN }, (_, v) =>
      histogram(() => krrEncode(v, DOMAIN, EPS, uniform), DOMAIN, RUNS),
    );
    for (let a = 0; a < DOMAIN; a++)
      for (let b = a + 1; b < DOMAIN; b++) {
        const check = compareOutputs(hs[a] ?? [], hs[b] ?? []);
        expect(check.compared).toBe(DOMAIN);
        expect(check.maxLowerBound).toBeLessThanOrEqual(EPS);
        // The bound is tight for k-RR: reporting a itself is e^ε times likelier under a than under b.
        expect(check.maxLogRatio).toBeGreaterThan(EPS - 0.1);
      }
  });

  it('detects a mechanism that spends more than the stated epsilon', () => {
    const a = histogram(() => krrEncode(0, DOMAIN, 2 * EPS, uniform), DOMAIN, RUNS);
    const b = histogram(() => krrEncode(1, DOMAIN, 2 * EPS, uniform), DOMAIN, RUNS);
    expect(compareOutputs(a, b).maxLowerBound).toBeGreaterThan(EPS);
  });
});

/**
 * Memoized k-RR (a permanent draw, randomized again each day). One report is checked empirically
 * against its composed epsilon; what several days of one device reveal is computed exactly, summing
 * over the permanent draw: P(r₁…r_T | v) = Σ_m P_perm(m | v) · Π_t P_inst(r_t | m).
 */
describe('memoized k-RR likelihood ratio', () => {
  const uniform = createCryptoUniform();
  const PERMANENT = 2;
  const INSTANT = 1.4;

  /** Exact log of the largest P(seq | a)/P(seq | b) over every sequence of `days` reports. */
  function worstLogRatio(k: number, days: number, fresh: boolean): number {
    const p1 = krrKeepProbability(k, PERMANENT);
    const p2 = krrKeepProbability(k, INSTANT);
    const perm = (m: number, v: number) => (m === v ? p1 : (1 - p1) / (k - 1));
    const inst = (r: number, m: number) => (r === m ? p2 : (1 - p2) / (k - 1));
    const once = (r: number, v: number) => {
      let s = 0;
      for (let m = 0; m < k; m++) s += perm(m, v) * inst(r, m);
      return s;
    };
    const prob = (seq: number[], v: number) => {
      // Fresh draws every day: the days are independent, each the composed channel.
      if (fresh) return seq.reduce((acc, r) => acc * once(r, v), 1);
      let s = 0;
      for (let m = 0; m < k; m++) s += perm(m, v) * seq.reduce((acc, r) => acc * inst(r, m), 1);
      return s;
    };
    let worst = 0;
    for (let code = 0; code < k ** days; code++) {
      const seq = Array.from({ length: days }, (_, t) => Math.floor(code / k ** t) % k);
      worst = Math.max(worst, Math.abs(Math.log(prob(seq, 0) / prob(seq, 1))));
    }
    return worst;
  }

  it('keeps one report within the composed epsilon, which is below both inputs', () => {
    const k = 4;
    const eps = krrMemoEpsilon(k, PERMANENT, INSTANT);
    expect(eps).toBeLessThan(Math.min(PERMANENT, INSTANT));
    expect(krrKeepProbability(k, eps)).toBeCloseTo(krrMemoKeepProbability(k, PERMANENT, INSTANT), 12);
    // A device's first report: a fresh permanent draw, then today's draw on top.
    const hs = Array.from({ length: k }, (_, v) =>
      histogram(() => krrMemoEncode(v, k, PERMANENT, INSTANT, undefined, uniform).value, k, RUNS),
    );
    const check = compareOutputs(hs[0] ?? [], hs[1] ?? []);
    expect(check.maxLowerBound).toBeLessThanOrEqual(eps);
    expect(check.maxLogRatio).toBeGreaterThan(eps - 0.1);
    expect(worstLogRatio(k, 1, false)).toBeCloseTo(eps, 10);
  });

  it('never lets repeated days exceed the permanent epsilon, unlike fresh daily draws', () => {
    const k = 4;
    let previous = 0;
    for (let days = 1; days <= 6; days++) {
      const memo = worstLogRatio(k, days, false);
      expect(memo).toBeGreaterThanOrEqual(previous - 1e-12);
      expect(memo).toBeLessThanOrEqual(PERMANENT + 1e-12);
      previous = memo;
    }
    // Six days of fresh draws reveal six composed epsilons, far beyond the permanent bound.
    expect(worstLogRatio(k, 6, true)).toBeCloseTo(6 * krrMemoEpsilon(k, PERMANENT, INSTANT), 8);
    expect(worstLogRatio(k, 6, true)).toBeGreaterThan(PERMANENT + 1);
  });

  it('keeps the same permanent draw across days and reports it, not the value, through the instant channel', () => {
    const k = 4;
    const first = krrMemoEncode(2, k, PERMANENT, INSTANT, undefined, uniform);
    const h = histogram(
      () => krrMemoEncode(2, k, PERMANENT, INSTANT, first.permanent, uniform).value,
      k,
      RUNS,
    );
    const p2 = krrKeepProbability(k, INSTANT);
    expect(Math.abs((h[first.permanent] ?? 0) / RUNS - p2)).toBeLessThan(
      5 * Math.sqrt((p2 * (1 - p2)) / RUNS),
    );
    expect(krrMemoEncode(2, k, PERMANENT, INSTANT, first.permanent, uniform).permanent).toBe(first.permanent);
  });
});
