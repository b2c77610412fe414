/**
 * Coarser time buckets for metrics too sparse to estimate per day. Under randomized response the noise
 * of a cell grows with the square root of the reports while its signal grows linearly, so a week of a
 * large-domain metric (intents) or a rare one (votes) is often publishable where no single day is.
 * Counts are added per epsilon, never estimates: each epsilon group keeps its own debiasing.
 */
import type { KrrCounts } from '../aggregates';

const DAY_MS = 86_400_000;

/** Days per bucket of the weekly series. */
export const WEEK_DAYS = 7;

/** The counts of one period: its first day and the summed groups. */
export interface PeriodCounts {
  readonly day: string;
  readonly groups: KrrCounts[];
}

function addGroups(into: Map<number, KrrCounts>, groups: readonly KrrCounts[]): void {
  for (const g of groups) {
    const have = into.get(g.epsilon);
    if (!have) {
      into.set(g.epsilon, { epsilon: g.epsilon, counts: [...g.counts], total: g.total });
      continue;
    }
    const counts = have.counts.map((c, i) => c + (g.counts[i] ?? 0));
    into.set(g.epsilon, { epsilon: g.epsilon, counts, total: have.total + g.total });
  }
}

/**
 * Merges per-day counts into `size`-day periods that end on `to` (the last period is the most
 * recent full `size` days), oldest first; a period is labelled with its first day. Periods without
 * reports are left out, as days without reports are.
 */
export function inPeriods(
  daily: readonly PeriodCounts[],
  to: string,
  size: number = WEEK_DAYS,
): PeriodCounts[] {
  const end = Date.parse(`${to}T00:00:00Z`);
  const periods = new Map<number, Map<number, KrrCounts>>();
  for (const { day, groups } of daily) {
    const back = Math.round((end - Date.parse(`${day}T00:00:00Z`)) / DAY_MS);
    if (!(back >= 0)) continue;
    const index = Math.floor(back / size);
    const into = periods.get(index) ?? new Map<number, KrrCounts>();
    addGroups(into, groups);
    periods.set(index, into);
  }
  return [...periods.entries()]
    .sort(([a], [b]) => b - a)
    .map(([index, groups]) => ({
      day: new Date(end - ((index + 1) * size - 1) * DAY_MS).toISOString().slice(0, 10),
      groups: [...groups.values()].sort((a, b) => a.epsilon - b.epsilon),
    }));
}

/** Every day's counts added into one period, per epsilon: a window's counts as one sample. */
export function pooledCounts(daily: readonly PeriodCounts[]): KrrCounts[] {
  const into = new Map<number, KrrCounts>();
  for (const { groups } of daily) addGroups(into, groups);
  return [...into.values()].sort((a, b) => a.epsilon - b.epsilon);
}
