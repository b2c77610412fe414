/**
 * Ratios of debiased k-RR cells and significance tests between experiment variants, with variances
 * that include the randomized-response noise.
 *
 * For one epsilon group of n reports over k cells, the reported counts C are Multinomial(n, π) with
 * π = q + (p−q)·θ (θ the true shares), so the debiased counts f̂ = (C − n·q)/(p−q) have
 *   Cov(f̂_i, f̂_j) = n·(π_i·δ_ij − π_i·π_j)/(p−q)²          (estimated with π̂ = C/n).
 * Epsilon groups are independent devices, so estimates and covariances add. A ratio of cell sums
 * r = Σ_{num} f / Σ_{den} f gets its variance by the delta method, gᵀ·Cov·g with
 *   g_i = [i ∈ num]/D − [i ∈ den]·N/D².
 * For `experiment_conversion` (value = variant·2 + converted) the rate of variant v is cells {2v+1}
 * over {2v, 2v+1}; the difference of two rates is again linear in the gradients, so the two-proportion
 * z-test below is a Wald test whose variance carries both the sampling and the LDP noise. Ignoring the
 * LDP term (treating n̂, ĉ as exact binomial counts) understates the variance several-fold at ε ≈ 1.
 */
import { krrEstimate, krrKeepProbability } from '../krr';
import { type CellEstimate, DEFAULT_CONFIDENCE, normalInterval, zForConfidence } from './interval';

/** Reported-value counts of one epsilon group (structurally the server's `KrrCounts`). */
export interface EpsilonCounts {
  readonly epsilon: number;
  readonly counts: readonly number[];
}

/** Debiased counts of one metric, summed over epsilon groups, with their full covariance matrix. */
export interface DebiasedCounts {
  /** Number of reports. */
  readonly total: number;
  readonly estimate: readonly number[];
  /** `covariance[i][j]` = Cov(f̂_i, f̂_j). */
  readonly covariance: readonly (readonly number[])[];
}

/** Debiases every epsilon group and sums estimates and covariances (groups are independent). */
export function debiasWithCovariance(groups: readonly EpsilonCounts[]): DebiasedCounts {
  const k = groups[0]?.counts.length ?? 0;
  const estimate = new Array<number>(k).fill(0);
  const covariance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let total = 0;
  for (const group of groups) {
    if (group.counts.length !== k) throw new RangeError('every epsilon group must have the same domain');
    const n = group.counts.reduce((a, b) => a + b, 0);
    if (n === 0) continue;
    total += n;
    const p = krrKeepProbability(k, group.epsilon);
    const scale = n / (p - (1 - p) / (k - 1)) ** 2;
    const pi = group.counts.map((c) => c / n);
    for (const [i, e] of krrEstimate(group.counts, group.epsilon).entries()) {
      estimate[i] = (estimate[i] ?? 0) + e;
      const row = covariance[i] ?? [];
      for (let j = 0; j < k; j++) {
        const pij = (i === j ? (pi[i] ?? 0) : 0) - (pi[i] ?? 0) * (pi[j] ?? 0);
        row[j] = (row[j] ?? 0) + scale * pij;
      }
    }
  }
  return { total, estimate, covariance };
}

/** wᵀ·Cov·w: the variance of the linear combination Σ w_i·f̂_i. */
export function quadraticForm(d: DebiasedCounts, w: readonly number[]): number {
  let s = 0;
  for (const [i, row] of d.covariance.entries())
    for (const [j, c] of row.entries()) s += (w[i] ?? 0) * c * (w[j] ?? 0);
  return Math.max(0, s);
}

/** A cell-sum estimate with its interval, in devices. */
export function sumCells(
  d: DebiasedCounts,
  cells: readonly number[],
  confidence = DEFAULT_CONFIDENCE,
): CellEstimate {
  const w = new Array<number>(d.estimate.length).fill(0);
  for (const i of cells) w[i] = 1;
  const e = cells.reduce((s, i) => s + (d.estimate[i] ?? 0), 0);
  return normalInterval(e, quadraticForm(d, w), zForConfidence(confidence));
}

/** A ratio of cell sums: the rate, its delta-method variance and gradient, and its denominator. */
export interface RatioEstimate extends CellEstimate {
  /** ∂r/∂f̂_i, for combining ratios (e.g. a difference of two rates). */
  readonly gradient: readonly number[];
  /** The denominator cell sum, in devices: what the k-threshold is applied to. */
  readonly denominator: CellEstimate;
}

/** r̂ = Σ_{num} f̂ / Σ_{den} f̂ (`num` ⊆ `den`) with its delta-method interval. */
export function ratioEstimate(
  d: DebiasedCounts,
  num: readonly number[],
  den: readonly number[],
  confidence = DEFAULT_CONFIDENCE,
): RatioEstimate {
  const denominator = sumCells(d, den, confidence);
  const N = num.reduce((s, i) => s + (d.estimate[i] ?? 0), 0);
  const D = denominator.estimate;
  const gradient = new Array<number>(d.estimate.length).fill(0);
  if (!(D > 0)) {
    const nan = normalInterval(Number.NaN, Number.NaN, 1);
    return { ...nan, gradient, denominator };
  }
  for (const i of den) gradient[i] = -N / (D * D);
  for (const i of num) gradient[i] = (gradient[i] ?? 0) + 1 / D;
  const r = N / D;
  return {
    ...normalInterval(r, quadraticForm(d, gradient), zForConfidence(confidence)),
    gradient,
    denominator,
  };
}

