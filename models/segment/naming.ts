/**
 * Readable segment names from what the typical member looks like, compared with all customers:
 * lifecycle (lapsed / new / active), frequency (one-time / occasional / frequent) and value
 * (low-spend / mid-spend / high-value), each decided against the population's tertiles.
 */
import type { SegmentKey } from '../features/manifest';
import type { Matrix } from './kmeans';

/** The typical member of one segment (medians of raw features) and its size. */
export interface SegmentProfile {
  readonly recencyDays: number;
  readonly tenureDays: number;
  readonly orders: number;
  readonly spend: number;
  /** Share of customers in the segment. */
  readonly share: number;
  /** Label of the text cluster most over-represented in the segment's purchases (lift over the mean). */
  readonly topCluster?: string;
  /** Segment mean affinity share / overall mean for that cluster. */
  readonly topClusterLift?: number;
}

/** Population tertile cut points [p33, p67] of the RFM features. */
export interface Tertiles {
  readonly recencyDays: readonly [number, number];
  readonly tenureDays: readonly [number, number];
  readonly orders: readonly [number, number];
  readonly spend: readonly [number, number];
}

/** Column indices of the RFM features in the raw matrix. */
export interface RfmColumns {
  readonly recencyDays: number;
  readonly tenureDays: number;
  readonly orders: number;
  readonly spend: number;
}

function quantileOf(values: Float64Array, q: number): number {
  const s = Float64Array.from(values).sort();
  if (s.length === 0) return 0;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const a = s[lo] as number;
  return a + ((s[Math.min(lo + 1, s.length - 1)] as number) - a) * (pos - lo);
}

function column(x: Matrix, f: number, rows?: readonly number[]): Float64Array {
  const idx = rows ?? Array.from({ length: x.rows }, (_, i) => i);
  return Float64Array.from(idx, (i) => x.data[i * x.cols + f] as number);
}

/** Tertiles of every RFM feature over all customers. */
export function rfmTertiles(raw: Matrix, cols: RfmColumns): Tertiles {
  const t = (f: number): [number, number] => {
    const c = column(raw, f);
    return [quantileOf(c, 1 / 3), quantileOf(c, 2 / 3)];
  };
  return {
    recencyDays: t(cols.recencyDays),
    tenureDays: t(cols.tenureDays),
    orders: t(cols.orders),
    spend: t(cols.spend),
  };
}

/** Median RFM values and affinity lift per segment. */
export function profileSegments(
  raw: Matrix,
  labels: ArrayLike<number>,
  k: number,
  cols: RfmColumns,
  affinity: { readonly first: number; readonly labels: readonly string[]; readonly prior: readonly number[] },
): SegmentProfile[] {
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < raw.rows; i++) members[labels[i] as number]?.push(i);
  return members.map((rows) => {
    const med = (f: number): number => quantileOf(column(raw, f, rows), 0.5);
    let topCluster: string | undefined;
    let topClusterLift: number | undefined;
    affinity.labels.forEach((label, c) => {
      const prior = affinity.prior[c] ?? 0;
      if (!(prior > 0) || rows.length === 0) return;
      const mean = column(raw, affinity.first + c, rows).reduce((s, v) => s + v, 0) / rows.length;
      if (topClusterLift === undefined || mean / prior > topClusterLift) {
        topClusterLift = mean / prior;
        topCluster = label;
      }
    });
    return {
      recencyDays: med(cols.recencyDays),
      tenureDays: med(cols.tenureDays),
      orders: med(cols.orders),
      spend: med(cols.spend),
      share: rows.length / Math.max(1, raw.rows),
      ...(topCluster === undefined ? {} : { topCluster, topClusterLift: topClusterLift as number }),
    };
  });
}

/**
 * The name rule: lifecycle — "lapsed" if the typical last order is in the oldest third, else "new" if
 * the first order is in the most recent third, else "active" if the last order is in the most recent
 * third (else no lifecycle word); frequency — "one-time" at ≤ 1 order, "frequent" in the top third,
 * else "occasional"; value — "high-value" in the top third of spend, "low-spend" in the bottom third,
 * else "mid-spend".
 */
export function segmentName(p: SegmentProfile, t: Tertiles): string {
  let lifecycle = '';
  if (p.recencyDays >= t.recencyDays[1]) lifecycle = 'lapsed';
  else if (p.tenureDays <= t.tenureDays[0]) lifecycle = 'new';
  else if (p.recencyDays <= t.recencyDays[0]) lifecycle = 'active';
  const frequency = p.orders <= 1 ? 'one-time' : p.orders >= t.orders[1] ? 'frequent' : 'occasional';
  const value = p.spend >= t.spend[1] ? 'high-value' : p.spend <= t.spend[0] ? 'low-spend' : 'mid-spend';
  return [lifecycle, frequency, value].filter((w) => w !== '').join(' ');
}

/**
 * The segment's key: a word from a fixed set that stays the same when retraining moves clusters and
 * renames them, so a site's answer variants keep reaching the visitors they were written for.
 * `frequent` (top third of orders) before `lapsed` (oldest third of last orders) before `new` (first
 * order in the most recent third, or a single order), else `regular`; visitors without purchases are
 * `browsing` (models/features: NO_PURCHASE_SEGMENT).
 */
export function segmentKey(p: SegmentProfile, t: Tertiles): SegmentKey {
  if (p.orders > 1 && p.orders >= t.orders[1]) return 'frequent';
  if (p.recencyDays >= t.recencyDays[1]) return 'lapsed';
  if (p.tenureDays <= t.tenureDays[0] || p.orders <= 1) return 'new';
  return 'regular';
}

/** Names for all segments; clashes get the segment's top interest, then a number, appended. */
export function segmentNames(profiles: readonly SegmentProfile[], t: Tertiles): string[] {
  const base = profiles.map((p) => segmentName(p, t));
  const withTopic = base.map((n, i) => {
    const topic = profiles[i]?.topCluster?.split(' · ')[0];
    return base.filter((m) => m === n).length > 1 && topic ? `${n}, ${topic}` : n;
  });
  return withTopic.map((n, i) => (withTopic.filter((m) => m === n).length > 1 ? `${n} ${i + 1}` : n));
}

/** One sentence about the typical member, for the manifest and the report. */
export function describeSegment(p: SegmentProfile): string {
  const r = (v: number): string => String(Math.round(v));
  const interest =
    p.topCluster !== undefined && (p.topClusterLift ?? 0) > 1
      ? `; buys "${p.topCluster}" ${(p.topClusterLift ?? 1).toFixed(1)}× as often as average`
      : '';
  return (
    `${(p.share * 100).toFixed(1)}% of customers. Typical member: last order ${r(p.recencyDays)} days ago, ` +
    `first ${r(p.tenureDays)} days ago, ${r(p.orders)} order(s), total spend ${r(p.spend)}${interest}.`
  );
}
