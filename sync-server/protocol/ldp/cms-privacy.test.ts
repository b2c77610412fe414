/**
 * Empirical likelihood ratio of the count-mean sketch. The output space of the default sketch
 * (64 rows × 2^1024 vectors) cannot be enumerated, so the check runs on a sketch small enough to
 * count every output: 2 rows × 8 buckets = 512 outputs (row, byte). 400,000 runs per input give the
 * rarest output ≈ 80 hits; a 5σ tolerance per output keeps the family of 512 comparisons from
 * flaking (≈ 1.5·10⁻⁴), and the same check flags a sketch that spends 2ε.
 */
import { describe, expect, it } from 'vitest';
import { NO_ITEM } from '../metrics';
import { cmsEncode } from './cms';
import { createCryptoUniform } from './crypto-pool';
import { cmsBuckets } from './hash-family';
import { compareOutputs, histogram } from './likelihood-ratio';

const SMALL = { hashes: 2, buckets: 8, epsilon: 1 };
const RUNS = 400_000;

/** Two items whose buckets differ in every row, so the pair is the worst case for the bound. */
function distinctPair(): [string, string] {
  const a = 'item-0';
  const ha = cmsBuckets(a, SMALL.hashes, SMALL.buckets);
  for (let i = 1; ; i++) {
    const b = `item-${i}`;
    const hb = cmsBuckets(b, SMALL.hashes, SMALL.buckets);
    if (ha.every((x, j) => x !== hb[j])) return [a, b];
  }
}

describe('count-mean sketch likelihood ratio', () => {
  const uniform = createCryptoUniform();
  const outputs = SMALL.hashes * 256;
  const run = (item: string, epsilon: number) =>
    histogram(
      () => {
        const { row, bits } = cmsEncode(item, { ...SMALL, epsilon }, uniform);
        return row * 256 + (bits[0] ?? 0);
      },
      outputs,
      RUNS,
    );

  it('keeps P(o|a)/P(o|b) within e^ε for every output', () => {
    const [a, b] = distinctPair();
    const check = compareOutputs(run(a, SMALL.epsilon), run(b, SMALL.epsilon));
    expect(check.compared).toBe(outputs);
    expect(check.maxLowerBound).toBeLessThanOrEqual(SMALL.epsilon);
    // Outputs with +1 at a's bucket and −1 at b's reach the bound exactly.
    expect(check.maxLogRatio).toBeGreaterThan(0.8 * SMALL.epsilon);
  });

  it('detects a sketch that spends more than the stated epsilon', () => {
    const [a, b] = distinctPair();
    expect(
      compareOutputs(run(a, 2 * SMALL.epsilon), run(b, 2 * SMALL.epsilon)).maxLowerBound,
    ).toBeGreaterThan(SMALL.epsilon);
  });
});

describe('count-mean sketch likelihood ratio with the "no item" token', () => {
  const uniform = createCryptoUniform();
  it('treats a day without a view as one more input, within the same epsilon', () => {
    const ha = cmsBuckets(NO_ITEM, SMALL.hashes, SMALL.buckets);
    let other = 'item-0';
    for (let i = 1; !cmsBuckets(other, SMALL.hashes, SMALL.buckets).every((x, j) => x !== ha[j]); i++)
      other = `item-${i}`;
    const run = (item: string) =>
      histogram(
        () => {
          const { row, bits } = cmsEncode(item, SMALL, uniform);
          return row * 256 + (bits[0] ?? 0);
        },
        SMALL.hashes * 256,
        RUNS,
      );
    const check = compareOutputs(run(NO_ITEM), run(other));
    expect(check.maxLowerBound).toBeLessThanOrEqual(SMALL.epsilon);
    expect(check.maxLogRatio).toBeGreaterThan(0.8 * SMALL.epsilon);
  });
});
