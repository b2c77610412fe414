/**
 * The consent gate in front of the store. Before `personalize` is granted, events live only in a
 * bounded in-memory page context and nothing is written anywhere; granting it persists that
 * context, revoking it deletes the database and the cached models.
 */

import { clearModelCache } from '../models';
import type {
  ConsentOptions,
  ConsentPurposes,
  ConsentRecord,
  ConsentSource,
  StorageMode,
  TrackEvent,
  WorkerConfig,
} from '../protocol';
import { ConsentError, checkEvent, ValidationError } from '../protocol';
import {
  addWithinQuota,
  createMemoryStore,
  DEFAULT_RETENTION,
  destroyStore,
  enforceRetention,
  openStore,
  type RetentionPolicy,
  type Store,
} from '../storage';
import { resolveConsent } from './consent-rules';
import { emptyCounts, type RedactionCounts, redactProps, redactText } from './redact';

/** Events kept in memory for the current page, consent or not. */
const PAGE_CONTEXT_LIMIT = 50;
/** Stored events between two retention passes (TTL purge and cap), besides one at start and consent. */
const RETENTION_EVERY = 50;

/** Outcome of offering one event to the gate. */
export type GateResult =
  | { readonly stored: true; readonly event: TrackEvent }
  | { readonly stored: false; readonly reason: 'consent' | 'duplicate'; readonly event: TrackEvent };

/** The gate's state and operations; the engine owns one. */
export interface ConsentGate {
  init(config: WorkerConfig): Promise<void>;
  /**
   * Records the decision as the consent rules resolve it (consent-rules.ts); persists the page
   * context on grant, deletes everything on revoke. Resolves to `null` when the decision changes
   * nothing (a consent manager's page-load state that would widen the visitor's choice).
   */
  setConsent(
    purposes: ConsentPurposes,
    source: ConsentSource,
    options?: ConsentOptions,
  ): Promise<ConsentRecord | null>;
  /** Validates, redacts and (with `personalize`) stores an event. */
  offer(event: TrackEvent): Promise<GateResult>;
  /** Redacts PII from chat text before anything (model, transcript) sees it, counting what it found. */
  redact(text: string): string;
  /** Deletes the database (or the session store) and the model cache, consent included. */
  wipe(): Promise<void>;
  /** The config; throws until `init` ran. */
  config(): WorkerConfig;
  /** The open store; throws `consent_required` without `personalize`. */
  store(): Store;
  /** The open store, if any. */
  maybeStore(): Store | null;
  /** The current page's events (redacted), consent or not. */
  page(): readonly TrackEvent[];
  readonly consent: ConsentRecord | null;
  /** A consent was stored under another notice version (until the visitor decides again). */
  readonly noticeChanged: boolean;
  readonly storage: StorageMode;
  readonly refused: number;
  /** Bumped whenever retention removed stored events, so derived state knows to rebuild. */
  readonly prunes: number;
  readonly redactions: Readonly<RedactionCounts>;
}

/** The record in force when only the visitor's decision is known and nothing is stored. */
function capped(notice: string, chosen: ConsentPurposes & { readonly at: number }): ConsentRecord {
  const { personalize, share, at } = chosen;
  // A refusal is the visitor's own record; a wider choice was narrowed to nothing by the site.
  const source: ConsentSource = personalize ? 'api' : 'prompt';
  return { personalize: false, share: false, notice, at, source, chosen: { personalize, share } };
}

