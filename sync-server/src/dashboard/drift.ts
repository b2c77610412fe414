/**
 * Drift: do the visitors of the last {@link DRIFT_WINDOW_DAYS} days still look like the data the served
 * model was trained or calibrated on? Two shares are compared with the references of the manifest the
 * reports were made against (./labels.ts):
 *  - segments: each model segment's share among visitors with purchases, r_i = f_i / Σ_{j<S} f_j
 *    (= p_i/(1 − p_rule)), against `models.segment.segments[i].share`; training customers all have
 *    purchases, so the rule segment is left out of both;
 *  - out of scope: the share of chats the threshold rejected, f_oos / Σ_{v≤oos} f_v
 *    (= p_oos/(1 − p_nochat)), against 1 − `models.intent.acceptance`.
 *
 * Noise. One k-RR report over d values at ε keeps its value with p = e^ε/(e^ε+d−1) and otherwise moves
 * to each other value with q = 1/(e^ε+d−1); with response shares π̂ = c/n the debiased share is
 * (π̂ − q)/(p − q), and the counts f̂ have Cov = n·M(π̂)/(p − q)², M(π) = diag π − ππᵀ (its diagonal is
 * {@link krrShareVariance}). A ratio's variance is the delta method gᵀ·Cov·g over that covariance
 * (../../protocol/ldp/significance.ts), so the multinomial covariance between cells is included.
 *
 * Days are not independent samples for segments. `segment_share` is memoized: a device keeps one
 * permanent response P (k-RR at ε₁) and sends it re-randomized at ε₂ each day, so two reports of one
 * device share P and Cov(e_Rt, e_Rs) = s²·Cov(e_P), s = p₂ − q₂. With devices drawn from the window's
 * mix, Cov(e_P) = M(π̄₁), π̄₁ = q₁ + (p₁ − q₁)·θ (θ the true shares); with fixed devices the average of
 * their Cov(e_P | v) is below M(π̄₁) (Jensen). A device makes at most one daily set a day, so it has at
 * most m = {@link DRIFT_WINDOW_DAYS} reports in the window and each report at most m − 1 partners:
 *   Cov(f̂_window) ⪯ N·[M(π̂) + (m − 1)·s²·M(π̄₁)]/(p − q)²                      ({@link memoWindowCovariance})
 * whatever the devices' activity, N the window's reports. This is conservative where devices report
 * on fewer days (the typical case) and exact when every device reports every day (drift.test.ts checks
 * both against Monte Carlo). For the shipped 4 segments (s² ≈ 0.19) a share's variance is about 3.1
 * times what independent days would give (margins 1.8 times wider); the cruder bound "every device
 * every day, its days perfectly correlated" (the mean of the daily variances) would be 14 times, and
 * would hide a 20-point shift on a site of 2,000 devices a day.
 * Reports at another ε than the table's (no such client is accepted) count as perfectly shared
 * (s²·M(π̄₁) replaced by M(π̂)). Sets queued offline before the window and delivered in it can give a
 * device more than m reports; they are rare and the bound does not cover them.
 * `intent_count` is drawn fresh each report, so the window's reports are pooled as they are: its
 * multinomial variance even includes the sampling of the visitors' true values.
 *
 * Verdict. A metric is drifting only when some category is both statistically (|z| = |r̂ − r₀|/σ̂
 * beyond the Bonferroni critical value of {@link DRIFT_ALPHA} over the categories tested: two-sided per
 * segment, one-sided for out of scope, where only a rise means visitors ask what the model does not
 * cover) and practically ({@link DRIFT_MIN_EFFECT}) different. Below {@link DRIFT_MIN_REPORTS}, or when
 * a cell the verdict shows or implies does not pass the k-threshold over the window (for k devices,
 * with the conservative variance), it says "not enough reports", so a verdict never speaks of a cell
 * the dashboard would hide (the wording is ./drift-reason.ts).
 */
import { krrEstimate, krrKeepProbability, krrMemoEpsilon } from '../../protocol/krr';
import { normalQuantile } from '../../protocol/ldp/interval';
import {
  type DebiasedCounts,
  debiasWithCovariance,
  type EpsilonCounts,
  ratioEstimate,
  sumCells,
} from '../../protocol/ldp/significance';
import { isPublishable, thresholdZ } from '../../protocol/ldp/threshold';
import { METRIC_TABLE, sameEpsilon } from '../../protocol/metric-table';
import { verdictOf } from './drift-reason';
import {
  DRIFT_ALPHA,
  DRIFT_MIN_EFFECT,
  DRIFT_MIN_REPORTS,
  DRIFT_WINDOW_DAYS,
  type DriftCategory,
  type DriftVerdict,
} from './drift-types';
import { type PeriodCounts, pooledCounts } from './periods';

