/**
 * confide.js, the only code Confide puts on a host page. It replaces the queueing snippet with the real
 * `confide()` function, replays queued calls, captures page context, relays the page's consent managers
 * and injects the frame. Everything else (UI, storage, models) lives in the frame on the widget's own
 * origin and loads after this. It defines no global but `confide` and never throws into the page.
 *
 * Embed: `<script async src="https://WIDGET/confide.js" data-site="KEY"></script>`, optionally preceded by
 * `window.confide = window.confide || function(){(confide.q=confide.q||[]).push(arguments)}`.
 */
import { startCapture } from './capture';
import { type CommandTarget, dispatch, type ListenerEvent, warn } from './commands';
import { relayConsentManagers } from './consent-relay';
import { connectFrame, type FrameLink, type Outgoing } from './frame-link';
import { attributeOptions, framePosition, plainOptions } from './options';
import { unsentEvents } from './unsent';

type ConfideFn = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };
// biome-ignore lint/complexity/noBannedTypes: listeners of every kind are called the same guarded way.
type Listener = Function;

function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site][src*="confide"]');
}

/** Calls a site's listener; its exceptions become warnings instead of breaking the channel. */
function call(fns: readonly Listener[], value: unknown, what: string): void {
  for (const fn of fns) {
    try {
      fn(value);
    } catch (e) {
      warn(`a ${what} listener threw: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

function boot(): void {
  const w = window as unknown as { confide?: ConfideFn };
  if (w.confide?.loaded) return; // The tag was included twice.
  const script = findScript();
  const site = script?.getAttribute('data-site');
  if (!script || !site) {
    warn('no data-site attribute found on the confide.js script tag; the widget is not started');
    return;
  }
  const queued = Array.from(w.confide?.q || []);
  const listeners: Record<ListenerEvent, Listener[]> = { recommendation: [], segment: [], experiment: [] };
  const exports: Listener[] = [];
  const fromScript = attributeOptions((name) => script.getAttribute(name));
  const inits: unknown[] = [];
  let configured = false;
  let link: FrameLink | undefined;
  let storage: Storage | null = null;
  try {
    storage = sessionStorage;
  } catch {
    // A sandboxed page without storage: nothing is carried across pages.
  }
  const unsent = unsentEvents(storage);
  const send = (m: Outgoing) => link?.send(m);

  const target: CommandTarget = {
    init(o) {
      if (configured) warn("confide('init') ignored: call it before the widget has loaded");
      else inits.push(plainOptions(o, warn));
    },
    track(type, props) {
      const event = { type: type as never, props, ts: Date.now(), id: randomId() };
      unsent.hold(event);
      send({ type: 'track', event });
    },
    open: () => send({ type: 'open' }),
    close: () => send({ type: 'close' }),
    consent: (personalize, share) => send({ type: 'consent', personalize, share, source: 'api' }),
    forget: () => send({ type: 'forget' }),
    export(fn) {
      exports.push(fn);
      send({ type: 'export' });
    },
    on: (event: ListenerEvent, fn: Listener) => listeners[event].push(fn),
  };

  // Options come first: the iframe is placed on the configured side and configured before anything else.
  for (const args of queued) if (args[0] === 'init') dispatch(target, args);
  link = connectFrame(
    new URL('.', script.src),
    site,
    () => framePosition([fromScript, ...inits]),
    () => {
      configured = true;
      const lang = document.documentElement.lang;
      return { type: 'config', options: { script: fromScript, init: inits, ...(lang ? { lang } : {}) } };
    },
    (m) => {
      if (m.type === 'recommendation') call(listeners.recommendation, m.items, 'recommendation');
      else if (m.type === 'segment') call(listeners.segment, m.segment, 'segment');
      else if (m.type === 'experiment')
        call(listeners.experiment, { experiment: m.experiment, variant: m.variant }, 'experiment');
      else if (m.type === 'exported') call(exports.splice(0, 1), { downloaded: m.downloaded }, 'export');
      else if (m.type === 'tracked') unsent.confirm(m.id);
      else if (m.type === 'keeping') unsent.keeping(m.on);
    },
  );
  for (const event of unsent.carried) send({ type: 'track', event });
  addEventListener('pagehide', unsent.save);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && unsent.save());

  const api: ConfideFn = (...args: unknown[]) => dispatch(target, args);
  api.loaded = true;
  w.confide = api;
  for (const args of queued) if (args[0] !== 'init') dispatch(target, args);
  relayConsentManagers(window, (purposes, live) =>
    send({ type: 'consent', ...purposes, source: 'cmp', live }),
  );
  startCapture((type, props) => target.track(type, props), window);
}

try {
  boot();
} catch (e) {
  warn(`failed to start: ${e instanceof Error ? e.message : String(e)}`);
}
