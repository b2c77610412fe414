/**
 * Empirical likelihood ratio of k-RR. 200,000 runs per input give every output ≥ 20,000 hits, so the
 * log ratio is known to ≈ ±0.01 and a 5σ tolerance keeps the check from flaking over four outputs.
 */
import { describe, expect, it } from 'vitest';
import { krrEncode } from '../krr';
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
