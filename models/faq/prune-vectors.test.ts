import { describe, expect, it } from 'vitest';
import { decodeWordVectors } from '../features';
import type { Embeddings } from './embeddings';
import { pruneVectors } from './prune-vectors';

/** A five-word vocabulary in frequency order (a real table has 341k; the pruning is the same). */
function tiny(): Embeddings {
  const table: [string, number[]][] = [
    ['the', [0, 0, 1]],
    ['price', [1, 0.1, 0]],
    ['cost', [1, 0.2, 0]],
    ['weather', [0, 1, 0]],
    ['prices', [1, 0.05, 0.05]],
  ];
  const matrix = new Float32Array(table.length * 3);
  table.forEach(([, v], r) => {
    const n = Math.hypot(...v);
    v.forEach((x, d) => {
      matrix[r * 3 + d] = x / n;
    });
  });
  return {
    dims: 3,
    words: table.map(([w]) => w),
    index: new Map(table.map(([w], r) => [w, r])),
    matrix,
    source: 't',
  };
}

describe('pruneVectors', () => {
  it("keeps the questions' words, their near neighbours and the background's words, nothing else", () => {
    const file = pruneVectors(tiny(), ['What is the cost?'], ['nice weather'], {
      neighbours: 1,
      minSimilarity: 0.9,
      searchTop: 10,
      common: 2,
    });
    // "cost" brings its one nearest neighbour "price"; "prices" is near too but beyond k = 1.
    expect(file.words).toEqual(['the', 'price', 'cost', 'weather']);
    expect(file.ranks).toEqual([0, 1, 2, 3]);
    expect(file.common).toEqual(['the', 'price']);
    expect(decodeWordVectors(file).vector('prices')).toBeUndefined();
  });
});
