/**
 * The incremental profile: everything the device derives from the visitor's events, folded one event
 * at a time so a new event never rereads the history. The state is plain, bounded data that the store
 * keeps as-is (`putState('profile', …)`).
 *
 * Order of arrival: events come mostly in time order, but queued ones are replayed late. Late events
 * land in their own day, session and order: spans widen or merge, "latest" fields (last viewed item,
 * page) only move forward in time, so folding in any order gives the state that folding in time order
 * gives, within these bounds: buckets cover the 30 days up to the newest event; the last
 * {@link SESSION_CAP} sessions and {@link ORDER_CAP} orders are kept exactly, older ones are summarized
 * (a late event reaching behind them cannot reopen them); the {@link ITEM_CAP} most recently touched
 * items are kept per item, older ones are summarized by cluster when `clusterOf` is known at that time.
 * Events with the same timestamp are taken in the order given. Ids are not tracked: the store
 * deduplicates before anything is folded, so every event is folded once.
 */
import { DEFAULT_ORDER_GAP_MINUTES } from '../../models/features';
import type { Affinity, DeviceClass, Profile, TrackEvent } from '../protocol';
import {
  currentPageType,
  emptyPageState,
  noteItemViewOnPage,
  notePageView,
  type PageState,
  timeOfDay,
} from './page-context';
import {
  addPurchaseLine,
  addToDays,
  addToOrders,
  addToSessions,
  DAY_MS,
  type DayBucket,
  type Draft,
  dayOf,
  type EarlierOrders,
  eventStats,
  type PurchaseSummary,
  type SessionSpan,
  type Span,
  windowsAt,
} from './profile-windows';

/** Version of the state's shape; a stored state of another version is rebuilt from the events. */
export const PROFILE_STATE_VERSION = 1;
/** Sessions kept exactly (only the latest is reported; earlier ones let a late event bridge into it). */
export const SESSION_CAP = 8;
/** Orders kept exactly; older ones are reduced to counts. */
export const ORDER_CAP = 256;
/** Items kept one by one (most recently touched); older ones are reduced to per-cluster counts. */
export const ITEM_CAP = 200;
/** Cluster indices beyond this are treated as unknown, so a faulty map cannot grow the state. */
const MAX_CLUSTERS = 256;
/** Items over the cap before a batch eviction, so eviction cost is amortised over many events. */
const ITEM_SLACK = 50;

/**
 * Maps an item (and its title, for items the catalog does not know) to a segment text cluster, or
 * undefined / a negative number when unknown. The segmenter's `clusterOf` fits.
 */
export type ClusterOf = (itemId: string, title?: string) => number | undefined;

/** Per-item counts. Short keys: up to {@link ITEM_CAP} of these are stored with every event. */
export interface ItemTally {
  readonly id: string;
  /** `item_view`s. */
  readonly v: number;
  /** `add_to_cart`s. */
  readonly c: number;
  /** Purchase lines. */
  readonly p: number;
  /** Purchase lines that carried a title (only those may use the title to find a cluster, as in training). */
  readonly pt: number;
  /** Latest non-empty title seen for the item. */
  readonly t?: string;
  /** Latest event timestamp that touched the item (eviction order). */
  readonly at: number;
}

/** Per-cluster counts of items evicted from `items`, resolved with the `clusterOf` known at eviction. */
export interface EvictedTallies {
  /** Weighted interactions per cluster (see {@link INTEREST_WEIGHTS}). */
  readonly interest: readonly number[];
  /** Purchase lines per cluster. */
  readonly lines: readonly number[];
}

/** The stored incremental profile. Treat as immutable: {@link foldEvent} returns a new one. */
export interface ProfileState {
  readonly version: typeof PROFILE_STATE_VERSION;
  /** Events folded in. */
  readonly events: number;
  /** Latest event timestamp folded in. */
  readonly latestTs: number | null;
  /** Last 30 UTC days up to the newest event, oldest first. */
  readonly days: readonly DayBucket[];
  /** Latest sessions, oldest first. */
  readonly sessions: readonly SessionSpan[];
  /** End of the latest session dropped from `sessions`; later events near or before it are not sessioned. */
  readonly sessionFloor: number | null;
  /** The order gap the orders below were chained with (the segment spec's `orderGapMinutes`). */
  readonly orderGapMinutes: number;
  /** Latest orders (the trainer's order-gap chains), oldest first. */
  readonly orders: readonly Span[];
  readonly earlierOrders: EarlierOrders | null;
  readonly purchases: PurchaseSummary;
  /** Items kept one by one, sorted by id (binary search; the same array whatever the arrival order). */
  readonly items: readonly ItemTally[];
  readonly evicted: EvictedTallies;
  readonly lastViewed: { readonly id: string; readonly title?: string; readonly ts: number } | null;
  readonly page: PageState;
}

/** Weight of each interaction in the profile's cluster affinities. */
export const INTEREST_WEIGHTS = { item_view: 1, add_to_cart: 3, purchase: 5 } as const;

