/**
 * The IndexedDB store in real Chromium (the Node tests use fake-indexeddb): schema upgrade from v1,
 * the no-trace open before consent, retention deletes, and every record kind round-tripping through
 * structured clone, CryptoKeys included.
 */
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { V1_CONSENT as consent, createV1, v1Event as ev } from '../../test/support/v1-database';
import type { SealedMessage } from './state-map';
import { DB_NAME, DB_VERSION, destroyStore, openStore, type Store } from './store';

/** Opens the database as it is now, without any upgrade, to inspect its schema. */
function openRaw(): Promise<IDBDatabase> {
  return new Promise((done, fail) => {
    const req = indexedDB.open(DB_NAME);
    req.onsuccess = () => done(req.result);
    req.onerror = () => fail(req.error);
  });
}

async function databaseNames(): Promise<(string | undefined)[]> {
  return (await indexedDB.databases()).map((d) => d.name);
}

let open: Store | null = null;

async function create(): Promise<Store> {
  open = await openStore({ create: true });
  if (!open) throw new Error('openStore({create: true}) returned no store');
  return open;
}

beforeEach(async () => {
  await deleteDB(DB_NAME);
});

afterEach(async () => {
  await destroyStore(open);
  open = null;
});

describe('store in Chromium IndexedDB', () => {
  it('upgrades a v1 database to the current version with its data intact', async () => {
    await createV1([ev('a', 3), ev('b', 1), ev('c', 2, 'purchase')]);
    open = await openStore({ create: false });
    expect(open).not.toBeNull();
    expect(await open?.getConsent()).toEqual(consent);
    expect((await open?.events())?.map((e) => e.id)).toEqual(['b', 'c', 'a']);
    expect(await open?.counts()).toEqual({ events: 3, transcripts: 0, state: 0, keys: 0 });
    open?.close();

    const raw = await openRaw();
    try {
      expect(DB_VERSION).toBe(4);
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
      const tx = raw.transaction(['events', 'transcripts']);
      expect([...tx.objectStore('events').indexNames].sort()).toEqual(['by-ts', 'by-type']);
      expect([...tx.objectStore('transcripts').indexNames]).toEqual(['by-at']);
    } finally {
      raw.close();
    }
  });

  it('opens nothing and leaves no database behind before consent', async () => {
    expect(await databaseNames()).not.toContain(DB_NAME);
    expect(await openStore({ create: false })).toBeNull();
    expect(await databaseNames()).not.toContain(DB_NAME);
    // The same call finds the database once it exists.
    (await create()).close();
    expect(await databaseNames()).toContain(DB_NAME);
    const again = await openStore({ create: false });
    expect(again).not.toBeNull();
    again?.close();
  });

  it('purges events by age, evicts oldest first and purges old messages', async () => {
    const store = await create();
    for (const [id, ts] of [
      ['old1', 10],
      ['old2', 20],
      ['mid', 30],
      ['new1', 40],
      ['new2', 50],
    ] as const) {
      expect(await store.addEvent(ev(id, ts))).toBe(true);
    }
    expect(await store.addEvent(ev('mid', 99))).toBe(false);
    expect(await store.purgeBefore(25)).toBe(2);
    expect(await store.evictOldest(1)).toBe(1);
    expect(await store.evictOldest(0)).toBe(0);
    expect((await store.events()).map((e) => e.id)).toEqual(['new1', 'new2']);
    expect(await store.countEvents()).toBe(2);

    const msg = (id: string, at: number): SealedMessage => ({
      id,
      at,
      iv: new Uint8Array(12).fill(at),
      data: new Uint8Array([at]).buffer,
    });
    for (const m of [msg('m1', 5), msg('m2', 15), msg('m3', 25)]) await store.addMessage(m);
    expect(await store.purgeMessagesBefore(20)).toBe(2);
    expect((await store.messages()).map((m) => m.id)).toEqual(['m3']);
  });

  it('round-trips consent, state, sealed messages and a non-extractable CryptoKey', async () => {
    const store = await create();
    await store.putConsent(consent);
    await store.putState('salt', '00ff');
    const sealed: SealedMessage = {
      id: 'm1',
      at: 7,
      iv: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
      data: Uint8Array.from([200, 100, 50]).buffer,
    };
    await store.addMessage(sealed);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await store.putKey('transcript', key);
    store.close();

    // A fresh connection reads what the first one wrote from disk, not from any in-memory copy.
    const reopened = await openStore({ create: false });
    if (!reopened) throw new Error('the database disappeared');
    open = reopened;
    expect(await reopened.getConsent()).toEqual(consent);
    expect(await reopened.getState('salt')).toBe('00ff');
    expect(await reopened.getState('profile')).toBeUndefined();
    const [got] = await reopened.messages();
    expect(got?.id).toBe('m1');
    expect(got?.iv).toBeInstanceOf(Uint8Array);
    expect([...(got?.iv ?? [])]).toEqual([...sealed.iv]);
    expect(got?.data).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(got?.data ?? new ArrayBuffer(0))]).toEqual([200, 100, 50]);
    expect(await reopened.counts()).toEqual({ events: 0, transcripts: 1, state: 1, keys: 1 });

    const back = await reopened.getKey('transcript');
    expect(back).toBeInstanceOf(CryptoKey);
    expect(back?.extractable).toBe(false);
    expect(back?.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...(back?.usages ?? [])].sort()).toEqual(['decrypt', 'encrypt']);
    // The key that came back is the same key: it opens what the original sealed.
    const iv = new Uint8Array(12);
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('hello'));
    if (!back) throw new Error('no key');
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, back, ct);
    expect(new TextDecoder().decode(pt)).toBe('hello');
    expect(await reopened.getKey('missing')).toBeUndefined();
  });

  it('destroyStore deletes the database', async () => {
    const store = await create();
    await store.addEvent(ev('x', 1));
    await destroyStore(store);
    open = null;
    expect(await databaseNames()).not.toContain(DB_NAME);
    expect(await openStore({ create: false })).toBeNull();
  });
});
