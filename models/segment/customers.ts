/**
 * Turns cleaned interaction rows into one raw feature vector per customer, through the same
 * `segmentFeatures` the worker runs on a visitor's purchase events.
 */
import { type SegmentFeatureSpec, type SegmentPurchase, segmentFeatures } from '../features/segment-features';
import type { RawInteraction } from '../src/read-interactions';
import type { Matrix } from './kmeans';

/** Purchases per user, users in sorted order (so the matrix row order never depends on file order). */
export function purchasesByUser(rows: readonly RawInteraction[]): Map<string, SegmentPurchase[]> {
  const byUser = new Map<string, SegmentPurchase[]>();
  for (const r of rows) {
    if (r.user === '') continue;
    let list = byUser.get(r.user);
    if (list === undefined) {
      list = [];
      byUser.set(r.user, list);
    }
    list.push({ item: r.item, ts: r.ts, quantity: r.quantity, price: r.price });
  }
  return new Map([...byUser].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

/** The raw feature matrix, one row per user in the map's order. */
export function customerMatrix(
  byUser: ReadonlyMap<string, readonly SegmentPurchase[]>,
  nowMs: number,
  spec: SegmentFeatureSpec,
  items: ReadonlyMap<string, number>,
): Matrix {
  const cols = spec.names.length;
  const data = new Float64Array(byUser.size * cols);
  let r = 0;
  for (const purchases of byUser.values()) {
    const v = segmentFeatures(purchases, nowMs, spec, {
      items,
      utcOffsetMinutes: spec.trainUtcOffsetMinutes,
    });
    if (v !== null) data.set(v, r * cols);
    r++;
  }
  return { rows: byUser.size, cols, data };
}

/** Median unit price over rows that have one (1 when none does: spend then counts units). */
export function medianUnitPrice(rows: readonly RawInteraction[]): number {
  const prices = Float64Array.from(
    rows.flatMap((r) => (r.price !== null && Number.isFinite(r.price) && r.price > 0 ? [r.price] : [])),
  ).sort();
  if (prices.length === 0) return 1;
  const mid = prices.length >> 1;
  return prices.length % 2 === 1
    ? (prices[mid] as number)
    : ((prices[mid - 1] as number) + (prices[mid] as number)) / 2;
}

/** Share of all purchase lines (with a known cluster) per text cluster: the affinity imputation value. */
export function clusterLineShares(
  rows: readonly RawInteraction[],
  items: ReadonlyMap<string, number>,
  clusters: number,
): number[] {
  const counts = new Array<number>(clusters).fill(0);
  let known = 0;
  for (const r of rows) {
    const c = items.get(r.item);
    if (c === undefined) continue;
    counts[c] = (counts[c] as number) + 1;
    known++;
  }
  return counts.map((n) => (known > 0 ? Math.round((n / known) * 1e6) / 1e6 : 0));
}
