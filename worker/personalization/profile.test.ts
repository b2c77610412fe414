/**
 * The incremental profile: folding one event at a time equals rebuilding from the history (in time
 * order and with late events), windows move with time, the state stays bounded and cloneable, and
 * the purchase summary gives the trainer's segment features (train/serve parity) on random histories.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clusterOfItem,
  itemClusterMap,
  type Manifest,
  type SegmentFeatureSpec,
  type SegmentItemsFile,
  segmentFeatures,
  segmentInputsFromEvents,
} from '../../models/features';
import { mulberry32, type Rng, randomInt } from '../../models/src/rng';
import type { PropValue, TrackEvent } from '../protocol';
import {
  type ClusterOf,
  emptyProfileState,
  foldEvent,
  ITEM_CAP,
  ORDER_CAP,
  type ProfileState,
  profileView,
  readProfileState,
  rebuildProfile,
  SESSION_CAP,
} from './profile';
import { profileSegmentFeatures } from './segmenter';

const DAY = 86_400_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9); // a Monday morning in January (no DST change anywhere nearby)

const manifest = JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as Manifest;
const entry = manifest.models.segment;
if (!entry) throw new Error('the committed manifest has no segment entry');
const spec: SegmentFeatureSpec = entry.features;
const itemsFile = JSON.parse(readFileSync('models/artifacts/segment-items.json', 'utf8')) as SegmentItemsFile;
const itemMap = itemClusterMap(itemsFile.clusters);
const catalogIds = [...itemMap.keys()];
/** The shared rule (item map, then title) as the profile's callback. */
const clusterOf: ClusterOf = (id, title) => {
  const c = clusterOfItem(id, title, spec.clusters, itemMap);
  return c >= 0 ? c : undefined;
};

const TITLES = ['HEART CANDLE HOLDER', 'GLASS NECKLACE', 'CHRISTMAS TREE DECORATION', 'ZZZ', 'LUNCH BAG RED'];
const PATHS = ['/', '/product/85123A', '/collections/gifts', '/cart', '/checkout', '/about', '/search'];

interface GenOptions {
  readonly n: number;
  /** Distinct items drawn from (catalog ids, plus unknown ids that may carry a title). */
  readonly items: number;
  /** Dyadic prices and integer dwell, so sums are exact in any order. */
  readonly exact?: boolean;
}

/** A random history with strictly increasing timestamps and gaps from a second to several days. */
function history(rand: Rng, o: GenOptions): TrackEvent[] {
  const pool = Array.from({ length: o.items }, (_, i) => {
    const unknown = rand() < 0.25;
    const id = unknown ? `X${i}` : (catalogIds[randomInt(rand, catalogIds.length)] as string);
    return { id, title: rand() < 0.6 ? TITLES[randomInt(rand, TITLES.length)] : undefined };
  });
  const gaps = [1_000, 20_000, 5 * MIN, 29 * MIN, 45 * MIN, 3 * 3_600_000, DAY, 4 * DAY];
  let ts = T0;
  const out: TrackEvent[] = [];
  for (let i = 0; i < o.n; i++) {
    ts += (gaps[randomInt(rand, gaps.length)] as number) + randomInt(rand, 1000) + 1;
    const r = rand();
    const it = pool[randomInt(rand, pool.length)] as { id: string; title?: string };
    const props: Record<string, PropValue> = {};
    let type: TrackEvent['type'];
    if (r < 0.2) {
      type = 'page_view';
      props.path = PATHS[randomInt(rand, PATHS.length)] as string;
    } else if (r < 0.5) {
      type = 'item_view';
      props.item = it.id;
      if (it.title && rand() < 0.7) props.title = it.title;
    } else if (r < 0.6) {
      type = 'add_to_cart';
      props.item = it.id;
    } else if (r < 0.8) {
      type = 'purchase';
      if (rand() < 0.95) props.item = it.id;
      if (it.title && rand() < 0.5) props.title = it.title;
      const pr = rand();
      if (pr < 0.7) props.price = o.exact ? (1 + randomInt(rand, 80)) / 4 : 0.1 + rand() * 30;
      else if (pr < 0.8) props.price = '2.50';
      else if (pr < 0.85) props.price = 0;
      const q = rand();
      if (q < 0.6) props.quantity = 1 + randomInt(rand, 12);
      else if (q < 0.7) props.quantity = -2;
      else if (q < 0.75) props.quantity = o.exact ? 0.5 : 1.7;
    } else if (r < 0.9) {
      type = 'dwell';
      props.ms = o.exact ? randomInt(rand, 200_000) : rand() * 200_000;
    } else {
      type = 'search';
      props.q = 'candle';
    }
    out.push({ type, props, ts, id: `e${i}` });
  }
  return out;
}

