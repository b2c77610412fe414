/**
 * Storage: the one owner of IndexedDB (versioned schema and upgrades), the session-memory store used
 * when the browser refuses IndexedDB, retention and quota handling, and the sealing of chat messages
 * at rest. Nothing here decides what may be stored; the consent gate does.
 */

/** AES-GCM sealing under the device's non-extractable transcript key. */
export { type Sealed, seal, transcriptKey, unseal } from './crypto-box';
/** The same interface in memory, for a frame whose storage is blocked. */
export { createMemoryStore } from './memory-store';
/** TTL purge, the event cap and the full-disk fallback. */
export {
  addWithinQuota,
  DEFAULT_RETENTION,
  enforceRetention,
  isQuotaError,
  type RetentionPolicy,
  type RetentionResult,
} from './retention';
/** The schema's name and version. */
export { DB_NAME, DB_VERSION } from './schema';
/** What the `state` object store holds, and a sealed chat message at rest. */
export type { SealedMessage, StateMap } from './state-map';
/** Opening, deleting and the interface of an open store. */
export { destroyStore, openStore, type Store, type StoreCounts } from './store';
