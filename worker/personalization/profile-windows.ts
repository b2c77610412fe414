/**
 * Time-windowed aggregates of the incremental profile: per-event counts, daily buckets for the last
 * 30 days, and time spans (sessions, orders) that absorb late events by extending or merging. Every
 * structure here is plain data so the profile stays structured-cloneable.
 */
import { orderTimeFlags } from '../../models/features';
import type { TrackEvent, WindowName, WindowStats } from '../protocol';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
/** Daily buckets kept: the d30 window needs no more. */
export const KEEP_DAYS = 30;
/** A gap this long without events starts a new session. */
export const SESSION_GAP_MS = 30 * 60_000;
/** One `dwell` event counts at most this long: a tab left open overnight is not attention. */
export const MAX_DWELL_MS = 3_600_000;

/** Deeply writable version of a readonly state type, for the fold's private working copy. */
export type Draft<T> = T extends readonly (infer U)[]
  ? Draft<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Draft<T[K]> }
    : T;

/** One UTC calendar day's counts (`day` = whole days since the epoch). */
export interface DayBucket extends WindowStats {
  readonly day: number;
}

/** A run of timestamps where each is less than the span's gap after the previous one. */
export interface Span {
  /** Earliest timestamp in the span. */
  readonly s: number;
  /** Latest timestamp in the span. */
  readonly e: number;
}

/** A session: its span and its counts. */
export interface SessionSpan extends Span {
  readonly stats: WindowStats;
}

/** Orders reduced to counts once more than the kept number exist (local time of the device). */
export interface EarlierOrders {
  readonly count: number;
  readonly weekend: number;
  readonly morning: number;
  readonly evening: number;
  /** Latest timestamp of any reduced order; a late purchase near or before it joins them. */
  readonly end: number;
}

/** Counts with nothing in them. */
export function emptyStats(): WindowStats {
  return {
    events: 0,
    pageViews: 0,
    itemViews: 0,
    addToCarts: 0,
    purchases: 0,
    searches: 0,
    dwellMs: 0,
    spend: 0,
  };
}

/** Units on a purchase line, the trainer's rule: missing, non-finite or ≤ 0 counts as 1. */
export function purchaseUnits(props: TrackEvent['props']): number {
  const q = props.quantity;
  return typeof q === 'number' && Number.isFinite(q) && q > 0 ? q : 1;
}

/** The unit price of a purchase line, or null when missing, non-numeric or ≤ 0 (the trainer imputes those). */
export function purchasePrice(props: TrackEvent['props']): number | null {
  const p = props.price;
  return typeof p === 'number' && Number.isFinite(p) && p > 0 ? p : null;
}

/** The purchase lines the segment features need, summed (the trainer's `segmentFeatures` rules). */
export interface PurchaseSummary {
  /** Purchase events with an item. */
  readonly lines: number;
  readonly firstTs: number | null;
  readonly lastTs: number | null;
  /** Σ units × price over lines with a valid price. */
  readonly pricedSpend: number;
  /** Σ units over lines without one; the segmenter prices them at the training median. */
  readonly unpricedUnits: number;
}

/** Adds one purchase line (a `purchase` event with an item) to the summary. */
export function addPurchaseLine(p: Draft<PurchaseSummary>, ts: number, props: TrackEvent['props']): void {
  p.lines += 1;
  p.firstTs = p.firstTs === null ? ts : Math.min(p.firstTs, ts);
  p.lastTs = p.lastTs === null ? ts : Math.max(p.lastTs, ts);
  const units = purchaseUnits(props);
  const price = purchasePrice(props);
  if (price === null) p.unpricedUnits += units;
  else p.pricedSpend += units * price;
}

/** What one event adds to any window it falls in. */
export function eventStats(e: TrackEvent): WindowStats {
  const s = emptyStats() as Draft<WindowStats>;
  s.events = 1;
  if (e.type === 'page_view') s.pageViews = 1;
  else if (e.type === 'item_view') s.itemViews = 1;
  else if (e.type === 'add_to_cart') s.addToCarts = 1;
  else if (e.type === 'search') s.searches = 1;
  else if (e.type === 'purchase') {
    s.purchases = 1;
    const price = purchasePrice(e.props);
    // Only what the site stated: an imputed price would show the visitor money they never spent.
    if (price !== null) s.spend = price * purchaseUnits(e.props);
  } else if (e.type === 'dwell') {
    const ms = e.props.ms;
    if (typeof ms === 'number' && Number.isFinite(ms) && ms > 0) s.dwellMs = Math.min(ms, MAX_DWELL_MS);
  }
  return s;
}

/** Adds `b` into `a`. */
export function addStats(a: Draft<WindowStats>, b: WindowStats): void {
  a.events += b.events;
  a.pageViews += b.pageViews;
  a.itemViews += b.itemViews;
  a.addToCarts += b.addToCarts;
  a.purchases += b.purchases;
  a.searches += b.searches;
  a.dwellMs += b.dwellMs;
  a.spend += b.spend;
}

/** UTC day index of an epoch-ms instant. */
export function dayOf(ts: number): number {
  return Math.floor(ts / DAY_MS);
}

/**
 * Adds an event's counts to its day. `newestDay` is the day of the latest event seen (this one
 * included); buckets that fell out of the last {@link KEEP_DAYS} days are dropped, and a late event
 * older than that is not bucketed at all. Buckets stay sorted by day, so the usual case (today) is
 * found at the end in O(1).
 */
