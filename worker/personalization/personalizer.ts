/**
 * Keeps the visitor's profile, segment and recommendations current. Each stored event is folded
 * into the profile (no rereading of history), the segment is recomputed and, when it changes, the
 * frame is told at once; recommendations are refreshed and pushed too. Refreshes are coalesced so a
 * burst of events costs one model run, not one per event.
 */
import type { ConsentGate } from '../consent';
import type { ModelHub } from '../models';
import type { Profile, Recommendations, Segment, TrackEvent, WorkerNotice } from '../protocol';
import { serializeError } from '../protocol';
import { coalesce } from '../scheduling';
import { isQuotaError } from '../storage';
import { type ExposureState, exposurePenalty } from './exposure';
import { type FeedbackState, itemAdjustment } from './feedback';
import { type KeptRecommendations, readKept } from './kept-recommendations';
import { type PreferenceWords, preferenceAdjustment } from './preference-fit';
import { createPriorsSource } from './priors';
import {
  type ClusterOf,
  foldEvent,
  type ProfileState,
  profileView,
  readProfileState,
  rebuildProfile,
} from './profile';
import { catalogLimit, catalogStage, runChain, type StageResult, segmentStage } from './recommend-chain';
import type { Recommender } from './recommender';
import type { Segmenter } from './segmenter';
import { titleSimilarity } from './title-similarity';

/** How many items a recommendation list holds. */
const LIST_SIZE = 6;
/** Events arriving within this window share one segment and recommendation refresh. */
const REFRESH_DELAY_MS = 30;
/** The profile is written at most this often while events stream in. */
const SAVE_DELAY_MS = 250;

/** What the personalizer needs from the engine. */
export interface PersonalizerDeps {
  readonly gate: ConsentGate;
  readonly hub: ModelHub<{ recommend: Recommender; segment: Segmenter; intent: unknown }>;
  readonly feedback: () => Promise<FeedbackState>;
  /** Items shown and opened (implicit feedback); absent = none. */
  readonly exposure?: () => Promise<ExposureState | undefined>;
  /** Words of the visitor's stated preferences (worker/chat/preferences.ts); absent = none. */
  readonly preferences?: () => Promise<PreferenceWords>;
  readonly notify: (notice: WorkerNotice) => void;
}

/** The personalizer. */
export interface Personalizer {
  /** Folds a newly stored event in and refreshes segment and recommendations (in the background). */
  onStored(event: TrackEvent): Promise<void>;
  profile(): Promise<Profile>;
  segment(): Promise<Segment>;
  recommend(): Promise<Recommendations>;
  /**
   * Refreshes segment and recommendations shortly, in the background, and pushes them (or a
   * `problem` notice when they cannot be computed).
   */
  refresh(): void;
  /**
   * Pushes the recommendations kept from an earlier page, when there are recent ones and no fresh
   * ones went out yet; resolves to whether it pushed.
   */
  pushKept(): Promise<boolean>;
  /** The kept recommendations as stored (for the export), or null. */
  kept(): Promise<KeptRecommendations | null>;
  /** The segment last computed, without computing. */
  current(): Segment | null;
  /** Forgets everything derived and stops all pending work for good (revocation). */
  reset(): void;
}

