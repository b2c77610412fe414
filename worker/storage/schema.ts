/**
 * The IndexedDB schema: its name, its version and what each object store holds. `store.ts` opens it
 * and runs the versioned upgrade; the outbox on IndexedDB (`outbox-idb.ts`) types its transactions
 * with it. Kept apart from both so neither has to import the other for a type.
 */
import type { DBSchema } from 'idb';
import type { ConsentRecord, TrackEvent } from '../protocol';
import type { OutboxEntry } from '../sync/outbox-types';
import type { SealedMessage, StateMap } from './state-map';

/** Database name on the widget origin. */
export const DB_NAME = 'confide';
/** Current schema version; bump it with a new step in `upgrade`. */
export const DB_VERSION = 4;

/** The schema, as idb types it. */
export interface ConfideSchema extends DBSchema {
  consent: { key: 'current'; value: ConsentRecord };
  events: { key: string; value: TrackEvent; indexes: { 'by-ts': number; 'by-type': string } };
  /** Small counters about the store itself (evictions, purges); never anything about the visitor. */
  meta: { key: string; value: number };
  /** v3: derived state (profile, feedback, experiments, install salt), one record per owner module. */
  state: { key: keyof StateMap; value: StateMap[keyof StateMap] };
  /** v3: chat messages, AES-GCM sealed. */
  transcripts: { key: string; value: SealedMessage; indexes: { 'by-at': number } };
  /** v3: non-extractable CryptoKeys; structured clone keeps them unreadable to script. */
  keys: { key: string; value: CryptoKey };
  /** v4: report batches awaiting delivery, keyed by batch UUID (worker/sync/outbox). */
  outbox: { key: string; value: OutboxEntry; indexes: { 'by-created': number } };
}
