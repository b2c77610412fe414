/**
 * Test helper: writes a database exactly as schema v1 (the first release) left it, with the raw
 * IndexedDB API, so the migration tests in Node (fake-indexeddb) and in Chromium start from the same.
 */
import type { ConsentRecord, TrackEvent } from '../../worker/protocol';
import { DB_NAME } from '../../worker/storage';

/** The consent record the v1 database holds. */
export const V1_CONSENT: ConsentRecord = {
  personalize: true,
  share: false,
  notice: 'v1',
  at: 1,
  source: 'prompt',
};

/** An item view with id `id` at `ts`. */
export const v1Event = (id: string, ts: number, type: TrackEvent['type'] = 'item_view'): TrackEvent => ({
  id,
  ts,
  type,
  props: { item: `i-${id}` },
});

/** Creates the v1 database holding {@link V1_CONSENT} and `events`. */
export function createV1(events: readonly TrackEvent[]): Promise<void> {
  return new Promise((done, fail) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('consent');
      db.createObjectStore('events', { keyPath: 'id' }).createIndex('by-ts', 'ts');
    };
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['consent', 'events'], 'readwrite');
      tx.objectStore('consent').put(V1_CONSENT, 'current');
      for (const e of events) tx.objectStore('events').put(e);
      tx.oncomplete = () => {
        db.close();
        done();
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}