/**
 * The profile of a visitor with no events. Orders are chained with `orderGapMinutes` (the trainer's
 * default unless the segment spec says otherwise; a state built with another gap must be rebuilt).
 */
export function emptyProfileState(orderGapMinutes = DEFAULT_ORDER_GAP_MINUTES): ProfileState {
  return {
    version: PROFILE_STATE_VERSION,
    orderGapMinutes,
    events: 0,
    latestTs: null,
    days: [],
    sessions: [],
    sessionFloor: null,
    orders: [],
    earlierOrders: null,
    purchases: { lines: 0, firstTs: null, lastTs: null, pricedSpend: 0, unpricedUnits: 0 },
    items: [],
    evicted: { interest: [], lines: [] },
    lastViewed: null,
    page: emptyPageState(),
  };
}

/**
 * Folds one event into the profile and returns the new state; `state` is not modified. `clusterOf`
 * is only used for items evicted now (see the module notes); pass it whenever the segmenter is loaded.
 */
export function foldEvent(state: ProfileState, event: TrackEvent, clusterOf?: ClusterOf): ProfileState {
  const draft = cloneState(state);
  apply(draft, event, clusterOf);
  return draft;
}

/**
 * The profile of a stored history, for when no usable state is stored (first run of this version,
 * a retention purge). Events are folded in time order (stable for equal timestamps).
 */
export function rebuildProfile(
  events: readonly TrackEvent[],
  clusterOf?: ClusterOf,
  orderGapMinutes = DEFAULT_ORDER_GAP_MINUTES,
): ProfileState {
  const draft = cloneState(emptyProfileState(orderGapMinutes));
  // One working copy for the whole history rather than one per event.
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) apply(draft, e, clusterOf);
  return draft;
}

/** The stored value as a state of this version, or null (absent, older shape, damaged): rebuild then. */
export function readProfileState(x: unknown): ProfileState | null {
  const s = x as Partial<ProfileState> | null | undefined;
  if (typeof s !== 'object' || s === null || s.version !== PROFILE_STATE_VERSION) return null;
  const arrays = [s.days, s.sessions, s.orders, s.items].every(Array.isArray);
  const objects = [s.page, s.purchases, s.evicted].every((o) => typeof o === 'object' && o !== null);
  return arrays && objects && typeof s.orderGapMinutes === 'number' ? (s as ProfileState) : null;
}

/** Index of `id` in the sorted `items`, or `-(insertion point) - 1` when absent. */
function findItem(items: readonly ItemTally[], id: string): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = (items[mid] as ItemTally).id;
    if (m === id) return mid;
    if (m < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -lo - 1;
}

function cloneState(s: ProfileState): Draft<ProfileState> {
  return {
    ...s,
    days: s.days.map((d) => ({ ...d })),
    sessions: s.sessions.map((x) => ({ s: x.s, e: x.e, stats: { ...x.stats } })),
    orders: s.orders.map((o) => ({ ...o })),
    earlierOrders: s.earlierOrders && { ...s.earlierOrders },
    purchases: { ...s.purchases },
    // Tallies are replaced, never edited, so the array needs only a shallow copy.
    items: [...s.items],
    evicted: { interest: [...s.evicted.interest], lines: [...s.evicted.lines] },
    lastViewed: s.lastViewed && { ...s.lastViewed },
    // Page updates return a new object, so sharing the old one is safe.
    page: s.page as Draft<PageState>,
  };
}

function apply(d: Draft<ProfileState>, e: TrackEvent, clusterOf: ClusterOf | undefined): void {
  if (!Number.isFinite(e.ts)) return;
  d.events += 1;
  d.latestTs = d.latestTs === null ? e.ts : Math.max(d.latestTs, e.ts);
  const delta = eventStats(e);
  addToDays(d.days, dayOf(e.ts), delta, dayOf(d.latestTs));
  d.sessionFloor = addToSessions(d.sessions, d.sessionFloor, e.ts, delta, SESSION_CAP);

  if (e.type === 'page_view') d.page = notePageView(d.page, e.ts, e.props) as Draft<PageState>;
  const item = typeof e.props.item === 'string' && e.props.item !== '' ? e.props.item : null;
  if (item === null) return;
  const title = typeof e.props.title === 'string' && e.props.title !== '' ? e.props.title : undefined;
  const kind =
    e.type === 'item_view' ? 'v' : e.type === 'add_to_cart' ? 'c' : e.type === 'purchase' ? 'p' : null;
  if (kind === null) return;
  touchItem(d, { id: item, title, ts: e.ts, kind }, clusterOf);
  if (kind === 'v') {
    if (!d.lastViewed || e.ts >= d.lastViewed.ts)
      d.lastViewed = { id: item, ...(title ? { title } : {}), ts: e.ts };
    d.page = noteItemViewOnPage(d.page, e.ts) as Draft<PageState>;
  } else if (kind === 'p') {
    addPurchaseLine(d.purchases, e.ts, e.props);
    d.earlierOrders = addToOrders(d.orders, d.earlierOrders, e.ts, d.orderGapMinutes * 60_000, ORDER_CAP);
  }
}

