/**
 * 8-bit weights for the similarity matrix. Cosine similarities over a binary matrix are never
 * negative, so unsigned 8-bit with zero point 0 uses all 256 levels; one scale per row keeps items
 * with weak neighbours from being flattened to zero by a global scale set by the strongest pair.
 */

/** Row-wise quantized N×N matrix: value ≈ q[i][j] · scale[i]. */
export interface QuantizedRows {
  readonly q: Uint8Array;
  readonly scale: Float32Array;
}

/** Quantizes each row of a non-negative row-major n×n matrix to uint8 with its own scale. */
export function quantizeRows(m: Float32Array, n: number): QuantizedRows {
  const q = new Uint8Array(n * n);
  const scale = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let max = 0;
    for (let j = 0; j < n; j++) max = Math.max(max, m[i * n + j] ?? 0);
    // An empty row still needs a valid (non-zero) scale; its values are all 0 anyway.
    const s = Math.fround(max > 0 ? max / 255 : 1);
    scale[i] = s;
    for (let j = 0; j < n; j++) {
      q[i * n + j] = Math.min(255, Math.max(0, Math.round((m[i * n + j] ?? 0) / s)));
    }
  }
  return { q, scale };
}

/** Inverse of {@link quantizeRows}, computed as DequantizeLinear does (float32 multiply). */
export function dequantizeRows(rows: QuantizedRows, n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    const s = rows.scale[i] ?? 0;
    for (let j = 0; j < n; j++) out[i * n + j] = Math.fround((rows.q[i * n + j] ?? 0) * s);
  }
  return out;
}