/** Delivers some runs of events late, as a replayed queue would (after up to `maxDelay` more events). */
function replayedLate(rand: Rng, events: readonly TrackEvent[], maxDelay: number): TrackEvent[] {
  const out: TrackEvent[] = [];
  const held: { release: number; e: TrackEvent }[] = [];
  events.forEach((e, i) => {
    if (rand() < 0.15) held.push({ release: i + 1 + randomInt(rand, maxDelay), e });
    else out.push(e);
    for (let h = held.length - 1; h >= 0; h--) {
      if ((held[h] as { release: number }).release <= i)
        out.push((held.splice(h, 1)[0] as { e: TrackEvent }).e);
    }
  });
  for (const h of held) out.push(h.e);
  return out;
}

const foldAll = (events: readonly TrackEvent[], c?: ClusterOf): ProfileState =>
  events.reduce((s, e) => foldEvent(s, e, c), emptyProfileState());

function expectParity(
  events: readonly TrackEvent[],
  state: ProfileState,
  nowMs: number,
  offset: number,
): void {
  const expected = segmentFeatures(segmentInputsFromEvents(events).purchases, nowMs, spec, {
    items: itemMap,
    utcOffsetMinutes: offset,
  });
  const actual = profileSegmentFeatures(state, nowMs, spec, clusterOf, offset);
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(actual?.length).toBe(expected.length);
  expected.forEach((v, i) => {
    // Spend is summed in another order; everything else is exact.
    expect(Math.abs((actual?.[i] ?? Number.NaN) - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-12);
  });
}

describe('fold equals rebuild', () => {
  it('in time order, on random histories', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const events = history(mulberry32(seed), { n: 300, items: 40 });
      expect(foldAll(events, clusterOf)).toEqual(rebuildProfile(events, clusterOf));
    }
  });

  it('with late (replayed) events: the same state as folding them in time order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rand = mulberry32(100 + seed);
      const events = history(rand, { n: 300, items: 40, exact: true });
      const arrival = replayedLate(rand, events, 6);
      expect(arrival.map((e) => e.id)).not.toEqual(events.map((e) => e.id));
      expect(foldAll(arrival, clusterOf)).toEqual(rebuildProfile(arrival, clusterOf));
    }
  });

  it('a late purchase between two orders joins them, as the trainer chains lines', () => {
    const buy = (id: string, ts: number): TrackEvent => ({
      type: 'purchase',
      props: { item: 'A', price: 1 },
      ts,
      id,
    });
    let s = foldEvent(emptyProfileState(), buy('a', T0));
    s = foldEvent(s, buy('b', T0 + 100 * MIN));
    expect(s.orders).toHaveLength(2);
    s = foldEvent(s, buy('c', T0 + 50 * MIN));
    expect(s.orders).toEqual([{ s: T0, e: T0 + 100 * MIN }]);
    expect(profileView(s, T0 + DAY, 'desktop').rfm.orders).toBe(1);
  });

  it('does not modify the state it is given', () => {
    const events = history(mulberry32(7), { n: 120, items: 20 });
    const before = foldAll(events.slice(0, 100));
    const snapshot = structuredClone(before);
    for (const e of events.slice(100)) foldEvent(before, e, clusterOf);
    expect(before).toEqual(snapshot);
  });
});

