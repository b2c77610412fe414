import { describe, expect, it } from 'vitest';
import { fitRecommender, usesLowRank } from '../fit';
import { exportRecommendOnnx } from '../onnx-export';
import type { RawInteraction } from '../read-interactions';

/** 200 users over 60 items in 6 co-purchase groups, deterministic. */
function rows(): RawInteraction[] {
  const out: RawInteraction[] = [];
  let line = 2;
  for (let u = 0; u < 200; u++) {
    const group = u % 6;
    for (let j = 0; j < 4; j++) {
      const item = `I${String(group * 10 + ((u * 7 + j * 3) % 10)).padStart(2, '0')}`;
      out.push({
        user: `u${u}`,
        item,
        ts: j * 86_400_000,
        quantity: 1,
        price: 1,
        title: `thing ${group}`,
        invoice: `${u}-${j}`,
        line: line++,
      });
    }
  }
  return out;
}

describe('fitRecommender', () => {
  const base = { items: 60, lambda: 5, textWeight: 1, rank: 12, seed: 3 };

  it('is deterministic: the same data and seed give identical fp32 and int8 bytes', () => {
    const a = fitRecommender(rows(), base);
    const b = fitRecommender(rows(), base);
    expect(a.model.factors.map((f) => [f.rows, f.cols])).toEqual([
      [60, 12],
      [12, 60],
    ]);
    for (const weights of ['fp32', 'int8'] as const) {
      const x = exportRecommendOnnx(a.model, { k: 10, weights });
      const y = exportRecommendOnnx(b.model, { k: 10, weights });
      expect(Buffer.from(x).equals(Buffer.from(y)), weights).toBe(true);
    }
  });

  it('keeps B dense when factors would be no smaller (2r ≥ N) or rank is 0', () => {
    expect(usesLowRank(30, 60)).toBe(false);
    expect(usesLowRank(0, 60)).toBe(false);
    expect(fitRecommender(rows(), { ...base, rank: 30 }).model.factors).toHaveLength(1);
  });
});
