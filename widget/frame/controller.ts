/**
 * The frame's logic, apart from the UI: waits for the site's config, starts the worker with it,
 * relays host events and consent decisions to it, answers `forget` and `export`, and renders and
 * relays what the worker pushes (recommendations, segment changes, experiment arms, its status).
 * The worker decides when to refresh and when to report; the UI renders the store's state.
 *
 * The worker starts only when it is wanted: at once for a visitor whose widget keeps data (the
 * frame's own flag, keeping-mark.ts, says so), otherwise when the chat opens or
 * the host page sends something only the worker can handle (a consent decision, forget, export).
 * Until then a page view costs the loader and this launcher: events the host page tracks are held
 * here, in memory, as the worker would hold them before consent, and handed to it if it starts.
 */
import {
  type ConfideError,
  deserializeError,
  type WorkerNotice,
  type WorkerStatus,
} from '../../worker/protocol';
import type { HostMessage, SiteOptions } from '../protocol';
import { type ChatController, createChatController, forgetGreeted } from './chat';
import { CONFIG_WAIT_MS } from './frame-config';
import type { HostLink } from './host-link';
import { pickLocale } from './i18n';
import { markKeeping, wasKeeping } from './keeping-mark';
import { keepOffline } from './offline-cache';
import { syncChoice } from './privacy';
import { siteOptions } from './site-options';
import { applyTheme } from './theme';
import { type Controller, createStore } from './widget-state';
import type { LazyWorker } from './worker-client';
import { startWorker, workerOptions } from './worker-start';

/** Events held for a worker not started yet: as many as the loader holds for a frame still loading. */
const MAX_PARKED = 100;