type Touch = { id: string; title: string | undefined; ts: number; kind: 'v' | 'c' | 'p' };

function touchItem(d: Draft<ProfileState>, { id, title, ts, kind }: Touch, clusterOf?: ClusterOf): void {
  const i = findItem(d.items, id);
  const old = i >= 0 ? d.items[i] : undefined;
  const base: ItemTally = old ?? { id, v: 0, c: 0, p: 0, pt: 0, at: ts };
  // Titles of one item rarely change; the latest one to arrive is kept.
  const t = title ?? base.t;
  const next: ItemTally = {
    id,
    v: base.v + (kind === 'v' ? 1 : 0),
    c: base.c + (kind === 'c' ? 1 : 0),
    p: base.p + (kind === 'p' ? 1 : 0),
    pt: base.pt + (kind === 'p' && title !== undefined ? 1 : 0),
    ...(t === undefined ? {} : { t }),
    at: Math.max(base.at, ts),
  };
  if (i >= 0) d.items[i] = next;
  else d.items.splice(-i - 1, 0, next);
  if (d.items.length > ITEM_CAP + ITEM_SLACK) evictItems(d, clusterOf);
}

function evictItems(d: Draft<ProfileState>, clusterOf: ClusterOf | undefined): void {
  const oldest = [...d.items].sort((a, b) => a.at - b.at).slice(0, d.items.length - ITEM_CAP);
  const gone = new Set(oldest.map((t) => t.id));
  d.items = d.items.filter((t) => !gone.has(t.id));
  // Without the cluster map their affinity is unknown; their orders and spend are kept regardless.
  if (!clusterOf) return;
  for (const tally of oldest) {
    const c = validCluster(clusterOf(tally.id, tally.t));
    if (c !== null) bump(d.evicted.interest, c, interestOf(tally));
    const lines = purchaseLineCluster(tally, clusterOf);
    if (lines) bump(d.evicted.lines, lines.cluster, lines.count);
  }
}

function bump(arr: number[], i: number, by: number): void {
  while (arr.length <= i) arr.push(0);
  arr[i] = (arr[i] ?? 0) + by;
}

/** Weighted interactions of one item. */
export function interestOf(t: ItemTally): number {
  return (
    t.v * INTEREST_WEIGHTS.item_view + t.c * INTEREST_WEIGHTS.add_to_cart + t.p * INTEREST_WEIGHTS.purchase
  );
}

/** A usable cluster index (a non-negative integer below a sanity bound), else null. */
export function validCluster(c: number | undefined): number | null {
  return c !== undefined && Number.isInteger(c) && c >= 0 && c < MAX_CLUSTERS ? c : null;
}

/** Purchase lines of one item that fall in one cluster. */
export interface LineCluster {
  readonly cluster: number;
  readonly count: number;
}

/**
 * The cluster the trainer's rule gives an item's purchase lines: the item map covers every line;
 * failing that, the title covers only the lines that carried one. Null when no line has a cluster.
 */
export function purchaseLineCluster(tally: ItemTally, clusterOf: ClusterOf): LineCluster | null {
  if (tally.p === 0) return null;
  const byId = validCluster(clusterOf(tally.id));
  if (byId !== null) return { cluster: byId, count: tally.p };
  if (tally.pt === 0 || tally.t === undefined) return null;
  const byTitle = validCluster(clusterOf(tally.id, tally.t));
  return byTitle === null ? null : { cluster: byTitle, count: tally.pt };
}

/** What {@link profileView} needs besides the state. */
export interface ProfileViewOptions {
  /** Cluster affinities, strongest first (the segmenter's `affinities(state)`); none without it. */
  readonly affinities?: readonly Affinity[];
  /** Local offset for the time of day; defaults to this runtime's. */
  readonly utcOffsetMinutes?: number;
}

/** The profile as of `nowMs`: windows relative to now, RFM over everything kept, the latest context. */
export function profileView(
  state: ProfileState,
  nowMs: number,
  device: DeviceClass,
  options: ProfileViewOptions = {},
): Profile {
  const p = state.purchases;
  const daysSince = (ts: number | null) => (ts === null ? null : (nowMs - Math.min(ts, nowMs)) / DAY_MS);
  const lv = state.lastViewed;
  const title = lv ? (lv.title ?? state.items[findItem(state.items, lv.id)]?.t) : undefined;
  return {
    windows: windowsAt(state.days, state.sessions.at(-1), nowMs),
    rfm: {
      recencyDays: daysSince(p.lastTs),
      tenureDays: daysSince(p.firstTs),
      orders: state.orders.length + (state.earlierOrders?.count ?? 0),
      spend: p.pricedSpend,
    },
    affinities: options.affinities ?? [],
    context: {
      device,
      timeOfDay: timeOfDay(state.latestTs ?? nowMs, options.utcOffsetMinutes),
      pageType: currentPageType(state.page),
    },
    ...(lv ? { lastViewed: { id: lv.id, ...(title ? { title } : {}) } } : {}),
    events: state.events,
    updatedAt: state.latestTs ?? 0,
  };
}
