/**
 * Confide's on-device engine as a package: the frame↔worker protocol (types, typed errors, event
 * rules), the engine behind it, the redaction it applies and its IndexedDB store. The widget imports
 * `worker/protocol` only; this surface is for embedding the engine elsewhere (tests, benchmarks).
 */

/** PII redaction applied to every event and chat message before it is kept. */
export { emptyCounts, ID_KEYS, type RedactionCounts, redactProps, redactText } from './consent';
/** The engine behind the worker API. */
export { createEngine } from './engine';
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
/** Wrappers that carry typed errors across comlink. */
/** Typed errors and their wire form. */
/** Event validation shared with the loader. */
/** Event types, property bounds and the API's method names. */
export {
  ConfideError,
  ConsentError,
  checkEvent,
  deserializeError,
  type ErrorCode,
  EVENT_LIMITS,
  EVENT_TYPES,
  isEventType,
  isSerializedError,
  ModelError,
  type SerializedError,
  StorageError,
  SyncError,
  serializeError,
  ValidationError,
  WORKER_API_METHODS,
  withTypedErrors,
  withWireErrors,
} from './protocol';
/** IndexedDB ownership. */
export { DB_NAME, DB_VERSION, destroyStore, openStore, type Store, type StoreCounts } from './storage';
