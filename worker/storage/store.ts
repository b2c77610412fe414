/**
 * The one module that owns IndexedDB. Nothing is created before the visitor grants `personalize`:
 * `openStore({create: false})` opens an existing database only, aborting the upgrade that would
 * otherwise create an empty one, so a visitor who never consented leaves no trace on the device.
 */
import { deleteDB, type IDBPDatabase, openDB } from 'idb';
import type { ConsentRecord, TrackEvent } from '../protocol';
import type { OutboxStore } from '../sync/outbox-types';
import { idbOutbox } from './outbox-idb';
import { type ConfideSchema, DB_NAME, DB_VERSION } from './schema';
import type { SealedMessage, StateMap } from './state-map';

export { type ConfideSchema, DB_NAME, DB_VERSION } from './schema';

/** How many records each store holds, for the privacy center. */
export interface StoreCounts {
  readonly events: number;
  readonly transcripts: number;
  readonly state: number;
  readonly keys: number;
}

/** An open store. */
export interface Store {
  getConsent(): Promise<ConsentRecord | undefined>;
  putConsent(record: ConsentRecord): Promise<void>;
  /** Adds an event; false when an event with the same id is already stored. */
  addEvent(event: TrackEvent): Promise<boolean>;
  /** All events, oldest first. */
  events(): Promise<TrackEvent[]>;
  countEvents(): Promise<number>;
  /** Deletes events with `ts` before `cutoffMs`; returns how many. */
  purgeBefore(cutoffMs: number): Promise<number>;
  /** Deletes the `count` oldest events; returns how many. */
  evictOldest(count: number): Promise<number>;
  getState<K extends keyof StateMap>(key: K): Promise<StateMap[K] | undefined>;
  putState<K extends keyof StateMap>(key: K, value: StateMap[K]): Promise<void>;
  addMessage(message: SealedMessage): Promise<void>;
  /** All sealed messages, oldest first. */
  messages(): Promise<SealedMessage[]>;
  /** The newest `limit` sealed messages, oldest first (read backwards, so a long transcript costs nothing extra). */
  lastMessages(limit: number): Promise<SealedMessage[]>;
  countMessages(): Promise<number>;
  /** Deletes messages with `at` before `cutoffMs` (retention); returns how many. */
  purgeMessagesBefore(cutoffMs: number): Promise<number>;
  getKey(name: string): Promise<CryptoKey | undefined>;
  putKey(name: string, key: CryptoKey): Promise<void>;
  /**
   * Keeps `key` under `name` unless one is already there, in one transaction, and returns the key
   * kept. Two tabs creating a key at once therefore agree on one.
   */
  keepFirstKey(name: string, key: CryptoKey): Promise<CryptoKey>;
  /** Like {@link keepFirstKey}, for a state record (the install salt). */
  keepFirstState<K extends keyof StateMap>(key: K, value: StateMap[K]): Promise<StateMap[K]>;
  counts(): Promise<StoreCounts>;
  /** The sync client's outbox (worker/sync/outbox). */
  readonly outbox: OutboxStore;
  close(): void;
}

/**
 * Opens the store. With `create: false` it resolves to `null` when no database exists yet and
 * leaves nothing behind. Rejects when IndexedDB itself is unavailable.
 */
export async function openStore({ create }: { create: boolean }): Promise<Store | null> {
  let db: IDBPDatabase<ConfideSchema>;
  try {
    db = await openDB<ConfideSchema>(DB_NAME, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion === 0 && !create) {
          // Aborting the version change of a brand-new database deletes it again. The abort is
          // the expected outcome here, so its rejections are handled rather than left unhandled.
          tx.done.catch(() => {});
          tx.abort();
          return;
        }
        if (oldVersion < 1) {
          db.createObjectStore('consent');
          db.createObjectStore('events', { keyPath: 'id' }).createIndex('by-ts', 'ts');
        }
        if (oldVersion < 2) {
          // v2: per-type lookups for features, and store-level counters.
          tx.objectStore('events').createIndex('by-type', 'type');
          db.createObjectStore('meta');
        }
        if (oldVersion < 3) {
          // v3: the derived state, the encrypted transcript and its key.
          db.createObjectStore('state');
          db.createObjectStore('transcripts', { keyPath: 'id' }).createIndex('by-at', 'at');
          db.createObjectStore('keys');
        }
        if (oldVersion < 4) {
          // v4: the sync client's outbox; batches are sent oldest first.
          db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        }
      },
      blocking() {
        // Another tab wants to upgrade or delete (e.g. a revocation there): let it.
        db.close();
      },
    });
  } catch (e) {
    if (!create && e instanceof DOMException && e.name === 'AbortError') {
      return null;
    }
    throw e;
  }
  return wrap(db);
}

