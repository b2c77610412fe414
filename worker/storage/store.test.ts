/**
 * The IndexedDB store under fake-indexeddb (real IndexedDB in Chromium: store.browser.test.ts).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { V1_CONSENT as consent, createV1, v1Event as ev } from '../../test/support/v1-database';
import { createV3, V3_LEDGER } from '../../test/support/v3-database';
import { DB_NAME, DB_VERSION, openStore } from './store';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('store schema', () => {
  it('upgrades a v1 database to the current version with its data intact', async () => {
    await createV1([ev('a', 3), ev('b', 1), ev('c', 2, 'purchase')]);
    const store = await openStore({ create: false });
    expect(store).not.toBeNull();
    expect(await store?.getConsent()).toEqual(consent);
    expect((await store?.events())?.map((e) => e.id)).toEqual(['b', 'c', 'a']);
    store?.close();
    const raw = await new Promise<IDBDatabase>((done) => {
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => done(req.result);
    });
    expect(raw.version).toBe(DB_VERSION);
    expect([...raw.objectStoreNames].sort()).toEqual([
      'consent',
      'events',
      'keys',
      'meta',
      'outbox',
      'state',
      'transcripts',
    ]);
    expect([...raw.transaction('events').objectStore('events').indexNames].sort()).toEqual([
      'by-ts',
      'by-type',
    ]);
    raw.close();
  });

  it('upgrades a v3 database to v4: its state intact, an empty outbox added', async () => {
    await createV3();
    const store = await openStore({ create: false });
    if (!store) throw new Error('the v3 database was not opened');
    expect(await store.getConsent()).toEqual(consent);
    expect(await store.getState('ledger')).toEqual(V3_LEDGER);
    expect(await store.outbox.count()).toBe(0);
    expect(await store.outbox.list()).toEqual([]);
    store.close();
  });

  it('purges by age and evicts oldest first', async () => {
    const store = await openStore({ create: true });
    if (!store) throw new Error('no store');
    for (const [id, ts] of [
      ['old1', 10],
      ['old2', 20],
      ['mid', 30],
      ['new1', 40],
      ['new2', 50],
    ] as const) {
      await store.addEvent(ev(id, ts));
    }
    expect(await store.purgeBefore(25)).toBe(2);
    expect(await store.evictOldest(1)).toBe(1);
    expect((await store.events()).map((e) => e.id)).toEqual(['new1', 'new2']);
    expect(await store.evictOldest(0)).toBe(0);
    expect(await store.getConsent()).toBeUndefined();
    store.close();
  });

  it('keeps the first key and salt when two writers race', async () => {
    const store = await openStore({ create: true });
    if (!store) throw new Error('no store');
    const make = () =>
      crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const [a, b] = [await make(), await make()];
    const [first, second] = await Promise.all([store.keepFirstKey('k', a), store.keepFirstKey('k', b)]);
    expect(first).toBe(a);
    // The loser gets the winner's key back (a structured clone of it): what one seals, the other opens.
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, first, new Uint8Array([7]));
    const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, second, sealed);
    expect([...new Uint8Array(opened)]).toEqual([7]);
    expect(await store.keepFirstState('salt', 'aa')).toBe('aa');
    expect(await store.keepFirstState('salt', 'bb')).toBe('aa');
    expect(await store.counts()).toEqual({ events: 0, transcripts: 0, state: 1, keys: 1 });
    store.close();
  });

  it('reads the newest messages backwards, oldest first, as many as asked for', async () => {
    const store = await openStore({ create: true });
    if (!store) throw new Error('no store');
    const sealed = (i: number) => ({
      id: `m${i}`,
      at: 1000 + i,
      iv: new Uint8Array(12),
      data: new ArrayBuffer(1),
    });
    // Written out of order: the index orders them by time.
    for (const i of [3, 0, 4, 1, 2]) await store.addMessage(sealed(i));
    expect((await store.lastMessages(2)).map((m) => m.id)).toEqual(['m3', 'm4']);
    expect((await store.lastMessages(10)).map((m) => m.id)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(await store.lastMessages(0)).toEqual([]);
    store.close();
  });
});
