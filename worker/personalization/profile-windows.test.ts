/**
 * Span placement equals the trainer's chain rule whatever the arrival order; day buckets age out;
 * per-event counts follow the loader's property names and the trainer's price/quantity rules.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../models/src/rng';
import type { TrackEvent } from '../protocol';
import {
  addToDays,
  addToOrders,
  addToSessions,
  type DayBucket,
  type Draft,
  dayOf,
  emptyStats,
  eventStats,
  MAX_DWELL_MS,
  orderTimeFlags,
  placeInSpans,
  type SessionSpan,
  type Span,
  windowsAt,
} from './profile-windows';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9);

/** Spans the way the trainer counts orders: sort, then break wherever the gap reaches `gap`. */
function chains(ts: readonly number[], gap: number): Span[] {
  const out: { s: number; e: number }[] = [];
  for (const t of [...ts].sort((a, b) => a - b)) {
    const last = out.at(-1);
    if (last && t - last.e < gap) last.e = t;
    else out.push({ s: t, e: t });
  }
  return out;
}

const ev = (type: TrackEvent['type'], props: TrackEvent['props'] = {}): TrackEvent => ({
  type,
  props,
  ts: T0,
  id: 'x',
});

describe('placeInSpans', () => {
  it('gives the sorted chain rule for any arrival order', () => {
    const rand = mulberry32(42);
    for (let round = 0; round < 200; round++) {
      const ts = Array.from({ length: 1 + randomInt(rand, 40) }, () => T0 + randomInt(rand, 24 * 60) * MIN);
      const spans: Draft<Span>[] = [];
      for (const t of ts) placeInSpans<Span>(spans, t, 60 * MIN, { create: (s) => ({ s, e: s }) });
      expect(spans).toEqual(chains(ts, 60 * MIN));
    }
  });

  it('treats a gap of exactly the threshold as a break, like the trainer', () => {
    const spans: Draft<Span>[] = [];
    for (const t of [T0, T0 + 60 * MIN, T0 + 60 * MIN + 1])
      placeInSpans<Span>(spans, t, 60 * MIN, { create: (s) => ({ s, e: s }) });
    expect(spans).toEqual([
      { s: T0, e: T0 },
      { s: T0 + 60 * MIN, e: T0 + 60 * MIN + 1 },
    ]);
  });
});

describe('sessions and orders', () => {
  it('sums a session and merges two sessions a late event bridges', () => {
    const sessions: Draft<SessionSpan>[] = [];
    const one = eventStats(ev('page_view'));
    addToSessions(sessions, null, T0, one, 8);
    addToSessions(sessions, null, T0 + 40 * MIN, one, 8);
    expect(sessions).toHaveLength(2);
    addToSessions(sessions, null, T0 + 20 * MIN, one, 8);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.stats.pageViews).toBe(3);
  });

  it('keeps the latest sessions and ignores late events behind the dropped ones', () => {
    const sessions: Draft<SessionSpan>[] = [];
    let floor: number | null = null;
    const one = eventStats(ev('search'));
    for (let i = 0; i < 5; i++) floor = addToSessions(sessions, floor, T0 + i * 60 * MIN, one, 3);
    expect(sessions.map((s) => s.s)).toEqual([T0 + 120 * MIN, T0 + 180 * MIN, T0 + 240 * MIN]);
    expect(floor).toBe(T0 + 60 * MIN);
    expect(addToSessions(sessions, floor, T0 + 70 * MIN, one, 3)).toBe(floor);
    expect(sessions.reduce((n, s) => n + s.stats.events, 0)).toBe(3);
  });

  it('reduces orders beyond the cap to counts with their local time flags', () => {
    const orders: Draft<Span>[] = [];
    let earlier = null;
    // Saturday 2026-01-10 at 08:00 and 20:00 UTC, then a Monday noon.
    const times = [Date.UTC(2026, 0, 10, 8), Date.UTC(2026, 0, 10, 20), Date.UTC(2026, 0, 12, 12)];
    for (const t of times) earlier = addToOrders(orders, earlier, t, 60 * MIN, 1);
    const offset = -new Date(times[0] as number).getTimezoneOffset();
    const flags = times.slice(0, 2).map((t) => orderTimeFlags(t, offset));
    expect(orders).toEqual([{ s: times[2], e: times[2] }]);
    expect(earlier).toEqual({
      count: 2,
      weekend: flags.filter((f) => f.weekend).length,
      morning: flags.filter((f) => f.morning).length,
      evening: flags.filter((f) => f.evening).length,
      end: times[1],
    });
    // A late line just after the reduced orders joins them instead of opening a new order.
    expect(addToOrders(orders, earlier, (times[1] as number) + 10 * MIN, 60 * MIN, 1)).toBe(earlier);
    expect(orders).toHaveLength(1);
  });

  it('flags orders under the trainer definitions', () => {
    expect(orderTimeFlags(Date.UTC(2026, 0, 10, 4, 59), 0)).toEqual({
      weekend: true,
      morning: false,
      evening: true,
    });
    expect(orderTimeFlags(Date.UTC(2026, 0, 12, 5), 0)).toEqual({
      weekend: false,
      morning: true,
      evening: false,
    });
    expect(orderTimeFlags(Date.UTC(2026, 0, 12, 16, 59), 0)).toEqual({
      weekend: false,
      morning: false,
      evening: false,
    });
    // Sunday 23:30 UTC is Monday morning at UTC+8.
    expect(orderTimeFlags(Date.UTC(2026, 0, 11, 23, 30), 480)).toEqual({
      weekend: false,
      morning: true,
      evening: false,
    });
  });
});

