/**
 * Classification figures for report.json's `intent` entries. Macro-F1 averages over every class that
 * occurs in the truth or the predictions (scikit-learn's default), so a class the model never
 * predicts counts as F1 = 0 rather than disappearing from the average.
 */

/** Accuracy, macro-F1 and, when the data has out-of-scope rows, their recall. */
export interface IntentMetrics {
  readonly accuracy: number;
  readonly macroF1: number;
  /** Share of out-of-scope test messages rejected by the threshold; absent when there are none. */
  readonly oosRecall?: number;
  /**
   * In-scope accuracy with rejection (Larson et al. 2019): share of in-scope test messages that reach
   * the threshold with the right intent; a rejected in-scope message counts as wrong.
   */
  readonly inScopeAccuracy?: number;
}

/** Share of rows where the prediction equals the truth (0 when empty). */
export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hit = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hit++;
  return truth.length ? hit / truth.length : 0;
}

/** Unweighted mean of per-class F1 over classes seen in `truth` or `predicted` (0 when empty). */
export function macroF1(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const tp = new Map<number, number>();
  const fp = new Map<number, number>();
  const fn = new Map<number, number>();
  const inc = (m: Map<number, number>, k: number): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  const classes = new Set<number>();
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] ?? -1;
    const p = predicted[i] ?? -1;
    classes.add(t);
    classes.add(p);
    if (t === p) inc(tp, t);
    else {
      inc(fp, p);
      inc(fn, t);
    }
  }
  if (classes.size === 0) return 0;
  let sum = 0;
  for (const k of classes) {
    const t = tp.get(k) ?? 0;
    const denom = 2 * t + (fp.get(k) ?? 0) + (fn.get(k) ?? 0);
    sum += denom ? (2 * t) / denom : 0;
  }
  return sum / classes.size;
}
