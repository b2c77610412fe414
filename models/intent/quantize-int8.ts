/**
 * Symmetric signed 8-bit weights, one scale per output column (per intent). The recommender's
 * `quantizeRows` is unsigned and assumes non-negative similarities; classifier weights take both
 * signs, and a per-intent scale keeps an intent with small weights from being rounded to zero by one
 * with large ones.
 */

/** A D×C matrix as int8 with one scale per column: value ≈ q[i][j] · scale[j]. */
export interface QuantizedColumns {
  readonly q: Int8Array;
  readonly scale: Float32Array;
}

/** Quantizes a row-major rows×cols matrix column by column to [-127, 127] (zero point 0). */
export function quantizeColumns(m: ArrayLike<number>, rows: number, cols: number): QuantizedColumns {
  const scale = new Float32Array(cols);
  for (let j = 0; j < cols; j++) {
    let max = 0;
    for (let i = 0; i < rows; i++) max = Math.max(max, Math.abs(m[i * cols + j] ?? 0));
    // An all-zero column still needs a valid, non-zero scale; its values stay 0.
    scale[j] = Math.fround(max > 0 ? max / 127 : 1);
  }
  const q = new Int8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = Math.round((m[i * cols + j] ?? 0) / (scale[j] ?? 1));
      q[i * cols + j] = Math.min(127, Math.max(-127, v));
    }
  }
  return { q, scale };
}

/** Inverse of {@link quantizeColumns}, computed as the graph does (float32 multiply). */
export function dequantizeColumns(c: QuantizedColumns, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++)
      out[i * cols + j] = Math.fround((c.q[i * cols + j] ?? 0) * (c.scale[j] ?? 0));
  }
  return out;
}
