/**
 * The frame↔worker protocol: the typed API the worker exposes through comlink, the records that
 * cross it, the typed errors and their wire form, and the event rules the loader applies too. The
 * widget and the worker both import this module, and the widget imports nothing else of the worker.
 */

/** Wrappers that carry typed errors across comlink in wire form, one for each side. */
export { withTypedErrors, withWireErrors } from './boundary';
export type {
  Answer,
  AnswerTemplate,
  ChatMessage,
  Decision,
  DialogueContext,
  Escalation,
  ExposureInput,
  FaqBundleRef,
  FaqEntry,
  FeedbackInput,
  FeedbackResult,
  Greeting,
  Handoff,
  IntentResult,
  RatingInput,
  RatingResult,
  SatisfactionRating,
  SearchTextKey,
  ShownItem,
  TemplateConfig,
} from './chat';
/** Chat message length limit. */
export { MAX_CHAT_CHARS } from './chat';
export type {
  ConsentOptions,
  ConsentPurposes,
  ConsentRecord,
  ConsentSource,
  EventType,
  ExportBundle,
  PrivacyLedgerSummary,
  PropValue,
  StorageMode,
  StoreSummary,
  SyncResult,
  TrackEvent,
  TrackResult,
  WorkerApi,
  WorkerConfig,
  WorkerNotice,
  WorkerStatus,
} from './core';
/** Event types, property bounds and the API's method names. */
export { EVENT_LIMITS, EVENT_TYPES, WORKER_API_METHODS } from './core';
/** Typed errors (each with a `code`) and their `{name, code, message}` wire form. */
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
/** Event validation, applied by the loader (to warn early) and by the worker (to refuse). */
export { checkEvent, isEventType } from './event-rules';
/** What a handoff link may be (https, mailto, loopback http). */
export { safeFaqUrl, safeHandoff } from './handoff-rules';
export type {
  Affinity,
  Assignment,
  DeviceClass,
  ExperimentSpec,
  Preference,
  PreferenceKind,
  Profile,
  RecommendationBasis,
  Recommendations,
  RecommendedItem,
  Segment,
  TimeOfDay,
  VisitorContext,
  WindowName,
  WindowStats,
} from './personalization';
