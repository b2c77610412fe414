/**
 * The worker's engine: the consent gate in front of the store, the model and the sync client.
 * Before `personalize` is granted, events live only in a bounded in-memory page context and nothing is
 * written anywhere; granting it persists that context, revoking it deletes the database.
 */
import { ConsentError, ValidationError } from './errors';
import { checkEvent } from './event-rules';
import { createMemoryStore } from './memory-store';
import { clearModelCache } from './model-cache';
import { loadRecommender } from './model-loader';
import type {
  ConsentPurposes,
  ConsentRecord,
  ConsentSource,
  Recommendations,
  StorageMode,
  SyncResult,
  TrackEvent,
  TrackResult,
  WorkerApi,
  WorkerConfig,
  WorkerStatus,
} from './protocol';
import type { Recommender } from './recommender';
import { emptyCounts, redactProps } from './redact';
import { addWithinQuota, DEFAULT_RETENTION, enforceRetention, type RetentionPolicy } from './retention';
import { destroyStore, openStore, type Store } from './store';
import { categoricalReport, sendReports } from './sync-client';

/** Events kept in memory for the current page, consent or not. */
const PAGE_CONTEXT_LIMIT = 50;
/** Stored events between two retention passes (TTL purge and cap), besides one at start and consent. */
const RETENTION_EVERY = 50;

/** Creates a fresh engine; the worker entry exposes one through comlink. */
export function createEngine(): WorkerApi {
  let config: WorkerConfig | null = null;
  let consent: ConsentRecord | null = null;
  let store: Store | null = null;
  let storage: StorageMode = 'none';
  let refused = 0;
  let storageBlocked = false;
  let retention: RetentionPolicy = DEFAULT_RETENTION;
  let sinceRetention = 0;
  const redactions = emptyCounts();
  let synced = false;
  const page: TrackEvent[] = [];
  let model: WorkerStatus['model'] = 'idle';
  let modelReason: string | undefined;
  let recommender: Promise<Recommender> | null = null;

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

  async function status(): Promise<WorkerStatus> {
    return {
      consent,
      storage,
      events: store ? await store.countEvents() : 0,
      refused,
      redacted: redactions.email + redactions.phone + redactions.card + redactions.iban,
      model,
      ...(modelReason ? { modelReason } : {}),
      ...(recommender && model === 'ready' ? { modelVersion: (await recommender).version } : {}),
    };
  }

  function getRecommender(serverUrl: string): Promise<Recommender> {
    if (!recommender) {
      model = 'loading';
      // Imported lazily so onnxruntime-web is fetched only once a model is actually needed.
      recommender = Promise.all([loadRecommender(serverUrl), import('./recommender')])
        .then(([loaded, m]) => m.createRecommender(loaded))
        .then(
          (r) => {
            model = 'ready';
            modelReason = undefined;
            return r;
          },
          (e: Error) => {
            model = 'unavailable';
            modelReason = e.message;
            recommender = null;
            throw e;
          },
        );
    }
    return recommender;
  }

  return {
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
      if (store) await enforceRetention(store, retention, Date.now());
      return status();
    },

    async setConsent(purposes: ConsentPurposes, source: ConsentSource) {
      const c = need();
      consent = {
        personalize: purposes.personalize,
        // Sharing needs the on-device state that only `personalize` allows; GPC always turns it off.
        share: purposes.share && purposes.personalize && !c.gpc,
        notice: c.notice,
        at: Date.now(),
        source,
      };
      if (consent.personalize) {
        store ??= await openPersistent();
        await store.putConsent(consent);
        for (const e of page) await addWithinQuota(store, e, retention);
        await enforceRetention(store, retention, Date.now());
      } else {
        if (storage === 'memory') store?.close();
        // Deleting even without an open store also catches a database another tab created.
        else if (!storageBlocked) await destroyStore(store);
        store = null;
        storage = 'none';
        await clearModelCache();
        recommender = null;
        model = 'idle';
      }
      return status();
    },

    async track(event: TrackEvent): Promise<TrackResult> {
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
      page.push(clean);
      if (page.length > PAGE_CONTEXT_LIMIT) page.shift();
      if (!consent?.personalize || !store) {
        refused += 1;
        return { stored: false, reason: 'consent' };
      }
      if (!(await addWithinQuota(store, clean, retention))) return { stored: false, reason: 'duplicate' };
      if (++sinceRetention >= RETENTION_EVERY) {
        sinceRetention = 0;
        await enforceRetention(store, retention, Date.now());
      }
      return { stored: true };
    },

    async recommend(): Promise<Recommendations> {
      const c = need();
      if (!consent?.personalize || !store) {
        throw new ConsentError('consent_required', 'recommendations need the personalize purpose');
      }
      const r = await getRecommender(c.serverUrl);
      return r.recommend(await store.events(), Date.now());
    },

    async sync(): Promise<SyncResult> {
      const c = need();
      if (!consent?.share || !store) return { sent: 0, skipped: 'consent' };
      if (synced) return { sent: 0, skipped: 'empty' };
      const r = await getRecommender(c.serverUrl);
      const viewed = (await store.events())
        .filter((e) => e.type === 'item_view' && typeof e.props.item === 'string')
        .map((e) => r.indexOf(e.props.item as string))
        .filter((i): i is number => i !== undefined);
      const last = viewed.at(-1);
      if (last === undefined) return { sent: 0, skipped: 'empty' };
      await sendReports(c.serverUrl, c.site, r.version, [
        categoricalReport('item_popularity', last, r.catalogSize),
      ]);
      synced = true;
      return { sent: 1 };
    },

    status,
  };
}
