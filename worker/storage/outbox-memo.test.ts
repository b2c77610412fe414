/**
 * The permanent randomized responses (`memo`) live beside the ledger: written in the enqueue's own
 * transaction, read back by the next enqueue, and deleted when `share` is revoked (the outbox is
 * cleared) while the ledger stays, on IndexedDB and in session memory alike.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MemoState } from '../sync/memo-state';
import type { EnqueueInput } from '../sync/outbox-types';
import { emptyLedger } from '../sync/privacy-ledger';
import { createMemoryStore } from './memory-store';
import { openStore, type Store } from './store';

const NOW = Date.UTC(2026, 10, 22, 12);
const memo: MemoState = { version: 1, entries: [['segment_share||4|2', 0]] };
const entry = { id: 'b-1', body: '{}', reports: 1, createdAt: NOW, attempts: 0, nextAttemptAt: 0 };

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe.each([
  ['IndexedDB', async () => (await openStore({ create: true })) as Store],
  ['session memory', async () => createMemoryStore()],
])('memo state (%s)', (_name, open) => {
  it('is written with the batch, read by the next enqueue, and deleted with share', async () => {
    const store = await open();
    const ledger = { ...emptyLedger(NOW), epsilonToday: 1, reportsSent: 1, epsilonTotal: 1 };
    const reported = { version: 1 as const, day: '2026-11-22', keys: ['segment_share'], at: NOW };
    await store.outbox.enqueue(() => ({ entries: [entry], ledger, reported, memo }), 10);
    expect(await store.getState('memo')).toEqual(memo);
    let seen: EnqueueInput | undefined;
    await store.outbox.enqueue((input) => {
      seen = input;
      return null;
    }, 10);
    expect(seen).toMatchObject({ memo, reported, ledger });
    expect(await store.outbox.clear()).toBe(1);
    expect(await store.getState('memo')).toBeUndefined();
    // The ledger stays: what was sent today was sent.
    expect(await store.getState('ledger')).toEqual(ledger);
    store.close();
  });
});
