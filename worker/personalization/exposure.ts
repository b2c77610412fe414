/**
 * Implicit feedback: which recommended items the visitor was shown and which they opened. Kept as
 * counters beside the thumbs (the store's `exposure` record, with `personalize` only), not in the
 * event log, so impressions never feed the behavioural models or the item-popularity reports. An
 * item shown {@link IGNORED_AFTER} times and never opened loses a little score, so the list moves on.
 * Chat search results answer a question rather than guess a taste, so they are not counted against
 * an item; they are kept, like every list, as impressions (item, basis, time, opened since), from
 * which the day's click-through report draws one.
 */
import { RECOMMENDATION_BASES } from '../../sync-server/protocol';
import { type ExposureInput, type RecommendationBasis, type ShownItem, ValidationError } from '../protocol';

/** Impressions and opens of one item. */
export interface ExposureCount {
  readonly shown: number;
  readonly opened: number;
  /** Epoch ms of the latest change. */
  readonly at: number;
}

/** One item of one shown list. */
export interface Impression {
  readonly id: string;
  readonly basis: RecommendationBasis;
  /** Epoch ms it was shown. */
  readonly at: number;
  /** Whether the visitor opened the item after this impression. */
  readonly opened: boolean;
}

/** The record the store keeps. */
export interface ExposureState {
  readonly items: Readonly<Record<string, ExposureCount>>;
  /** The latest impressions, oldest first (absent in records written before they were kept). */
  readonly impressions?: readonly Impression[];
}

/** Impressions kept: a few days of an active visitor's lists; the day's report needs only today's. */
export const MAX_IMPRESSIONS = 300;

/** Items kept; the ones changed longest ago go first. */
export const MAX_EXPOSURE_ITEMS = 500;
/** Impressions without an open after which an item counts as ignored. */
export const IGNORED_AFTER = 3;
/** What an ignored item loses: as much as the neighbours of a disliked item at most (feedback.ts). */
export const IGNORED_PENALTY = -0.25;

/** Nothing shown yet. */
export function emptyExposure(): ExposureState {
  return { items: {} };
}

function bump(
  state: ExposureState,
  ids: readonly string[],
  field: 'shown' | 'opened',
  at: number,
): ExposureState['items'] {
  const items: Record<string, ExposureCount> = { ...state.items };
  for (const id of new Set(ids)) {
    const was = items[id] ?? { shown: 0, opened: 0, at };
    items[id] = { ...was, [field]: was[field] + 1, at };
  }
  const keys = Object.keys(items);
  if (keys.length > MAX_EXPOSURE_ITEMS) {
    keys.sort((a, b) => (items[a] as ExposureCount).at - (items[b] as ExposureCount).at);
    for (const k of keys.slice(0, keys.length - MAX_EXPOSURE_ITEMS)) delete items[k];
  }
  return items;
}

/** The state after a list of recommended items was shown. */
export function recordShown(state: ExposureState, shown: readonly ShownItem[], at: number): ExposureState {
  const unique = [...new Map(shown.map((x) => [x.id, x])).values()];
  const counted = unique.filter((x) => x.basis !== 'search').map((x) => x.id);
  const added = unique.map((x): Impression => ({ id: x.id, basis: x.basis, at, opened: false }));
  return {
    items: counted.length ? bump(state, counted, 'shown', at) : state.items,
    impressions: [...(state.impressions ?? []), ...added].slice(-MAX_IMPRESSIONS),
  };
}

/** The state after the visitor opened a recommended item: its latest impression counts as opened. */
export function recordOpened(state: ExposureState, id: string, at: number): ExposureState {
  const impressions = [...(state.impressions ?? [])];
  let latest = -1;
  for (let k = impressions.length - 1; k >= 0 && latest < 0; k--) if (impressions[k]?.id === id) latest = k;
  const was = impressions[latest];
  if (was) impressions[latest] = { ...was, opened: true };
  return { items: bump(state, [id], 'opened', at), impressions };
}

/** What the item's score loses for being ignored: {@link IGNORED_PENALTY} or 0. */
export function exposurePenalty(state: ExposureState | undefined, id: string): number {
  const c = state?.items[id];
  return c && c.opened === 0 && c.shown >= IGNORED_AFTER ? IGNORED_PENALTY : 0;
}

/** Longest item id accepted, and most items in one shown list. */
const MAX_ID = 200;
const MAX_SHOWN = 50;
/** The protocol's list, which the day's click-through report indexes; typed so that it holds only bases. */
const BASES: readonly RecommendationBasis[] = RECOMMENDATION_BASES;

/** The state after the frame's report; throws `ValidationError` for a malformed one. */
export function applyExposure(state: ExposureState, input: ExposureInput, at: number): ExposureState {
  const id = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_ID;
  const item = (x: unknown): x is ShownItem => {
    const r = x as { id?: unknown; basis?: unknown } | null;
    return typeof r === 'object' && r !== null && id(r.id) && BASES.includes(r.basis as RecommendationBasis);
  };
  const i = input as { shown?: unknown; opened?: unknown } | null;
  if (i && Array.isArray(i.shown) && i.shown.length <= MAX_SHOWN && i.shown.every(item)) {
    return recordShown(state, i.shown, at);
  }
  if (i && id(i.opened)) return recordOpened(state, i.opened, at);
  throw new ValidationError(
    'invalid_argument',
    `exposure must be {shown: [{id, basis}] (at most ${MAX_SHOWN}; basis one of ${BASES.join(', ')})} or {opened: id}`,
  );
}