describe('day buckets and windows', () => {
  it('keeps 30 days up to the newest event, sorted, late days included', () => {
    const days: Draft<DayBucket>[] = [];
    const one = eventStats(ev('item_view', { item: 'a' }));
    const d0 = dayOf(T0);
    let newest = d0;
    for (const d of [0, 2, 1, 40, 12, 11, 10, 39]) {
      newest = Math.max(newest, d0 + d);
      addToDays(days, d0 + d, one, newest);
    }
    expect(days.map((b) => b.day - d0)).toEqual([11, 12, 39, 40]);
  });

  it('counts the session only while it is open', () => {
    const session: SessionSpan = { s: T0, e: T0 + 10 * MIN, stats: { ...emptyStats(), events: 4 } };
    expect(windowsAt([], session, T0 + 39 * MIN).session.events).toBe(4);
    expect(windowsAt([], session, T0 + 40 * MIN).session.events).toBe(0);
    expect(windowsAt([], undefined, T0).session).toEqual(emptyStats());
  });
});

describe('eventStats', () => {
  it('counts spend only from a valid price, with the trainer quantity rule', () => {
    expect(eventStats(ev('purchase', { item: 'a', price: 2.5, quantity: 4 })).spend).toBe(10);
    expect(eventStats(ev('purchase', { item: 'a', price: 2.5, quantity: -1 })).spend).toBe(2.5);
    expect(eventStats(ev('purchase', { item: 'a', price: '2.5' })).spend).toBe(0);
    expect(eventStats(ev('purchase', { item: 'a', price: 0 })).spend).toBe(0);
    expect(eventStats(ev('purchase')).purchases).toBe(1);
  });

  it('sums dwell from `ms`, capped', () => {
    expect(eventStats(ev('dwell', { ms: 1500 })).dwellMs).toBe(1500);
    expect(eventStats(ev('dwell', { ms: 10 * MAX_DWELL_MS })).dwellMs).toBe(MAX_DWELL_MS);
    expect(eventStats(ev('dwell', { ms: -5 })).dwellMs).toBe(0);
    expect(eventStats(ev('dwell', { seconds: 3 })).dwellMs).toBe(0);
  });

  it('counts each type in its own field', () => {
    const sum = (['page_view', 'item_view', 'add_to_cart', 'search'] as const).map((t) => eventStats(ev(t)));
    expect(sum.map((s) => [s.events, s.pageViews, s.itemViews, s.addToCarts, s.searches])).toEqual([
      [1, 1, 0, 0, 0],
      [1, 0, 1, 0, 0],
      [1, 0, 0, 1, 0],
      [1, 0, 0, 0, 1],
    ]);
  });
});
