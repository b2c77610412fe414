import { describe, expect, it } from 'vitest';
import { invertSpd, type Matrix, matmul, symmetricEigen, transpose, zeros } from './linalg';
import { gaussian, truncatedSvd } from './svd';

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const g = gaussian(seed);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = g();
  return m;
}

function maxAbsDiff(a: Matrix, b: Matrix): number {
  let d = 0;
  for (let i = 0; i < a.data.length; i++) d = Math.max(d, Math.abs((a.data[i] ?? 0) - (b.data[i] ?? 0)));
  return d;
}

describe('linear algebra', () => {
  it('inverts a symmetric positive-definite matrix (G·G⁻¹ = I)', () => {
    const a = randomMatrix(40, 25, 3);
    const g = matmul(transpose(a), a);
    for (let i = 0; i < 25; i++) g.data[i * 25 + i] = (g.data[i * 25 + i] ?? 0) + 0.5;
    const p = invertSpd(g);
    const eye = zeros(25, 25);
    for (let i = 0; i < 25; i++) eye.data[i * 25 + i] = 1;
    expect(maxAbsDiff(matmul(g, p), eye)).toBeLessThan(1e-9);
    expect(maxAbsDiff(p, transpose(p))).toBe(0);
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => invertSpd({ rows: 2, cols: 2, data: Float64Array.from([1, 2, 2, 1]) })).toThrow(RangeError);
  });

  it('finds eigenpairs of a symmetric matrix, largest first', () => {
    const a = randomMatrix(6, 6, 5);
    const s = matmul(transpose(a), a);
    const { values, vectors } = symmetricEigen(s);
    for (let j = 0; j < 6; j++) {
      const v = zeros(6, 1);
      for (let i = 0; i < 6; i++) v.data[i] = vectors.data[i * 6 + j] ?? 0;
      const sv = matmul(s, v);
      for (let i = 0; i < 6; i++) expect(sv.data[i]).toBeCloseTo((values[j] ?? 0) * (v.data[i] ?? 0), 8);
      if (j > 0) expect(values[j]).toBeLessThanOrEqual(values[j - 1] ?? 0);
    }
  });

  it('recovers a rank-5 matrix exactly with a rank-5 truncated SVD, deterministically', () => {
    const low = matmul(randomMatrix(60, 5, 1), randomMatrix(5, 50, 2));
    const svd = truncatedSvd(low, { rank: 5, seed: 9 });
    const us = zeros(60, 5);
    for (let i = 0; i < 60; i++)
      for (let q = 0; q < 5; q++) us.data[i * 5 + q] = (svd.u.data[i * 5 + q] ?? 0) * (svd.s[q] ?? 0);
    expect(maxAbsDiff(matmul(us, transpose(svd.v)), low)).toBeLessThan(1e-8);
    const again = truncatedSvd(low, { rank: 5, seed: 9 });
    expect(Buffer.from(again.u.data.buffer).equals(Buffer.from(svd.u.data.buffer))).toBe(true);
  });
});
