/**
 * Confide's on-device engine: protocol types, typed errors, the store and the engine.
 */
export type {
  ConsentPurposes,
  ConsentRecord,
  ConsentSource,
  EventType,
  PropValue,
  RecommendedItem,
  Recommendations,
  StorageMode,
  SyncResult,
  TrackEvent,
  TrackResult,
  WorkerApi,
  WorkerConfig,
  WorkerStatus,
} from './protocol';
/** Event types, property bounds and the API's method names. */
export { EVENT_LIMITS, EVENT_TYPES, WORKER_API_METHODS } from './protocol';
/** Typed errors and their wire form. */
export {
  ConfideError,
  ConsentError,
  deserializeError,
  type ErrorCode,
  isSerializedError,
  ModelError,
  type SerializedError,
  SyncError,
  serializeError,
  ValidationError,
} from './errors';
/** Wrappers that carry typed errors across comlink. */
export { withTypedErrors, withWireErrors } from './boundary';
/** Event validation shared with the loader. */
export { checkEvent, isEventType } from './event-rules';
/** The engine behind the worker API. */
export { createEngine } from './engine';
/** IndexedDB ownership. */
export { DB_NAME, DB_VERSION, destroyStore, openStore, type Store } from './store';
