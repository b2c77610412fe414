/**
 * The host↔frame protocol: every message that crosses `postMessage` between the loader on the host page
 * and the frame. Both ends import it; each side accepts a message only from the exact expected origin
 * and window, and only if {@link isHostMessage} / {@link isFrameMessage} says it has the right shape.
 */
import type { PropValue, TrackEvent } from '../worker/protocol';

/** Marks Confide's messages among everything else a page posts. */
export const CHANNEL = 'confide/1';

/** Loader → frame. */
export type HostMessage =
  | { readonly channel: typeof CHANNEL; readonly type: 'track'; readonly event: TrackEvent }
  | { readonly channel: typeof CHANNEL; readonly type: 'open' }
  | { readonly channel: typeof CHANNEL; readonly type: 'close' }
  | {
      readonly channel: typeof CHANNEL;
      readonly type: 'consent';
      readonly personalize: boolean;
      readonly share: boolean;
    };

/** Display states the frame asks the loader to size the iframe for. */
export type FrameView = 'launcher' | 'panel';

/** Frame → loader. */
export type FrameMessage =
  | { readonly channel: typeof CHANNEL; readonly type: 'ready' }
  | { readonly channel: typeof CHANNEL; readonly type: 'view'; readonly view: FrameView }
  | {
      readonly channel: typeof CHANNEL;
      readonly type: 'recommendation';
      readonly items: readonly { readonly id: string; readonly title: string }[];
    };

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isPrim = (x: unknown): x is PropValue =>
  typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

/** Shape check for an incoming loader message (the worker validates event contents again). */
export function isHostMessage(x: unknown): x is HostMessage {
  if (!isObj(x) || x.channel !== CHANNEL) return false;
  switch (x.type) {
    case 'open':
    case 'close':
      return true;
    case 'consent':
      return typeof x.personalize === 'boolean' && typeof x.share === 'boolean';
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
      return x.view === 'launcher' || x.view === 'panel';
    case 'recommendation':
      return Array.isArray(x.items);
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
