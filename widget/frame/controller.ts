/**
 * The frame's logic, apart from the UI: relays host events to the worker, applies consent decisions,
 * refreshes recommendations and sends the one allowed report. The UI renders its state.
 */
import { proxy } from 'comlink';
import type { ConfideError } from '../../worker/errors';
import type {
  ConsentPurposes,
  ConsentSource,
  DeviceClass,
  Recommendations,
  Segment,
  WorkerApi,
  WorkerNotice,
  WorkerStatus,
} from '../../worker/protocol';
import type { FrameView, HostMessage } from '../protocol';
import type { HostLink } from './host-link';
import { NOTICE_VERSION } from './notice';

/** What the UI shows. */
export interface WidgetState {
  readonly view: FrameView;
  readonly status: WorkerStatus | null;
  readonly recs: Recommendations | null;
  /** The visitor's segment, once the worker has computed it. */
  readonly segment: Segment | null;
  /** A problem to tell the visitor about, in plain words. */
  readonly problem: string | null;
}

/** The controller the UI drives. */
export interface Controller {
  readonly state: () => WidgetState;
  /** Calls `fn` on every change; returns the unsubscribe function. */
  subscribe(fn: (s: WidgetState) => void): () => void;
  open(): void;
  close(): void;
  decide(purposes: ConsentPurposes, source: ConsentSource): Promise<void>;
  readonly gpc: boolean;
}

/** Wires host, worker and UI state together. */
export function createController(link: HostLink, worker: WorkerApi, gpc: boolean): Controller {
  let state: WidgetState = { view: 'launcher', status: null, recs: null, segment: null, problem: null };
  const subs: ((s: WidgetState) => void)[] = [];
  const set = (patch: Partial<WidgetState>) => {
    state = { ...state, ...patch };
    for (const fn of subs) fn(state);
  };
  const setView = (view: FrameView) => {
    set({ view });
    link.send({ type: 'view', view });
  };

  let running = false;
  let again = false;
  async function refresh(): Promise<void> {
    if (!state.status?.consent?.personalize) return;
    try {
      await showRecommendations(await worker.recommend());
    } catch (e) {
      report(e);
    }
  }

  async function showRecommendations(recs: Recommendations): Promise<void> {
    set({ recs, problem: null });
    link.send({ type: 'recommendation', items: recs.items.map(({ id, title }) => ({ id, title })) });
    if (state.status?.consent?.share) await worker.sync().catch(report);
    set({ status: await worker.status() });
  }

  // The worker pushes fresh recommendations and segment changes after each stored event.
  function onNotice(notice: WorkerNotice): void {
    if (!state.status?.consent?.personalize) return;
    if (notice.type === 'segment') set({ segment: notice.segment });
    else void showRecommendations(notice.recommendations).catch(report);
  }
  // One model run at a time; events arriving meanwhile cause exactly one more run afterwards.
  const scheduleRefresh = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void refresh().finally(() => {
      running = false;
      if (again) {
        again = false;
        scheduleRefresh();
      }
    });
  };

  function report(e: unknown): void {
    const err = e as Partial<ConfideError>;
    console.warn(`[confide] ${err.code ?? 'error'}: ${err.message ?? String(e)}`);
    if (err.code === 'model_unavailable' || err.code === 'model_integrity') {
      set({ problem: 'Personal suggestions are unavailable right now.' });
    }
  }

  async function onHost(m: HostMessage): Promise<void> {
    switch (m.type) {
      case 'open':
        return setView('panel');
      case 'close':
        return setView('launcher');
      case 'consent':
        return controller.decide({ personalize: m.personalize, share: m.share }, 'api');
      case 'track':
        try {
          await worker.track(m.event);
        } catch (e) {
          report(e);
        }
    }
  }

  const controller: Controller = {
    state: () => state,
    gpc,
    subscribe(fn) {
      subs.push(fn);
      return () => subs.splice(subs.indexOf(fn), 1);
    },
    open: () => setView('panel'),
    close: () => setView('launcher'),
    async decide(purposes, source) {
      set({ status: await worker.setConsent(purposes, source), recs: null, segment: null });
      scheduleRefresh();
    },
  };

  void worker
    .subscribe(proxy(onNotice))
    .then(() =>
      worker.init({
        site: link.site,
        serverUrl: location.origin,
        notice: NOTICE_VERSION,
        gpc,
        device: deviceClass(),
      }),
    )
    .then((status) => {
      set({ status });
      // Host messages are handled strictly in order: a queued consent must land before the
      // track calls queued after it.
      let inbox = Promise.resolve();
      link.listen((m) => {
        inbox = inbox.then(() => onHost(m));
      });
      link.send({ type: 'ready' });
      scheduleRefresh();
    })
    .catch(report);
  return controller;
}

/** Coarse device class from the screen (the frame's own viewport is only the widget's size). */
function deviceClass(): DeviceClass {
  const coarse = matchMedia('(pointer: coarse)').matches;
  const width = Math.min(screen.width, screen.height);
  if (coarse && width < 600) return 'mobile';
  if (coarse && width < 1024) return 'tablet';
  return 'desktop';
}
