/**
 * The little dense linear algebra the recommender needs, in Float64Array (row-major). Sizes are a
 * few thousand at most, so plain cache-friendly loops are fast enough (N = 1500: about a second for
 * an inverse) and keep the trainer free of native dependencies. Every loop runs in a fixed order, so
 * results are bit-identical across runs on the same machine.
 */

/** A row-major dense matrix. */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A zero matrix. */
export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/**
 * Inverse of a symmetric positive-definite matrix via Cholesky (G = L·Lᵀ, G⁻¹ = L⁻ᵀ·L⁻¹).
 * Only the lower triangle of `g` is read. Throws if `g` is not positive definite.
 */
export function invertSpd(g: Matrix): Matrix {
  const n = g.rows;
  if (g.cols !== n) throw new RangeError('invertSpd needs a square matrix');
  const l = choleskyLower(g);
  // The loops below handle four rows per pass over a shared row (as in accumulateRows): the
  // plain triple loops are memory-bound, and this more than halves their time.
  // M = L⁻¹ row by row: M[i,:] = (e_i − Σ_{k<i} L[i,k]·M[k,:]) / L[i,i] (row k of M is 0 beyond k).
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    m[ri + i] = 1;
    let k = 0;
    for (; k + 3 < i; k += 4) {
      const f0 = l[ri + k] as number;
      const f1 = l[ri + k + 1] as number;
      const f2 = l[ri + k + 2] as number;
      const f3 = l[ri + k + 3] as number;
      const r0 = k * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      for (let c = 0; c <= k + 3; c++) {
        m[ri + c] =
          (m[ri + c] as number) -
          f0 * (m[r0 + c] as number) -
          f1 * (m[r1 + c] as number) -
          f2 * (m[r2 + c] as number) -
          f3 * (m[r3 + c] as number);
      }
    }
    for (; k < i; k++) {
      const f = l[ri + k] as number;
      const rk = k * n;
      for (let c = 0; c <= k; c++) m[ri + c] = (m[ri + c] as number) - f * (m[rk + c] as number);
    }
    const d = 1 / (l[ri + i] as number);
    for (let c = 0; c <= i; c++) m[ri + c] = (m[ri + c] as number) * d;
  }
  // P = Mᵀ·M as a sum of outer products of M's rows (lower triangle), then mirrored.
  const p = new Float64Array(n * n);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let a = 0; a <= i + 3; a++) {
      const f0 = m[r0 + a] as number;
      const f1 = m[r1 + a] as number;
      const f2 = m[r2 + a] as number;
      const f3 = m[r3 + a] as number;
      const ra = a * n;
      for (let b = 0; b <= a; b++) {
        p[ra + b] =
          (p[ra + b] as number) +
          f0 * (m[r0 + b] as number) +
          f1 * (m[r1 + b] as number) +
          f2 * (m[r2 + b] as number) +
          f3 * (m[r3 + b] as number);
      }
    }
  }
  for (; i < n; i++) {
    const ri = i * n;
    for (let a = 0; a <= i; a++) {
      const f = m[ri + a] as number;
      if (f === 0) continue;
      const ra = a * n;
      for (let b = 0; b <= a; b++) p[ra + b] = (p[ra + b] as number) + f * (m[ri + b] as number);
    }
  }
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) p[b * n + a] = p[a * n + b] as number;
  return { rows: n, cols: n, data: p };
}

function choleskyLower(g: Matrix): Float64Array {
  const n = g.rows;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let j = 0;
    // Four dot products against row i at once: row i is read once per four columns.
    for (; j + 3 < i; j += 4) {
      const r0 = j * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = g.data[ri + j] as number;
      let s1 = g.data[ri + j + 1] as number;
      let s2 = g.data[ri + j + 2] as number;
      let s3 = g.data[ri + j + 3] as number;
      for (let k = 0; k < j; k++) {
        const v = l[ri + k] as number;
        s0 -= v * (l[r0 + k] as number);
        s1 -= v * (l[r1 + k] as number);
        s2 -= v * (l[r2 + k] as number);
        s3 -= v * (l[r3 + k] as number);
      }
      // Columns j+1..j+3 also depend on the entries just computed in this block.
      l[ri + j] = s0 / (l[r0 + j] as number);
      s1 -= (l[ri + j] as number) * (l[r1 + j] as number);
      l[ri + j + 1] = s1 / (l[r1 + j + 1] as number);
      s2 -=
        (l[ri + j] as number) * (l[r2 + j] as number) + (l[ri + j + 1] as number) * (l[r2 + j + 1] as number);
      l[ri + j + 2] = s2 / (l[r2 + j + 2] as number);
      s3 -=
        (l[ri + j] as number) * (l[r3 + j] as number) +
        (l[ri + j + 1] as number) * (l[r3 + j + 1] as number) +
        (l[ri + j + 2] as number) * (l[r3 + j + 2] as number);
      l[ri + j + 3] = s3 / (l[r3 + j + 3] as number);
    }
    for (; j <= i; j++) {
      const rj = j * n;
      let s = g.data[ri + j] as number;
      for (let k = 0; k < j; k++) s -= (l[ri + k] as number) * (l[rj + k] as number);
      if (i === j) {
        if (!(s > 0)) throw new RangeError(`matrix is not positive definite (pivot ${i} = ${s})`);
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / (l[rj + j] as number);
      }
    }
  }
  return l;
}

