/**
 * Test helper: writes a database exactly as schema v3 left it (before the outbox), with the raw
 * IndexedDB API, holding a consent record and a ledger in `state`, for the v3 → v4 upgrade tests.
 */

import { DB_NAME } from '../../worker/storage';
import type { PrivacyLedger } from '../../worker/sync';
import { V1_CONSENT } from './v1-database';

/** The ledger the v3 database holds. */
export const V3_LEDGER: PrivacyLedger = {
  version: 1,
  day: '2026-11-21',
  epsilonToday: 1,
  reportsSent: 1,
  epsilonTotal: 3,
};

/** Creates the v3 database. */
export function createV3(): Promise<void> {
  return new Promise((done, fail) => {
    const req = indexedDB.open(DB_NAME, 3);
    req.onupgradeneeded = () => {
      const db = req.result;
      const events = db.createObjectStore('events', { keyPath: 'id' });
      events.createIndex('by-ts', 'ts');
      events.createIndex('by-type', 'type');
      db.createObjectStore('consent');
      db.createObjectStore('meta');
      db.createObjectStore('state');
      db.createObjectStore('transcripts', { keyPath: 'id' }).createIndex('by-at', 'at');
      db.createObjectStore('keys');
    };
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['consent', 'state'], 'readwrite');
      tx.objectStore('consent').put(V1_CONSENT, 'current');
      tx.objectStore('state').put(V3_LEDGER, 'ledger');
      tx.oncomplete = () => {
        db.close();
        done();
      };
      tx.onerror = () => fail(tx.error);
    };
  });
}
