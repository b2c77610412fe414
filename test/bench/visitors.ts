/**
 * Synthetic but realistic visitors for the benchmark: browsing histories for recommend (1–10 item
 * views and add-to-carts within the last 30 days, plus cold visitors) and purchase lines for segment.
 * Seeded, so every run times the same workload and runs stay comparable.
 */

import type { SegmentPurchase } from '../../models/features';
import { mulberry32 } from '../../models/src/rng';
import type { TrackEvent } from '../../worker/protocol';

const DAY_MS = 86_400_000;

/** The shared seeded PRNG (mulberry32), so every run times the same workload. */
export const seededRandom = mulberry32;

/**
 * One visitor's events, oldest first, as the store returns them. Views outnumber add-to-carts about
 * 3:1, roughly what storefront funnels show; the exact mix barely matters to the dense model input.
 */
export function visitorHistory(itemIds: readonly string[], nowMs: number, rand: () => number): TrackEvent[] {
  const count = 1 + Math.floor(rand() * 10);
  const events: TrackEvent[] = [];
  for (let i = 0; i < count; i++) {
    const item = itemIds[Math.floor(rand() * itemIds.length)] ?? '';
    events.push({
      type: rand() < 0.75 ? 'item_view' : 'add_to_cart',
      props: { item },
      ts: nowMs - Math.floor(rand() * 30 * DAY_MS),
      id: `bench-${i}-${Math.floor(rand() * 1e12)}`,
    });
  }
  return events.sort((a, b) => a.ts - b.ts);
}

/**
 * One buyer's purchase lines for the segment benchmark: 1–15 lines of random catalog items at their
 * catalog price, 1–6 units, over the last year, so orders, spend and recency all vary.
 */
export function visitorPurchases(
  items: readonly { readonly id: string; readonly price: number }[],
  nowMs: number,
  rand: () => number,
): SegmentPurchase[] {
  const count = 1 + Math.floor(rand() * 15);
  return Array.from({ length: count }, () => {
    const item = items[Math.floor(rand() * items.length)];
    return {
      item: item?.id ?? '',
      ts: nowMs - Math.floor(rand() * 365 * DAY_MS),
      quantity: 1 + Math.floor(rand() * 6),
      price: item?.price ?? null,
    };
  });
}