describe('train/serve parity of the segment features', () => {
  it('equals segmentFeatures(segmentInputsFromEvents(events)) on random histories, in and out of order', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = mulberry32(500 + seed);
      const events = history(rand, { n: 40 + randomInt(rand, 300), items: 5 + randomInt(rand, 60) });
      const offset = [-300, 0, 60, 330, 600][seed % 5] as number;
      const last = (events.at(-1) as TrackEvent).ts;
      for (const nowMs of [last, last + 3 * DAY, last - DAY]) {
        expectParity(events, rebuildProfile(events, clusterOf), nowMs, offset);
        expectParity(events, foldAll(replayedLate(rand, events, 8), clusterOf), nowMs, offset);
      }
    }
  });

  it('still holds past the item cap (evicted items are counted by cluster)', () => {
    const rand = mulberry32(9);
    const events: TrackEvent[] = Array.from({ length: 900 }, (_, i) => ({
      type: 'purchase',
      props: {
        item: i % 3 === 0 ? `X${i}` : (catalogIds[i] as string),
        price: 1 + (i % 7),
        title: 'GLASS CANDLE',
      },
      ts: T0 + i * 10 * MIN + randomInt(rand, MIN),
      id: `p${i}`,
    }));
    const state = foldAll(events, clusterOf);
    expect(state.items.length).toBeLessThanOrEqual(ITEM_CAP + 50);
    expectParity(events, state, T0 + 30 * DAY, 0);
  });

  it('keeps order counts and time shares past the order cap', () => {
    const n = ORDER_CAP + 80;
    const events: TrackEvent[] = Array.from({ length: n }, (_, i) => ({
      type: 'purchase',
      props: { item: catalogIds[i % 50] as string, price: 2 },
      ts: T0 + i * 61 * MIN,
      id: `o${i}`,
    }));
    const state = foldAll(events, clusterOf);
    expect(state.orders).toHaveLength(ORDER_CAP);
    expect(state.earlierOrders?.count).toBe(80);
    // Reduced orders use the device's own offset; January has no DST change to shift it.
    expectParity(events, state, T0 + 40 * DAY, -new Date(T0).getTimezoneOffset());
  });

  it('has no vector before a purchase with an item', () => {
    const s = foldAll([
      { type: 'item_view', props: { item: 'A' }, ts: T0, id: 'v' },
      { type: 'purchase', props: { price: 3 }, ts: T0 + 1, id: 'p' },
    ]);
    expect(profileSegmentFeatures(s, T0 + 2, spec, clusterOf)).toBeNull();
  });
});

describe('profile view', () => {
  const at = (day: number, type: TrackEvent['type'], props: Record<string, PropValue>, id: string) => ({
    type,
    props,
    ts: T0 + day * DAY,
    id,
  });

  it('moves the windows with time', () => {
    const s = foldAll([
      at(0, 'page_view', { path: '/' }, 'a'),
      at(10, 'item_view', { item: 'A' }, 'b'),
      at(20, 'purchase', { item: 'A', price: 4, quantity: 2 }, 'c'),
      at(20, 'dwell', { ms: 5000 }, 'd'),
    ]);
    const view = (day: number) => profileView(s, T0 + day * DAY, 'desktop').windows;
    expect(view(20).session).toMatchObject({ events: 2, purchases: 1, spend: 8, dwellMs: 5000 });
    expect(view(20).d7).toMatchObject({ events: 2, itemViews: 0 });
    expect(view(20).d30).toMatchObject({ events: 4, pageViews: 1, itemViews: 1, purchases: 1 });
    expect(view(21).session.events).toBe(0);
    expect(view(26).d7.events).toBe(2);
    expect(view(27).d7.events).toBe(0);
    expect(view(35).d30).toMatchObject({ events: 3, itemViews: 1 });
    expect(view(41).d30).toMatchObject({ events: 2, itemViews: 0 });
    expect(view(50).d30.events).toBe(0);
  });

  it('drops day buckets older than 30 days before the newest event', () => {
    const s = foldAll(Array.from({ length: 60 }, (_, d) => at(d, 'search', { q: 'x' }, `s${d}`)));
    expect(s.days).toHaveLength(30);
    expect(s.days[0]?.day).toBe(Math.floor((T0 + 30 * DAY) / DAY));
    // A late event older than that is not bucketed, but still counted.
    const late = foldEvent(s, at(5, 'search', {}, 'late'));
    expect(late.days).toEqual(s.days);
    expect(late.events).toBe(61);
  });

  it('reports RFM, the last viewed item, page type and local time of day', () => {
    const s = foldAll([
      at(0, 'purchase', { item: 'A', price: 2, quantity: 3 }, 'a'),
      at(2, 'item_view', { item: 'B', title: 'Blue mug' }, 'b'),
      at(3, 'item_view', { item: 'C' }, 'c'),
      at(3, 'page_view', { path: '/collections/mugs' }, 'd'),
    ]);
    const p = profileView(s, T0 + 5 * DAY, 'mobile', { utcOffsetMinutes: 600 });
    expect(p.rfm).toEqual({ recencyDays: 5, tenureDays: 5, orders: 1, spend: 6 });
    expect(p.lastViewed).toEqual({ id: 'C' });
    // 09:00 UTC is 19:00 at UTC+10.
    expect(p.context).toEqual({ device: 'mobile', timeOfDay: 'evening', pageType: 'category' });
    expect(p.events).toBe(4);
    expect(p.updatedAt).toBe(T0 + 3 * DAY);
    expect(profileView(emptyProfileState(), T0, 'desktop').rfm.recencyDays).toBeNull();
  });

  it('keeps a viewed item title from an earlier event for the last viewed item', () => {
    const s = foldAll([
      at(0, 'item_view', { item: 'B', title: 'Blue mug' }, 'a'),
      at(1, 'item_view', { item: 'B' }, 'b'),
    ]);
    expect(profileView(s, T0 + DAY, 'desktop').lastViewed).toEqual({ id: 'B', title: 'Blue mug' });
  });
});

