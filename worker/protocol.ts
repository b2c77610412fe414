/**
 * The frame↔worker protocol: the typed API the worker exposes through comlink and the records that
 * cross it. The frame and the worker both import this module; nothing else defines these shapes.
 */

/** Behavioural events Confide understands. */
export const EVENT_TYPES = ['page_view', 'item_view', 'add_to_cart', 'purchase', 'search', 'dwell'] as const;

/** One event type from {@link EVENT_TYPES}. */
export type EventType = (typeof EVENT_TYPES)[number];

/** A property value: primitives only, so nothing nested or executable is ever stored. */
export type PropValue = string | number | boolean;

/** Bounds on event properties, enforced by the loader (warn and drop) and again by the worker. */
export const EVENT_LIMITS = {
  maxKeys: 16,
  maxKeyLength: 40,
  maxStringLength: 200,
  /** Of the JSON-encoded `props`. */
  maxTotalBytes: 2048,
} as const;

/** An event as tracked by the host page or the frame. */
export interface TrackEvent {
  readonly type: EventType;
  readonly props: Readonly<Record<string, PropValue>>;
  /** Epoch milliseconds when it happened on the host page. */
  readonly ts: number;
  /** Random id from the producer; the store deduplicates on it. */
  readonly id: string;
}

/** The two consent purposes. Both are off until the visitor opts in. */
export interface ConsentPurposes {
  /** Keep events on this device and run models on them. */
  readonly personalize: boolean;
  /** Send privacy-protected aggregates to the sync server. */
  readonly share: boolean;
}

/** Where a consent decision came from. */
export type ConsentSource = 'prompt' | 'api' | 'gpc' | 'cmp' | 'webview';

/** The consent record: what was decided, under which notice, when and how. */
export interface ConsentRecord extends ConsentPurposes {
  /** Version of the notice the visitor saw. */
  readonly notice: string;
  /** Epoch milliseconds of the decision. */
  readonly at: number;
  readonly source: ConsentSource;
}

/** Configuration the frame hands the worker once. */
export interface WorkerConfig {
  /** Site key, sent with reports. */
  readonly site: string;
  /** Base URL of the sync server (manifest, models, reports), e.g. `http://localhost:8787`. */
  readonly serverUrl: string;
  /** Notice version currently shown; a stored consent under another version is not honoured. */
  readonly notice: string;
  /** `navigator.globalPrivacyControl` as seen by the frame; forces `share` off. */
  readonly gpc: boolean;
  /** Retention overrides (defaults: 90 days, 5000 events). */
  readonly retention?: { readonly ttlDays?: number; readonly maxEvents?: number };
}

/** Where events are being kept. */
export type StorageMode = 'none' | 'indexeddb' | 'memory';

/** A snapshot of the worker's state, returned by most calls. */
export interface WorkerStatus {
  readonly consent: ConsentRecord | null;
  readonly storage: StorageMode;
  readonly events: number;
  /** Events refused because `personalize` was not granted. */
  readonly refused: number;
  /** Property values redacted as e-mail, phone, card or IBAN since the worker started. */
  readonly redacted: number;
  readonly model: 'idle' | 'loading' | 'ready' | 'unavailable';
  /** Why the model is unavailable, for people. */
  readonly modelReason?: string;
  /** Model version tag from the manifest, once loaded. */
  readonly modelVersion?: string;
}

/** Outcome of one `track` call. */
export interface TrackResult {
  readonly stored: boolean;
  /** Why it was not stored (`consent`, `duplicate`). */
  readonly reason?: 'consent' | 'duplicate';
}

/** One recommended item and why it was picked. */
export interface RecommendedItem {
  readonly id: string;
  readonly title: string;
  readonly price: number;
  readonly score: number;
  readonly reason: string;
}

/** Recommendations and how they were made. */
export interface Recommendations {
  readonly items: readonly RecommendedItem[];
  /** `model`: the personal model ran on the visitor's events; `popularity`: cold start. */
  readonly source: 'model' | 'popularity';
  readonly modelVersion: string;
  /** ISO 4217 code of the catalog's prices. */
  readonly currency: string;
  /** Wall time of the ONNX run inside the worker. */
  readonly inferenceMs: number;
}

/** Outcome of a sync attempt. */
export interface SyncResult {
  readonly sent: number;
  /** Why nothing was sent (`consent`: share not granted; `empty`: nothing to report). */
  readonly skipped?: 'consent' | 'empty';
}

/** The worker's API, exposed through comlink. Every method may throw a `ConfideError`. */
export interface WorkerApi {
  init(config: WorkerConfig): Promise<WorkerStatus>;
  setConsent(purposes: ConsentPurposes, source: ConsentSource): Promise<WorkerStatus>;
  track(event: TrackEvent): Promise<TrackResult>;
  recommend(): Promise<Recommendations>;
  sync(): Promise<SyncResult>;
  status(): Promise<WorkerStatus>;
}

/** Method names of {@link WorkerApi}, for wrapping the comlink remote. */
export const WORKER_API_METHODS = [
  'init',
  'setConsent',
  'track',
  'recommend',
  'sync',
  'status',
] as const satisfies readonly (keyof WorkerApi)[];
