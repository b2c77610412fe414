/**
 * The frame's side of the webview bridge: the frame document is the app's webview page, talks to the
 * app's native handler instead of a parent window, and installs `window.confideBridge` for the app to
 * call. The message protocol is in widget/webview-protocol.ts; the threat model in docs/webview.md.
 *
 * Who can reach the bridge: only scripts running in this document, which are Confide's own (the frame
 * CSP allows `script-src 'self'` only), and the app that owns the webview; a page on another origin
 * cannot touch this window's globals. Beyond that, the bridge is installed only when the URL asks for
 * webview mode, and webview mode refuses to run inside a frame of another origin.
 */
import { CHANNEL, type HostMessage } from '../protocol';
import {
  type AndroidInterface,
  type IosMessageHandler,
  parseBridgeMessage,
  parseWebviewParams,
  WEBVIEW_MODE,
  WEBVIEW_ORIGIN,
  type WebviewBridge,
  type WebviewGlobals,
} from '../webview-protocol';
import { type HostLink, HostMismatchError } from './host-link';

/** App messages kept while the frame starts (before the controller listens); more are refused. */
const MAX_EARLY_MESSAGES = 100;
/** Frame messages kept while the app has no handler yet; the oldest go first. */
const MAX_UNSENT_MESSAGES = 100;

/** Whether the frame URL asks for webview mode (`mode=webview`); {@link connectWebview} checks the rest. */
export function isWebviewMode(win: Window): boolean {
  return new URLSearchParams(win.location.search).get('mode') === WEBVIEW_MODE;
}

/** The connected bridge, plus the GPC signal the app put on the URL (null when it said nothing). */
export interface WebviewConnection {
  readonly link: HostLink;
  readonly gpc: boolean | null;
}

type Outgoing = Parameters<IosMessageHandler['postMessage']>[0];

/**
 * Connects to the app: checks the URL and the window and installs `window.confideBridge`. Throws
 * `HostMismatchError` (the frame then stays inert, with no bridge) when the URL is not a webview URL
 * or the document is framed by another origin.
 *
 * The native handler is looked up at each send rather than once: iOS lets an app add its handler
 * after the page loaded. Messages sent before it exists wait (bounded) and go out with the next send
 * or the app's next `receive` call, whichever comes first.
 */
export function connectWebview(win: Window): WebviewConnection {
  const params = parseWebviewParams(win.location.search);
  if (typeof params === 'string') throw new HostMismatchError(params);
  if (!topLevelOrOwnOrigin(win)) {
    throw new HostMismatchError('webview mode runs as the page itself, not framed by another origin');
  }
  const globals = win as Window & WebviewGlobals;
  const unsent: Outgoing[] = [];
  const flush = (): void => {
    const deliver = nativeSink(globals.webkit?.messageHandlers?.confide, globals.ConfideAndroid);
    if (deliver) for (const m of unsent.splice(0)) deliver(m);
  };

  let listener: ((m: HostMessage) => void) | null = null;
  const early: HostMessage[] = [];
  const bridge: WebviewBridge = Object.freeze({
    channel: CHANNEL,
    receive(input: unknown): boolean {
      flush();
      const message = parseBridgeMessage(input);
      if (!message) return false;
      if (listener) listener(message);
      else if (early.length < MAX_EARLY_MESSAGES) early.push(message);
      else return false;
      return true;
    },
  });
  // Fixed in place, so that nothing later in the page can swap in a bridge of its own.
  Object.defineProperty(win, 'confideBridge', { value: bridge, writable: false, configurable: false });

  return {
    gpc: params.gpc,
    link: {
      site: params.site,
      hostOrigin: WEBVIEW_ORIGIN,
      send(m) {
        if (unsent.length >= MAX_UNSENT_MESSAGES) unsent.shift();
        unsent.push({ ...m, channel: CHANNEL });
        flush();
      },
      listen(fn) {
        listener = fn;
        for (const m of early.splice(0)) fn(m);
      },
    },
  };
}

/** The app's handler as one send function; iOS first, since a WKWebView never has the Android object. */
function nativeSink(
  ios: IosMessageHandler | undefined,
  android: AndroidInterface | undefined,
): ((m: Outgoing) => void) | null {
  const send = ios
    ? (m: Outgoing) => ios.postMessage(m)
    : android
      ? (m: Outgoing) => android.postMessage(JSON.stringify(m))
      : null;
  if (!send) return null;
  return (m) => {
    try {
      send(m);
    } catch (e) {
      // A native handler that throws (e.g. an app mid-teardown) must not break the widget.
      console.warn(`[confide] the app bridge refused a ${m.type} message: ${String(e)}`);
    }
  };
}

/**
 * True for the webview's page itself, and for a frame whose parent is on the frame's own origin (the
 * app stand-in demo, demo/webview.html). Reading a cross-origin parent's location throws.
 */
function topLevelOrOwnOrigin(win: Window): boolean {
  if (win.parent === win) return true;
  try {
    return win.parent.location.origin === win.location.origin;
  } catch {
    return false;
  }
}
