/**
 * The host↔frame protocol: every message that crosses `postMessage` between the loader on the host page
 * and the frame. Both ends import it; each side accepts a message only from the exact expected origin
 * and window, and only if {@link isHostMessage} / {@link isFrameMessage} says it has the right shape.
 */
import type {
  ConsentSource,
  ExperimentSpec,
  FaqEntry,
  Handoff,
  PropValue,
  TemplateConfig,
  TrackEvent,
} from '../worker/protocol';

/** Marks Confide's messages among everything else a page posts. */
export const CHANNEL = 'confide/1';

/**
 * What a site configures, from the script tag's data attributes and `confide('init', {...})` (the call
 * wins), as the frame runs with it after checking what the loader forwarded ({@link ForwardedOptions}).
 */
export interface SiteOptions {
  /** BCP 47 language; default: the host page's `<html lang>`, then the browser's. `en` and `de` ship. */
  readonly locale?: string;
  readonly theme?: {
    /** CSS color of the brand (launcher, visitor bubbles, buttons). */
    readonly brand?: string;
    /** Corner radius in px. */
    readonly radius?: number;
    readonly position?: 'right' | 'left';
    /** `auto` follows `prefers-color-scheme`. */
    readonly mode?: 'auto' | 'light' | 'dark';
  };
  /** Proactive greeting after this delay (default 8000 ms), once per session; `false` turns it off. */
  readonly greetingDelayMs?: number | false;
  readonly handoff?: Handoff;
  readonly templates?: TemplateConfig;
  /**
   * The site's FAQ, answered on the device: its entries (question variants, answer, optional link),
   * or the URL of the bundle `npm run faq` builds, served with CORS for the widget's origin.
   */
  readonly faq?: readonly FaqEntry[] | string;
  readonly experiments?: readonly ExperimentSpec[];
  readonly webgpu?: boolean;
}

/**
 * The site's options as the loader forwards them: unchecked plain data, validated once by the frame
 * (frame/site-options.ts), which warns about each bad field. The loader only reads `theme.position`
 * to place the iframe before the frame has loaded.
 */
export interface ForwardedOptions {
  /** From the script tag's data attributes. */
  readonly script?: unknown;
  /** Each `confide('init', {...})` call made before the frame loaded, in order (later ones win). */
  readonly init?: readonly unknown[];
  /** The host page's `<html lang>`, used when the site chose no locale. */
  readonly lang?: string;
}

/** Where a consent decision relayed by the loader came from. */
export type RelayedConsentSource = Extract<ConsentSource, 'api' | 'cmp' | 'webview'>;

/** Loader → frame. */
export type HostMessage =
  | { readonly channel: typeof CHANNEL; readonly type: 'track'; readonly event: TrackEvent }
  | { readonly channel: typeof CHANNEL; readonly type: 'open' }
  | { readonly channel: typeof CHANNEL; readonly type: 'close' }
  | { readonly channel: typeof CHANNEL; readonly type: 'config'; readonly options: ForwardedOptions }
  | {
      readonly channel: typeof CHANNEL;
      readonly type: 'consent';
      readonly personalize: boolean;
      readonly share: boolean;
      /** Default `api`; `cmp` when read from a consent manager (TCF, Google Consent Mode). */
      readonly source?: RelayedConsentSource;
      /**
       * For `cmp` only: `true` when the visitor changed their choice in the consent manager while this
       * page was open (TCF `useractioncomplete`, a Consent Mode `update` pushed after the loader started),
       * so it is a new decision; absent for the state the page loaded with, which may only restrict a
       * later choice made in the widget's own prompt (docs/consent-sources.md).
       */
      readonly live?: boolean;
    }
  | { readonly channel: typeof CHANNEL; readonly type: 'forget' }
  | { readonly channel: typeof CHANNEL; readonly type: 'export' };

/**
 * Display states the frame asks the loader to size the iframe for: the launcher button, the open
 * panel, or the whole viewport (the loader picks `fullscreen` for `panel` on small screens).
 */
export type FrameView = 'launcher' | 'panel' | 'fullscreen';

/** Frame → loader. */
export type FrameMessage =
  | { readonly channel: typeof CHANNEL; readonly type: 'ready' }
  | { readonly channel: typeof CHANNEL; readonly type: 'view'; readonly view: FrameView }
  | {
      readonly channel: typeof CHANNEL;
      readonly type: 'recommendation';
      readonly items: readonly { readonly id: string; readonly title: string }[];
    }
  | {
      readonly channel: typeof CHANNEL;
      readonly type: 'segment';
      readonly segment: { readonly id: number; readonly name: string };
    }
  /** The visitor's arm in one of the site's experiments, sent once per page view with `personalize`. */
  | {
      readonly channel: typeof CHANNEL;
      readonly type: 'experiment';
      readonly experiment: string;
      readonly variant: string;
    }
  /**
   * Answer to `export`, which asks the visitor inside the frame: whether they downloaded their copy.
   * The data itself never crosses to the host page, where any script could read it.
   */
  | { readonly channel: typeof CHANNEL; readonly type: 'exported'; readonly downloaded: boolean }
  /**
   * The worker is done with the event of this id (kept, refused or a duplicate): the loader stops
   * holding it for a page that is left too soon.
   */
  | { readonly channel: typeof CHANNEL; readonly type: 'tracked'; readonly id: string }
  /**
   * Whether the widget keeps this visitor's events on the device (`personalize`, with IndexedDB). Only
   * while it does may the loader carry unconfirmed events to the tab's next page (loader/unsent.ts).
   */
  | { readonly channel: typeof CHANNEL; readonly type: 'keeping'; readonly on: boolean };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isPrim = (x: unknown): x is PropValue =>
  typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

/** Shape check for an incoming loader message (the worker validates event contents again). */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x) || x.channel !== CHANNEL) return false;
  switch (x.type) {
    case 'open':
    case 'close':
    case 'forget':
    case 'export':
      return true;
    case 'config':
      // The frame validates the contents again (the worker strictly) before using any of it.
      return isObj(x.options);
    case 'consent':
      return (
        typeof x.personalize === 'boolean' &&
        typeof x.share === 'boolean' &&
        (x.source === undefined || x.source === 'api' || x.source === 'cmp' || x.source === 'webview') &&
        (x.live === undefined || typeof x.live === 'boolean')
      );
    case 'track': {
      const e = x.event;
      return (
        isObj(e) &&
        typeof e.type === 'string' &&
        typeof e.id === 'string' &&
        typeof e.ts === 'number' &&
        isObj(e.props) &&
        Object.values(e.props).every(isPrim)
      );
    }
    default:
      return false;
  }
}

/** Shape check for an incoming frame message. */
export function isFrameMessage(x: unknown): x is FrameMessage {
  if (!isObj(x) || x.channel !== CHANNEL) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'view':
      return x.view === 'launcher' || x.view === 'panel' || x.view === 'fullscreen';
    case 'recommendation':
      return Array.isArray(x.items);
    case 'segment':
      return isObj(x.segment) && typeof x.segment.name === 'string' && typeof x.segment.id === 'number';
    case 'experiment':
      return typeof x.experiment === 'string' && typeof x.variant === 'string';
    case 'exported':
      return typeof x.downloaded === 'boolean';
    case 'tracked':
      return typeof x.id === 'string';
    case 'keeping':
      return typeof x.on === 'boolean';
    default:
      return false;
  }
}

/** Query parameters the loader puts on the frame URL. */
export interface FrameParams {
  /** Site key. */
  readonly site: string;
  /** Exact origin of the host page; the frame talks to nothing else. */
  readonly host: string;
}
