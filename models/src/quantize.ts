/**
 * 8-bit weights. Signed symmetric int8 (zero point 0) with one scale per row or per column: the
 * factor the input multiplies (rows = items the visitor touched) gets a scale per row, the output
 * factor a scale per column (one per recommended item), so an item with small weights is not
 * flattened to zero by a global scale set by the strongest one.
 */

/** A quantized row-major matrix: value ≈ q · scale[row or column]. */
export interface QuantizedMatrix {
  readonly q: Int8Array;
  readonly scale: Float32Array;
  /** 0: one scale per row; 1: one scale per column (the axis the graph's scale broadcasts along). */
  readonly axis: 0 | 1;
}

/** Quantizes a rows×cols matrix to int8 with a scale per row (axis 0) or column (axis 1). */
export function quantizeMatrix(m: Float32Array, rows: number, cols: number, axis: 0 | 1): QuantizedMatrix {
  const groups = axis === 0 ? rows : cols;
  const scale = new Float32Array(groups);
  const at = (g: number, k: number): number => (axis === 0 ? g * cols + k : k * cols + g);
  const len = axis === 0 ? cols : rows;
  const q = new Int8Array(rows * cols);
  for (let g = 0; g < groups; g++) {
    let max = 0;
    for (let k = 0; k < len; k++) max = Math.max(max, Math.abs(m[at(g, k)] ?? 0));
    // An all-zero group still needs a valid (non-zero) scale; its values are 0 anyway.
    const s = Math.fround(max > 0 ? max / 127 : 1);
    scale[g] = s;
    for (let k = 0; k < len; k++) {
      const i = at(g, k);
      q[i] = Math.min(127, Math.max(-127, Math.round((m[i] ?? 0) / s)));
    }
  }
  return { q, scale, axis };
}

/** Inverse of {@link quantizeMatrix}, computed as the graph's Cast and Mul do (one float32 multiply). */
export function dequantizeMatrix(m: QuantizedMatrix, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const s = m.scale[m.axis === 0 ? i : j] ?? 0;
      out[i * cols + j] = Math.fround((m.q[i * cols + j] ?? 0) * s);
    }
  }
  return out;
}
