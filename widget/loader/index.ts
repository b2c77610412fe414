/**
 * confide.js, the only code Confide puts on a host page. It replaces the queueing snippet with the real
 * `confide()` function, replays queued calls, captures page context and injects the frame. Everything
 * else (UI, storage, models) lives in the frame on the widget's own origin and loads after this.
 *
 * Embed: `<script async src="https://WIDGET/confide.js" data-site="KEY"></script>`, optionally preceded by
 * `window.confide = window.confide || function(){(confide.q=confide.q||[]).push(arguments)}`.
 */
import type { PropValue } from '../../worker/protocol';
import { startCapture } from './capture';
import { type CommandTarget, dispatch, warn } from './commands';
import { connectFrame } from './frame-link';

type ConfideFn = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };
type Listener = (items: readonly { id: string; title: string }[]) => void;

function randomId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  return document.querySelector<HTMLScriptElement>('script[data-site][src*="confide"]');
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
  const queued = w.confide?.q ? Array.from(w.confide.q) : [];
  const listeners: Listener[] = [];

  const link = connectFrame(new URL('.', script.src), site, (m) => {
    if (m.type === 'recommendation') {
      for (const fn of listeners) {
        try {
          fn(m.items);
        } catch (e) {
          warn(`a recommendation listener threw: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
  });

  const target: CommandTarget = {
    track: (type, props) =>
      link.send({ type: 'track', event: { type: type as never, props, ts: Date.now(), id: randomId() } }),
    open: () => link.send({ type: 'open' }),
    close: () => link.send({ type: 'close' }),
    consent: (personalize, share) => link.send({ type: 'consent', personalize, share }),
    on: (_event, fn) => listeners.push(fn),
  };

  const api: ConfideFn = (...args: unknown[]) => dispatch(target, args);
  api.loaded = true;
  w.confide = api;

  startCapture((type, props: Record<string, PropValue>) => target.track(type, props));
  for (const args of queued) dispatch(target, args);
}

try {
  boot();
} catch (e) {
  warn(`failed to start: ${e instanceof Error ? e.message : String(e)}`);
}
