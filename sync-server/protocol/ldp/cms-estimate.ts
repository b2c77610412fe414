/**
 * Count-mean sketch, the server side: a mergeable tally of reports and the debiased per-item
 * frequency estimate with a confidence interval.
 *
 * The tally keeps integers only (reports per row, and per bucket the number of +1 bits), so tallies
 * from several instances or days add up exactly. With c = (e^{ε/2}+1)/(e^{ε/2}−1), n reports, n_j of
 * them in row j and o_{j,l} ones in bucket l of row j, Apple's debiased matrix row-sum for item d is
 *   S(d) = Σ_j [ c·o_{j,h_j(d)} − (c−1)·n_j/2 ]
 *   f̂(d) = m/(m−1) · (S(d) − n/m)                 (unbiased over the choice of hash family)
 * Each report adds Y = (c·ṽ+1)/2 ∈ {(1±c)/2} to S(d), independently, with Var[Y] = (c² − E[v]²)/4,
 * where E[v] = 1 for the device's own item and ≈ −1 + 2/m otherwise. Hence
 *   Var[f̂(d)] ≈ (m/(m−1))² · n · ((c² − 1)/4 + 1/m)
 * (the 1/m term bounds the hash-collision part), and CI = f̂ ± z·√Var. The interval covers the
 * mechanism's noise; with a fixed family an item that shares buckets with a heavy item in several rows
 * also carries a deterministic collision bias, diluted by the number of rows.
 */
import { assertCmsParams, type CmsEncoded, type CmsParams } from './cms';
import { cmsBuckets } from './hash-family';
import { type CellEstimate, DEFAULT_CONFIDENCE, normalInterval, zForConfidence } from './interval';
import { type PublishedCell, publishable } from './threshold';

/** Integer counts of one sketch; all its reports share the same {@link CmsParams}. */
export interface CmsTally {
  readonly params: CmsParams;
  /** Reports received per row. */
  readonly rowReports: Float64Array;
  /** `ones[j·buckets + l]`: reports in row j whose bit l was +1. */
  readonly ones: Float64Array;
}

/** An empty tally for sketches of shape `params`. */
export function createCmsTally(params: CmsParams): CmsTally {
  assertCmsParams(params);
  return {
    params: { hashes: params.hashes, buckets: params.buckets, epsilon: params.epsilon },
    rowReports: new Float64Array(params.hashes),
    ones: new Float64Array(params.hashes * params.buckets),
  };
}

/** Adds one report to the tally in place. */
export function cmsAdd(tally: CmsTally, report: CmsEncoded): void {
  const { hashes, buckets } = tally.params;
  const { row, bits } = report;
  if (!(Number.isInteger(row) && row >= 0 && row < hashes))
    throw new RangeError(`row must be an integer in [0, ${hashes}), got ${row}`);
  if (bits.length !== buckets / 8)
    throw new RangeError(`bits must hold ${buckets / 8} bytes, got ${bits.length}`);
  tally.rowReports[row] = (tally.rowReports[row] ?? 0) + 1;
  const base = row * buckets;
  for (let i = 0; i < bits.length; i++) {
    const byte = bits[i] ?? 0;
    if (byte === 0) continue;
    for (let b = 0; b < 8; b++)
      if (byte & (1 << b)) tally.ones[base + i * 8 + b] = (tally.ones[base + i * 8 + b] ?? 0) + 1;
  }
}

/** A new tally holding both inputs; throws if their shapes or epsilons differ. */
export function cmsMerge(a: CmsTally, b: CmsTally): CmsTally {
  const pa = a.params;
  const pb = b.params;
  if (pa.hashes !== pb.hashes || pa.buckets !== pb.buckets || pa.epsilon !== pb.epsilon)
    throw new RangeError('cannot merge sketches with different hashes, buckets or epsilon');
  const out = createCmsTally(pa);
  for (let i = 0; i < out.rowReports.length; i++)
    out.rowReports[i] = (a.rowReports[i] ?? 0) + (b.rowReports[i] ?? 0);
  for (let i = 0; i < out.ones.length; i++) out.ones[i] = (a.ones[i] ?? 0) + (b.ones[i] ?? 0);
  return out;
}

/** Number of reports in the tally. */
export function cmsTotal(tally: CmsTally): number {
  return tally.rowReports.reduce((s, x) => s + x, 0);
}

/** Debiased count estimate with variance and interval for each item, in the order given. */
export function cmsEstimate(
  tally: CmsTally,
  items: readonly string[],
  confidence: number = DEFAULT_CONFIDENCE,
): CellEstimate[] {
  const z = zForConfidence(confidence);
  const { hashes, buckets: m, epsilon } = tally.params;
  const e = Math.exp(epsilon / 2);
  const c = (e + 1) / (e - 1);
  const n = cmsTotal(tally);
  const scale = m / (m - 1);
  const variance = scale * scale * n * ((c * c - 1) / 4 + 1 / m);
  return items.map((item) => {
    const h = cmsBuckets(item, hashes, m);
    let s = 0;
    for (let j = 0; j < hashes; j++) {
      const nj = tally.rowReports[j] ?? 0;
      s += c * (tally.ones[j * m + (h[j] ?? 0)] ?? 0) - ((c - 1) * nj) / 2;
    }
    return normalInterval(scale * (s - n / m), variance, z);
  });
}

/**
 * {@link cmsEstimate} for a sketch in which one known value, `heavy`, may hold a large share of the
 * reports (the "no item" of a day without a view). The −n/m term above assumes every other report
 * lands in item d's bucket at the rate 1/m; with the protocol's fixed hash family an item that shares
 * its bucket with `heavy` in r of the H rows instead receives m/(m−1)·f(heavy)·(r/H − 1/m) on average
 * (one colliding row: ≈ 1.5 % of every "no item" report). That bias is estimated from f̂(heavy) and
 * subtracted; the variance gains coefficient²·Var f̂(heavy), ignoring their (non-negative) covariance,
 * which keeps the interval conservative. `heavy` itself is never among the estimates.
 */
export function cmsEstimateAround(
  tally: CmsTally,
  items: readonly string[],
  heavy: string,
  confidence: number = DEFAULT_CONFIDENCE,
): CellEstimate[] {
  const z = zForConfidence(confidence);
  const { hashes, buckets: m } = tally.params;
  const [h] = cmsEstimate(tally, [heavy], confidence);
  const fHeavy = h?.estimate ?? 0;
  const varHeavy = h?.variance ?? 0;
  const heavyBuckets = cmsBuckets(heavy, hashes, m);
  const plain = cmsEstimate(tally, items, confidence);
  return plain.map((cell, i) => {
    const item = items[i] ?? '';
    if (item === heavy) return normalInterval(0, 0, z);
    const b = cmsBuckets(item, hashes, m);
    let shared = 0;
    for (let j = 0; j < hashes; j++) if (b[j] === heavyBuckets[j]) shared += 1;
    const coef = (m / (m - 1)) * (shared / hashes - 1 / m);
    return normalInterval(cell.estimate - coef * fHeavy, cell.variance + coef * coef * varHeavy, z);
  });
}

/** The items that pass the k-threshold (see ./threshold.ts) over the catalog `items`; `index` points into it. */
export function cmsPublishable(
  tally: CmsTally,
  items: readonly string[],
  k?: number,
  alpha?: number,
  confidence: number = DEFAULT_CONFIDENCE,
): PublishedCell[] {
  return publishable(cmsEstimate(tally, items, confidence), cmsTotal(tally), k, alpha);
}