/** A·B. */
export function matmul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`matmul ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const m = a.cols;
  // Row i of the result sums A[i,k]·B[k,:]; the coefficient of output row i for B's row k is at i·m + k.
  return accumulateRows(a.rows, b, (i, k) => a.data[i * m + k] as number);
}

/** Aᵀ·B. */
export function matmulTransA(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw new RangeError(`matmulTransA ${a.rows}×${a.cols}ᵀ · ${b.rows}×${b.cols}`);
  const m = a.cols;
  return accumulateRows(a.cols, b, (i, k) => a.data[k * m + i] as number);
}

/**
 * out[i,:] = Σ_k coef(i,k)·B[k,:] for i < rows. Four output rows share each pass over B's row k,
 * which more than halves the time of the plain loop (B's row is read once per four outputs).
 */
function accumulateRows(rows: number, b: Matrix, coef: (i: number, k: number) => number): Matrix {
  const n = b.cols;
  const out = zeros(rows, n);
  // Locals, not property reads, in the hot loop: V8 then keeps the typed arrays in registers.
  const od = out.data;
  const bd = b.data;
  let i = 0;
  for (; i + 3 < rows; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let k = 0; k < b.rows; k++) {
      const f0 = coef(i, k);
      const f1 = coef(i + 1, k);
      const f2 = coef(i + 2, k);
      const f3 = coef(i + 3, k);
      if (f0 === 0 && f1 === 0 && f2 === 0 && f3 === 0) continue;
      const rb = k * n;
      for (let j = 0; j < n; j++) {
        const v = bd[rb + j] as number;
        od[r0 + j] = (od[r0 + j] as number) + f0 * v;
        od[r1 + j] = (od[r1 + j] as number) + f1 * v;
        od[r2 + j] = (od[r2 + j] as number) + f2 * v;
        od[r3 + j] = (od[r3 + j] as number) + f3 * v;
      }
    }
  }
  for (; i < rows; i++) {
    const ro = i * n;
    for (let k = 0; k < b.rows; k++) {
      const f = coef(i, k);
      if (f === 0) continue;
      const rb = k * n;
      for (let j = 0; j < n; j++) od[ro + j] = (od[ro + j] as number) + f * (bd[rb + j] as number);
    }
  }
  return out;
}

/** Aᵀ. */
export function transpose(a: Matrix): Matrix {
  const out = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j] as number;
  return out;
}

/** Orthonormalizes the columns in place (modified Gram-Schmidt, twice for stability). */
export function orthonormalizeColumns(a: Matrix): void {
  // Work on the transpose so every inner loop walks contiguous memory.
  const t = transpose(a);
  const { rows: cols, cols: len, data } = t;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < cols; j++) {
      const rj = j * len;
      for (let p = 0; p < j; p++) {
        const rp = p * len;
        let dot = 0;
        for (let i = 0; i < len; i++) dot += (data[rj + i] as number) * (data[rp + i] as number);
        for (let i = 0; i < len; i++)
          data[rj + i] = (data[rj + i] as number) - dot * (data[rp + i] as number);
      }
      let norm = 0;
      for (let i = 0; i < len; i++) norm += (data[rj + i] as number) ** 2;
      norm = Math.sqrt(norm);
      const inv = norm > 1e-300 ? 1 / norm : 0;
      for (let i = 0; i < len; i++) data[rj + i] = (data[rj + i] as number) * inv;
    }
  }
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < cols; j++) a.data[i * cols + j] = data[j * len + i] as number;
}

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as columns.
 */
export function symmetricEigen(s: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = s.rows;
  const a = Float64Array.from(s.data);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (const x of a) total += x * x;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += (a[p * n + q] as number) ** 2;
    // Relative test: the entries' scale depends on the data, so no absolute threshold fits all.
    if (off <= 1e-28 * total) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - sn * akq;
          a[k * n + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - sn * aqk;
          a[q * n + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (x, y) => (a[y * n + y] as number) - (a[x * n + x] as number) || x - y,
  );
  const values = Float64Array.from(order, (i) => a[i * n + i] as number);
  const vectors = zeros(n, n);
  order.forEach((src, dst) => {
    for (let k = 0; k < n; k++) vectors.data[k * n + dst] = v[k * n + src] as number;
  });
  return { values, vectors };
}
