/**
 * The core of the frame↔worker protocol: events, consent, configuration, status and the API.
 */
import type {
  Answer,
  ChatMessage,
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
  TemplateConfig,
} from './chat';
import type { SerializedError } from './errors';
import type {
  Assignment,
  DeviceClass,
  ExperimentSpec,
  Preference,
  Profile,
  RecommendationBasis,
  Recommendations,
  Segment,
} from './personalization';

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

/**
 * How a decision arrived. A consent manager's state read at page load (`live` false) may only
 * narrow what the visitor chose in the widget or through the API; a decision the visitor makes in
 * a consent manager while the page is open (`live` true) is a new decision.
 */
export interface ConsentOptions {
  readonly live?: boolean;
}

/** The consent record: what was decided, under which notice, when and how. */
export interface ConsentRecord extends ConsentPurposes {
  /** Version of the notice the visitor saw. */
  readonly notice: string;
  /** Epoch milliseconds of the decision. */
  readonly at: number;
  readonly source: ConsentSource;
  /**
   * The visitor's own latest decision inside the widget (prompt or privacy center), kept across the
   * narrower decisions other sources made since: the host page, a consent manager or an app may
   * narrow it, never widen it (worker/consent/consent-rules.ts).
   */
  readonly chosen?: ConsentPurposes;
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
  /**
   * The visitor's latest decision inside the widget as the frame remembers it (its own origin's
   * storage, nothing else): a refusal stays in force on later pages, where nothing else is stored,
   * so the host page cannot widen it (worker/consent/consent-rules.ts).
   */
  readonly chosen?: ConsentPurposes & { readonly at: number };
  /** Retention overrides (defaults: 90 days, 5000 events). */
  readonly retention?: { readonly ttlDays?: number; readonly maxEvents?: number };
  /** The site's answer templates; the defaults built from the intent model's answers fill any gap. */
  readonly templates?: TemplateConfig;
  /** Where a visitor reaches a person; without it, handoff answers name no link. */
  readonly handoff?: Handoff;
  /**
   * The site's FAQ, matched on the device against each message (worker/chat/faq.ts): the entries, or
   * a bundle built by `npm run faq` (entries and their word vectors) that the frame fetched.
   */
  readonly faq?: readonly FaqEntry[] | FaqBundleRef;
  /** The widget's language (`en`, `de`): chooses the templates' `locales` entry and built-in texts. */
  readonly locale?: string;
  /** A/B experiments the site runs. */
  readonly experiments?: readonly ExperimentSpec[];
  /** Allow the WebGPU execution provider when the device has an adapter (wasm stays the fallback). */
  readonly webgpu?: boolean;
  /** Device class as the frame measured it (viewport and pointer); the worker cannot see the screen. */
  readonly device?: DeviceClass;
}

/** Where events are being kept. */
export type StorageMode = 'none' | 'indexeddb' | 'memory';

/** A snapshot of the worker's state, returned by most calls. */
export interface WorkerStatus {
  readonly consent: ConsentRecord | null;
  /** A consent was stored under an earlier notice version: ask again, and say the notice changed. */
  readonly noticeChanged: boolean;
  readonly storage: StorageMode;
  readonly events: number;
  /** Chat messages kept in the encrypted transcript. */
  readonly messages: number;
  /** Events refused because `personalize` was not granted. */
  readonly refused: number;
  /** Property values redacted as e-mail, phone, card or IBAN since the worker started. */
  readonly redacted: number;
  readonly model: 'idle' | 'loading' | 'ready' | 'unavailable';
  /** Why the model is unavailable, for people. */
  readonly modelReason?: string;
  /** Model version tag from the manifest, once loaded. */
  readonly modelVersion?: string;
  /** The execution provider the sessions run on, once a model is loaded. */
  readonly backend?: 'wasm' | 'webgpu';
  /** Records per store on this device, for the privacy center ("what is kept"). */
  readonly stores: StoreSummary;
  /** The privacy budget spent on shared reports. */
  readonly privacy: PrivacyLedgerSummary;
}