function wrap(db: IDBPDatabase<ConfideSchema>): Store {
  return {
    getConsent: () => db.get('consent', 'current'),
    async putConsent(record) {
      await db.put('consent', record, 'current');
    },
    async addEvent(event) {
      const tx = db.transaction('events', 'readwrite');
      if (await tx.store.getKey(event.id)) {
        await tx.done;
        return false;
      }
      await tx.store.add(event);
      await tx.done;
      return true;
    },
    events: () => db.getAllFromIndex('events', 'by-ts'),
    countEvents: () => db.count('events'),
    async purgeBefore(cutoffMs) {
      return deleteByTs(db, IDBKeyRange.upperBound(cutoffMs, true), Number.POSITIVE_INFINITY);
    },
    async evictOldest(count) {
      return count > 0 ? deleteByTs(db, null, count) : 0;
    },
    getState: <K extends keyof StateMap>(key: K) => db.get('state', key) as Promise<StateMap[K] | undefined>,
    async putState(key, value) {
      await db.put('state', value, key);
    },
    async addMessage(message) {
      await db.put('transcripts', message);
    },
    messages: () => db.getAllFromIndex('transcripts', 'by-at'),
    async lastMessages(limit) {
      const out: SealedMessage[] = [];
      let cursor = await db.transaction('transcripts').store.index('by-at').openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        out.push(cursor.value);
        cursor = await cursor.continue();
      }
      return out.reverse();
    },
    countMessages: () => db.count('transcripts'),
    async purgeMessagesBefore(cutoffMs) {
      const tx = db.transaction('transcripts', 'readwrite');
      let deleted = 0;
      let cursor = await tx.store.index('by-at').openCursor(IDBKeyRange.upperBound(cutoffMs, true));
      while (cursor) {
        await cursor.delete();
        deleted += 1;
        cursor = await cursor.continue();
      }
      await tx.done;
      return deleted;
    },
    getKey: (name) => db.get('keys', name),
    async putKey(name, key) {
      await db.put('keys', key, name);
    },
    async keepFirstKey(name, key) {
      const tx = db.transaction('keys', 'readwrite');
      const kept = await tx.store.get(name);
      if (!kept) await tx.store.add(key, name);
      await tx.done;
      return kept ?? key;
    },
    async keepFirstState<K extends keyof StateMap>(key: K, value: StateMap[K]) {
      const tx = db.transaction('state', 'readwrite');
      const kept = (await tx.store.get(key)) as StateMap[K] | undefined;
      if (kept === undefined) await tx.store.add(value, key);
      await tx.done;
      return kept ?? value;
    },
    async counts() {
      const [events, transcripts, state, keys] = await Promise.all([
        db.count('events'),
        db.count('transcripts'),
        db.count('state'),
        db.count('keys'),
      ]);
      return { events, transcripts, state, keys };
    },
    outbox: idbOutbox(db),
    close: () => db.close(),
  };
}

/** Deletes up to `limit` events in `range` of the by-ts index, oldest first, in one transaction. */
async function deleteByTs(
  db: IDBPDatabase<ConfideSchema>,
  range: IDBKeyRange | null,
  limit: number,
): Promise<number> {
  const tx = db.transaction('events', 'readwrite');
  let deleted = 0;
  let cursor = await tx.store.index('by-ts').openCursor(range);
  while (cursor && deleted < limit) {
    await cursor.delete();
    deleted += 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  return deleted;
}

/** Deletes the whole database (revocation). Resolves once it is gone. */
export async function destroyStore(store: Store | null): Promise<void> {
  store?.close();
  await deleteDB(DB_NAME);
}