/** Creates the personalizer. */
export function createPersonalizer(deps: PersonalizerDeps): Personalizer {
  const { gate, hub } = deps;
  let state: ProfileState | null = null;
  /** The stored events that name an item (the recommender's input), kept in step with the store. */
  let itemEvents: TrackEvent[] | null = null;
  let statePrunes = -1;
  let disposed = false;
  let last: Segment | null = null;
  let priors: ReturnType<typeof createPriorsSource> | null = null;

  const segmenter = () => hub.segmenter().catch(() => null);
  /** The segmenter only if already loaded: folding an event must never wait for a model download. */
  const loadedSegmenter = () => (hub.state('segment') === 'ready' ? segmenter() : Promise.resolve(null));
  const clusterOf = async (): Promise<ClusterOf | undefined> => {
    const seg = await loadedSegmenter();
    return seg ? (id, title) => seg.clusterOf(id, title) : undefined;
  };

  /**
   * The stored profile, rebuilt from the events when missing, damaged, or after retention removed
   * some. `rebuilt` says the state already holds every stored event (the newest included).
   */
  async function loadState(): Promise<{ state: ProfileState; rebuilt: boolean }> {
    const store = gate.store();
    if (state && itemEvents && statePrunes === gate.prunes) return { state, rebuilt: false };
    const events = await store.events();
    itemEvents = events.filter(namesItem);
    const kept = statePrunes === -1 ? readProfileState(await store.getState('profile')) : null;
    // Saves are deferred, so a tab closed in between leaves a profile behind the events: then, and
    // after any eviction, the counts differ and the profile is rebuilt from the events themselves.
    const stored = kept && kept.events === events.length ? kept : null;
    const seg = await loadedSegmenter();
    const next = stored ?? rebuildProfile(events, await clusterOf(), seg?.orderGapMinutes);
    if (!stored) await save(next);
    state = next;
    statePrunes = gate.prunes;
    return { state: next, rebuilt: !stored };
  }

  /**
   * Persists the profile. A full disk must not fail the event that was already stored: the state
   * stays current in memory and the next successful write catches up.
   */
  async function save(next: ProfileState): Promise<void> {
    try {
      await gate.store().putState('profile', next);
    } catch (e) {
      if (!isQuotaError(e)) throw e;
    }
  }

  // Writing the whole profile on every event would cost more than storing the event itself; a burst
  // of events is saved once, shortly after (the count check in loadState covers a tab closed first).
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  function saveSoon(): void {
    saveTimer ??= setTimeout(() => {
      saveTimer = null;
      const current = state;
      if (current && !disposed && gate.consent?.personalize)
        void exclusive(() => save(current)).catch(() => undefined);
    }, SAVE_DELAY_MS);
  }

  // Profile updates are read-modify-write on one record: one at a time, in call order.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  }

  async function computeSegment(): Promise<Segment> {
    const seg = await hub.segmenter();
    const s = await exclusive(async () => {
      const loaded = (await loadState()).state;
      if (loaded.orderGapMinutes === seg.orderGapMinutes) return loaded;
      // Built before the model said how it chains orders: rebuild once with the model's rule.
      const events = await gate.store().events();
      state = rebuildProfile(events, (id, t) => seg.clusterOf(id, t), seg.orderGapMinutes);
      await save(state);
      return state;
    });
    const segment = await seg.segment(s, Date.now());
    const previous = last;
    last = segment;
    if (previous?.id !== segment.id) deps.notify({ type: 'segment', segment, previous });
    return segment;
  }

  async function recommend(): Promise<Recommendations> {
    const events = await exclusive(async () => {
      await loadState();
      return itemEvents ?? [];
    });
    const now = Date.now();
    const catalog = await hub.catalog();
    const lookup = new Map(catalog.items.map((i) => [i.id, i]));
    let inferenceMs = 0;
    let modelVersion = '';
    const personal = async (): Promise<StageResult> => {
      try {
        const r = await hub.recommender();
        modelVersion = r.version;
        const out = await r.personal(events, now);
        inferenceMs = out.inferenceMs;
        return out;
      } catch (e) {
        return { basis: 'personal', unavailable: (e as Error).message };
      }
    };
    let segment: Segment | null = null;
    const bySegment = async (): Promise<StageResult> => {
      segment = await computeSegment().catch(() => null);
      const items = await hub.segmentItems().catch(() => null);
      return segment && items
        ? segmentStage(items, segment)
        : { basis: 'segment', unavailable: 'the segment model is not available' };
    };
    const fromServer = (): Promise<StageResult> => {
      priors ??= createPriorsSource(gate.config().serverUrl);
      return priors.stage(now);
    };
    const feedback = await deps.feedback();
    // A thumbs-down (or up) also moves the voted item's look-alikes a little (feedback.ts).
    const similarity = titleSimilarity(catalog);
    const exposure = await deps.exposure?.().catch(() => undefined);
    const stated = await deps.preferences?.().catch(() => undefined);
    const preferred = stated ? preferenceAdjustment(catalog, stated) : () => 0;
    const exclude = new Set<string>();
    for (const e of events) if (typeof e.props.item === 'string') exclude.add(e.props.item);
    const byCatalog = async () =>
      catalogStage(
        catalog.items.map((i) => i.id),
        catalogLimit(LIST_SIZE, exclude.size),
      );
    const stages = [personal, bySegment, fromServer, byCatalog];
    const chain = await runChain({
      stages,
      exclude,
      adjust: (id) =>
        itemAdjustment(feedback, id, similarity) + exposurePenalty(exposure, id) + preferred(id),
      lookup: (id) => lookup.get(id),
      k: LIST_SIZE,
    });
    return {
      items: chain.items,
      basis: chain.basis,
      ...(chain.fallbackReason ? { fallbackReason: chain.fallbackReason } : {}),
      source: chain.basis === 'personal' ? 'model' : 'popularity',
      modelVersion: modelVersion || (await hub.manifest()).version,
      currency: catalog.currency,
      inferenceMs,
    };
  }

  let pushedFresh = false;
  async function refresh(): Promise<void> {
    await computeSegment().catch(() => undefined);
    try {
      const recommendations = await recommend();
      if (disposed) return;
      pushedFresh = true;
      deps.notify({ type: 'recommendations', recommendations });
      await keep({ at: Date.now(), recommendations });
    } catch (e) {
      if (!disposed) deps.notify({ type: 'problem', error: serializeError(e) });
    }
  }

  /** Keeps the list for the next page; best effort, like the profile's save. */
  async function keep(kept: KeptRecommendations): Promise<void> {
    if (!gate.consent?.personalize) return;
    try {
      await gate.store().putState('recommendations', kept);
    } catch (e) {
      if (!isQuotaError(e)) throw e;
    }
  }
  // One model run at a time; a burst of events arriving meanwhile causes one more run afterwards.
  const runRefresh = coalesce(refresh);

  // Coalesces a burst of events into one refresh shortly after it, so tracking never waits for models.
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;
  function scheduleRefresh(): void {
    if (disposed) return;
    refreshTimer ??= setTimeout(() => {
      refreshTimer = null;
      void runRefresh();
    }, REFRESH_DELAY_MS);
  }

  return {
    async onStored(event) {
      await exclusive(async () => {
        const { state: s, rebuilt } = await loadState();
        if (rebuilt) return;
        if (namesItem(event)) itemEvents?.push(event);
        state = foldEvent(s, event, await clusterOf());
        saveSoon();
      });
      scheduleRefresh();
    },
    async profile() {
      const s = await exclusive(async () => (await loadState()).state);
      const seg = await segmenter();
      return profileView(s, Date.now(), gate.config().device ?? 'desktop', {
        ...(seg ? { affinities: seg.affinities(s) } : {}),
      });
    },
    segment: computeSegment,
    recommend,
    refresh: scheduleRefresh,
    async pushKept() {
      if (!gate.consent?.personalize) return false;
      const kept = readKept(await gate.store().getState('recommendations'), Date.now());
      // Fresh ones already went out (or revocation came first): the kept list would only be older.
      if (!kept || pushedFresh || disposed) return false;
      deps.notify({ type: 'recommendations', recommendations: kept.recommendations });
      return true;
    },
    async kept() {
      return gate.consent?.personalize ? readKept(await gate.store().getState('recommendations')) : null;
    },
    current: () => last,
    reset() {
      itemEvents = null;
      // After revocation nothing of this instance may write again, even into a new database.
      disposed = true;
      runRefresh.stop();
      if (saveTimer) clearTimeout(saveTimer);
      if (refreshTimer) clearTimeout(refreshTimer);
      saveTimer = refreshTimer = null;
      state = null;
      statePrunes = -1;
      last = null;
      priors = null;
    },
  };
}

/** Events that name an item: the only ones the recommender and the exclusions look at. */
function namesItem(e: TrackEvent): boolean {
  return typeof e.props.item === 'string';
}