/** How many records each place holds; all zero after `forget()` or revocation. */
export interface StoreSummary {
  readonly events: number;
  /** Chat messages (encrypted). */
  readonly messages: number;
  /** Derived records: profile, feedback, experiments, install salt. */
  readonly derived: number;
  /** Encryption keys. */
  readonly keys: number;
  /** Model files in the Cache API. */
  readonly cachedModels: number;
}

/** Local differential privacy spent by this device on what it shared. */
export interface PrivacyLedgerSummary {
  /** UTC day the figures are for (YYYY-MM-DD). */
  readonly day: string;
  /** Epsilon spent today, summed over the reports sent. */
  readonly epsilonToday: number;
  /** The daily budget; nothing more is sent once it is spent. */
  readonly dailyBudget: number;
  /** Reports queued for sending since this device opted in (charged when queued, sent or not). */
  readonly reportsSent: number;
  readonly epsilonTotal: number;
  /** Report batches queued on this device, not yet acknowledged by the server. */
  readonly outbox?: number;
  /**
   * Whether this device shares: `on` (share granted), `off`, or `unavailable` (storage is session
   * memory only: `share` is recorded but nothing is ever reported from this device).
   */
  readonly sharing?: 'on' | 'off' | 'unavailable';
}

/** Outcome of one `track` call. */
export interface TrackResult {
  readonly stored: boolean;
  /** Why it was not stored (`consent`, `duplicate`). */
  readonly reason?: 'consent' | 'duplicate';
}

/** Outcome of a sync attempt. */
export interface SyncResult {
  /** Batches the server acknowledged during this sync. */
  readonly sent: number;
  /** Batches still waiting in the outbox. */
  readonly queued: number;
  /**
   * Why nothing was sent: `consent` (share not granted), `unavailable` (share granted, but this device
   * keeps session memory only, where no daily bound could hold, so it never shares), `empty` (nothing
   * to report), `budget` (today's epsilon spent), `offline`, `busy` (another tab is flushing), `backoff`
   * (waiting to retry).
   */
  readonly skipped?: 'consent' | 'unavailable' | 'empty' | 'budget' | 'offline' | 'busy' | 'backoff';
}

/** Everything the device keeps about the visitor, as one JSON document (the export). */
export interface ExportBundle {
  readonly format: 'confide-export/1';
  readonly exportedAt: number;
  readonly consent: ConsentRecord | null;
  readonly events: readonly TrackEvent[];
  readonly profile: Profile | null;
  readonly segment: Segment | null;
  /** Decrypted: the export is the visitor's own copy. */
  readonly transcript: readonly ChatMessage[];
  readonly feedback: readonly (FeedbackInput & { readonly at: number })[];
  readonly experiments: readonly Assignment[];
  /** Preferences the visitor stated in the chat. */
  readonly preferences: readonly Preference[];
  /** Recommended items shown and opened, per item id. */
  readonly exposure: Readonly<
    Record<string, { readonly shown: number; readonly opened: number; readonly at: number }>
  >;
  /** The latest lists shown, item by item, with their basis and whether the item was opened since. */
  readonly impressions: readonly {
    readonly id: string;
    readonly basis: RecommendationBasis;
    readonly at: number;
    readonly opened: boolean;
  }[];
  /** The visitor's ratings of conversations. */
  readonly ratings: readonly {
    readonly rating: SatisfactionRating;
    readonly at: number;
    readonly turns: number;
  }[];
  /** The last recommendations computed, kept so the next page can show them at once; null if none. */
  readonly recommendations: { readonly at: number; readonly recommendations: Recommendations } | null;
}

/**
 * Pushed from the worker to the frame when something changes without being asked. With
 * `personalize`, the worker assigns the page view's experiments, refreshes segment and
 * recommendations after every stored event, queues its reports and reports its status; the frame
 * only renders and relays what arrives.
 */
export type WorkerNotice =
  | { readonly type: 'segment'; readonly segment: Segment; readonly previous: Segment | null }
  | { readonly type: 'recommendations'; readonly recommendations: Recommendations }
  /** Once per page view with `personalize`, before the first recommendations: the visitor's arm. */
  | { readonly type: 'experiment'; readonly assignment: Assignment }
  /** After recommendations were delivered (and the day's reports queued, with `share`). */
  | { readonly type: 'status'; readonly status: WorkerStatus }
  /** A refresh the worker ran on its own failed; the error in wire form. */
  | { readonly type: 'problem'; readonly error: SerializedError };

