/**
 * Gaussian mixture with diagonal covariances, fitted by EM. Each restart starts from a seeded
 * k-means++ / Lloyd partition; responsibilities are computed in log space (log-sum-exp) so far-away
 * rows do not underflow to an all-zero posterior, and every variance is floored at a share of the
 * feature's overall variance so a component sitting on duplicated rows cannot collapse to a spike of
 * infinite likelihood. The restart with the highest log-likelihood wins; same rng, same result.
 */

import type { Rng } from '../src/rng';
import { kmeans, type Matrix } from './kmeans';

/** Options of {@link fitGmm}. */
export interface GmmOptions {
  /** Independent k-means-initialized EM runs; the highest log-likelihood wins. Default 3. */
  readonly restarts?: number;
  /** EM iterations per run. Default 300. */
  readonly maxIterations?: number;
  /** Stop when the log-likelihood per row changes by less than this. Default 1e-7. */
  readonly tolerance?: number;
  /** Variance floor as a share of each feature's overall variance. Default 1e-3. */
  readonly varianceFloor?: number;
}

/** The mixture's parameters: all a consumer needs to compute membership shares. */
export interface GmmParams {
  readonly k: number;
  readonly cols: number;
  /** Mixing weights, sum 1. */
  readonly weights: Float64Array;
  /** k × cols, row-major. */
  readonly means: Float64Array;
  /** k × cols diagonal variances, row-major, each ≥ the floor. */
  readonly variances: Float64Array;
}

/** A fitted mixture. */
export interface GmmResult extends GmmParams {
  /** Total log-likelihood of the fitted rows. */
  readonly logLikelihood: number;
  /** −2 log L + p ln n with p = (k − 1) + 2·k·cols free parameters; lower is better. */
  readonly bic: number;
  /** Argmax posterior per fitted row (ties → lower component). */
  readonly labels: Int32Array;
  /** Mean over rows of the largest membership share: 1 = hard partition, 1/k = no structure. */
  readonly meanMaxPosterior: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Per-feature variance floor that was applied. */
  readonly floor: Float64Array;
  /** Membership shares of a new row (length k, sums to 1). */
  readonly posterior: (row: ArrayLike<number>) => Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Per-component log w_c − ½ Σ log(2π σ²), the row-independent part of the log density. */
function componentConstants(p: GmmParams): Float64Array {
  const out = new Float64Array(p.k);
  for (let c = 0; c < p.k; c++) {
    let s = Math.log(p.weights[c] as number);
    for (let f = 0; f < p.cols; f++) s -= 0.5 * (LOG_2PI + Math.log(p.variances[c * p.cols + f] as number));
    out[c] = s;
  }
  return out;
}

/**
 * Writes the membership shares of `row` (read from `data` at `offset`) into `out`, returns log p(row).
 * Shared by EM and {@link gmmPosterior} so training and inference use the same arithmetic.
 */
function logPosterior(
  p: GmmParams,
  constants: Float64Array,
  data: ArrayLike<number>,
  offset: number,
  out: Float64Array,
): number {
  const d = p.cols;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < p.k; c++) {
    let s = constants[c] as number;
    for (let f = 0; f < d; f++) {
      const t = (data[offset + f] as number) - (p.means[c * d + f] as number);
      s -= (0.5 * t * t) / (p.variances[c * d + f] as number);
    }
    out[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < p.k; c++) {
    const e = Math.exp((out[c] as number) - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < p.k; c++) out[c] = (out[c] as number) / sum;
  return max + Math.log(sum);
}

/** Membership shares of one row under a mixture (length k, sums to 1). */
export function gmmPosterior(p: GmmParams, row: ArrayLike<number>): Float64Array {
  if (row.length !== p.cols) throw new RangeError(`row has ${row.length} features, the mixture ${p.cols}`);
  const out = new Float64Array(p.k);
  logPosterior(p, componentConstants(p), row, 0, out);
  return out;
}

/** Fits a k-component diagonal mixture to the rows of `x`; see {@link GmmOptions}. */
export function fitGmm(x: Matrix, k: number, rng: Rng, options: GmmOptions = {}): GmmResult {
  const restarts = options.restarts ?? 3;
  const overall = featureVariances(x);
  const share = options.varianceFloor ?? 1e-3;
  // A constant feature has no scale to take a share of; any positive value cancels in the posterior.
  const floor = overall.map((v) => Math.max(share * v, 1e-12));
  let best: Omit<GmmResult, 'bic' | 'posterior' | 'floor'> | undefined;
  for (let r = 0; r < restarts; r++) {
    const start = kmeans(x, k, rng, { restarts: 1 });
    const run = em(
      x,
      k,
      start.labels,
      { floor, overall },
      options.maxIterations ?? 300,
      options.tolerance ?? 1e-7,
    );
    if (best === undefined || run.logLikelihood > best.logLikelihood) best = run;
  }
  const fit = best as Omit<GmmResult, 'bic' | 'posterior' | 'floor'>;
  const params = k - 1 + 2 * k * x.cols;
  return {
    ...fit,
    floor,
    bic: -2 * fit.logLikelihood + params * Math.log(x.rows),
    posterior: (row) => gmmPosterior(fit, row),
  };
}

/** Per-feature variance over all rows (the scale the floor and a re-seeded component use). */
function featureVariances(x: Matrix): Float64Array {
  const { rows: n, cols: d } = x;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) + (x.data[i * d + f] as number);
  for (let f = 0; f < d; f++) mean[f] = (mean[f] as number) / n;
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < d; f++) {
      const t = (x.data[i * d + f] as number) - (mean[f] as number);
      out[f] = (out[f] as number) + t * t;
    }
  }
  for (let f = 0; f < d; f++) out[f] = (out[f] as number) / n;
  return out;
}

