/**
 * The loader's side of the host↔frame channel: injects the iframe, sizes it, and exchanges messages
 * with it. A message is accepted only from the widget's exact origin AND from this iframe's window;
 * messages are posted only to that origin, so nothing leaks to a frame that navigated elsewhere.
 */
import { CHANNEL, type FrameMessage, type FrameView, type HostMessage, isFrameMessage } from '../protocol';

type Outgoing = HostMessage extends infer M ? (M extends unknown ? Omit<M, 'channel'> : never) : never;

/** A connected frame: send messages, learn about what it says. */
export interface FrameLink {
  send(message: Outgoing): void;
  readonly iframe: HTMLIFrameElement;
}

const SIZES: Record<FrameView, string> = {
  launcher: 'width:88px;height:88px',
  panel: 'width:min(400px,100vw);height:min(640px,100vh)',
};

/** Injects the frame and wires the channel. Messages sent before the frame is ready are queued. */
export function connectFrame(
  widgetBase: URL,
  site: string,
  onMessage: (message: FrameMessage) => void,
): FrameLink {
  const widgetOrigin = widgetBase.origin;
  const iframe = document.createElement('iframe');
  const src = new URL('frame.html', widgetBase);
  src.searchParams.set('site', site);
  src.searchParams.set('host', location.origin);
  iframe.src = src.href;
  iframe.title = 'Chat';
  iframe.setAttribute('data-confide-frame', '');
  const place = (view: FrameView) => {
    iframe.style.cssText = `position:fixed;right:0;bottom:0;border:0;z-index:2147483000;background:transparent;color-scheme:normal;${SIZES[view]}`;
  };
  place('launcher');

  let ready = false;
  const pending: Outgoing[] = [];
  const post = (m: Outgoing) => iframe.contentWindow?.postMessage({ ...m, channel: CHANNEL }, widgetOrigin);

  addEventListener('message', (e: MessageEvent) => {
    if (e.origin !== widgetOrigin || e.source !== iframe.contentWindow || !isFrameMessage(e.data)) return;
    const m = e.data;
    if (m.type === 'ready') {
      ready = true;
      for (const p of pending.splice(0)) post(p);
    } else if (m.type === 'view') {
      place(m.view);
    }
    onMessage(m);
  });

  (document.body ?? document.documentElement).appendChild(iframe);
  return {
    iframe,
    send(m) {
      // Bounded so a page that tracks in a loop before the frame loads cannot grow memory forever.
      if (ready) post(m);
      else if (pending.length < 100) pending.push(m);
    },
  };
}
