/**
 * Retention: events and chat messages older than the TTL are purged, the store is capped with oldest-first eviction, and
 * a full disk (QuotaExceededError) evicts old events and retries once instead of failing the visitor.
 * Only events are ever evicted: the consent record is never touched by any of this.
 */

import type { TrackEvent } from '../protocol';
import { StorageError } from '../protocol';
import type { Store } from './store';

/** How long and how much the store keeps. */
export interface RetentionPolicy {
  readonly ttlDays: number;
  readonly maxEvents: number;
}

/** Defaults from the privacy model: 90 days; the cap keeps feature computation cheap. */
export const DEFAULT_RETENTION: RetentionPolicy = { ttlDays: 90, maxEvents: 5000 };

const DAY_MS = 86_400_000;

/** Share of the cap evicted when the browser reports the quota exceeded. */
const QUOTA_EVICTION_SHARE = 0.1;

/** What one enforcement pass removed. */
export interface RetentionResult {
  readonly purged: number;
  readonly evicted: number;
  /** Chat messages past the TTL, purged like events. */
  readonly messages: number;
}

/** Purges expired events, then evicts the oldest beyond the cap. */
export async function enforceRetention(
  store: Store,
  policy: RetentionPolicy,
  nowMs: number,
): Promise<RetentionResult> {
  const cutoff = nowMs - policy.ttlDays * DAY_MS;
  const purged = await store.purgeBefore(cutoff);
  const messages = await store.purgeMessagesBefore(cutoff);
  const over = (await store.countEvents()) - policy.maxEvents;
  const evicted = over > 0 ? await store.evictOldest(over) : 0;
  return { purged, evicted, messages };
}

/** True for the errors browsers raise when storage is full (directly or as a transaction's cause). */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}

/** Adds an event; on a full disk evicts the oldest share of events and retries once. */
export async function addWithinQuota(
  store: Store,
  event: TrackEvent,
  policy: RetentionPolicy,
): Promise<boolean> {
  try {
    return await store.addEvent(event);
  } catch (e) {
    if (!isQuotaError(e)) throw e;
  }
  await store.evictOldest(Math.max(1, Math.ceil(policy.maxEvents * QUOTA_EVICTION_SHARE)));
  try {
    return await store.addEvent(event);
  } catch (e) {
    if (!isQuotaError(e)) throw e;
    throw new StorageError(
      'storage_full',
      'the browser has no room left for new events, even after evicting old ones',
    );
  }
}