describe('stored state', () => {
  it('is bounded, plain and survives structured cloning', () => {
    const events = history(mulberry32(3), { n: 20_000, items: 5000 });
    const s = rebuildProfile(events, clusterOf);
    expect(s.items.length).toBeLessThanOrEqual(ITEM_CAP + 50);
    expect(s.items.map((i) => i.id)).toEqual(s.items.map((i) => i.id).sort());
    expect(s.sessions.length).toBeLessThanOrEqual(SESSION_CAP);
    expect(s.orders.length).toBeLessThanOrEqual(ORDER_CAP);
    expect(s.days.length).toBeLessThanOrEqual(30);
    expect(JSON.stringify(s).length).toBeLessThan(64_000);
    expect(structuredClone(s)).toEqual(s);
    expect(readProfileState(structuredClone(s))).toEqual(s);
  });

  it('is refused when absent, of another version or damaged', () => {
    expect(readProfileState(undefined)).toBeNull();
    expect(readProfileState({ ...emptyProfileState(), version: 0 })).toBeNull();
    expect(readProfileState({ ...emptyProfileState(), days: null })).toBeNull();
    expect(readProfileState(emptyProfileState())).toEqual(emptyProfileState());
  });

  it('treats item ids like __proto__ and constructor as ordinary items', () => {
    const s = foldAll([
      { type: 'item_view', props: { item: '__proto__', title: 'x' }, ts: T0, id: 'a' },
      { type: 'add_to_cart', props: { item: 'constructor' }, ts: T0 + 1, id: 'b' },
      { type: 'item_view', props: { item: '__proto__' }, ts: T0 + 2, id: 'c' },
    ]);
    expect(s.items.map((i) => [i.id, i.v, i.c])).toEqual([
      ['__proto__', 2, 0],
      ['constructor', 0, 1],
    ]);
    expect(profileView(s, T0, 'desktop').lastViewed).toEqual({ id: '__proto__', title: 'x' });
  });

  it('folds one event in bounded time (measured, not asserted)', () => {
    const events = history(mulberry32(4), { n: 5000, items: 400 });
    let s = emptyProfileState();
    const t0 = performance.now();
    for (const e of events) s = foldEvent(s, e, clusterOf);
    const perEvent = (performance.now() - t0) / events.length;
    const t1 = performance.now();
    rebuildProfile(events, clusterOf);
    const rebuild = performance.now() - t1;
    console.log(
      `profile fold: ${(perEvent * 1000).toFixed(1)} µs/event one by one; rebuild of 5000 events ${rebuild.toFixed(1)} ms; ` +
        `state ${JSON.stringify(s).length} bytes of JSON`,
    );
    expect(s.events).toBe(5000);
  });
});
