/**
 * Leave-last-basket-out split. For every user with purchases on at least two different days, the
 * last invoice is held out and everything before it is both that user's model input and training
 * data; the model never sees a held-out row. A user's history is fed through the same
 * `interactionVector` the worker uses, at the moment of the held-out invoice.
 */
import type { Interaction } from '../features/interactions';
import { compareIds } from './catalog';
import type { RawInteraction } from './read-interactions';

/** One evaluation case. */
export interface HeldOutCase {
  readonly user: string;
  /** The user's earlier rows as `purchase` interactions, oldest first. */
  readonly history: readonly Interaction[];
  /** Time of the held-out invoice (epoch ms): "now" for the recency weights. */
  readonly nowMs: number;
  /** Distinct items of the held-out invoice. */
  readonly heldOut: readonly string[];
}

/** The split: rows to train on and the cases to evaluate. */
export interface TemporalSplit {
  readonly train: RawInteraction[];
  readonly cases: HeldOutCase[];
  /** Users in the data. */
  readonly users: number;
  /** Held-out rows (not in `train`). */
  readonly heldOutRows: number;
}

const DAY_MS = 86_400_000;

/**
 * An invoice is identified by the invoice column, or by its timestamp when the export has none
 * (a basket is then everything the user bought at the same moment).
 */
function basketOf(r: RawInteraction): string {
  return r.invoice ?? `t${r.ts}`;
}

/** Splits cleaned rows; users with all purchases on one day only contribute training rows. */
export function temporalSplit(rows: readonly RawInteraction[]): TemporalSplit {
  const byUser = new Map<string, RawInteraction[]>();
  for (const r of rows) {
    let list = byUser.get(r.user);
    if (!list) {
      list = [];
      byUser.set(r.user, list);
    }
    list.push(r);
  }
  const heldOutRows = new Set<RawInteraction>();
  const cases: HeldOutCase[] = [];
  for (const user of [...byUser.keys()].sort(compareIds)) {
    const list = byUser.get(user) ?? [];
    const days = new Set(list.map((r) => Math.floor(r.ts / DAY_MS)));
    if (days.size < 2) continue;
    let last = list[0] as RawInteraction;
    for (const r of list) {
      if (r.ts > last.ts || (r.ts === last.ts && compareIds(basketOf(r), basketOf(last)) > 0)) last = r;
    }
    const lastBasket = basketOf(last);
    const held = list.filter((r) => basketOf(r) === lastBasket);
    for (const r of held) heldOutRows.add(r);
    const history = list
      .filter((r) => basketOf(r) !== lastBasket)
      .sort((a, b) => a.ts - b.ts || a.line - b.line)
      .map((r): Interaction => ({ type: 'purchase', item: r.item, ts: r.ts }));
    cases.push({
      user,
      history,
      nowMs: last.ts,
      heldOut: [...new Set(held.map((r) => r.item))].sort(compareIds),
    });
  }
  return {
    train: rows.filter((r) => !heldOutRows.has(r)),
    cases,
    users: byUser.size,
    heldOutRows: heldOutRows.size,
  };
}
