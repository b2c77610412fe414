import { describe, expect, it } from 'vitest';
import { cosineSimilarity, keepTopNeighbours, popularityPrior, trainItemKnn, userItemSets } from './item-knn';
import { fromItemKnn } from './recommend/factor-model';
import { recommendReference, referenceScores } from './reference-scorer';

// Users × items (binary):   i0 i1 i2 i3
//   u1                       1  1  .  .
//   u2                       1  1  1  .
//   u3                       .  .  1  1
// |U| = [2, 2, 2, 1]; co(0,1)=2, co(0,2)=1, co(1,2)=1, co(2,3)=1.
const sets = [
  [0, 1],
  [0, 1, 2],
  [2, 3],
];

const at = (m: ArrayLike<number>, i: number, j: number): number => m[i * 4 + j] ?? Number.NaN;

describe('cosineSimilarity', () => {
  const sim = cosineSimilarity(sets, 4);

  it('matches |Ui∩Uj| / sqrt(|Ui||Uj|) by hand', () => {
    expect(at(sim, 0, 1)).toBeCloseTo(2 / Math.sqrt(2 * 2), 12); // 1
    expect(at(sim, 0, 2)).toBeCloseTo(1 / 2, 12);
    expect(at(sim, 1, 2)).toBeCloseTo(1 / 2, 12);
    expect(at(sim, 2, 3)).toBeCloseTo(1 / Math.sqrt(2), 12);
    expect(at(sim, 0, 3)).toBe(0);
    expect(at(sim, 1, 3)).toBe(0);
  });

  it('is symmetric with a zero diagonal', () => {
    for (let i = 0; i < 4; i++) {
      expect(at(sim, i, i)).toBe(0);
      for (let j = 0; j < 4; j++) expect(at(sim, i, j)).toBe(at(sim, j, i));
    }
  });
});

describe('keepTopNeighbours', () => {
  const sim = cosineSimilarity(sets, 4);

  it('keeps the M largest per row and zeroes the rest', () => {
    const s = keepTopNeighbours(sim, 4, 1);
    expect(Array.from(s.subarray(0, 4))).toEqual([0, 1, 0, 0]);
    expect(Array.from(s.subarray(4, 8))).toEqual([1, 0, 0, 0]);
    // Row 2: 0.5, 0.5, 0.707 → only item 3 survives.
    expect(Array.from(s.subarray(8, 12))).toEqual([0, 0, 0, Math.fround(1 / Math.sqrt(2))]);
    expect(Array.from(s.subarray(12, 16))).toEqual([0, 0, Math.fround(1 / Math.sqrt(2)), 0]);
  });

  it('breaks ties by the lower index and never keeps zero entries', () => {
    const s = keepTopNeighbours(sim, 4, 2);
    // Row 2 has a tie between items 0 and 1 (both 0.5): item 0 wins the second slot.
    expect(Array.from(s.subarray(8, 12))).toEqual([0.5, 0, 0, Math.fround(1 / Math.sqrt(2))]);
    // Row 3 has only one positive neighbour even with M = 2.
    expect(Array.from(s.subarray(12, 16)).filter((v) => v > 0)).toHaveLength(1);
  });
});

describe('popularity and training', () => {
  it('normalizes distinct users to a maximum of 1', () => {
    expect(Array.from(popularityPrior(sets, 4))).toEqual([1, 1, 1, 0.5]);
  });

  it('builds user sets from rows, deduplicated, ignoring items outside the catalog', () => {
    const index = new Map([
      ['a', 0],
      ['b', 1],
    ]);
    const got = userItemSets(
      [
        { user: 'u2', item: 'b' },
        { user: 'u1', item: 'a' },
        { user: 'u1', item: 'a' },
        { user: 'u1', item: 'zzz' },
        { user: 'u1', item: 'b' },
      ],
      index,
    );
    expect(got).toEqual([[0, 1], [1]]);
  });

  it('scores x·S + β·pop and masks seen items, by hand', () => {
    const model = fromItemKnn(trainItemKnn(sets, 4, { neighbours: 2 }));
    // Row 0 keeps items 1 (1.0) and 2 (0.5).
    const scores = referenceScores(new Float32Array([1, 0, 0, 0]), model, 1e-3);
    expect(scores[0]).toBeLessThan(-9000);
    expect(scores[1]).toBeCloseTo(1 + 1e-3, 6);
    expect(scores[2]).toBeCloseTo(0.5 + 1e-3, 6);
    expect(scores[3]).toBeCloseTo(0.5e-3, 6);
    expect(recommendReference(new Float32Array([1, 0, 0, 0]), model, 3).indices).toEqual([1, 2, 3]);
  });
});
