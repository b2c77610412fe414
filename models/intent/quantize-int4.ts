/**
 * Signed 4-bit weights for intent graphs with many intents (BANKING77's 77 at 16,384 features is
 * 1.2 MB as int8, 0.6 MB as int4): one scale per output column, values in [-7, 7], two rows packed
 * per byte (row 2i in the low nibble, 2i+1 in the high one), each stored as value + 8. Opset 13 has
 * no 4-bit type, so the graph unpacks with BitShift and float arithmetic on initializers only, which
 * onnxruntime folds into a constant when the session is created: inference costs what fp32 does.
 */

/** A D×C matrix as packed int4 with one scale per column. */
export interface PackedInt4Columns {
  /** ceil(D / 2) × C bytes, row-major. */
  readonly packed: Uint8Array;
  readonly scale: Float32Array;
  readonly rows: number;
  readonly cols: number;
}

/** Largest magnitude of a 4-bit value (symmetric, so -8 is unused and zero is exact). */
export const INT4_MAX = 7;

/** Quantizes a row-major rows×cols matrix column by column to [-7, 7] and packs it. */
export function quantizeColumnsInt4(m: ArrayLike<number>, rows: number, cols: number): PackedInt4Columns {
  const scale = new Float32Array(cols);
  for (let j = 0; j < cols; j++) {
    let max = 0;
    for (let i = 0; i < rows; i++) max = Math.max(max, Math.abs(m[i * cols + j] ?? 0));
    scale[j] = Math.fround(max > 0 ? max / INT4_MAX : 1);
  }
  const half = Math.ceil(rows / 2);
  const packed = new Uint8Array(half * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = Math.round((m[i * cols + j] ?? 0) / (scale[j] ?? 1));
      const nibble = Math.min(INT4_MAX, Math.max(-INT4_MAX, v)) + 8;
      const at = (i >> 1) * cols + j;
      packed[at] = (packed[at] ?? 0) | (i % 2 === 0 ? nibble : nibble << 4);
    }
  }
  // An odd last row leaves its partner nibble at 0, which unpacks to -8 × scale: pad it as value 0.
  if (rows % 2 === 1) {
    for (let j = 0; j < cols; j++) {
      const at = (half - 1) * cols + j;
      packed[at] = (packed[at] ?? 0) | (8 << 4);
    }
  }
  return { packed, scale, rows, cols };
}

/** The float matrix the graph computes from the packed bytes (row-major rows×cols). */
export function dequantizeColumnsInt4(p: PackedInt4Columns): Float32Array {
  const out = new Float32Array(p.rows * p.cols);
  for (let i = 0; i < p.rows; i++) {
    for (let j = 0; j < p.cols; j++) {
      const byte = p.packed[(i >> 1) * p.cols + j] ?? 0;
      const nibble = i % 2 === 0 ? byte & 15 : byte >> 4;
      out[i * p.cols + j] = Math.fround((nibble - 8) * (p.scale[j] ?? 0));
    }
  }
  return out;
}
