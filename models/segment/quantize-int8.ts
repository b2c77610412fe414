/**
 * Symmetric int8 quantization of the centroid table with one scale per feature column. Centroids
 * are signed (standardized space), so int8 with zero point 0 fits; a per-column scale keeps a feature
 * whose centres all sit near 0 from being rounded away by the scale of a wide feature.
 */

/** value ≈ q · scale[column]. */
export interface QuantizedColumns {
  readonly q: Int8Array;
  readonly scale: Float32Array;
}

/** Quantizes a row-major rows × cols matrix column by column. */
export function quantizeColumnsInt8(m: Float32Array, rows: number, cols: number): QuantizedColumns {
  const q = new Int8Array(rows * cols);
  const scale = new Float32Array(cols);
  for (let f = 0; f < cols; f++) {
    let max = 0;
    for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(m[r * cols + f] as number));
    // An all-zero column still needs a valid (non-zero) scale; its values stay 0.
    const s = Math.fround(max > 0 ? max / 127 : 1);
    scale[f] = s;
    for (let r = 0; r < rows; r++) {
      q[r * cols + f] = Math.max(-127, Math.min(127, Math.round((m[r * cols + f] as number) / s)));
    }
  }
  return { q, scale };
}

/** Inverse of {@link quantizeColumnsInt8}, computed as DequantizeLinear does (float32 multiply). */
export function dequantizeColumns(qc: QuantizedColumns, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < cols; f++)
      out[r * cols + f] = Math.fround((qc.q[r * cols + f] as number) * (qc.scale[f] as number));
  }
  return out;
}