/**
 * Var of one debiased k-RR share (f̂ = (c/n − q)/(p − q)) when the true share is `share`:
 * π(1 − π)/(n·(p − q)²), π = share·(p − q) + q the probability of reporting the value. With the
 * observed response share as π this is the plug-in every interval here uses.
 */
export function krrShareVariance(share: number, reports: number, domain: number, epsilon: number): number {
  const p = krrKeepProbability(domain, epsilon);
  const q = (1 - p) / (domain - 1);
  const pi = share * (p - q) + q;
  return (pi * (1 - pi)) / (reports * (p - q) ** 2);
}

/** n·M(π) = n·(diag π − ππᵀ), added into `into` scaled by `scale`. */
function addMultinomial(into: number[][], pi: readonly number[], scale: number): void {
  for (const [i, row] of into.entries())
    for (let j = 0; j < pi.length; j++)
      row[j] = (row[j] ?? 0) + scale * ((i === j ? (pi[i] ?? 0) : 0) - (pi[i] ?? 0) * (pi[j] ?? 0));
}

/** A memoized metric's two epsilons: its permanent draw's, and the daily re-randomization's. */
export interface MemoEpsilons {
  readonly permanentEpsilon: number;
  readonly instantEpsilon: number;
}

/**
 * Debiased window counts of a memoized k-RR metric with the covariance bound of the module comment:
 * N·[M(π̂) + (m − 1)·s²·M(π̄₁)]/(p − q)² per epsilon group, m = `maxReportsPerDevice`. Groups are
 * different devices (the table fixes one ε per domain), so they add.
 */
export function memoWindowCovariance(
  groups: readonly EpsilonCounts[],
  memo: MemoEpsilons,
  maxReportsPerDevice: number,
): DebiasedCounts {
  const d = groups[0]?.counts.length ?? 0;
  const estimate = new Array<number>(d).fill(0);
  const covariance = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let total = 0;
  for (const group of groups) {
    const n = group.counts.reduce((a, b) => a + b, 0);
    if (n === 0 || group.counts.length !== d) continue;
    total += n;
    const f = krrEstimate(group.counts, group.epsilon);
    for (const [i, e] of f.entries()) estimate[i] = (estimate[i] ?? 0) + e;
    const p = krrKeepProbability(d, group.epsilon);
    const pq2 = (p - (1 - p) / (d - 1)) ** 2;
    const pi = group.counts.map((c) => c / n);
    addMultinomial(covariance, pi, n / pq2);
    const partners = Math.max(0, maxReportsPerDevice - 1);
    if (!sameEpsilon(group.epsilon, krrMemoEpsilon(d, memo.permanentEpsilon, memo.instantEpsilon))) {
      addMultinomial(covariance, pi, (n * partners) / pq2);
      continue;
    }
    const clipped = f.map((x) => Math.min(n, Math.max(0, x)));
    const sum = clipped.reduce((a, b) => a + b, 0);
    const theta = clipped.map((x) => (sum > 0 ? x / sum : 1 / d));
    const p1 = krrKeepProbability(d, memo.permanentEpsilon);
    const q1 = (1 - p1) / (d - 1);
    const p2 = krrKeepProbability(d, memo.instantEpsilon);
    const s = p2 - (1 - p2) / (d - 1);
    addMultinomial(
      covariance,
      theta.map((t) => q1 + (p1 - q1) * t),
      (n * partners * s * s) / pq2,
    );
  }
  return { total, estimate, covariance };
}

/** The ratio of `num` over `den` with its z against `reference`. */
function compare(d: DebiasedCounts, num: number, den: readonly number[], reference: number, label: string) {
  const r = ratioEstimate(d, [num], den);
  const standardError = Math.sqrt(Math.max(0, r.variance));
  return {
    label,
    estimate: r.estimate,
    reference,
    standardError,
    z: (r.estimate - reference) / standardError,
  };
}

/**
 * Whether every one of `cells` passes the k-threshold over the window (../../protocol/ldp/threshold.ts,
 * Bonferroni over the cells the verdict shows) for k devices: a device has at most
 * {@link DRIFT_WINDOW_DAYS} reports in the window, so k of them take k × that many reports. All or
 * nothing: dropping the days or cells that fail would keep the noisy-high ones and bias the test.
 */
