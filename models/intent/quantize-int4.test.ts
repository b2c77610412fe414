import { describe, expect, it } from 'vitest';
import { dequantizeColumnsInt4, quantizeColumnsInt4 } from './quantize-int4';

describe('int4 columns', () => {
  it('packs two rows per byte, low nibble first, with a scale per column', () => {
    // 3 rows × 2 columns; column 0 spans ±7, column 1 ±0.7.
    const m = [7, 0.7, -7, -0.7, 3.5, 0];
    const p = quantizeColumnsInt4(m, 3, 2);
    expect(Array.from(p.scale)).toEqual([1, Math.fround(0.1)]);
    // byte (0,0): row 0 = 7 → 15 low, row 1 = -7 → 1 high; the odd last row pads its partner as 0 (8).
    expect(p.packed[0]).toBe(15 | (1 << 4));
    expect(p.packed[2]).toBe(((Math.round(3.5) + 8) | (8 << 4)) & 255);
    const back = dequantizeColumnsInt4(p);
    expect(Array.from(back).map((v) => Math.round(v * 100) / 100)).toEqual([7, 0.7, -7, -0.7, 4, 0]);
  });

  it('keeps an all-zero column at zero', () => {
    const p = quantizeColumnsInt4([0, 1, 0, -1], 2, 2);
    expect(Array.from(dequantizeColumnsInt4(p))).toEqual([0, 1, 0, -1]);
  });
});
