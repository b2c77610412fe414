/**
 * Segment priors: per segment, the items most of its training customers bought. The worker uses
 * them as the second stage of its recommendation chain, for a visitor whose segment is known but
 * whose own history names no catalog item the personal model can work from.
 */
import type { SegmentPurchase } from '../features/segment-features';

/** Items listed per segment. */
export const PRIOR_ITEMS = 100;

/**
 * One space-separated id list per segment (index = segment id), ranked by the share of the
 * segment's customers who bought the item (distinct customers, ties by id so the file is stable).
 * `byUser` must be in the same order as `labels` (the fit's sorted user order).
 */
export function segmentPriors(
  byUser: ReadonlyMap<string, readonly SegmentPurchase[]>,
  labels: Int32Array,
  k: number,
  top = PRIOR_ITEMS,
): string[] {
  const counts = Array.from({ length: k }, () => new Map<string, number>());
  let row = 0;
  for (const purchases of byUser.values()) {
    const segment = labels[row++];
    const tally = segment === undefined ? undefined : counts[segment];
    if (!tally) continue;
    for (const item of new Set(purchases.map((p) => p.item))) tally.set(item, (tally.get(item) ?? 0) + 1);
  }
  return counts.map((tally) =>
    [...tally]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, top)
      .map(([id]) => id)
      .join(' '),
  );
}
