/**
 * The frame↔worker protocol: the typed API the worker exposes through comlink and the records that
 * cross it. The frame and the worker both import this module; nothing else defines these shapes.
 */
export type {
  Answer,
  AnswerTemplate,
  ChatMessage,
  Decision,
  FeedbackInput,
  FeedbackResult,
  Greeting,
  Handoff,
  IntentResult,
  TemplateConfig,
} from './chat';
/** Chat message length limit. */
export { MAX_CHAT_CHARS } from './chat';
export type {
  ConsentPurposes,
  ConsentRecord,
  ConsentSource,
  EventType,
  ExportBundle,
  PrivacyLedgerSummary,
  PropValue,
  RecommendationBasis,
  Recommendations,
  RecommendedItem,
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
export type {
  Affinity,
  Assignment,
  DeviceClass,
  ExperimentSpec,
  Profile,
  Segment,
  TimeOfDay,
  VisitorContext,
  WindowName,
  WindowStats,
} from './personalization';