export function addToDays(
  days: Draft<DayBucket>[],
  day: number,
  delta: WindowStats,
  newestDay: number,
): void {
  const oldestKept = newestDay - KEEP_DAYS + 1;
  if (day >= oldestKept) {
    let i = days.length;
    while (i > 0 && (days[i - 1] as DayBucket).day > day) i--;
    const prev = days[i - 1];
    if (prev && prev.day === day) addStats(prev, delta);
    else days.splice(i, 0, { day, ...delta });
  }
  let drop = 0;
  while (drop < days.length && (days[drop] as DayBucket).day < oldestKept) drop++;
  if (drop > 0) days.splice(0, drop);
}

/** How a span list creates, grows and joins its spans. */
export interface SpanOps<T extends Span> {
  create(ts: number): Draft<T>;
  /** Called after `ts` joined `span` (its s/e already widened). */
  added?(span: Draft<T>, ts: number): void;
  /** Moves everything of `later` into `earlier`; the list drops `later` afterwards. */
  merge?(earlier: Draft<T>, later: Draft<T>): void;
}

/**
 * Puts `ts` into a sorted list of disjoint spans under the chain rule the trainer uses for orders:
 * sorted timestamps less than `gapMs` apart share a span. A late timestamp extends a span at either
 * end or bridges two, so the result equals building the spans from all timestamps in time order.
 * Returns the span that now holds `ts`.
 */
export function placeInSpans<T extends Span>(
  spans: Draft<T>[],
  ts: number,
  gapMs: number,
  ops: SpanOps<T>,
): Draft<T> {
  // Appending is the usual case, so search from the end.
  let next = spans.length;
  while (next > 0 && (spans[next - 1] as Span).s > ts) next--;
  const prev = spans[next - 1];
  const after = spans[next];
  const joinsPrev = prev !== undefined && ts - prev.e < gapMs;
  const joinsNext = after !== undefined && after.s - ts < gapMs;
  let target: Draft<T>;
  if (joinsPrev && prev) {
    prev.e = Math.max(prev.e, ts);
    target = prev;
    if (joinsNext && after) {
      prev.e = Math.max(prev.e, after.e);
      ops.merge?.(prev, after);
      spans.splice(next, 1);
    }
  } else if (joinsNext && after) {
    after.s = ts;
    target = after;
  } else {
    target = ops.create(ts);
    spans.splice(next, 0, target);
  }
  ops.added?.(target, ts);
  return target;
}

/**
 * Adds an event to its session, keeping the latest `cap` sessions. Returns the new floor: the end of
 * the latest dropped session, before which (and within a session gap after which) late events are not
 * sessioned, since the session they belong to is gone.
 */
export function addToSessions(
  sessions: Draft<SessionSpan>[],
  floor: number | null,
  ts: number,
  delta: WindowStats,
  cap: number,
): number | null {
  if (floor !== null && ts - floor < SESSION_GAP_MS) return floor;
  placeInSpans<SessionSpan>(sessions, ts, SESSION_GAP_MS, {
    create: (t) => ({ s: t, e: t, stats: emptyStats() as Draft<WindowStats> }),
    added: (span) => addStats(span.stats, delta),
    merge: (a, b) => addStats(a.stats, b.stats),
  });
  let out = floor;
  while (sessions.length > cap) {
    const dropped = sessions.shift() as SessionSpan;
    out = Math.max(out ?? dropped.e, dropped.e);
  }
  return out;
}

/**
 * Adds a purchase line to the orders (the trainer's chain rule), keeping the latest `cap` orders and
 * reducing older ones to counts. Returns the new reduced counts. A late line within a gap of the
 * reduced orders joins them, as the order it belongs to can no longer be told apart.
 */
export function addToOrders(
  orders: Draft<Span>[],
  earlier: EarlierOrders | null,
  ts: number,
  gapMs: number,
  cap: number,
): EarlierOrders | null {
  if (earlier && ts - earlier.end < gapMs) return earlier;
  placeInSpans<Span>(orders, ts, gapMs, { create: (t) => ({ s: t, e: t }) });
  let out = earlier;
  while (orders.length > cap) {
    const old = orders.shift() as Span;
    // Reduced with the device's own offset at that instant, as the segmenter would have seen it.
    const f = orderTimeFlags(old.s, -new Date(old.s).getTimezoneOffset());
    const prev = out ?? { count: 0, weekend: 0, morning: 0, evening: 0, end: old.e };
    out = {
      count: prev.count + 1,
      weekend: prev.weekend + (f.weekend ? 1 : 0),
      morning: prev.morning + (f.morning ? 1 : 0),
      evening: prev.evening + (f.evening ? 1 : 0),
      end: Math.max(prev.end, old.e),
    };
  }
  return out;
}

/** Sums buckets whose day is within the last `days` days of `nowDay` (today included; later days too). */
function sumDays(buckets: readonly DayBucket[], nowDay: number, days: number): WindowStats {
  const out = emptyStats() as Draft<WindowStats>;
  for (const b of buckets) if (b.day > nowDay - days) addStats(out, b);
  return out;
}

/**
 * The three windows as of `nowMs`: the session counts only while it is still open (less than
 * {@link SESSION_GAP_MS} since its last event), d7 and d30 are whole UTC days ending today.
 */
export function windowsAt(
  days: readonly DayBucket[],
  latestSession: SessionSpan | undefined,
  nowMs: number,
): Record<WindowName, WindowStats> {
  const nowDay = dayOf(nowMs);
  const open = latestSession !== undefined && nowMs - latestSession.e < SESSION_GAP_MS;
  return {
    session: open ? { ...latestSession.stats } : emptyStats(),
    d7: sumDays(days, nowDay, 7),
    d30: sumDays(days, nowDay, KEEP_DAYS),
  };
}

/** Order time flags, the trainer's own rule (models/features), re-exported for the profile. */
export { orderTimeFlags };
