/**
 * Synthetic but realistic visitor histories for the recommend benchmark: 1–10 item views and
 * add-to-carts of random catalog items at random ages within the last 30 days, plus cold visitors.
 * Seeded, so every run times the same workload and runs stay comparable.
 */

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