function windowPublishable(d: DebiasedCounts, cells: readonly (readonly number[])[], k: number): boolean {
  const z = thresholdZ(cells.length);
  return cells.every((c) => isPublishable(sumCells(d, c), d.total, z, k * DRIFT_WINDOW_DAYS));
}

const reportsOf = (daily: readonly PeriodCounts[]) => ({
  reports: daily.reduce((s, d) => s + d.groups.reduce((t, g) => t + g.total, 0), 0),
  days: daily.filter((d) => d.groups.some((g) => g.total > 0)).length,
});

/** What {@link segmentDrift} compares. */
export interface SegmentDriftInput {
  /** The window's `segment_share` counts per day (domain = segments + 1, the rule segment last). */
  readonly daily: readonly PeriodCounts[];
  /** Model segment names, the rule segment excluded. */
  readonly labels: readonly string[];
  /** Training share of each model segment, or null when the manifest has none. */
  readonly reference: readonly number[] | null;
  readonly k: number;
}

/**
 * The segment drift verdict, given only when every segment cell of the window (the rule segment's
 * too, which the shares among purchasers imply) passes the k-threshold.
 */
export function segmentDrift(input: SegmentDriftInput): DriftVerdict {
  const { labels, reference, k } = input;
  const metric = 'segment_share';
  if (labels.length < 1 || !reference || reference.length !== labels.length)
    return verdictOf(metric, { state: 'no reference', reports: 0, days: 0 });
  const { reports, days } = reportsOf(input.daily);
  if (reports < DRIFT_MIN_REPORTS) return verdictOf(metric, { state: 'not enough reports', reports, days });
  const spec = METRIC_TABLE.segment_share;
  const memo = spec.encoding === 'krr' && spec.memo ? spec : { permanentEpsilon: 0, instantEpsilon: 0 };
  const d = memoWindowCovariance(pooledCounts(input.daily), memo, DRIFT_WINDOW_DAYS);
  const all = Array.from({ length: labels.length + 1 }, (_, i) => [i]);
  if (d.estimate.length !== labels.length + 1 || !windowPublishable(d, all, k))
    return verdictOf(metric, { state: 'not enough reports', reports, days, belowK: true });
  const model = labels.map((_, i) => i);
  const critical = normalQuantile(1 - DRIFT_ALPHA / (2 * labels.length));
  const categories: DriftCategory[] = labels.map((label, i) => {
    const c = compare(d, i, model, reference[i] ?? 0, label);
    const drifting = Math.abs(c.z) > critical && Math.abs(c.estimate - c.reference) >= DRIFT_MIN_EFFECT;
    return { ...c, drifting };
  });
  return verdictOf(metric, { reports, days, critical, categories });
}

/** What {@link outOfScopeDrift} compares. */
export interface OutOfScopeDriftInput {
  /** The window's `intent_count` counts per day (domain = intents + 2: out of scope, then no chat). */
  readonly daily: readonly PeriodCounts[];
  /** 1 − the calibrated acceptance, or null when the manifest has none. */
  readonly reference: number | null;
  readonly k: number;
}

/**
 * The out-of-scope drift verdict, given only when the out-of-scope cell and the chats (every cell but
 * "no chat") pass the k-threshold over the window.
 */
export function outOfScopeDrift(input: OutOfScopeDriftInput): DriftVerdict {
  const metric = 'out_of_scope';
  const { reference, k } = input;
  if (reference === null || !(reference >= 0 && reference < 1))
    return verdictOf(metric, { state: 'no reference', reports: 0, days: 0 });
  const { reports, days } = reportsOf(input.daily);
  const d = debiasWithCovariance(pooledCounts(input.daily));
  const domain = d.estimate.length;
  if (reports < DRIFT_MIN_REPORTS || domain < 3)
    return verdictOf(metric, { state: 'not enough reports', reports, days });
  const oos = domain - 2;
  const chats = Array.from({ length: oos + 1 }, (_, v) => v);
  if (!windowPublishable(d, [[oos], chats], k))
    return verdictOf(metric, { state: 'not enough reports', reports, days, belowK: true });
  const critical = normalQuantile(1 - DRIFT_ALPHA);
  const c = compare(d, oos, chats, reference, 'out of scope');
  const drifting = c.z > critical && c.estimate - c.reference >= DRIFT_MIN_EFFECT;
  return verdictOf(metric, { reports, days, critical, categories: [{ ...c, drifting }] });
}
