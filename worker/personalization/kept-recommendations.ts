/**
 * The last recommendations computed, kept with `personalize` so that a returning visitor's next page
 * shows them as soon as the worker has read IndexedDB, instead of after the runtime has compiled its
 * wasm and created the sessions (about half a second here). Fresh ones follow as soon as the models
 * have run, computed on every event kept since, this page view included. The kept list is the
 * visitor's derived data like the profile: in the export, gone with the database, never reported.
 */
import type { Recommendations } from '../protocol';

/** What the `state` store keeps under `recommendations`. */
export interface KeptRecommendations {
  /** Epoch ms of the computation. */
  readonly at: number;
  readonly recommendations: Recommendations;
}

/** Kept lists older than this are not shown: a visitor back after a week gets fresh ones only. */
export const KEPT_RECOMMENDATIONS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The kept list if it has the expected shape (the record may come from an older release or a damaged
 * database) and, given `nowMs`, is recent enough to show then; else null.
 */
export function readKept(value: unknown, nowMs?: number): KeptRecommendations | null {
  if (typeof value !== 'object' || value === null) return null;
  const { at, recommendations: r } = value as { at?: unknown; recommendations?: unknown };
  if (typeof at !== 'number' || !Number.isFinite(at)) return null;
  if (nowMs !== undefined && !(nowMs - at >= 0 && nowMs - at <= KEPT_RECOMMENDATIONS_MAX_AGE_MS)) return null;
  if (typeof r !== 'object' || r === null) return null;
  const { items, modelVersion, currency } = r as Partial<Recommendations>;
  if (
    !Array.isArray(items) ||
    items.length === 0 ||
    typeof modelVersion !== 'string' ||
    typeof currency !== 'string'
  )
    return null;
  const wellFormed = items.every(
    (i: unknown) =>
      typeof i === 'object' &&
      i !== null &&
      typeof (i as { id?: unknown }).id === 'string' &&
      typeof (i as { title?: unknown }).title === 'string',
  );
  return wellFormed ? { at, recommendations: r as Recommendations } : null;
}
