/**
 * The app↔frame bridge for mobile webviews (iOS WKWebView, Android WebView). The app loads the frame
 * document itself as the webview's page and exchanges the SAME typed messages as the loader
 * ({@link HostMessage} in, {@link FrameMessage} out), only over native channels instead of
 * `postMessage` between windows:
 *  - frame → app: `window.webkit.messageHandlers.confide.postMessage(message)` on iOS (WebKit copies the
 *    object into an NSDictionary), `window.ConfideAndroid.postMessage(JSON.stringify(message))` on
 *    Android (an `@JavascriptInterface` method only takes primitives, hence the string);
 *  - app → frame: the app evaluates `window.confideBridge.receive(message)` in the page (WKWebView's
 *    `evaluateJavaScript`, Android's `evaluateJavascript`: both only call into page JavaScript, so the
 *    frame has to install a function for them to call). Objects and JSON strings are both accepted.
 * docs/webview.md documents every message with examples and native snippets.
 */
import { CHANNEL, type FrameMessage, type HostMessage, isHostMessage } from './protocol';

/**
 * What the frame reports as its host origin in webview mode. A webview has no host page and so no
 * origin to check; this value is deliberately not an origin, so that no code can mistake it for one.
 */
export const WEBVIEW_ORIGIN = 'webview:';

/** The frame URL's `mode` value that selects the webview bridge. */
export const WEBVIEW_MODE = 'webview';

/** Longest JSON string the bridge parses: generous for a `config` with templates, bounded all the same. */
export const MAX_BRIDGE_CHARS = 65_536;

/** The iOS side: `WKUserContentController.add(handler, name: "confide")` makes this appear. */
export interface IosMessageHandler {
  postMessage(message: FrameMessage): void;
}

/** The Android side: `addJavascriptInterface(obj, "ConfideAndroid")` makes this appear. */
export interface AndroidInterface {
  postMessage(json: string): void;
}

/** What the frame installs as `window.confideBridge` in webview mode, for the app to call. */
export interface WebviewBridge {
  /** The message channel, so that an app can check it speaks the same protocol version. */
  readonly channel: typeof CHANNEL;
  /**
   * Hands one app message to the frame: a {@link HostMessage} object or its JSON string, `channel`
   * optional. Returns whether it was accepted (the app sees the value in its evaluate callback).
   */
  receive(message: unknown): boolean;
}

/** The globals a webview page may carry; all optional, since a browser tab has none of them. */
export interface WebviewGlobals {
  readonly webkit?: { readonly messageHandlers?: { readonly confide?: IosMessageHandler } };
  readonly ConfideAndroid?: AndroidInterface;
  readonly confideBridge?: WebviewBridge;
}

/** What the frame URL says in webview mode. */
export interface WebviewParams {
  readonly site: string;
  /**
   * Global Privacy Control as the app relays it: `gpc=1` true, `gpc=0` false, absent null (then only
   * the webview's own `navigator.globalPrivacyControl` counts). Any other value counts as true: an
   * unreadable privacy signal must not turn sharing on.
   */
  readonly gpc: boolean | null;
}

/** Why a frame URL cannot start webview mode, in words for the app developer's console. */
export type WebviewParamsProblem = string;

/** Reads the frame URL's query string; returns the params, or the reason they are unusable. */
export function parseWebviewParams(search: string): WebviewParams | WebviewParamsProblem {
  const params = new URLSearchParams(search);
  if (params.get('mode') !== WEBVIEW_MODE) return 'the frame URL does not say mode=webview';
  // A host parameter belongs to the iframe embedding; both at once means the URL was built wrongly.
  if (params.has('host')) return 'a webview frame URL must not carry a host parameter';
  const site = params.get('site') ?? '';
  if (!/^[A-Za-z0-9_-]{3,64}$/.test(site)) return 'the frame URL must carry a site key';
  const raw = params.get('gpc');
  const gpc = raw === null ? null : raw !== '0' && raw !== 'false';
  return { site, gpc };
}

/**
 * Turns what the app passed to `receive` into a checked {@link HostMessage}, or null. The channel may
 * be left out; a consent decision without a source is recorded as coming from the webview, and the
 * app's `config` options count as one `confide('init')` call.
 */
export function parseBridgeMessage(input: unknown): HostMessage | null {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_BRIDGE_CHARS) return null;
    try {
      value = JSON.parse(input);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.channel !== undefined && record.channel !== CHANNEL) return null;
  const message: Record<string, unknown> = { ...record, channel: CHANNEL };
  if (message.type === 'consent' && message.source === undefined) message.source = 'webview';
  // The app sends its options as it would pass them to `confide('init')`; the frame checks them.
  if (message.type === 'config') message.options = { init: [record.options] };
  return isHostMessage(message) ? message : null;
}