/** Wires host, worker and UI state together. */
export function createController(link: HostLink, worker: LazyWorker, gpc: boolean): Controller {
  const store = createStore({
    view: 'launcher',
    status: null,
    recs: null,
    segment: null,
    problem: null,
    locale: pickLocale(navigator.language),
    options: {},
    messages: [],
    typing: false,
    unread: 0,
    privacy: false,
    exportAsked: 0,
    feedback: {},
    ratedAt: 0,
    announce: '',
  });
  const set = store.set;
  const state = store.get;
  const chat: ChatController = createChatController(store, worker, report);
  const setView = (view: 'launcher' | 'panel') => {
    if (view === 'launcher') answerExport(false);
    else wake();
    set(view === 'panel' ? { view, unread: 0, announce: '' } : { view, privacy: false });
    link.send({ type: 'view', view });
  };
  /** Tells the host page the visitor's answer to each of its pending export requests, never the data. */
  function answerExport(downloaded: boolean): void {
    const pending = state().exportAsked;
    if (pending === 0) return;
    set({ exportAsked: 0 });
    for (let i = 0; i < pending; i++) link.send({ type: 'exported', downloaded });
  }

  // The worker pushes everything that changes on its own: the page view's experiment arms, segment
  // changes, recommendations after every stored event, its status, and problems of its own refreshes.
  function onNotice(notice: WorkerNotice): void {
    // Nothing personal once the status says consent is gone. Before the first status the worker
    // pushes only what its stored consent allows: a returning visitor's kept recommendations, read
    // while `init` is still answering.
    const status = state().status;
    if (status && !status.consent?.personalize) return;
    switch (notice.type) {
      case 'segment':
        set({ segment: notice.segment });
        link.send({ type: 'segment', segment: { id: notice.segment.id, name: notice.segment.name } });
        return;
      case 'recommendations': {
        // A list kept from the last page cannot know this page's item yet: never recommend the item
        // being looked at (fresh lists exclude it in the worker already).
        const recs = {
          ...notice.recommendations,
          items: notice.recommendations.items.filter((i) => !pageItems.has(i.id)),
        };
        set({ recs, problem: null });
        link.send({ type: 'recommendation', items: recs.items.map(({ id, title }) => ({ id, title })) });
        return;
      }
      case 'experiment':
        link.send({
          type: 'experiment',
          experiment: notice.assignment.experiment,
          variant: notice.assignment.variant,
        });
        return;
      case 'status':
        showStatus(notice.status);
        // For devtools and tests: each pushed status follows the sync its delivery triggered.
        dispatchEvent(new CustomEvent('confide:status', { detail: notice.status }));
        return;
      case 'problem':
        report(deserializeError(notice.error));
    }
  }

  function report(e: unknown): void {
    const err = e as Partial<ConfideError>;
    console.warn(`[confide] ${err.code ?? 'error'}: ${err.message ?? String(e)}`);
    if (err.code === 'model_unavailable' || err.code === 'model_integrity') set({ problem: 'unavailable' });
  }

  /** Everything the visitor's data showed on screen goes with the data. */
  function wipe(): void {
    forgetGreeted();
    chat.clear();
    set({ recs: null, segment: null, problem: null });
  }

  function configure(options: SiteOptions): void {
    set({ options, locale: pickLocale(options.locale, navigator.language) });
    document.documentElement.lang = state().locale;
    applyTheme(document.documentElement, options.theme);
  }

  async function onHost(m: HostMessage): Promise<void> {
    switch (m.type) {
      case 'open':
        return setView('panel');
      case 'close':
        return setView('launcher');
      case 'config':
        return; // handled on arrival, before the worker starts
      case 'consent':
        return controller.decide(
          { personalize: m.personalize, share: m.share },
          m.source ?? 'api',
          m.live === undefined ? undefined : { live: m.live },
        );
      case 'forget':
        return controller.forgotten(await worker.forget());
      case 'export':
        // Asked inside the frame: the file downloads here, and the host page hears only the answer.
        set({ exportAsked: state().exportAsked + 1, privacy: true });
        return setView('panel');
      case 'track':
        try {
          await worker.track(m.event);
        } finally {
          // Kept, refused or invalid: the loader need not carry it to the next page (loader/unsent.ts).
          link.send({ type: 'tracked', id: m.event.id });
        }
    }
  }

  let keeping: boolean | null = null;
  let prepared = false;
  /** Items the host page tracked on this page (viewed, added, bought). */
  const pageItems = new Set<string>();
  /** Shows the status, and tells the loader whenever whether events are kept on the device changes. */
  function showStatus(status: WorkerStatus): void {
    set({ status });
    syncChoice(status.consent);
    const on = status.consent?.personalize === true && status.storage === 'indexeddb';
    markKeeping(on);
    if (on === keeping) return;
    keeping = on;
    void keepOffline(on);
    link.send({ type: 'keeping', on });
  }

  const controller: Controller = {
    state,
    gpc,
    worker,
    hostOrigin: link.hostOrigin,
    subscribe: store.subscribe,
    open: () => setView('panel'),
    close: () => setView('launcher'),
    async decide(purposes, source, options) {
      const had = state().status?.consent?.personalize === true;
      const status = await worker.setConsent(purposes, source, options);
      // The worker pushes fresh recommendations itself once `personalize` is on.
      if (had && !status.consent?.personalize) wipe();
      showStatus(status);
    },
    send: chat.send,
    typing() {
      if (prepared) return;
      prepared = true;
      // After the worker's init (the panel's opening started it); a prefetch that fails is not a
      // problem to show: the answer itself will say what is missing.
      void boot()
        .then(() => worker.prepare())
        .catch(() => undefined);
    },
    feedback: chat.feedback,
    exposure: chat.exposure,
    rate: chat.rate,
    setPrivacy(privacy) {
      if (!privacy) answerExport(false);
      set({ privacy });
    },
    answerExport,
    forgotten(status) {
      wipe();
      showStatus(status);
    },
  };

  // The loader sends `config` right after `ready`; an older loader never does, so the worker starts
  // after a short wait without it. Host messages are handled strictly in order once the worker runs:
  // a queued consent must land before the track calls queued after it.
  let configured: (options: SiteOptions) => void = () => {};
  const config = new Promise<SiteOptions>((resolve) => {
    configured = resolve;
    setTimeout(() => resolve({}), CONFIG_WAIT_MS);
  });
  let configuredYet = false;
  const applied = config.then((options) => {
    configuredYet = true;
    configure(options);
  });
  let booted: Promise<void> | null = null;
  // Events tracked before the worker runs wait here, in memory, as they would in the worker: they
  // are stored only if the visitor consents on this page, and leave with the page otherwise.
  const parked: Extract<HostMessage, { type: 'track' }>[] = [];
  const boot = (): Promise<void> => {
    booted ??= applied.then(start).then(async () => {
      for (const m of parked.splice(0)) await worker.track(m.event).catch(report);
    });
    return booted;
  };
  /** Starts the worker after what the inbox already holds (the chat opened, a host message needs it). */
  const wake = (): void => {
    if (!booted) inbox = inbox.then(boot).catch(report);
  };
  // The worker flushes its outbox on its own `online` event, but a worker is not always told: under
  // DevTools network emulation Chromium fires it on the frame's window only. The frame passes it on.
  globalThis.addEventListener?.('online', () => {
    if (booted) void booted.then(() => worker.sync()).catch(report);
  });
  // Decided before any message arrives: a visitor whose events are kept never has one parked (and
  // confirmed) before the worker stored it, which the loader's carry-over to the next page relies on.
  if (wasKeeping()) {
    // The worker's scripts load while the site's config is on its way; init waits for the config.
    worker.start();
    boot();
  }
  let inbox: Promise<unknown> = (
    booted ??
    applied.then(() => {
      if (booted) return;
      // Nothing is kept before the worker runs: the loader need not hold events for the next page.
      keeping = false;
      link.send({ type: 'keeping', on: false });
    })
  ).catch(report);
  link.listen((m) => {
    if (m.type === 'track' && typeof m.event.props.item === 'string') pageItems.add(m.event.props.item);
    // The view does not depend on the worker: open at once, even while it starts.
    if (m.type === 'open' || m.type === 'close') return void onHost(m);
    if (m.type === 'config') {
      const options = siteOptions(m.options, warn);
      // A late config still themes and translates; the worker is configured once, when it starts.
      if (!configuredYet) configured(options);
      else configure(booted ? { ...options, ...workerOptions(state().options) } : options);
      return;
    }
    if (m.type === 'track' && !booted) {
      // Held by the frame now: the loader need not carry it (nothing is kept before consent anyway).
      if (parked.length < MAX_PARKED) parked.push(m);
      link.send({ type: 'tracked', id: m.event.id });
      return;
    }
    if (m.type === 'consent' || m.type === 'forget' || m.type === 'export') wake();
    inbox = inbox.then(() => onHost(m)).catch(report);
  });
  link.send({ type: 'ready' });
  // The worker cannot see the page: it hears that it was hidden (the tab may be closing), so the
  // day's chat intent and vote, known only after a chat, are queued while they still can be.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && worker.started) void worker.hidden().catch(report);
  });

  /** Starts the worker with the options applied so far (a late config may have replaced the first). */
  async function start(): Promise<void> {
    const { options, locale } = state();
    showStatus(await startWorker({ worker, link, options, locale, gpc, onNotice, warn }));
    chat.scheduleGreeting();
    await chat.restore().catch(report);
  }
  return controller;
}

/** A warning about the site's setup, in the console the site owner reads. */
function warn(message: string): void {
  console.warn(`[confide] ${message}`);
}