interface VarianceScale {
  readonly floor: Float64Array;
  readonly overall: Float64Array;
}

function em(
  x: Matrix,
  k: number,
  start: Int32Array,
  scale: VarianceScale,
  maxIterations: number,
  tolerance: number,
): Omit<GmmResult, 'bic' | 'posterior' | 'floor'> {
  const { rows: n, cols: d } = x;
  const resp = new Float64Array(n * k);
  for (let i = 0; i < n; i++) resp[i * k + (start[i] as number)] = 1;
  const p = {
    k,
    cols: d,
    weights: new Float64Array(k),
    means: new Float64Array(k * d),
    variances: new Float64Array(k * d),
  };
  const rowLog = new Float64Array(n);
  mStep(x, resp, p, scale, rowLog);
  const out = new Float64Array(k);
  let logLikelihood = Number.NEGATIVE_INFINITY;
  let iterations = 0;
  let converged = false;
  while (true) {
    const constants = componentConstants(p);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      rowLog[i] = logPosterior(p, constants, x.data, i * d, out);
      ll += rowLog[i] as number;
      resp.set(out, i * k);
    }
    // EM never decreases the likelihood, so a change below tolerance per row means a fixed point.
    converged = Math.abs(ll - logLikelihood) / n < tolerance;
    logLikelihood = ll;
    if (converged || iterations >= maxIterations) break;
    iterations++;
    mStep(x, resp, p, scale, rowLog);
  }
  const labels = new Int32Array(n);
  let maxShare = 0;
  for (let i = 0; i < n; i++) {
    let bestC = 0;
    for (let c = 1; c < k; c++) if ((resp[i * k + c] as number) > (resp[i * k + bestC] as number)) bestC = c;
    labels[i] = bestC;
    maxShare += resp[i * k + bestC] as number;
  }
  return { ...p, logLikelihood, labels, meanMaxPosterior: maxShare / n, iterations, converged };
}

/** Weights, means and floored variances from the responsibilities (in place). */
function mStep(
  x: Matrix,
  resp: Float64Array,
  p: { k: number; weights: Float64Array; means: Float64Array; variances: Float64Array },
  scale: VarianceScale,
  rowLog: Float64Array,
): void {
  const { floor, overall } = scale;
  const { rows: n, cols: d } = x;
  const k = p.k;
  const mass = new Float64Array(k);
  p.means.fill(0);
  p.variances.fill(0);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c] as number;
      if (r === 0) continue;
      mass[c] = (mass[c] as number) + r;
      for (let f = 0; f < d; f++)
        p.means[c * d + f] = (p.means[c * d + f] as number) + r * (x.data[i * d + f] as number);
    }
  }
  for (let c = 0; c < k; c++) {
    const m = mass[c] as number;
    if (m > 1e-10) for (let f = 0; f < d; f++) p.means[c * d + f] = (p.means[c * d + f] as number) / m;
  }
  // Two passes (mean, then squared deviations) rather than E[x²] − μ², which cancels badly.
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      const r = resp[i * k + c] as number;
      if (r === 0) continue;
      for (let f = 0; f < d; f++) {
        const t = (x.data[i * d + f] as number) - (p.means[c * d + f] as number);
        p.variances[c * d + f] = (p.variances[c * d + f] as number) + r * t * t;
      }
    }
  }
  for (let c = 0; c < k; c++) {
    const m = mass[c] as number;
    if (m > 1e-10) {
      p.weights[c] = m / n;
      for (let f = 0; f < d; f++) {
        p.variances[c * d + f] = Math.max((p.variances[c * d + f] as number) / m, floor[f] as number);
      }
      continue;
    }
    // A component that lost all its mass restarts on the worst-explained row, like k-means' empty cluster.
    let worst = 0;
    for (let i = 1; i < n; i++) if ((rowLog[i] as number) < (rowLog[worst] as number)) worst = i;
    rowLog[worst] = Number.POSITIVE_INFINITY;
    p.weights[c] = 1 / n;
    for (let f = 0; f < d; f++) {
      p.means[c * d + f] = x.data[worst * d + f] as number;
      p.variances[c * d + f] = Math.max(overall[f] as number, floor[f] as number);
    }
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += p.weights[c] as number;
  for (let c = 0; c < k; c++) p.weights[c] = (p.weights[c] as number) / total;
}

/** Argmax-posterior component of every row of `x` (ties → lower component). */
export function gmmAssign(p: GmmParams, x: Matrix): Int32Array {
  if (x.cols !== p.cols) throw new RangeError(`matrix has ${x.cols} features, the mixture ${p.cols}`);
  const constants = componentConstants(p);
  const out = new Float64Array(p.k);
  const labels = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    logPosterior(p, constants, x.data, i * x.cols, out);
    let best = 0;
    for (let c = 1; c < p.k; c++) if ((out[c] as number) > (out[best] as number)) best = c;
    labels[i] = best;
  }
  return labels;
}