/** The worker's API, exposed through comlink. Every method may throw a `ConfideError`. */
export interface WorkerApi {
  init(config: WorkerConfig): Promise<WorkerStatus>;
  /**
   * Records a decision under the precedence rules of worker/consent (see {@link ConsentOptions});
   * returns the status, unchanged when the rules say the decision changes nothing.
   */
  setConsent(
    purposes: ConsentPurposes,
    source: ConsentSource,
    options?: ConsentOptions,
  ): Promise<WorkerStatus>;
  /** Stores the event (with `personalize`) and updates profile, segment and recommendations. */
  track(event: TrackEvent): Promise<TrackResult>;
  profile(): Promise<Profile>;
  segment(): Promise<Segment>;
  recommend(): Promise<Recommendations>;
  classify(text: string): Promise<IntentResult>;
  /** Classifies, decides, answers and keeps both messages in the encrypted transcript. */
  answer(text: string): Promise<Answer>;
  /**
   * The visitor started typing: loads what the answer will need (the runtime, the intent model, the
   * FAQ index, the catalog) while they type, so the answer does not wait for it. Exactly what
   * `answer` would fetch, no earlier than the visitor's own first keystroke; resolves when ready.
   */
  prepare(): Promise<void>;
  /** The conversation so far (decrypted), oldest first. */
  transcript(): Promise<ChatMessage[]>;
  /** The preferences the visitor stated in the chat ("I prefer wooden toys"), oldest first. */
  preferences(): Promise<Preference[]>;
  /** Deletes one stated preference (the privacy center's delete control). */
  forgetPreference(id: string): Promise<void>;
  /** The offer to reach a person after a thumbs-down, with the conversation's summary; null without a handoff. */
  escalation(): Promise<Escalation | null>;
  feedback(input: FeedbackInput): Promise<FeedbackResult>;
  /** Recommended items shown or opened (implicit feedback); recorded with `personalize` only. */
  exposure(input: ExposureInput): Promise<{ readonly recorded: boolean }>;
  /** The visitor's one-tap rating of the conversation since the last rating (two messages at least). */
  rate(input: RatingInput): Promise<RatingResult>;
  /** The proactive greeting for this visitor (segment-aware), with the rule that chose it. */
  greeting(): Promise<Greeting>;
  /** Buckets this device into the experiment and records the exposure. */
  assign(experiment: string): Promise<Assignment>;
  /**
   * Assigns the visitor to every experiment the site runs (the host's `experiments`, else the sync
   * server's list) and records the exposures. Empty without `personalize`: nothing is fetched then.
   */
  experiments(): Promise<Assignment[]>;
  export(): Promise<ExportBundle>;
  /** Deletes everything, consent included, and returns the (empty) status. */
  forget(): Promise<WorkerStatus>;
  /** Queues the day's reports and flushes the outbox now (the worker also does so on its own). */
  sync(): Promise<SyncResult>;
  /**
   * The frame's page was hidden (the tab may be closing): the worker queues what is due while it
   * can. Nothing happens without `share`.
   */
  hidden(): Promise<void>;
  status(): Promise<WorkerStatus>;
  /** Registers the frame's listener for {@link WorkerNotice}s (a comlink proxy); replaces any earlier one. */
  subscribe(listener: (notice: WorkerNotice) => void): Promise<void>;
}

/** Method names of {@link WorkerApi}, for wrapping the comlink remote. */
export const WORKER_API_METHODS = [
  'init',
  'setConsent',
  'track',
  'profile',
  'segment',
  'recommend',
  'classify',
  'answer',
  'prepare',
  'transcript',
  'preferences',
  'forgetPreference',
  'escalation',
  'feedback',
  'exposure',
  'rate',
  'greeting',
  'assign',
  'experiments',
  'export',
  'forget',
  'sync',
  'hidden',
  'status',
  'subscribe',
] as const satisfies readonly (keyof WorkerApi)[];
