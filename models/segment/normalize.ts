/**
 * Fits the preprocessing that the ONNX graph applies to raw features: log1p for heavy-tailed
 * features, outlier clipping, then weighted z-scaling.
 *
 * Outliers: Tukey fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR) on the log-scaled value. IQR is robust to the
 * very outliers it is meant to catch (UCI has wholesale customers with 100× the median spend), unlike a
 * z-score rule whose mean and σ they inflate. A feature whose IQR is 0 (a share that is 0 for most
 * customers) would be clipped to a single value, so it falls back to mean ± 3σ fences instead.
 */
import type { Matrix } from './kmeans';

/** Per-feature preprocessing, float32 because that is what the graph stores and computes with. */
export interface Normalizer {
  /** 1 where the feature is log1p-scaled first, else 0. */
  readonly logMask: Float32Array;
  readonly lo: Float32Array;
  readonly hi: Float32Array;
  readonly center: Float32Array;
  /** Feature weight / standard deviation (0 for a constant feature, which then carries no weight). */
  readonly scale: Float32Array;
}

/** Tukey fence multiplier. */
export const IQR_FENCE = 1.5;
/** Fallback fences at mean ± this many σ when the IQR is 0. */
export const Z_FENCE = 3;

/**
 * Feature weights: each of the RFM features counts 1; the time-of-day/weekday group and the affinity
 * group each count 1 in total (every member 1/√size), so 12 affinity shares cannot outvote value and
 * recency, which is what the segments must be about.
 */
export function featureWeights(names: readonly string[], rfm: readonly string[]): number[] {
  const affinity = names.filter((n) => n.startsWith('affinity_')).length;
  const context = names.length - affinity - rfm.length;
  return names.map((n) => {
    if (rfm.includes(n)) return 1;
    return 1 / Math.sqrt(n.startsWith('affinity_') ? affinity : context);
  });
}

/** The graph's first step for one value: log1p (as Log(Max(x, 0) + 1)) where masked, else x. */
export function logStep(v: number, log: boolean): number {
  return log ? Math.log(Math.max(v, 0) + 1) : v;
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (b - a) * (pos - lo);
}

/** Fits fences, centre and scale on the raw training matrix. */
export function fitNormalizer(
  x: Matrix,
  logMask: readonly boolean[],
  weights: readonly number[],
): Normalizer {
  const d = x.cols;
  const n = x.rows;
  const out: Normalizer = {
    logMask: new Float32Array(d),
    lo: new Float32Array(d),
    hi: new Float32Array(d),
    center: new Float32Array(d),
    scale: new Float32Array(d),
  };
  const col = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    const log = logMask[f] === true;
    for (let i = 0; i < n; i++) col[i] = logStep(x.data[i * d + f] as number, log);
    const sorted = Float64Array.from(col).sort();
    const min = sorted[0] as number;
    const max = sorted[n - 1] as number;
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    let lo = q1 - IQR_FENCE * (q3 - q1);
    let hi = q3 + IQR_FENCE * (q3 - q1);
    if (q3 === q1) {
      const { mean, std } = moments(col, -Infinity, Infinity);
      lo = mean - Z_FENCE * std;
      hi = mean + Z_FENCE * std;
    }
    lo = Math.fround(Math.max(lo, min));
    hi = Math.fround(Math.min(hi, max));
    const { mean, std } = moments(col, lo, hi);
    out.logMask[f] = log ? 1 : 0;
    out.lo[f] = lo;
    out.hi[f] = hi;
    out.center[f] = mean;
    out.scale[f] = std > 1e-12 ? (weights[f] ?? 1) / std : 0;
  }
  return out;
}

function moments(col: Float64Array, lo: number, hi: number): { mean: number; std: number } {
  let sum = 0;
  for (const v of col) sum += Math.min(hi, Math.max(lo, v));
  const mean = sum / col.length;
  let ss = 0;
  for (const v of col) ss += (Math.min(hi, Math.max(lo, v)) - mean) ** 2;
  return { mean, std: Math.sqrt(ss / col.length) };
}

/** Applies the preprocessing to one raw row, as the graph does (into `out`). */
export function standardizeRow(raw: ArrayLike<number>, p: Normalizer, out: Float64Array, offset = 0): void {
  for (let f = 0; f < p.center.length; f++) {
    const t = logStep(raw[f] as number, p.logMask[f] === 1);
    const c = Math.min(p.hi[f] as number, Math.max(p.lo[f] as number, t));
    out[offset + f] = (c - (p.center[f] as number)) * (p.scale[f] as number);
  }
}

/** Applies {@link standardizeRow} to every row. */
export function standardize(x: Matrix, p: Normalizer): Matrix {
  const data = new Float64Array(x.rows * x.cols);
  for (let i = 0; i < x.rows; i++)
    standardizeRow(x.data.subarray(i * x.cols, (i + 1) * x.cols), p, data, i * x.cols);
  return { rows: x.rows, cols: x.cols, data };
}
