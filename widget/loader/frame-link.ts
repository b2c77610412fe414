/**
 * The loader's side of the host↔frame channel: injects the iframe, sizes it, and exchanges messages
 * with it. A message is accepted only from the widget's exact origin AND from this iframe's window;
 * messages are posted only to that origin, so nothing leaks to a frame that navigated elsewhere.
 */
import { CHANNEL, type FrameMessage, type FrameView, type HostMessage, isFrameMessage } from '../protocol';

/** A host message without its channel marker, as the loader composes it. */
export type Outgoing = HostMessage extends infer M ? (M extends unknown ? Omit<M, 'channel'> : never) : never;

/** A connected frame: send messages, learn about what it says. */
export interface FrameLink {
  send(message: Outgoing): void;
  readonly iframe: HTMLIFrameElement;
}

/**
 * Screens where the panel takes the whole viewport: narrower than 480 px, or a touch device whose
 * viewport is too low for the 640 px panel (a phone held sideways).
 */
export const SMALL_SCREEN = '(max-width: 479.98px), (pointer: coarse) and (max-height: 479.98px)';

/** The geometry the loader applies: the frame's view, with `panel` made `fullscreen` on small screens. */
export function appliedView(view: FrameView, small: boolean): FrameView {
  return view === 'panel' && small ? 'fullscreen' : view;
}

/** Inline style of the iframe for a view (as applied), on the given side of the viewport. */
export function frameStyle(view: FrameView, side: 'left' | 'right'): string {
  const base =
    'position:fixed;border:0;margin:0;z-index:2147483000;background:transparent;color-scheme:normal;';
  if (view === 'fullscreen') return `${base}top:0;left:0;width:100%;height:100%`;
  const size = view === 'panel' ? 'width:min(400px,100vw);height:min(640px,100vh)' : 'width:88px;height:88px';
  return `${base}bottom:0;${side}:0;${size}`;
}

/**
 * Injects the frame and wires the channel. Messages sent before the frame is ready are queued; when it
 * is, `first()` is posted before any of them (the site options). `side()` is read at every resize.
 */
export function connectFrame(
  widgetBase: URL,
  site: string,
  side: () => 'left' | 'right',
  first: () => Outgoing,
  onMessage: (message: FrameMessage) => void,
): FrameLink {
  const widgetOrigin = widgetBase.origin;
  const iframe = document.createElement('iframe');
  const src = new URL('frame.html', widgetBase);
  src.searchParams.set('site', site);
  src.searchParams.set('host', location.origin);
  // The frame needs only the host's origin, which its URL carries; the page's own URL stays here.
  iframe.referrerPolicy = 'no-referrer';
  iframe.src = src.href;
  iframe.title = 'Chat';
  iframe.setAttribute('data-confide-frame', '');
  const small = matchMedia(SMALL_SCREEN);
  let view: FrameView = 'launcher';
  const place = () => {
    const applied = appliedView(view, small.matches);
    iframe.style.cssText = frameStyle(applied, side());
    // The frame sees its own viewport grow to the whole screen; the attribute is for the site's CSS.
    iframe.setAttribute('data-view', applied);
  };
  place();
  // A phone turned sideways, or a window resized across the threshold, while the panel is open.
  if (small.addEventListener) small.addEventListener('change', place);

  let ready = false;
  const pending: Outgoing[] = [];
  const post = (m: Outgoing) => {
    const win = iframe.contentWindow;
    if (win) win.postMessage({ ...m, channel: CHANNEL }, widgetOrigin);
  };

  addEventListener('message', (e: MessageEvent) => {
    if (e.origin !== widgetOrigin || e.source !== iframe.contentWindow || !isFrameMessage(e.data)) return;
    const m = e.data;
    if (m.type === 'ready') {
      // A frame that reloads says `ready` again and gets the options again; queued messages go once.
      ready = true;
      post(first());
      for (const p of pending.splice(0)) post(p);
    } else if (m.type === 'view') {
      view = m.view;
      place();
    }
    onMessage(m);
  });

  (document.body || document.documentElement).appendChild(iframe);
  return {
    iframe,
    send(m) {
      // Bounded so a page that tracks in a loop before the frame loads cannot grow memory forever.
      if (ready) post(m);
      else if (pending.length < 100) pending.push(m);
    },
  };
}