/** Creates the gate. */
export function createConsentGate(): ConsentGate {
  let config: WorkerConfig | null = null;
  let consent: ConsentRecord | null = null;
  let noticeChanged = false;
  let store: Store | null = null;
  let storage: StorageMode = 'none';
  let refused = 0;
  let storageBlocked = false;
  let retention: RetentionPolicy = DEFAULT_RETENTION;
  let sinceRetention = 0;
  let prunes = 0;
  const redactions = emptyCounts();
  const page: TrackEvent[] = [];

  const need = (): WorkerConfig => {
    if (!config) throw new ValidationError('invalid_argument', 'init(config) must be called first');
    return config;
  };

  async function openPersistent(): Promise<Store> {
    if (!storageBlocked) {
      try {
        const s = await openStore({ create: true });
        if (s) {
          storage = 'indexeddb';
          return s;
        }
      } catch {
        storageBlocked = true;
      }
    }
    storage = 'memory';
    return createMemoryStore();
  }

  async function retain(s: Store): Promise<void> {
    const r = await enforceRetention(s, retention, Date.now());
    if (r.purged + r.evicted > 0) prunes += 1;
  }

  async function wipe(): Promise<void> {
    if (storage === 'memory') store?.close();
    // Deleting even without an open store also catches a database another tab created.
    else if (!storageBlocked) await destroyStore(store);
    store = null;
    storage = 'none';
    await clearModelCache();
  }

  return {
    get consent() {
      return consent;
    },
    get noticeChanged() {
      return noticeChanged;
    },
    get storage() {
      return storage;
    },
    get refused() {
      return refused;
    },
    get prunes() {
      return prunes;
    },
    redactions,
    config: need,
    maybeStore: () => store,
    redact: (text) => redactText(text, redactions),
    page: () => page,
    store() {
      if (!consent?.personalize || !store) {
        throw new ConsentError('consent_required', 'this needs the personalize purpose');
      }
      return store;
    },

    async init(c) {
      config = c;
      retention = { ...DEFAULT_RETENTION, ...c.retention };
      try {
        store = await openStore({ create: false });
        storage = store ? 'indexeddb' : 'none';
      } catch {
        // IndexedDB refused (third-party storage blocked, private mode): session memory after consent.
        storageBlocked = true;
      }
      const stored = await store?.getConsent();
      // A consent given under another notice version is not valid for this one: ask again.
      consent = stored && stored.notice === c.notice ? { ...stored, share: stored.share && !c.gpc } : null;
      // The visitor's decision in the widget, when it left nothing stored here (a refusal, or a
      // choice a host source narrowed to nothing), is kept by the frame alone; it caps every other
      // source until the visitor decides again in the widget.
      if (!consent && c.chosen) consent = capped(c.notice, c.chosen);
      noticeChanged = stored !== undefined && stored.notice !== c.notice;
      if (store) await retain(store);
    },

    async setConsent(purposes, source, options) {
      const c = need();
      const resolved = resolveConsent(consent, { purposes, source, ...(options ? { options } : {}) }, c.gpc);
      if (!resolved) return null;
      const revoking = consent?.personalize === true && !resolved.personalize;
      noticeChanged = false;
      consent = { ...resolved, notice: c.notice, at: Date.now(), source };
      if (consent.personalize) {
        store ??= await openPersistent();
        await store.putConsent(consent);
        for (const e of page) await addWithinQuota(store, e, retention);
        await retain(store);
      } else {
        // Revoking forgets this page's events too, so granting again later starts from nothing.
        if (revoking) page.length = 0;
        await wipe();
      }
      return consent;
    },

    async offer(event) {
      const problem = checkEvent(event?.type, event?.props);
      if (problem) throw new ValidationError('invalid_event', problem);
      if (typeof event.id !== 'string' || event.id.length === 0 || event.id.length > 64) {
        throw new ValidationError('invalid_event', 'event id must be a string of 1-64 characters');
      }
      if (!Number.isFinite(event.ts)) throw new ValidationError('invalid_event', 'event ts must be epoch ms');
      // Redacted before it is kept anywhere, memory included: PII never reaches storage or a model.
      const clean: TrackEvent = {
        type: event.type,
        props: redactProps(event.props, redactions),
        ts: event.ts,
        id: event.id,
      };
      if (!page.some((e) => e.id === clean.id)) {
        page.push(clean);
        if (page.length > PAGE_CONTEXT_LIMIT) page.shift();
      }
      if (!consent?.personalize || !store) {
        refused += 1;
        return { stored: false, reason: 'consent', event: clean };
      }
      if (!(await addWithinQuota(store, clean, retention))) {
        return { stored: false, reason: 'duplicate', event: clean };
      }
      if (++sinceRetention >= RETENTION_EVERY) {
        sinceRetention = 0;
        await retain(store);
      }
      return { stored: true, event: clean };
    },

    async wipe() {
      consent = null;
      noticeChanged = false;
      page.length = 0;
      await wipe();
    },
  };
}
