import { describe, expect, it } from 'vitest';
import type { TrackEvent } from '../protocol';
import { StorageError } from '../protocol';
import { createMemoryStore } from './memory-store';
import { addWithinQuota, enforceRetention, isQuotaError } from './retention';
import type { Store } from './store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22);
const ev = (id: string, ageDays: number): TrackEvent => ({
  id,
  ts: NOW - ageDays * DAY,
  type: 'page_view',
  props: {},
});
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** A memory store holding `seed`, whose next `failures` adds fail as a full disk would. */
async function fullDisk(failures: number, seed: TrackEvent[] = []): Promise<Store> {
  const store = createMemoryStore();
  for (const e of seed) await store.addEvent(e);
  let left = failures;
  return {
    ...store,
    async addEvent(e) {
      if (left-- > 0) throw quota();
      return store.addEvent(e);
    },
  };
}

describe('retention', () => {
  it('purges events past the TTL and caps the rest, oldest first', async () => {
    const store = createMemoryStore();
    for (const [id, age] of [
      ['expired', 91],
      ['a', 30],
      ['b', 20],
      ['c', 10],
      ['d', 1],
    ] as const) {
      await store.addEvent(ev(id, age));
    }
    const sealed = { iv: new Uint8Array(12), data: new ArrayBuffer(4) };
    await store.addMessage({ id: 'old-message', at: NOW - 95 * DAY, ...sealed });
    await store.addMessage({ id: 'new-message', at: NOW - DAY, ...sealed });
    expect(await enforceRetention(store, { ttlDays: 90, maxEvents: 3 }, NOW)).toEqual({
      purged: 1,
      evicted: 1,
      messages: 1,
    });
    expect((await store.events()).map((e) => e.id)).toEqual(['b', 'c', 'd']);
    expect((await store.messages()).map((m) => m.id)).toEqual(['new-message']);
  });

  it('on a full disk evicts old events, retries, and keeps the consent record', async () => {
    const store = await fullDisk(1, [ev('oldest', 5), ev('older', 4), ev('recent', 1)]);
    await store.putConsent({ personalize: true, share: true, notice: 'v1', at: NOW, source: 'prompt' });
    // maxEvents 10 → 10% = one event evicted before the retry.
    expect(await addWithinQuota(store, ev('new', 0), { ttlDays: 90, maxEvents: 10 })).toBe(true);
    expect((await store.events()).map((e) => e.id)).toEqual(['older', 'recent', 'new']);
    expect(await store.getConsent()).toMatchObject({ personalize: true });
  });

  it('gives a typed storage_full error when even eviction does not help', async () => {
    const store = await fullDisk(2);
    await expect(addWithinQuota(store, ev('new', 0), { ttlDays: 90, maxEvents: 10 })).rejects.toBeInstanceOf(
      StorageError,
    );
    await expect(
      addWithinQuota(await fullDisk(2), ev('n', 0), { ttlDays: 90, maxEvents: 10 }),
    ).rejects.toMatchObject({
      code: 'storage_full',
    });
  });

  it('recognizes quota errors raised directly or as a transaction cause, and nothing else', () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new DOMException('x', 'AbortError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('passes other errors through untouched', async () => {
    const store = { ...createMemoryStore(), addEvent: async () => Promise.reject(new TypeError('boom')) };
    await expect(addWithinQuota(store, ev('n', 0), { ttlDays: 90, maxEvents: 10 })).rejects.toBeInstanceOf(
      TypeError,
    );
  });
});
