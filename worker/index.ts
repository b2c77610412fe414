/**
 * Confide's on-device engine: protocol types, typed errors, the store and the engine.
 */

/** Wrappers that carry typed errors across comlink. */
export { withTypedErrors, withWireErrors } from './boundary';
/** The engine behind the worker API. */
export { createEngine } from './engine';
/** Typed errors and their wire form. */
export {
  ConfideError,
  ConsentError,
  deserializeError,
  type ErrorCode,
  isSerializedError,
  ModelError,
  type SerializedError,
  StorageError,
  SyncError,
  serializeError,
  ValidationError,
} from './errors';
/** Event validation shared with the loader. */
export { checkEvent, isEventType } from './event-rules';
export type {
  Affinity,
  Answer,
  AnswerTemplate,
  Assignment,
  ChatMessage,
  ConsentPurposes,
  ConsentRecord,
  ConsentSource,
  Decision,
  DeviceClass,
  EventType,
  ExperimentSpec,
  ExportBundle,
  FeedbackInput,
  FeedbackResult,
  Handoff,
  IntentResult,
  Profile,
  PropValue,
  RecommendationBasis,
  Recommendations,
  RecommendedItem,
  Segment,
  StorageMode,
  SyncResult,
  TemplateConfig,
  TimeOfDay,
  TrackEvent,
  TrackResult,
  VisitorContext,
  WindowName,
  WindowStats,
  WorkerApi,
  WorkerConfig,
  WorkerNotice,
  WorkerStatus,
} from './protocol';
/** Event types, property bounds and the API's method names. */
export { EVENT_LIMITS, EVENT_TYPES, WORKER_API_METHODS } from './protocol';
/** PII redaction applied to every event and chat message before it is kept. */
export { emptyCounts, ID_KEYS, type RedactionCounts, redactProps, redactText } from './redact';
/** IndexedDB ownership. */
export { DB_NAME, DB_VERSION, destroyStore, openStore, type Store, type StoreCounts } from './store';
