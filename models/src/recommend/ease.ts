/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders for Sparse Data"): the item-item weight
 * matrix B minimizing ‖X − X·B‖² + λ‖B‖² with diag(B) = 0 has the closed form
 * B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹. Unlike item-kNN, B accounts for all other items at
 * once (a co-purchase explained by a third item is discounted), which is where its accuracy comes
 * from. Item text joins as extra rows of X ("collective" EASE, Jeunen et al. 2020): for an item
 * with few buyers the text rows dominate its column of the Gram matrix, for a popular one they
 * hardly matter, so the blend follows each item's support without a hand-set rule.
 */
import type { IndexSet } from '../item-knn';
import { invertSpd } from './linalg';

/** Gram matrix XᵀX (row-major n×n) of the binary user×item matrix: co-occurrence counts. */
export function gramMatrix(sets: readonly IndexSet[], n: number): Float64Array {
  const g = new Float64Array(n * n);
  for (const s of sets) {
    for (let a = 0; a < s.length; a++) {
      const i = s[a] as number;
      const row = i * n;
      for (let b = 0; b < s.length; b++) {
        const j = s[b] as number;
        g[row + j] = (g[row + j] as number) + 1;
      }
    }
  }
  return g;
}

/** Options of {@link easeWeights}. */
export interface EaseOptions {
  /** L2 regularization λ added to the Gram diagonal. */
  readonly lambda: number;
  /** γ: weight of the item-text Gram (cosine similarities) added to XᵀX; 0 = no text. */
  readonly textWeight: number;
}

/**
 * The EASE weights B (row-major n×n, zero diagonal): score_j = Σ_i x_i·B[i][j].
 * `textSim` is the n×n item-text cosine matrix, used only when `textWeight` > 0.
 */
export function easeWeights(
  gram: Float64Array,
  n: number,
  options: EaseOptions,
  textSim?: Float64Array,
): Float64Array {
  const g = Float64Array.from(gram);
  if (textSim && options.textWeight > 0) {
    for (let i = 0; i < g.length; i++) g[i] = (g[i] as number) + options.textWeight * (textSim[i] as number);
  }
  for (let i = 0; i < n; i++) g[i * n + i] = (g[i * n + i] as number) + options.lambda;
  const p = invertSpd({ rows: n, cols: n, data: g }).data;
  const b = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const d = p[j * n + j] as number;
    // 0 − x rather than −x: an exact zero stays +0 (no −0 in the exported bytes).
    for (let i = 0; i < n; i++) if (i !== j) b[i * n + j] = 0 - (p[i * n + j] as number) / d;
  }
  return b;
}