/**
 * Q(a, x) = Γ(a, x)/Γ(a), the regularized upper incomplete gamma function (series for x < a+1, else
 * Lentz's continued fraction, as in Numerical Recipes §6.2). Chi-square survival is Q(df/2, x/2).
 */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 1;
  const lnPre = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPre));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let dd = 1 / b;
  let h = dd;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    dd = an * dd + b;
    if (Math.abs(dd) < tiny) dd = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    dd = 1 / dd;
    const delta = dd * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(lnPre) * h;
}

// Lanczos approximation (g = 7, n = 9); accurate to about 1e-15 for the half-integers used here.
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];

function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let a = LANCZOS[0] ?? 0;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] ?? 0) / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|) = Q(½, z²/2). */
export function twoSidedP(z: number): number {
  return Number.isFinite(z) ? gammaQ(0.5, (z * z) / 2) : Number.NaN;
}

/** Survival function of the chi-square distribution with `df` degrees of freedom. */
export function chiSquareP(statistic: number, df: number): number {
  return gammaQ(df / 2, statistic / 2);
}

/** One arm of an experiment: exposed and converted devices and the conversion rate. */
export interface VariantEstimate {
  readonly variant: number;
  readonly exposed: CellEstimate;
  readonly converted: CellEstimate;
  readonly rate: RatioEstimate;
}

/** A variant against the control (variant 0): Wald two-proportion z-test with LDP-aware variance. */
export interface VariantComparison {
  readonly variant: number;
  /** r̂_variant − r̂_control with its interval. */
  readonly difference: CellEstimate;
  readonly z: number;
  /** Two-sided p-value. */
  readonly p: number;
}

/** Everything the dashboard shows about one experiment. */
export interface ConversionAnalysis {
  readonly total: number;
  readonly variants: readonly VariantEstimate[];
  readonly comparisons: readonly VariantComparison[];
  /** Wald chi-square test that every variant converts at the same rate (df = variants − 1). */
  readonly chiSquare: { readonly statistic: number; readonly df: number; readonly p: number };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting; undefined when A is singular. */
function solve(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    const pr = m[pivot] ?? [];
    if (!(Math.abs(pr[col] ?? 0) > 1e-300)) return undefined;
    [m[col], m[pivot]] = [pr, m[col] ?? []];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] ?? [];
      const f = (row[col] ?? 0) / (pr[col] ?? 1);
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - f * (pr[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

/**
 * Analyzes `experiment_conversion` counts (domain 2·variants, value = variant·2 + converted): per
 * variant n̂_v, ĉ_v and r̂_v, each variant against variant 0, and the joint chi-square test.
 */
export function analyzeConversion(
  groups: readonly EpsilonCounts[],
  confidence = DEFAULT_CONFIDENCE,
): ConversionAnalysis {
  const d = debiasWithCovariance(groups);
  const count = Math.floor(d.estimate.length / 2);
  const z = zForConfidence(confidence);
  const variants = Array.from({ length: count }, (_, v) => ({
    variant: v,
    exposed: sumCells(d, [2 * v, 2 * v + 1], confidence),
    converted: sumCells(d, [2 * v + 1], confidence),
    rate: ratioEstimate(d, [2 * v + 1], [2 * v, 2 * v + 1], confidence),
  }));
  const control = variants[0];
  const rows: number[][] = [];
  const diffs: number[] = [];
  const comparisons = variants.slice(1).map((arm) => {
    const g = arm.rate.gradient.map((x, i) => x - (control?.rate.gradient[i] ?? 0));
    const diff = arm.rate.estimate - (control?.rate.estimate ?? Number.NaN);
    const variance = quadraticForm(d, g);
    rows.push(g);
    diffs.push(diff);
    const stat = diff / Math.sqrt(variance);
    return {
      variant: arm.variant,
      difference: normalInterval(diff, variance, z),
      z: stat,
      p: twoSidedP(stat),
    };
  });
  const cov = rows.map((gi) =>
    rows.map((gj) => {
      let s = 0;
      for (const [a, row] of d.covariance.entries())
        for (const [b, c] of row.entries()) s += (gi[a] ?? 0) * c * (gj[b] ?? 0);
      return s;
    }),
  );
  const x = diffs.every(Number.isFinite) ? solve(cov, diffs) : undefined;
  const statistic = x ? x.reduce((s, xi, i) => s + xi * (diffs[i] ?? 0), 0) : Number.NaN;
  const df = Math.max(1, count - 1);
  return {
    total: d.total,
    variants,
    comparisons,
    chiSquare: { statistic, df, p: Number.isFinite(statistic) ? chiSquareP(statistic, df) : Number.NaN },
  };
}
