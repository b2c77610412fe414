/**
 * Implicit feedback: which recommended items the visitor was shown and which they opened. Kept as
 * counters beside the thumbs (the store's `exposure` record, with `personalize` only), not in the
 * event log, so impressions never feed the behavioural models or the item-popularity reports. An
 * item shown {@link IGNORED_AFTER} times and never opened loses a little score, so the list moves on.
 */
import { type ExposureInput, ValidationError } from '../protocol';

/** Impressions and opens of one item. */
export interface ExposureCount {
  readonly shown: number;
  readonly opened: number;
  /** Epoch ms of the latest change. */
  readonly at: number;
}

/** The record the store keeps. */
export interface ExposureState {
  readonly items: Readonly<Record<string, ExposureCount>>;
}

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
): ExposureState {
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
  return { items };
}

/** The state after a list of recommended items was shown. */
export function recordShown(state: ExposureState, ids: readonly string[], at: number): ExposureState {
  return bump(state, ids, 'shown', at);
}

/** The state after the visitor opened a recommended item. */
export function recordOpened(state: ExposureState, id: string, at: number): ExposureState {
  return bump(state, [id], 'opened', at);
}

/** What the item's score loses for being ignored: {@link IGNORED_PENALTY} or 0. */
export function exposurePenalty(state: ExposureState | undefined, id: string): number {
  const c = state?.items[id];
  return c && c.opened === 0 && c.shown >= IGNORED_AFTER ? IGNORED_PENALTY : 0;
}

/** Longest item id accepted, and most items in one shown list. */
const MAX_ID = 200;
const MAX_SHOWN = 50;

/** The state after the frame's report; throws `ValidationError` for a malformed one. */
export function applyExposure(state: ExposureState, input: ExposureInput, at: number): ExposureState {
  const id = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= MAX_ID;
  const i = input as { shown?: unknown; opened?: unknown } | null;
  if (i && Array.isArray(i.shown) && i.shown.length <= MAX_SHOWN && i.shown.every(id)) {
    return recordShown(state, i.shown, at);
  }
  if (i && id(i.opened)) return recordOpened(state, i.opened, at);
  throw new ValidationError(
    'invalid_argument',
    `exposure must be {shown: ids (at most ${MAX_SHOWN})} or {opened: id}`,
  );
}
