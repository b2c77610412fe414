import { describe, expect, it } from 'vitest';
import { easeWeights, gramMatrix } from './ease';
import { hashToken, itemTextVectors, textSimilarity, textTokens } from './item-text';
import { invertSpd } from './linalg';

// 6 users over 4 items.
const sets = [
  [0, 1],
  [0, 1, 2],
  [1, 2],
  [2, 3],
  [0, 3],
  [0, 1, 3],
];

describe('EASE', () => {
  it('builds XᵀX from item sets', () => {
    const g = gramMatrix(sets, 4);
    expect(Array.from(g.subarray(0, 4))).toEqual([4, 3, 1, 2]); // item 0: 4 users; with 1: 3; with 2: 1; with 3: 2
    expect(g[1 * 4 + 0]).toBe(3);
  });

  it('matches the constrained least-squares solution column by column', () => {
    const n = 4;
    const lambda = 2;
    const b = easeWeights(gramMatrix(sets, n), n, { lambda, textWeight: 0 });
    for (let j = 0; j < n; j++) expect(b[j * n + j]).toBe(0);
    // Column j without the diagonal constraint's row solves (G_{-j,-j} + λI)·b = G_{-j,j}.
    const g = gramMatrix(sets, n);
    for (let j = 0; j < n; j++) {
      const others = [0, 1, 2, 3].filter((i) => i !== j);
      const sub = new Float64Array(9);
      others.forEach((a, r) => {
        others.forEach((c, s) => {
          sub[r * 3 + s] = (g[a * n + c] ?? 0) + (a === c ? lambda : 0);
        });
      });
      const inv = invertSpd({ rows: 3, cols: 3, data: sub }).data;
      others.forEach((_, r) => {
        let want = 0;
        others.forEach((c, s) => {
          want += (inv[r * 3 + s] ?? 0) * (g[c * n + j] ?? 0);
        });
        expect(b[(others[r] as number) * n + j]).toBeCloseTo(want, 10);
      });
    }
  });

  it('connects an item nobody bought to a text-similar one only through the text rows', () => {
    const texts = ['red spotty mug', 'blue glass vase', 'green tea towel', 'red spotty mug large'];
    const sim = textSimilarity(itemTextVectors(texts));
    expect(sim[0 * 4 + 3]).toBeGreaterThan(0.5);
    expect(sim[1 * 4 + 3]).toBe(0);
    const buyers = [
      [0, 1],
      [0, 1, 2],
      [1, 2],
      [0, 2],
    ]; // item 3 never sold
    const g = gramMatrix(buyers, 4);
    const without = easeWeights(g, 4, { lambda: 1, textWeight: 0 }, sim);
    const withText = easeWeights(g, 4, { lambda: 1, textWeight: 5 }, sim);
    expect(without[0 * 4 + 3]).toBe(0);
    expect(withText[0 * 4 + 3]).toBeGreaterThan(0.1);
    expect(withText[0 * 4 + 3]).toBeGreaterThan(withText[1 * 4 + 3] ?? 0);
  });
});

describe('item text features', () => {
  it('tokenizes words and bigrams, dropping stop words, numbers and accents', () => {
    expect(textTokens('SET OF 3 Café Mugs')).toEqual(['cafe', 'mugs', 'cafe mugs']);
  });

  it('hashes deterministically into the bucket range', () => {
    expect(hashToken('mug')).toBe(hashToken('mug'));
    expect(hashToken('mug')).not.toBe(hashToken('mugs'));
    expect(hashToken('mug')).toBeLessThan(1 << 18);
  });

  it('gives unit vectors, and an empty one for empty text', () => {
    const [a, empty] = itemTextVectors(['red mug', '']);
    expect(Array.from(a?.weights ?? []).reduce((s, w) => s + w * w, 0)).toBeCloseTo(1, 12);
    expect(empty?.ids.length).toBe(0);
  });
});
